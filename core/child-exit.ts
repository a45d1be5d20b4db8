/**
 * What a command that supervises a child process should say and return when
 * that child ends. A child killed by a signal has no exit code; passing that
 * on as 0 would report a crash as success.
 */

export interface ChildEnd {
  code: number | null
  signal: string | null
}

export interface Outcome {
  /** The supervisor's own exit code: 0 only for a clean end. */
  exitCode: number
  /** One line for the terminal, or null when there is nothing to say. */
  message: string | null
}

/**
 * @param name what the child is, for the message ("Slidev's dev server")
 * @param end how the child ended: an exit code, or the signal that killed it
 * @param stoppedBy the signal the supervisor itself forwarded, if it asked the child to stop
 * @param signalNumber the platform's number for a signal name, for the shell's 128 + n convention
 */
export function childOutcome(name: string, end: ChildEnd, stoppedBy: string | null, signalNumber: (signal: string) => number | undefined): Outcome {
  if (end.signal !== null) {
    if (end.signal === stoppedBy)
      return { exitCode: 0, message: null }
    const n = signalNumber(end.signal)
    return { exitCode: n === undefined ? 1 : 128 + n, message: `${name} was killed by signal ${end.signal}${end.signal === 'SIGSEGV' ? ' (a crash: check that your Node version is supported)' : ''}.` }
  }
  if (end.code === 0 || end.code === null)
    return { exitCode: 0, message: null }
  if (stoppedBy !== null)
    return { exitCode: 0, message: null }
  return { exitCode: end.code, message: `${name} stopped with exit code ${end.code}.` }
}
