import { Buffer } from 'node:buffer'
import { spawn } from 'node:child_process'
import { chmodSync, chownSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import process from 'node:process'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { lockPathFor } from '../../room/db-lock'
import { createRoomServer } from '../../room/server'
import { Storage } from '../../room/storage'
import { StorageOpenError } from '../../room/storage-errors'
import { freePort, projectRoot } from '../support/processes'

const dir = mkdtempSync(join(tmpdir(), 'room-storage-open-'))
afterAll(() => {
  chmodAll(dir)
  rmSync(dir, { recursive: true, force: true })
})

function chmodAll(path: string): void {
  try {
    chmodSync(path, 0o755)
  }
  catch {}
}

/** A real room database with enough rows to span many pages, closed. */
function realDatabase(path: string): void {
  new Storage({ path }).close()
  const db = new Database(path)
  db.exec('CREATE TABLE filler (n INTEGER, text TEXT)')
  const insert = db.prepare('INSERT INTO filler VALUES (?, ?)')
  db.transaction(() => {
    for (let i = 0; i < 3000; i++)
      insert.run(i, `row ${i} `.repeat(12))
  })()
  db.exec('CREATE INDEX filler_text ON filler (text)')
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
}

function openError(path: string): StorageOpenError {
  try {
    new Storage({ path }).close()
  }
  catch (error) {
    expect(error).toBeInstanceOf(StorageOpenError)
    return error as StorageOpenError
  }
  throw new Error(`${path} opened`)
}

describe('a room database that cannot be used says so, with the path and what to do', () => {
  it('not a database', () => {
    const path = join(dir, 'notes.sqlite')
    writeFileSync(path, 'Shopping list: milk, eggs, a projector cable.\n'.repeat(200))
    const error = openError(path)
    expect(error.message).toContain(`The room database ${path} is not a SQLite database (SQLITE_NOTADB`)
    expect(error.message).toMatch(/move this file away, or choose another file with --db/)
    // The room server refuses it the same way and leaves no lock behind.
    expect(() => createRoomServer({ secret: 's', dbPath: path })).toThrow(/is not a SQLite database/)
    expect(existsSync(lockPathFor(path))).toBe(false)
  })

  it('damaged: garbage written into the middle of a real database', () => {
    const path = join(dir, 'damaged.sqlite')
    realDatabase(path)
    const size = statSync(path).size
    const fd = openSync(path, 'r+')
    writeSync(fd, Buffer.alloc(16 * 1024, 0xA5), 0, 16 * 1024, Math.floor(size / 2 / 4096) * 4096)
    closeSync(fd)
    const error = openError(path)
    expect(error.message).toContain(`The room database ${path} is damaged (`)
    expect(error.message).toMatch(/QUICK_CHECK|SQLITE_CORRUPT/)
    expect(error.message).toContain('.recover')
  })

  it('cannot be opened: a folder, or a path below a file', () => {
    mkdirSync(join(dir, 'a-folder.sqlite'))
    expect(openError(join(dir, 'a-folder.sqlite')).message).toMatch(/cannot be opened \(EISDIR: it is a folder\)/)
    writeFileSync(join(dir, 'plain-file'), 'x')
    const below = join(dir, 'plain-file', 'room.sqlite')
    expect(openError(below).message).toMatch(new RegExp(`^The room database ${below} cannot be opened \\((ENOTDIR|EEXIST)`))
  })

  it('read-only on the live connection: the first write fails with SQLITE_READONLY', () => {
    const storage = new Storage({ path: join(dir, 'query-only.sqlite') })
    storage.db.pragma('query_only = 1')
    expect(() => storage.health.guard(() => storage.ensureSession('s', 1))).toThrow(/readonly/)
    expect(storage.health.problem).toMatchObject({ code: 'SQLITE_READONLY', cause: 'is read-only' })
    storage.db.pragma('query_only = 0')
    storage.health.guard(() => storage.ensureSession('s', 2))
    expect(storage.health.problem).toBeNull()
    storage.close()
  })
})

// Root reads and writes whatever chmod says, so the permission cases run as `nobody` when
// the tests run as root; SQLite and the OS then refuse exactly as they would for a facilitator.
const NOBODY = 65534
const asRoot = process.getuid?.() === 0
const tsx = resolve(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs')

async function startAsUser(args: string[]): Promise<{ code: number | null, output: string }> {
  const child = spawn(process.execPath, [tsx, resolve(projectRoot, 'bin/start.ts'), ...args], {
    cwd: projectRoot,
    env: { ...process.env, HOME: dir, ROOM_SECRET: '', ROOM_DB: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
  })
  let output = ''
  child.stdout.on('data', chunk => output += String(chunk))
  child.stderr.on('data', chunk => output += String(chunk))
  const code = await new Promise<number | null>(done => child.once('exit', done))
  return { code, output }
}

/** A folder the unprivileged user owns, holding a real database. */
function ownedDatabase(name: string): { folder: string, path: string } {
  const folder = join(dir, name)
  mkdirSync(folder)
  const path = join(folder, 'room.sqlite')
  realDatabase(path)
  if (asRoot) {
    chownSync(dir, NOBODY, NOBODY)
    for (const file of [folder, path])
      chownSync(file, NOBODY, NOBODY)
  }
  return { folder, path }
}

describe.skipIf(process.platform === 'win32')('npm start with a file it may not use stops with one message', () => {
  it('read-only file', async () => {
    const { path } = ownedDatabase('read-only')
    chmodSync(path, 0o444)
    const run = await startAsUser(['--db', path, '--port', String(await freePort()), '--secret', 'x'])
    expect(run.code).toBe(1)
    expect(run.output).toContain(`The room database ${path} is read-only`)
    expect(run.output).toContain('Make the file and its folder writable')
    expect(run.output).not.toMatch(/\n\s+at /)
  })

  it('unreadable folder', async () => {
    const { folder, path } = ownedDatabase('unreadable')
    chmodSync(folder, 0o000)
    const run = await startAsUser(['--db', path, '--port', String(await freePort())])
    chmodSync(folder, 0o755)
    expect(run.code).toBe(1)
    expect(run.output).toContain(`The room database ${path} cannot be read: permission denied (EACCES: the folder ${folder} cannot be read)`)
    expect(run.output).not.toMatch(/\n\s+at /)
  })
})
