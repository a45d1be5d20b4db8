import { describe, expect, it } from 'vitest'
import { childOutcome } from '../../core/child-exit'

const numbers: Record<string, number> = { SIGINT: 2, SIGKILL: 9, SIGSEGV: 11, SIGTERM: 15 }
const signalNumber = (signal: string) => numbers[signal]

describe('childOutcome', () => {
  it('passes a crash by signal on as a failure that names the signal', () => {
    const outcome = childOutcome('The dev server', { code: null, signal: 'SIGSEGV' }, null, signalNumber)
    expect(outcome.exitCode).toBe(139)
    expect(outcome.message).toContain('SIGSEGV')
    expect(outcome.message).toContain('Node version')
  })

  it('reports a kill it did not ask for', () => {
    expect(childOutcome('The dev server', { code: null, signal: 'SIGKILL' }, null, signalNumber)).toEqual({ exitCode: 137, message: 'The dev server was killed by signal SIGKILL.' })
    expect(childOutcome('The dev server', { code: null, signal: 'SIGKILL' }, 'SIGINT', signalNumber).exitCode).toBe(137)
  })

  it('passes a non-zero exit code on with a message', () => {
    expect(childOutcome('The exporter', { code: 3, signal: null }, null, signalNumber)).toEqual({ exitCode: 3, message: 'The exporter stopped with exit code 3.' })
  })

  it('is quiet after a clean exit or a stop it asked for', () => {
    expect(childOutcome('x', { code: 0, signal: null }, null, signalNumber)).toEqual({ exitCode: 0, message: null })
    expect(childOutcome('x', { code: null, signal: 'SIGINT' }, 'SIGINT', signalNumber)).toEqual({ exitCode: 0, message: null })
    expect(childOutcome('x', { code: 130, signal: null }, 'SIGINT', signalNumber)).toEqual({ exitCode: 0, message: null })
  })

  it('uses 1 for a signal the platform does not number', () => {
    expect(childOutcome('x', { code: null, signal: 'SIGWHAT' }, null, signalNumber).exitCode).toBe(1)
  })
})
