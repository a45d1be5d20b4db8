import type { PublicPoll } from '../../core/protocol'
import type { RoomConnectionOptions } from '../../room-client/connection'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { backoffDelay } from '../../room-client/backoff'
import { createRoomConnection, socketUrl } from '../../room-client/connection'
import { randomId } from '../../room-client/ids'
import { parseServerMessage } from '../../room-client/parse'
import { VoteQueue } from '../../room-client/vote-queue'
import { FakeSocket } from '../support/fake-socket'

const poll: PublicPoll = {
  poll: { id: 'q1', kind: 'choice', question: 'Which?', options: ['A', 'B'] },
  round: 1,
  status: 'open',
  openedAt: 1,
}

describe('backoffDelay', () => {
  it('doubles from 0.5 s up to the 10 s cap, half fixed and half jitter', () => {
    const low = Array.from({ length: 8 }, (_, i) => backoffDelay(i, {}, () => 0))
    const high = Array.from({ length: 8 }, (_, i) => backoffDelay(i, {}, () => 1))
    expect(low).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000, 5000])
    expect(high).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000])
    expect(backoffDelay(3, {}, () => 0.5)).toBe(3000)
  })

  it('honours options and clamps a misbehaving random source', () => {
    expect(backoffDelay(0, { initialMs: 100, maxMs: 300, factor: 3 }, () => 1)).toBe(100)
    expect(backoffDelay(1, { initialMs: 100, maxMs: 300, factor: 3 }, () => 1)).toBe(300)
    expect(backoffDelay(50, {}, () => 7)).toBe(10_000)
    expect(backoffDelay(-1, {}, () => -3)).toBe(250)
  })
})

describe('voteQueue', () => {
  it('keeps the newest vote per poll, in order, until settled', () => {
    const q = new VoteQueue()
    q.add({ requestId: 'r1', pollId: 'a', value: 0 })
    q.add({ requestId: 'r2', pollId: 'b', value: 'x' })
    q.add({ requestId: 'r3', pollId: 'a', value: 1 })
    expect(q.list().map(v => v.requestId)).toEqual(['r2', 'r3'])
    expect(q.forPoll('a')?.value).toBe(1)
    // An ack for the replaced request settles nothing.
    expect(q.settle('r1')).toBeUndefined()
    expect(q.settle('r3')).toEqual({ requestId: 'r3', pollId: 'a', value: 1 })
    expect(q.settle('r3')).toBeUndefined()
    expect(q.size).toBe(1)
  })

  it('binds votes to whoever the server welcomed, and drops those cast as someone else', () => {
    const q = new VoteQueue()
    q.add({ requestId: 'r1', pollId: 'a', value: 0 })
    q.add({ requestId: 'r2', pollId: 'b', value: 1, participantId: 'old-identity' })
    q.add({ requestId: 'r3', pollId: 'c', value: 2, participantId: 'new-identity' })
    expect(q.adopt('new-identity').map(v => v.requestId)).toEqual(['r2'])
    expect(q.list()).toEqual([
      { requestId: 'r1', pollId: 'a', value: 0, participantId: 'new-identity' },
      { requestId: 'r3', pollId: 'c', value: 2, participantId: 'new-identity' },
    ])
    expect(q.adopt('new-identity')).toEqual([])
  })
})

describe('randomId', () => {
  it('uses the protocol alphabet', () => {
    const ids = Array.from({ length: 50 }, () => randomId(22))
    for (const id of ids)
      expect(id).toMatch(/^[\w-]{22}$/)
    expect(new Set(ids).size).toBe(50)
  })
})

describe('parseServerMessage', () => {
  it('accepts the messages the client reads', () => {
    expect(parseServerMessage(JSON.stringify({ type: 'welcome', participantId: 'p', serverTime: 1, current: poll, myAnswer: 1 }))?.type).toBe('welcome')
    expect(parseServerMessage(JSON.stringify({ type: 'poll', current: null }))).toEqual({ type: 'poll', current: null, myAnswer: null })
    expect(parseServerMessage(JSON.stringify({ type: 'ack', requestId: 'r' }))?.type).toBe('ack')
    expect(parseServerMessage(JSON.stringify({ type: 'pong', serverTime: 5 }))?.type).toBe('pong')
  })

  it('drops anything else', () => {
    for (const raw of [
      'not json',
      '[]',
      'null',
      JSON.stringify({ type: 'surprise' }),
      JSON.stringify({ type: 'toString' }),
      JSON.stringify({ type: 'ack' }),
      JSON.stringify({ type: 'error', code: 'x' }),
      JSON.stringify({ type: 'room', participants: 'many' }),
      JSON.stringify({ type: 'poll', current: { ...poll, poll: { ...poll.poll, kind: 'quiz' } } }),
      JSON.stringify({ type: 'poll', current: { ...poll, poll: { ...poll.poll, options: [1, 2] } } }),
      JSON.stringify({ type: 'poll', current: poll, myAnswer: { x: 1 } }),
      JSON.stringify({ type: 'poll', current: poll, myAnswer: null, answeredBeforeReset: 'yes' }),
    ])
      expect(parseServerMessage(raw), raw).toBeNull()
    expect(parseServerMessage(42)).toBeNull()
  })
})

describe('socketUrl', () => {
  it('matches the page scheme and adds the socket path', () => {
    expect(socketUrl('http://192.168.1.5:3030')).toBe('ws://192.168.1.5:3030/api/ws')
    expect(socketUrl('https://room.example/')).toBe('wss://room.example/api/ws')
    expect(socketUrl('ws://127.0.0.1:9/custom')).toBe('ws://127.0.0.1:9/custom')
  })
})

const last = (): FakeSocket => FakeSocket.all.at(-1)!

const TOKEN = 'token-of-participant-1-0123456789abcdef'

function connectFake(extra: Partial<RoomConnectionOptions> = {}) {
  return createRoomConnection({
    role: { kind: 'participant', identity: { participantId: 'participant-1', token: TOKEN }, nickname: 'Ada' },
    url: 'http://room.test:3030',
    WebSocket: FakeSocket,
    random: () => 0,
    now: () => 1000,
    ...extra,
  })
}

describe('createRoomConnection (fake socket, fake timers)', () => {
  beforeEach(() => {
    FakeSocket.all = []
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('says hello on every (re)connect and resyncs from welcome', async () => {
    const conn = connectFake()
    const statuses: string[] = []
    conn.on('status', s => statuses.push(s))
    expect(last().url).toBe('ws://room.test:3030/api/ws')
    last().open()
    expect(last().sent[0]).toEqual({ type: 'hello', participantId: 'participant-1', token: TOKEN, nickname: 'Ada' })
    last().receive({ type: 'welcome', participantId: 'participant-1', serverTime: 1500, current: poll, myAnswer: 1 })
    expect(conn.state).toMatchObject({ status: 'open', current: poll, myAnswer: 1, clockOffset: 500 })

    last().drop()
    expect(conn.state.status).toBe('reconnecting')
    expect(FakeSocket.all).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(250)
    expect(FakeSocket.all).toHaveLength(2)
    last().open()
    expect(last().sent[0]?.type).toBe('hello')
    last().receive({ type: 'welcome', participantId: 'participant-1', serverTime: 1500, current: null, myAnswer: null })
    expect(conn.state.current).toBeNull()
    expect(statuses).toEqual(['open', 'reconnecting', 'open'])
    conn.close()
  })

  it('joins without a nickname the room refuses, on the same socket, instead of reconnecting in a loop', async () => {
    const conn = connectFake()
    const errors: string[] = []
    conn.on('error', e => errors.push(e.code))
    last().open()
    expect(last().sent[0]).toMatchObject({ type: 'hello', nickname: 'Ada' })
    last().receive({ type: 'error', code: 'bad-nickname', message: 'Remove the hidden direction-control characters from your nickname.' })
    expect(errors).toEqual(['bad-nickname'])
    expect(last().sent[1]).toEqual({ type: 'hello', participantId: 'participant-1', token: TOKEN })
    await vi.advanceTimersByTimeAsync(10_000)
    expect(FakeSocket.all).toHaveLength(1)
    last().receive({ type: 'welcome', participantId: 'participant-1', serverTime: 1000, current: null, myAnswer: null })
    expect(conn.state.status).toBe('open')
    conn.close()
  })

  it('queues votes while offline, resends unacknowledged ones after welcome, forgets them on ack', async () => {
    const conn = connectFake()
    const acks: string[] = []
    conn.on('ack', a => acks.push(a.vote?.requestId ?? 'other'))
    last().open()
    last().receive({ type: 'welcome', participantId: 'participant-1', serverTime: 0, current: poll, myAnswer: null })
    const first = conn.vote('q1', 0)
    expect(last().sent.at(-1)).toEqual({ type: 'vote', requestId: first, pollId: 'q1', value: 0 })

    // The link dies before the ack; a changed answer replaces the queued one.
    last().drop()
    const second = conn.vote('q1', 1)
    expect(conn.state.pending).toEqual([{ requestId: second, pollId: 'q1', value: 1, participantId: 'participant-1' }])
    await vi.advanceTimersByTimeAsync(250)
    last().open()
    expect(last().types()).toEqual(['hello'])
    last().receive({ type: 'welcome', participantId: 'participant-1', serverTime: 0, current: poll, myAnswer: 0 })
    expect(last().sent.at(-1)).toEqual({ type: 'vote', requestId: second, pollId: 'q1', value: 1 })
    last().receive({ type: 'ack', requestId: second, pollId: 'q1', round: 1 })
    expect(conn.state.pending).toEqual([])
    expect(conn.state.myAnswer).toBe(1)
    expect(acks).toEqual([second])
    conn.close()
  })

  it('carries the reset notice until this participant answers the new round', () => {
    const conn = connectFake()
    const polls: boolean[] = []
    conn.on('poll', p => polls.push(p.answeredBeforeReset))
    last().open()
    last().receive({ type: 'welcome', participantId: 'participant-1', serverTime: 0, current: poll, myAnswer: 1 })
    expect(conn.state.answeredBeforeReset).toBe(false)
    last().receive({ type: 'poll', current: { ...poll, round: 2 }, myAnswer: null, answeredBeforeReset: true })
    expect(conn.state).toMatchObject({ myAnswer: null, answeredBeforeReset: true })
    const vote = conn.vote('q1', 0)
    expect(conn.state.answeredBeforeReset).toBe(true)
    last().receive({ type: 'ack', requestId: vote, pollId: 'q1', round: 2 })
    expect(conn.state).toMatchObject({ myAnswer: 0, answeredBeforeReset: false })
    // A later frame without the flag (another poll) clears it too.
    last().receive({ type: 'poll', current: { ...poll, round: 3 }, myAnswer: null, answeredBeforeReset: true })
    last().receive({ type: 'poll', current: null, myAnswer: null })
    expect(conn.state.answeredBeforeReset).toBe(false)
    expect(polls).toEqual([false, true, true, false])
    conn.close()
  })

  it('drops a vote the server refuses and reports it', () => {
    const conn = connectFake()
    const errors: string[] = []
    conn.on('error', e => errors.push(`${e.code}:${e.vote?.pollId}`))
    last().open()
    last().receive({ type: 'welcome', participantId: 'participant-1', serverTime: 0, current: poll, myAnswer: null })
    const id = conn.vote('q1', 9)
    last().receive({ type: 'error', requestId: id, code: 'invalid-answer', message: 'Pick an option from 0 to 1.' })
    expect(conn.state.pending).toEqual([])
    expect(errors).toEqual(['invalid-answer:q1'])
    conn.close()
  })

  it('pings after 20 s of silence and treats a missing pong as a dead link', async () => {
    const conn = connectFake()
    last().open()
    last().receive({ type: 'welcome', participantId: 'participant-1', serverTime: 0, current: null, myAnswer: null })
    await vi.advanceTimersByTimeAsync(20_000)
    expect(last().types()).toEqual(['hello', 'ping'])
    last().receive({ type: 'pong', serverTime: 0 })
    await vi.advanceTimersByTimeAsync(20_000)
    expect(last().types()).toEqual(['hello', 'ping', 'ping'])
    await vi.advanceTimersByTimeAsync(10_000)
    expect(last().closed).toBe(true)
    expect(conn.state.status).toBe('reconnecting')
    await vi.advanceTimersByTimeAsync(250)
    expect(FakeSocket.all).toHaveLength(2)
    conn.close()
  })

  it('backs off between failed attempts and resets after the server answers', async () => {
    const conn = connectFake({ random: () => 1 })
    const opened = (): number => FakeSocket.all.length
    last().drop()
    for (const wait of [500, 1000, 2000, 4000, 8000, 10_000, 10_000]) {
      const before = opened()
      await vi.advanceTimersByTimeAsync(wait - 1)
      expect(opened()).toBe(before)
      await vi.advanceTimersByTimeAsync(1)
      expect(opened()).toBe(before + 1)
      last().drop()
    }
    await vi.advanceTimersByTimeAsync(10_000)
    last().open()
    last().receive({ type: 'welcome', participantId: 'participant-1', serverTime: 0, current: null, myAnswer: null })
    last().drop()
    const before = opened()
    await vi.advanceTimersByTimeAsync(500)
    expect(opened()).toBe(before + 1)
    conn.close()
  })

  it('gives up on a socket that never opens, and reconnect() skips the wait', async () => {
    const conn = connectFake({ connectTimeoutMs: 3000 })
    await vi.advanceTimersByTimeAsync(3000)
    expect(FakeSocket.all[0]!.closed).toBe(true)
    expect(conn.state.status).toBe('reconnecting')
    conn.reconnect()
    expect(FakeSocket.all).toHaveLength(2)
    conn.close()
  })

  it('is not open for votes until welcomed, and retries later when the hello is refused', async () => {
    const conn = connectFake()
    const errors: string[] = []
    conn.on('error', e => errors.push(e.code))
    last().open()
    const id = conn.vote('q1', 0)
    expect(last().types()).toEqual(['hello'])
    last().receive({ type: 'error', code: 'rate-limited', message: 'Too many new participants from this network just now.' })
    expect(errors).toEqual(['rate-limited'])
    expect(last().closed).toBe(true)
    expect(conn.state.status).toBe('reconnecting')
    await vi.advanceTimersByTimeAsync(250)
    last().open()
    last().receive({ type: 'welcome', participantId: 'participant-1', serverTime: 0, current: poll, myAnswer: null })
    expect(last().sent.at(-1)).toEqual({ type: 'vote', requestId: id, pollId: 'q1', value: 0 })
    expect(conn.state.status).toBe('open')
    conn.close()
  })

  it('a new phone says hello without an id, keeps the identity the server issues and proves it on reconnect', async () => {
    const conn = connectFake({ role: { kind: 'participant', nickname: 'Bo' } })
    const identities: unknown[] = []
    conn.on('identity', i => identities.push(i))
    last().open()
    expect(last().sent[0]).toEqual({ type: 'hello', nickname: 'Bo' })
    last().receive({ type: 'welcome', participantId: 'issued-0001', token: TOKEN, serverTime: 0, current: null, myAnswer: null })
    expect(identities).toEqual([{ participantId: 'issued-0001', token: TOKEN }])
    expect(conn.identity).toEqual({ participantId: 'issued-0001', token: TOKEN })
    // The token is never part of the state that listeners and the page see.
    expect(JSON.stringify(conn.state)).not.toContain(TOKEN)
    last().drop()
    await vi.advanceTimersByTimeAsync(250)
    last().open()
    expect(last().sent[0]).toEqual({ type: 'hello', participantId: 'issued-0001', token: TOKEN, nickname: 'Bo' })
    conn.close()
  })

  it('forgets a refused identity, joins as new on the same socket, and never sends the old identity\'s queued vote', () => {
    const conn = connectFake()
    const identities: unknown[] = []
    const errors: string[] = []
    conn.on('identity', i => identities.push(i))
    conn.on('error', e => errors.push(`${e.code}:${e.vote?.requestId ?? '-'}`))
    const old = conn.vote('q1', 0)
    last().open()
    last().receive({ type: 'error', code: 'identity-refused', message: 'The room did not recognise this phone.' })
    expect(identities).toEqual([null])
    expect(last().closed).toBe(false)
    expect(last().sent.at(-1)).toEqual({ type: 'hello', nickname: 'Ada' })
    last().receive({ type: 'welcome', participantId: 'issued-0002', token: TOKEN, serverTime: 0, current: poll, myAnswer: null })
    expect(errors).toEqual(['identity-refused:-', `identity-refused:${old}`])
    expect(conn.state.pending).toEqual([])
    expect(last().types()).toEqual(['hello', 'hello'])
    // A vote given now is the new identity's.
    const fresh = conn.vote('q1', 1)
    expect(last().sent.at(-1)).toEqual({ type: 'vote', requestId: fresh, pollId: 'q1', value: 1 })
    conn.close()
  })

  it('says why the server turned the phone away until it is let in', async () => {
    const conn = connectFake()
    last().open()
    last().receive({ type: 'error', code: 'too-many-phones', message: 'Too many phones are using this network address.' })
    expect(conn.state.refusal).toEqual({ code: 'too-many-phones', message: 'Too many phones are using this network address.' })
    expect(conn.state.status).toBe('reconnecting')
    await vi.advanceTimersByTimeAsync(250)
    last().open()
    last().receive({ type: 'welcome', participantId: 'participant-1', serverTime: 0, current: null, myAnswer: null })
    expect(conn.state.refusal).toBeNull()
    conn.close()
  })

  it('watches as a screen and sends control actions with the secret', () => {
    const conn = connectFake({ role: { kind: 'screen', secret: 's3cret' } })
    expect(conn.control({ kind: 'close', pollId: 'q1' })).toBeNull()
    last().open()
    expect(last().sent[0]).toMatchObject({ type: 'watch', secret: 's3cret' })
    last().receive({ type: 'results', polls: [], participants: 3, authorized: true })
    expect(conn.state.participants).toBe(3)
    const id = conn.control({ kind: 'close', pollId: 'q1' })
    expect(last().sent.at(-1)).toEqual({ type: 'control', requestId: id, secret: 's3cret', action: { kind: 'close', pollId: 'q1' } })
    conn.close()
  })

  it('ignores unknown frames, unsubscribes, and stays closed after close()', async () => {
    const conn = connectFake()
    const seen: unknown[] = []
    const off = conn.on('room', r => seen.push(r))
    last().open()
    last().receive({ type: 'room', participants: 2 })
    last().receive({ type: 'takeover', participants: 99 })
    last().onmessage?.({ data: '{nope' })
    off()
    last().receive({ type: 'room', participants: 4 })
    expect(seen).toEqual([{ participants: 2 }])
    conn.close()
    expect(last().closed).toBe(true)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(FakeSocket.all).toHaveLength(1)
    expect(conn.state.status).toBe('closed')
  })
})
