/*
 * A worker thread does not share its caller's compile cache: `module.enableCompileCache()` on the
 * caller's thread (bin/ai-log-trail.js) leaves a worker compiling every module it loads anew. The
 * CLI bundle's workers load the very bundle the caller loaded (src/cli/bundle-entry.ts), so each
 * worker compiled some 2 MB of code the cache already holds. A worker started with
 * NODE_COMPILE_CACHE in its environment turns the cache on before its first module loads.
 */
import * as nodeModule from 'node:module'
import { dirname } from 'node:path'

/**
 * The environment a worker of ours starts with: the caller's, and the folder of the caller's
 * compile cache when one is on and the environment does not name it already. Undefined (the
 * default: the caller's environment) otherwise, so NODE_DISABLE_COMPILE_CACHE and a cache the
 * caller did not turn on stay as they are.
 */
export function workerEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv | undefined {
  if (env.NODE_COMPILE_CACHE || env.NODE_DISABLE_COMPILE_CACHE) return undefined
  // Node keeps the cache in a folder of its own (its version, the platform, the user) inside the
  // one it was given; given that same outer folder, the worker finds the same inner one.
  const dir = nodeModule.getCompileCacheDir?.()
  return dir ? { ...env, NODE_COMPILE_CACHE: dirname(dir) } : undefined
}
