/**
 * A loaded machine on demand: `n` processes that only spin, for the rows of
 * the targets that are measured "at load average ≥ 4". On 2 cores the room
 * then gets a fraction of a core, as on a laptop that is also exporting PDFs.
 */
import { spawn } from 'node:child_process'
import { loadavg } from 'node:os'
import process from 'node:process'

export interface BusyLoad {
  processes: number
  /** The 1-minute load average when the load was ready (or when waiting gave up). */
  loadAverage: number
  waitedS: number
  stop: () => void
}

/**
 * Start `n` spinning processes and wait (up to `maxWaitS`) for the 1-minute
 * load average to reach 90% of `n`: it only approaches `n` itself, and the
 * bench's own processes add the rest once it runs (each run records its load).
 */
export async function startBusyLoad(n: number, { maxWaitS = 240, log = (_line: string) => {} } = {}): Promise<BusyLoad> {
  const children = Array.from({ length: n }, () => {
    const child = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' })
    child.unref() // the bench ends when its work does; 'exit' below kills these
    return child
  })
  const stop = (): void => {
    for (const child of children)
      child.kill('SIGKILL')
  }
  // Never leave them spinning, whatever ends the bench.
  process.once('exit', stop)
  const start = Date.now()
  // The 1-minute average follows the run queue with a time constant of a minute: about 2 minutes to get there.
  while (loadavg()[0]! < n * 0.9 && Date.now() - start < maxWaitS * 1000) {
    log(`  load average ${loadavg()[0]!.toFixed(2)}; waiting for ${n}…`)
    await new Promise(resolve => setTimeout(resolve, 15_000))
  }
  return { processes: n, loadAverage: Math.round(loadavg()[0]! * 100) / 100, waitedS: Math.round((Date.now() - start) / 1000), stop }
}
