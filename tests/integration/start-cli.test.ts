import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import process from 'node:process'
import { describe, expect, it } from 'vitest'
import { nodeVersionProblem, satisfies } from '../../bin/check-node.mjs'
import { projectRoot, runScript } from '../support/processes'

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

describe('commands on a Node older than the floor', () => {
  // This machine's system Node (Debian's, or the one CI starts with) may be older than the
  // project's; when it is, the npm scripts must stop at once with one line, not crash later.
  const systemNode = ['/usr/bin/node', '/usr/local/bin/node'].find(path => existsSync(path))
  const version = systemNode ? execFileSync(systemNode, ['--version'], { encoding: 'utf8' }).trim() : ''
  const engines = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node
  const old = systemNode !== undefined && !satisfies(version, engines)

  it.skipIf(!old).each(['start', 'run export', 'test'])('npm %s stops in under 5 s and says which Node it needs', (command) => {
    const started = Date.now()
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${dirname(systemNode!)}:${process.env.PATH}` }
    delete env.npm_config_nodedir
    const run = spawnSync('npm', command.split(' '), { cwd: projectRoot, env, encoding: 'utf8', timeout: 20_000 })
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(run.status).toBe(1)
    const said = run.stderr.split('\n').filter(line => line.trim() && !line.startsWith('npm error'))
    expect(said).toEqual([nodeVersionProblem(version, engines)])
    expect(run.stderr).not.toMatch(/\n\s+at /)
  })
})
