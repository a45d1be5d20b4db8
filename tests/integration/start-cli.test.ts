import { Buffer } from 'node:buffer'
import { execFileSync, spawnSync } from 'node:child_process'
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import process from 'node:process'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { nodeVersionProblem, satisfies } from '../../bin/check-node.mjs'
import { Storage } from '../../room/storage'
import { freePort, projectRoot, runScript } from '../support/processes'

describe('npm start refuses bad settings before starting anything', () => {
  it('names the valid variants when given one that does not exist', async () => {
    const run = runScript('bin/start.ts', ['--variant', '45', '--port', '1'])
    expect(await run.exited).toBe(1)
    expect(run.output()).toMatch(/not one of this deck's lengths/)
    expect(run.output()).toContain('60, 90')
  })

  it('says the same for WORKSHOP_VARIANT in the environment', async () => {
    const run = runScript('bin/start.ts', [], { WORKSHOP_VARIANT: 'long' })
    expect(await run.exited).toBe(1)
    expect(run.output()).toMatch(/WORKSHOP_VARIANT.*This deck runs 60, 90/)
  })

  it('explains an unknown option with the usage text', async () => {
    const run = runScript('bin/start.ts', ['--colour', 'blue'])
    expect(await run.exited).toBe(1)
    expect(run.output()).toMatch(/Unknown option '--colour'/)
    expect(run.output()).toContain('--variant <minutes>')
  })

  it('rejects a port that is not a port', async () => {
    const run = runScript('bin/start.ts', ['--port', 'eighty'])
    expect(await run.exited).toBe(1)
    expect(run.output()).toContain('--port must be a whole number')
  })

  it('rejects a phones-per-address cap that is not a whole number', async () => {
    const run = runScript('bin/start.ts', ['--max-per-address', 'lots', '--port', '1'])
    expect(await run.exited).toBe(1)
    expect(run.output()).toContain('--max-per-address: The phones-per-address cap must be a whole number (0 for no cap)')
  })

  it('stops at a damaged --db with one message, before Slidev starts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'start-damaged-'))
    try {
      const db = join(dir, 'room.sqlite')
      new Storage({ path: db }).close()
      const filler = new Database(db)
      filler.exec('CREATE TABLE filler (text TEXT)')
      const insert = filler.prepare('INSERT INTO filler VALUES (?)')
      for (let i = 0; i < 2000; i++)
        insert.run(`row ${i} `.repeat(12))
      filler.pragma('wal_checkpoint(TRUNCATE)')
      filler.close()
      // Garbage over pages in the middle, as a failing disk or a bad copy leaves it.
      const fd = openSync(db, 'r+')
      writeSync(fd, Buffer.alloc(32 * 1024, 0x5A), 0, 32 * 1024, 64 * 1024)
      closeSync(fd)

      const run = runScript('bin/start.ts', ['--db', db, '--port', String(await freePort())])
      expect(await run.exited).toBe(1)
      const lines = run.output().trim().split('\n').map(line => line.trim())
      expect(lines).toHaveLength(2)
      expect(lines[0]).toMatch(new RegExp(`^The room database ${db} is damaged \\((QUICK_CHECK: PRAGMA quick_check|SQLITE_CORRUPT\\w*): .+\\)\\.$`))
      expect(lines[1]).toContain('.recover')
      expect(run.output()).not.toMatch(/\n\s+at |Workshop ready|slidev/i)
    }
    finally {
      rmSync(dir, { recursive: true, force: true })
    }
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
