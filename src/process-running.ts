/**
 * Whether a process of this id is running (this one is): a temporary file's name carries its
 * writer's id, so what a process no longer running left can be removed and what one still
 * writing holds is left alone (src/output-folder.ts, src/store/render-parts.ts).
 */
export function processRunning(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    // EPERM: a process of another user holds that id.
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}
