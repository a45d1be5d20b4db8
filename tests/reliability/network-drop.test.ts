import type { RoomConnection } from '../../room-client/connection'
import type { RoomProcess } from './helpers'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect, control, startRoomProcess, until } from './helpers'
import { FlakyProxy } from './proxy'

const PHONES = 120
const dir = mkdtempSync(join(tmpdir(), 'reliability-wifi-'))
const dbPath = join(dir, 'room.sqlite')
let server: RoomProcess
let proxy: FlakyProxy
const open: RoomConnection[] = []

beforeAll(async () => {
  // Every phone comes from 127.0.0.1 (through the proxy): lift the per-address limits on new and live ids.
  server = await startRoomProcess({ dbPath, newParticipantRate: { capacity: 1000, perSecond: 100 }, maxPerAddress: 10_000 })
  proxy = new FlakyProxy(server.port)
  await proxy.start()
})

afterAll(async () => {
  for (const phone of open)
    phone.close()
  await proxy?.close()
  await server?.stop()
  rmSync(dir, { recursive: true, force: true })
})

function rows(pollId: string): Map<string, { value: string, copies: number }> {
  const db = new Database(dbPath, { readonly: true })
  const list = db.prepare('SELECT participant_id AS id, value, count(*) OVER (PARTITION BY participant_id) AS copies FROM votes WHERE poll_id = ?').all(pollId) as Array<{ id: string, value: string, copies: number }>
  db.close()
  return new Map(list.map(r => [r.id, r]))
}

/**
 * Phones join through the proxy, vote at random moments over 3 s, and a
 * third of them change their answer; the link fails 1 s in and comes back
 * `outageMs` later. Every phone's last answer must be stored, once.
 */
async function scenario(pollId: string, fail: () => void, outageMs: number, phoneOptions: { heartbeatMs?: number, pongTimeoutMs?: number } = {}): Promise<void> {
  await control(server.url, { kind: 'open', poll: { id: pollId, kind: 'scale', question: 'How easy is it to ask?', min: 1, max: 5, minLabel: 'Hard', maxLabel: 'Easy' } })
  const phones = Array.from({ length: PHONES }, () => connect(proxy.url, {
    role: { kind: 'participant' },
    backoff: { initialMs: 300, maxMs: 2000 },
    ...phoneOptions,
  }))
  open.push(...phones)
  await until(() => phones.every(p => p.state.status === 'open'), 20_000, 'all phones joined')

  const finalAnswer = phones.map((_, i) => 1 + (i % 5))
  const votes = phones.map((phone, i) => new Promise<void>(done => setTimeout(() => {
    const changes = i % 3 === 0
    phone.vote(pollId, changes ? 1 + ((i + 2) % 5) : finalAnswer[i]!)
    if (!changes)
      return done()
    setTimeout(() => {
      phone.vote(pollId, finalAnswer[i]!)
      done()
    }, 300 + Math.random() * 1500)
  }, Math.random() * 3000)))

  await new Promise(r => setTimeout(r, 1000))
  fail()
  await new Promise(r => setTimeout(r, outageMs))
  proxy.restore()
  await Promise.all(votes)
  await until(() => phones.every(p => p.state.status === 'open' && p.state.pending.length === 0), 30_000, 'every phone back and every answer acknowledged')

  const stored = rows(pollId)
  expect(stored.size).toBe(PHONES)
  phones.forEach((phone, i) => {
    // The identity the room issued on the first welcome, kept through every reconnect.
    expect(phone.state.participantId).toBe(phone.identity?.participantId)
    const row = stored.get(phone.identity!.participantId)
    expect(row?.copies).toBe(1)
    expect(row?.value).toBe(String(finalAnswer[i]))
    expect(phone.state.myAnswer).toBe(finalAnswer[i])
  })
  for (const phone of phones)
    phone.close()
}

describe('wi-fi drops while people vote', () => {
  it('links cut for 3 s (sockets reset, reconnects refused): nothing lost, nothing doubled, changed answers win', async () => {
    await scenario('wifi-cut', () => proxy.cut(), 3000)
  })

  it('links stalled for 4 s (no packets, no close): phones notice by heartbeat, reconnect and resend; old links drain late without harm', async () => {
    await scenario('wifi-stall', () => proxy.stall(), 4000, { heartbeatMs: 1000, pongTimeoutMs: 1000 })
  })
})
