import '../esm-dirname-shim.js'
import { run } from './main.js'

await run()
