// Child process of `npm run bench`: the floor for any ingester that keeps every line in SQLite
// (store-floor.js). Prints one JSON line with the time it took.
// Usage: node scripts/bench/store-floor-child.js <database> <file>...
import { storeFloor } from './store-floor.js'

const [database, ...files] = process.argv.slice(2)
const started = process.hrtime.bigint()
const lines = storeFloor(database, files)
process.stdout.write(JSON.stringify({ seconds: Number(process.hrtime.bigint() - started) / 1e9, lines }) + '\n')
