import type { PollDefinition } from '../../core/polls/definition'
import type { RoomProcess } from '../reliability/helpers'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { afterAll, describe, expect, it } from 'vitest'
import { DatabaseLockedError, lockPathFor } from '../../room/db-lock'
import { resolveRoomOptions } from '../../room/options'
import { secretFileFor } from '../../room/presenter-secret'
import { createRoomServer } from '../../room/server'
import { startTestRoom, TestClient } from '../../room/testing'
import { control, startRoomProcess } from '../reliability/helpers'

const dir = mkdtempSync(join(tmpdir(), 'room-db-lock-'))
const processes: RoomProcess[] = []
afterAll(async () => {
  await Promise.all(processes.map(p => p.stop()))
  rmSync(dir, { recursive: true, force: true })
})

const poll: PollDefinition = { id: 'locked', kind: 'choice', question: 'Which?', options: ['A', 'B'] }

/** The PID of a process that has already exited: what a crash leaves in a lock file. */
function deadPid(): number {
  const run = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' })
  return Number(run.stdout)
}

describe('one room server per database', () => {
  it('refuses a second server on the same file, naming the PID and port that hold it', async () => {
    const dbPath = join(dir, 'shared.sqlite')
    const first = await startRoomProcess({ dbPath })
    processes.push(first)
    expect(JSON.parse(readFileSync(lockPathFor(dbPath), 'utf8'))).toMatchObject({ pid: first.pid, port: first.port })

    const refused = startTestRoom({ dir, dbPath })
    await expect(refused).rejects.toThrow(DatabaseLockedError)
    await expect(refused).rejects.toThrow(`PID ${first.pid} on port ${first.port}`)
    // The first server still owns its file and its lock.
    expect(JSON.parse(readFileSync(lockPathFor(dbPath), 'utf8'))).toMatchObject({ pid: first.pid })
    expect((await fetch(`${first.url}/api/health`)).status).toBe(200)

    // Once it has stopped, the file is free again.
    await first.stop()
    expect(existsSync(lockPathFor(dbPath))).toBe(false)
    const next = await startTestRoom({ dir, dbPath })
    expect(JSON.parse(readFileSync(lockPathFor(dbPath), 'utf8'))).toMatchObject({ pid: process.pid, port: next.port })
    await next.stop()
    expect(existsSync(lockPathFor(dbPath))).toBe(false)
  })

  it('refuses a second server in the same process too', async () => {
    const dbPath = join(dir, 'same-process.sqlite')
    const first = await startTestRoom({ dir, dbPath })
    try {
      await expect(startTestRoom({ dir, dbPath })).rejects.toThrow(`PID ${process.pid} on port ${first.port}`)
    }
    finally {
      await first.stop()
    }
  })

  it('takes over a stale lock whose process is gone (a crash, kill -9)', async () => {
    const dbPath = join(dir, 'stale.sqlite')
    const pid = deadPid()
    writeFileSync(lockPathFor(dbPath), JSON.stringify({ pid, port: 3030, startedAt: Date.now() - 60_000, token: 'crashed' }))
    const room = await startTestRoom({ dir, dbPath })
    try {
      expect(JSON.parse(readFileSync(lockPathFor(dbPath), 'utf8'))).toMatchObject({ pid: process.pid, port: room.port })
      expect((await fetch(`${room.baseUrl}/api/health`)).status).toBe(200)
    }
    finally {
      await room.stop()
    }
  })

  it('lets the slides\' exporter read a copy beside a live room, writing nothing to the file', async () => {
    const dbPath = join(dir, 'exported.sqlite')
    const live = await startRoomProcess({ dbPath })
    processes.push(live)
    await control(live.url, { kind: 'open', poll })
    await control(live.url, { kind: 'reveal', pollId: 'locked', revealed: true })

    const copy = createRoomServer({ secret: 'export-only', dbPath, snapshot: true })
    try {
      expect(copy.room.results({ authorized: false }).map(r => r.poll.id)).toEqual(['locked'])
      // Its writes stay in the copy: the live room and its file never see them.
      expect(copy.room.control({ kind: 'reset', pollId: 'locked' })).toMatchObject({ ok: true, round: 2 })
    }
    finally {
      await copy.close()
    }
    const results = await (await fetch(`${live.url}/api/public-results`)).json() as { polls: Array<{ round: number }> }
    expect(results.polls.map(p => p.round)).toEqual([1])
    expect(JSON.parse(readFileSync(lockPathFor(dbPath), 'utf8'))).toMatchObject({ pid: live.pid })
    await live.stop()
  })

  it('takes over after kill -9 of the server that held it', async () => {
    const dbPath = join(dir, 'killed.sqlite')
    const crashed = await startRoomProcess({ dbPath })
    processes.push(crashed)
    await crashed.kill9()
    expect(JSON.parse(readFileSync(lockPathFor(dbPath), 'utf8'))).toMatchObject({ pid: crashed.pid })
    const again = await startRoomProcess({ dbPath })
    processes.push(again)
    expect(again.output()).toContain(`from PID ${crashed.pid}, which is no longer running`)
    expect(JSON.parse(readFileSync(lockPathFor(dbPath), 'utf8'))).toMatchObject({ pid: again.pid, port: again.port })
    await again.stop()
  })
})

describe('the generated presenter secret', () => {
  it('survives a restart in a 0600 file beside the database, and its controls keep working', async () => {
    const dbPath = join(dir, 'secret', 'room.sqlite')
    const env = { ROOM_DB: dbPath, ROOM_SESSION: 'monday' }
    const firstOptions = resolveRoomOptions({}, { env, log: () => {} })
    const first = await startTestRoom({ dir, ...firstOptions })
    const presenter = await TestClient.connect(first.wsUrl)
    expect(await presenter.control({ kind: 'open', poll }, firstOptions.secret)).toMatchObject({ type: 'ack' })
    await presenter.close()
    await first.stop()

    const file = secretFileFor(dbPath)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ monday: { secret: firstOptions.secret } })

    // `npm start` again: the same secret, so the presenter's page (which kept it) still works.
    const againOptions = resolveRoomOptions({}, { env, log: () => {} })
    expect(againOptions.secret).toBe(firstOptions.secret)
    const again = await startTestRoom({ dir, ...againOptions })
    try {
      const screen = await TestClient.connect(again.wsUrl)
      expect(await screen.control({ kind: 'close', pollId: 'locked' }, firstOptions.secret)).toMatchObject({ type: 'ack' })
      expect(await screen.control({ kind: 'reveal', pollId: 'locked', revealed: true }, 'not-the-secret')).toMatchObject({ type: 'error', code: 'unauthorized' })
      const results = await fetch(`${again.baseUrl}/api/results`, { headers: { Authorization: `Bearer ${firstOptions.secret}` } })
      expect(results.status).toBe(200)
      await screen.close()
    }
    finally {
      await again.stop()
    }
    // --secret / ROOM_SECRET still win over the file.
    expect(resolveRoomOptions({}, { env: { ...env, ROOM_SECRET: 'from-env' } }).secret).toBe('from-env')
  })
})
