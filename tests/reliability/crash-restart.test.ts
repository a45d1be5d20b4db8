import type { PollDefinition } from '../../core/polls/definition'
import type { PollResult, ResultsExport } from '../../core/protocol'
import type { RoomConnection } from '../../room-client/connection'
import type { RoomProcess } from './helpers'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { tally } from '../../core/polls/tally'
import { connect, control, SECRET, startRoomProcess, until } from './helpers'

const PHONES = 300
const dir = mkdtempSync(join(tmpdir(), 'reliability-crash-'))
const dbPath = join(dir, 'room.sqlite')
// 300 phones share 127.0.0.1 here; a real room has many addresses. Only the limits on new
// and on live ids per address are raised.
const options = { dbPath, newParticipantRate: { capacity: 1000, perSecond: 100 }, maxPerAddress: 10_000 }
const phones: RoomConnection[] = []
let server: RoomProcess | null = null
let screen: RoomConnection | null = null

/** The poll's tally as core/polls/tally.ts derives it from the rows in the file, read by a connection of its own. */
function tallyOfRows(pollId: string): PollResult['tally'] {
  const db = new Database(dbPath, { readonly: true })
  try {
    const round = db.prepare('SELECT round, definition FROM rounds WHERE poll_id = ? ORDER BY round DESC LIMIT 1').get(pollId) as { round: number, definition: string }
    const rows = db.prepare('SELECT value, updated_at AS at FROM votes WHERE poll_id = ? AND round = ? ORDER BY updated_at, participant_id').all(pollId, round.round) as Array<{ value: string, at: number }>
    return tally(JSON.parse(round.definition) as PollDefinition, rows.map(r => ({ value: JSON.parse(r.value) as unknown, at: r.at }))).tally
  }
  finally {
    db.close()
  }
}

afterAll(async () => {
  for (const phone of phones)
    phone.close()
  screen?.close()
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
    expect(crash.tally).toEqual(tallyOfRows('crash'))
  })

  it('keeps the in-memory tally equal to the rows when votes change mid-burst, the server is killed, and restarts rebuild it', async () => {
    // A presenter screen follows the results as batches, through the kill and the restart.
    let latest: PollResult | undefined
    screen = connect(server!.url, { role: { kind: 'screen', secret: SECRET }, connectTimeoutMs: 20_000 })
    screen.on('results', (message) => {
      latest = message.polls.find(p => p.poll.id === 'crash') ?? latest
    })
    await until(() => latest?.total === PHONES, 20_000, 'the presenter sees every vote')

    // Every phone changes its answer once within 1.2 s: the live tally moves votes between options.
    let changesAcked = 0
    const offs = phones.map(phone => phone.on('ack', a => a.vote && changesAcked++))
    const burst = phones.map((phone, i) => new Promise<void>(done => setTimeout(() => {
      phone.vote('crash', (i + 1 + (i % 3)) % 4)
      done()
    }, Math.random() * 1200)))
    await new Promise(r => setTimeout(r, 500))
    const { port } = server!
    await server!.kill9()
    const ackedBeforeKill = changesAcked
    offs.forEach(off => off())
    await Promise.all(burst)
    console.warn(`second kill -9 after ${ackedBeforeKill} of ${PHONES} changes were acknowledged`)
    expect(ackedBeforeKill).toBeGreaterThan(0)
    expect(ackedBeforeKill).toBeLessThan(PHONES)
    server = await startRoomProcess(options, port)
    await until(() => phones.every(p => p.state.status === 'open' && p.state.pending.length === 0), 60_000, 'every changed vote acknowledged after the restart')

    const expected = tallyOfRows('crash')
    const counts = [0, 0, 0, 0]
    for (let i = 0; i < PHONES; i++)
      counts[(i + 1 + (i % 3)) % 4]!++
    expect(expected).toEqual({ kind: 'choice', counts })
    // The screen's last batch (the tally rebuilt from rows, then moved by the resent votes) is the rows' tally.
    await until(() => JSON.stringify(latest?.tally) === JSON.stringify(expected), 10_000, `the presenter's tally matches the rows (last seen ${JSON.stringify(latest?.tally)})`)
    const res = await fetch(`${server!.url}/api/results`, { headers: { authorization: `Bearer ${SECRET}` } })
    const crash = (await res.json() as ResultsExport).polls.find(p => p.poll.id === 'crash')!
    expect(crash.total).toBe(PHONES)
    expect(crash.tally).toEqual(expected)
  })
})
