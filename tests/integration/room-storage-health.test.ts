import type { RoomConnection } from '../../room-client/connection'
import type { TestRoom } from '../../room/testing'
import { afterAll, describe, expect, it } from 'vitest'
import { MANY_PHONES, startTestRoom, TEST_SECRET, TestClient } from '../../room/testing'
import { connect, until } from '../reliability/helpers'

/**
 * A disk that fills up mid-session, the honest way: SQLite's
 * `max_page_count` on the live connection makes every write that needs a
 * new page fail with SQLITE_FULL, as a full disk does, and raising it again
 * is the facilitator freeing space.
 */

let room: TestRoom
const clients: TestClient[] = []
const phones: RoomConnection[] = []
afterAll(async () => {
  for (const phone of phones)
    phone.close()
  await Promise.all(clients.map(c => c.close()))
  await room?.dispose()
})

const poll = { id: 'full', kind: 'text', question: 'What would you ask for?', maxLength: 500 }
const answer = (i: number): string => `${i}: ${'I would ask a colleague to review my draft before Friday. '.repeat(8)}`.slice(0, 480)

async function health(): Promise<{ status: number, body: Record<string, unknown> }> {
  const res = await fetch(`${room.baseUrl}/api/health`)
  return { status: res.status, body: await res.json() as Record<string, unknown> }
}

async function client(): Promise<TestClient> {
  const c = await TestClient.connect(room.wsUrl)
  clients.push(c)
  return c
}

describe('the disk fills up during a session', () => {
  it('answers storage-failed, reports 503, tells the presenter, and the phones resend once space is back', async () => {
    room = await startTestRoom({ maxPerAddress: MANY_PHONES, newParticipantRate: { capacity: 1000, perSecond: 100 } })
    const db = room.server.storage.db
    const presenter = await client()
    expect(await presenter.control({ kind: 'open', poll })).toMatchObject({ type: 'ack' })
    const watcher = await client()
    expect(await watcher.request({ type: 'watch', secret: TEST_SECRET })).toMatchObject({ type: 'ack' })
    const projector = await client()
    expect(await projector.request({ type: 'watch' })).toMatchObject({ type: 'ack' })

    // Everyone joins while there is room: joining writes too.
    const voters: TestClient[] = []
    for (let i = 0; i < 60; i++) {
      const phone = await client()
      expect((await phone.hello()).type).toBe('welcome')
      voters.push(phone)
    }
    const quick = connect(room.baseUrl, { role: { kind: 'participant' }, resendMs: 300 })
    const patient = connect(room.baseUrl, { role: { kind: 'participant' }, resendMs: 120_000 })
    phones.push(quick, patient)
    await until(() => quick.state.participantId !== null && patient.state.participantId !== null, 10_000, 'both phones welcomed')
    expect((await health()).status).toBe(200)

    // The disk is full now: vote until a write needs a page there is no room for.
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`)
    let accepted = 0
    let refused: Awaited<ReturnType<TestClient['vote']>> | undefined
    for (const [i, phone] of voters.entries()) {
      const reply = await phone.vote('full', answer(i))
      if (reply.type === 'error') {
        refused = reply
        break
      }
      accepted++
    }
    expect(refused).toMatchObject({ type: 'error', code: 'storage-failed', requestId: expect.stringMatching(/^r\d+$/) })
    expect((await health())).toMatchObject({ status: 503, body: { ok: false, reason: 'storage-failed', code: 'SQLITE_FULL' } })
    expect(JSON.stringify((await health()).body)).not.toContain(room.dbPath)
    const alert = await watcher.next(m => m.type === 'storage')
    expect(alert).toMatchObject({ type: 'storage', ok: false, problem: { path: room.dbPath, code: 'SQLITE_FULL', cause: 'cannot grow: the disk is full' } })
    // The projector (no secret) never hears where the file is.
    await new Promise(r => setTimeout(r, 100))
    expect(projector.messages.some(m => m.type === 'storage')).toBe(false)

    // Two phones answer while the disk is full: each keeps its answer and says so.
    quick.vote('full', answer(100))
    patient.vote('full', answer(101))
    await until(() => quick.state.storageFailed === true && patient.state.storageFailed === true, 10_000, 'both told saving failed')
    expect(quick.state.pending).toHaveLength(1)
    expect(patient.state.pending).toHaveLength(1)
    // Retries while still full fail again, and nothing is counted.
    await new Promise(r => setTimeout(r, 800))
    expect(quick.state.pending).toHaveLength(1)
    expect((await health()).status).toBe(503)

    // Space is back. The quick phone's timer resends; that write landing tells everyone,
    // and the patient phone (whose own timer is two minutes away) resends at once.
    db.pragma('max_page_count = 1073741823')
    await until(() => quick.state.pending.length === 0 && patient.state.pending.length === 0, 10_000, 'both answers acknowledged')
    expect(quick.state.storageFailed).toBe(false)
    expect(patient.state.storageFailed).toBe(false)
    expect(await health()).toEqual({ status: 200, body: { ok: true } })
    expect(await watcher.next(m => m.type === 'storage')).toEqual({ type: 'storage', ok: true })

    // Counted once each, however often they were sent.
    const votes = room.server.storage.roundVotes(room.server.room.session, 'full', 1)
    expect(votes).toHaveLength(accepted + 2)
    for (const phone of [quick, patient])
      expect(votes.filter(v => v.participantId === phone.state.participantId)).toHaveLength(1)
    // The phone refused earlier sends again itself and is counted too.
    expect(await voters[accepted]!.vote('full', answer(accepted))).toMatchObject({ type: 'ack' })
    expect(room.server.room.results({ authorized: true })[0]?.total).toBe(accepted + 3)
  })
})

describe('a stored poll the code no longer accepts', () => {
  it('is reported by /api/health instead of vanishing quietly', async () => {
    const other = await startTestRoom()
    try {
      const presenter = await TestClient.connect(other.wsUrl)
      expect(await presenter.control({ kind: 'open', poll: { id: 'kept', kind: 'choice', question: 'Q?', options: ['a', 'b'] } })).toMatchObject({ type: 'ack' })
      await presenter.close()
      expect((await fetch(`${other.baseUrl}/api/health`)).status).toBe(200)
      // As after an update whose schema is stricter than the one that stored it.
      other.server.storage.db.prepare('UPDATE rounds SET definition = ? WHERE poll_id = ?').run(JSON.stringify({ id: 'kept', kind: 'quiz', question: 'Q?' }), 'kept')
      const res = await fetch(`${other.baseUrl}/api/health`)
      expect(res.status).toBe(503)
      expect(await res.json()).toMatchObject({ ok: false, reason: 'unreadable-polls', polls: ['kept'] })
    }
    finally {
      await other.dispose()
    }
  })
})
