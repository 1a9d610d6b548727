export * from './tokens.js'
export * from './session.js'
export * from './events.js'
