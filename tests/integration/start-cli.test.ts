import { describe, expect, it } from 'vitest'
import { runScript } from '../support/processes'

describe('npm start refuses bad settings before starting anything', () => {
  it('names the valid variants when given one that does not exist', async () => {
    const run = runScript('bin/start.ts', ['--variant', '45', '--port', '1'])
    expect(await run.exited).toBe(1)
    expect(run.output()).toMatch(/not a workshop length/)
    expect(run.output()).toContain('60, 90')
  })

  it('says the same for WORKSHOP_VARIANT in the environment', async () => {
    const run = runScript('bin/start.ts', [], { WORKSHOP_VARIANT: 'long' })
    expect(await run.exited).toBe(1)
    expect(run.output()).toContain('Valid choices: 60, 90')
  })

  it('explains an unknown option with the usage text', async () => {
    const run = runScript('bin/start.ts', ['--colour', 'blue'])
    expect(await run.exited).toBe(1)
    expect(run.output()).toMatch(/Unknown option '--colour'/)
    expect(run.output()).toContain('--variant <60|90>')
  })

  it('rejects a port that is not a port', async () => {
    const run = runScript('bin/start.ts', ['--port', 'eighty'])
    expect(await run.exited).toBe(1)
    expect(run.output()).toContain('--port must be a whole number')
  })
})
