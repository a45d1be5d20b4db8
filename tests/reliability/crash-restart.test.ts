import type { ResultsExport } from '../../core/protocol'
import type { RoomConnection } from '../../room-client/connection'
import type { RoomProcess } from './helpers'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { connect, control, SECRET, startRoomProcess, until } from './helpers'

const PHONES = 300
const dir = mkdtempSync(join(tmpdir(), 'reliability-crash-'))
const dbPath = join(dir, 'room.sqlite')
// 300 phones share 127.0.0.1 here; a real room has many addresses. Only the limits on new
// and on live ids per address are raised.
const options = { dbPath, newParticipantRate: { capacity: 1000, perSecond: 100 }, maxPerAddress: 10_000 }
const phones: RoomConnection[] = []
let server: RoomProcess | null = null

afterAll(async () => {
  for (const phone of phones)
    phone.close()
  await server?.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe('kill -9 in the middle of a voting burst', () => {
  it('keeps every acknowledged vote exactly once; phones reconnect, resync and resend the rest', async () => {
    server = await startRoomProcess(options)
    const { url, port } = server
    await control(url, { kind: 'open', poll: { id: 'crash', kind: 'choice', question: 'Which helps most?', options: ['A', 'B', 'C', 'D'] } })

    const acked = new Set<number>()
    for (let i = 0; i < PHONES; i++) {
      const phone = connect(url, { role: { kind: 'participant' }, connectTimeoutMs: 20_000 })
      phone.on('ack', a => a.vote && acked.add(i))
      phones.push(phone)
    }
    await until(() => phones.every(p => p.state.status === 'open'), 30_000, 'all phones welcomed')

    // The burst: every phone votes once within 1.2 s; the server dies after 0.5 s.
    const votedAt: number[] = []
    const burst = phones.map((phone, i) => new Promise<void>(done => setTimeout(() => {
      votedAt[i] = Date.now()
      phone.vote('crash', i % 4)
      done()
    }, Math.random() * 1200)))
    await new Promise(r => setTimeout(r, 500))
    const killedAt = Date.now()
    await server.kill9()
    const ackedBeforeKill = new Set(acked)
    // Votes a phone had sent on a live socket without hearing back: they must be resent.
    const inFlight = phones.filter((p, i) => votedAt[i] !== undefined && votedAt[i]! < killedAt && p.state.pending.length > 0).length
    await Promise.all(burst)
    const queuedOffline = phones.filter(p => p.state.pending.length > 0).length - inFlight
    console.warn(`kill -9 after ${ackedBeforeKill.size} acks; ${inFlight} votes in flight, ${queuedOffline} queued while the server was down`)
    expect(ackedBeforeKill.size).toBeGreaterThan(0)
    expect(ackedBeforeKill.size).toBeLessThan(PHONES)

    // Same file, same port.
    server = await startRoomProcess(options, port)
    await until(() => phones.every(p => p.state.status === 'open' && p.state.pending.length === 0), 60_000, 'every phone reconnected and every vote acknowledged')

    const db = new Database(dbPath, { readonly: true })
    const rows = db.prepare(`SELECT participant_id AS id, value, count(*) OVER (PARTITION BY participant_id) AS copies FROM votes WHERE poll_id = 'crash'`).all() as Array<{ id: string, value: string, copies: number }>
    db.close()
    expect(rows).toHaveLength(PHONES)
    const byId = new Map(rows.map(r => [r.id, r]))
    for (let i = 0; i < PHONES; i++) {
      // The identity issued before the kill is proven again (its token hash survived in the file).
      const row = byId.get(phones[i]!.identity!.participantId)
      expect(row, `phone ${i}${ackedBeforeKill.has(i) ? ' (acked before the kill)' : ''}`).toBeDefined()
      expect(row!.copies).toBe(1)
      expect(row!.value).toBe(String(i % 4))
      // Resynced: the server's answer for this phone is the one it gave.
      expect(phones[i]!.state.myAnswer).toBe(i % 4)
    }

    const res = await fetch(`${url}/api/results`, { headers: { authorization: `Bearer ${SECRET}` } })
    const results = await res.json() as ResultsExport
    const crash = results.polls.find(p => p.poll.id === 'crash')!
    expect(crash.total).toBe(PHONES)
    expect(crash.tally).toEqual({ kind: 'choice', counts: [75, 75, 75, 75] })
  })
})
