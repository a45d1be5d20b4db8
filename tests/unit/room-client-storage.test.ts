import type { PublicPoll } from '../../core/protocol'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createRoomConnection } from '../../room-client/connection'
import { parseServerMessage } from '../../room-client/parse'
import { FakeSocket } from '../support/fake-socket'

/** What a phone does when the laptop cannot save: keep the answer, say so, send it again. */

const poll: PublicPoll = { poll: { id: 'q1', kind: 'choice', question: 'Which?', options: ['A', 'B'] }, round: 1, status: 'open', openedAt: 1 }
const problem = { path: '/home/f/.local/share/asking-for-help-workshop/room.sqlite', code: 'SQLITE_FULL', cause: 'cannot grow: the disk is full', advice: 'Free some disk space.', since: 5 }

const socket = (): FakeSocket => FakeSocket.all.at(-1)!

function welcomedPhone(resendMs = 5000) {
  const conn = createRoomConnection({ role: { kind: 'participant' }, url: 'http://room.test', WebSocket: FakeSocket, random: () => 0.5, now: () => 0, resendMs, heartbeatMs: 3_600_000 })
  socket().open()
  socket().receive({ type: 'welcome', participantId: 'participant-1', token: 'token-of-participant-1-0123456789', serverTime: 0, current: poll, myAnswer: null })
  return conn
}

describe('room-client when the server cannot save', () => {
  beforeEach(() => {
    FakeSocket.all = []
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('keeps a vote refused with storage-failed, resends it on a timer, forgets it on ack', async () => {
    const conn = welcomedPhone(5000)
    const errors: unknown[] = []
    conn.on('error', e => errors.push(e))
    const id = conn.vote('q1', 1)
    socket().receive({ type: 'error', requestId: id, code: 'storage-failed', message: 'The room could not save this.' })
    expect(conn.state).toMatchObject({ storageFailed: true, pending: [{ requestId: id, pollId: 'q1', value: 1 }] })
    // Not a refusal: no `vote` on the event, so nothing treats the answer as given up.
    expect(errors).toEqual([expect.objectContaining({ code: 'storage-failed' })])
    expect(errors[0]).not.toHaveProperty('vote')

    expect(socket().votes()).toEqual([id])
    await vi.advanceTimersByTimeAsync(4999)
    expect(socket().votes()).toEqual([id])
    await vi.advanceTimersByTimeAsync(2)
    expect(socket().votes()).toEqual([id, id])

    socket().receive({ type: 'ack', requestId: id, pollId: 'q1', round: 1 })
    expect(conn.state).toMatchObject({ storageFailed: false, pending: [], myAnswer: 1 })
    // Settled: no more resends.
    await vi.advanceTimersByTimeAsync(60_000)
    expect(socket().votes()).toEqual([id, id])
    conn.close()
  })

  it('resends at once when the server says saving works again', () => {
    const conn = welcomedPhone(120_000)
    const id = conn.vote('q1', 0)
    socket().receive({ type: 'error', requestId: id, code: 'storage-failed', message: 'The room could not save this.' })
    socket().receive({ type: 'storage', ok: true })
    expect(socket().votes()).toEqual([id, id])
    expect(conn.state.storageFailed).toBe(false)
    expect(conn.state.pending).toHaveLength(1)
    conn.close()
  })

  it('accepts the storage notices and drops malformed ones', () => {
    expect(parseServerMessage(JSON.stringify({ type: 'storage', ok: true }))).toEqual({ type: 'storage', ok: true })
    expect(parseServerMessage(JSON.stringify({ type: 'storage', ok: false, problem }))).toEqual({ type: 'storage', ok: false, problem })
    expect(parseServerMessage(JSON.stringify({ type: 'storage', ok: false }))).toBeNull()
    expect(parseServerMessage(JSON.stringify({ type: 'storage', ok: 'yes' }))).toBeNull()
    expect(parseServerMessage(JSON.stringify({ type: 'storage', ok: false, problem: { ...problem, since: 'then' } }))).toBeNull()
  })
})
