export { aiderHistory } from './history.js'
