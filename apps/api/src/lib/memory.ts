import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

let collect: (() => void) | undefined

/**
 * A full garbage collection now, so that memory a large job churned through (a 100,000-row
 * import parses about 150 MB of short-lived objects) goes back to the system at once rather than
 * after V8's idle heuristics, some 30 seconds later. The next big job (an export, say) then starts
 * from the process's usual footprint. `gc` is exposed at run time the way the expose-gc package
 * does it, so the API needs no special start flag. Costs tens of milliseconds: only for big jobs.
 */
export function releaseMemory(): void {
  if (!collect) {
    setFlagsFromString('--expose-gc')
    collect = runInNewContext('gc') as () => void
  }
  collect()
}
