import type { ServerMessage } from '../../core/protocol'
import type { TestRoom } from '../../room/testing'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MANY_PHONES, startTestRoom, TestClient } from '../../room/testing'

type Results = Extract<ServerMessage, { type: 'results' }>

const choice = { id: 'lunch', kind: 'choice', question: 'Lunch?', options: ['soup', 'salad', 'sandwich'] }
const words = { id: 'feel', kind: 'words', question: 'One word?', maxWords: 1 }

let room: TestRoom
let presenter: TestClient
let reader: Database.Database
const clients: TestClient[] = []
/** A phone of one test that another test connects a second tab for. */
let resetter: TestClient | undefined

/** A new phone: the server issues its id (in `c.identity`). */
async function phone(): Promise<TestClient> {
  const c = await TestClient.connect(room.wsUrl)
  clients.push(c)
  const welcome = await c.hello()
  expect(welcome.type).toBe('welcome')
  return c
}

const idOf = (c: TestClient): string => c.identity!.participantId

function voteRows(pollId: string): Array<{ participant_id: string, round: number, value: string }> {
  return reader.prepare('SELECT participant_id, round, value FROM votes WHERE poll_id = ? ORDER BY participant_id, round').all(pollId) as never
}

beforeAll(async () => {
  // Every test phone comes from 127.0.0.1: lift the per-address limits on new and live identities here
  // (room-limits and room-identity test them).
  room = await startTestRoom({ batchIntervalMs: 50, newParticipantRate: { capacity: 1000, perSecond: 100 }, maxPerAddress: MANY_PHONES })
  presenter = await TestClient.connect(room.wsUrl)
  reader = new Database(room.dbPath, { readonly: true, fileMustExist: true })
})

afterAll(async () => {
  await Promise.all([presenter, ...clients].map(c => c.close()))
  reader?.close()
  await room?.dispose()
})

describe('voting', () => {
  it('opens a poll, and phones hear about it at once', async () => {
    const p = await phone()
    const ack = await presenter.control({ kind: 'open', poll: choice })
    expect(ack).toMatchObject({ type: 'ack', pollId: 'lunch', round: 1 })
    const msg = await p.next(m => m.type === 'poll')
    expect(msg).toMatchObject({ type: 'poll', current: { poll: choice, round: 1, status: 'open' }, myAnswer: null })
  })

  it('counts 50 phones voting at once, batching results to the watcher', async () => {
    const watcher = await TestClient.connect(room.wsUrl)
    clients.push(watcher)
    expect(await watcher.request({ type: 'watch', secret: 'test-secret-123' })).toMatchObject({ type: 'ack' })
    await watcher.next(m => m.type === 'results')

    const phones = await Promise.all(Array.from({ length: 50 }, () => phone()))
    // The joins have batches of their own (the count of people here); count only the votes' batches.
    const here = room.server.room.participants
    await watcher.next<Results>(m => m.type === 'results' && m.participants === here)
    const before = watcher.messages.length
    const acks = await Promise.all(phones.map((p, i) => p.vote('lunch', i % 3)))
    expect(acks.every(a => a.type === 'ack')).toBe(true)

    const done = await watcher.next<Results>(m => m.type === 'results' && m.polls[0]?.total === 50)
    expect(done.polls[0]!.tally).toEqual({ kind: 'choice', counts: [17, 17, 16] })
    expect(done.authorized).toBe(true)
    const batches = watcher.messages.slice(before).filter(m => m.type === 'results').length
    expect(batches).toBeLessThan(20)
    expect(voteRows('lunch')).toHaveLength(50)
  })

  it('acknowledges a vote only once its row is committed', async () => {
    const p = await phone()
    p.send({ type: 'vote', requestId: 'commit-check', pollId: 'lunch', value: 2 })
    // Read the database from a second connection the moment the ack arrives.
    const seen = await new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no ack')), 5000)
      p.ws.on('message', (data) => {
        const m = JSON.parse(String(data)) as ServerMessage
        if (m.type === 'ack' && m.requestId === 'commit-check') {
          clearTimeout(timer)
          resolve(reader.prepare('SELECT value FROM votes WHERE poll_id = ? AND participant_id = ?').get('lunch', idOf(p)))
        }
      })
    })
    expect(seen).toEqual({ value: '2' })
  })

  it('a changed vote overwrites the row: one row per participant', async () => {
    const p = await phone()
    for (const value of [0, 1, 2, 1])
      expect(await p.vote('lunch', value)).toMatchObject({ type: 'ack' })
    const rows = voteRows('lunch').filter(r => r.participant_id === idOf(p))
    expect(rows).toEqual([{ participant_id: idOf(p), round: 1, value: '1' }])
    // A reconnecting phone gets its answer back.
    const again = await TestClient.connect(room.wsUrl)
    clients.push(again)
    expect((await again.hello(p.identity)).myAnswer).toBe(1)
  })

  it('refuses unknown polls and options with clear errors, changing nothing', async () => {
    const p = await phone()
    const before = voteRows('lunch').length
    expect(await p.vote('no-such-poll', 0)).toMatchObject({ type: 'error', code: 'unknown-poll' })
    expect(await p.vote('lunch', 3)).toMatchObject({ type: 'error', code: 'invalid-answer' })
    expect(await p.vote('lunch', -1)).toMatchObject({ type: 'error', code: 'invalid-answer' })
    expect(await p.vote('lunch', 'soup')).toMatchObject({ type: 'error', code: 'invalid-answer' })
    const bad = await p.vote('lunch', { $gt: 1 })
    expect(bad).toMatchObject({ type: 'error', code: 'bad-message' })
    expect(voteRows('lunch')).toHaveLength(before)
    expect(voteRows('no-such-poll')).toHaveLength(0)
  })

  it('refuses a vote before hello', async () => {
    const c = await TestClient.connect(room.wsUrl)
    clients.push(c)
    expect(await c.vote('lunch', 0)).toMatchObject({ type: 'error', code: 'not-joined' })
  })

  it('refuses a second hello as another participant on one connection', async () => {
    const p = await phone()
    const other = await phone()
    p.send({ type: 'hello', participantId: idOf(other), token: other.identity!.token })
    expect(await p.next(m => m.type === 'error')).toMatchObject({ code: 'already-joined' })
    p.send({ type: 'hello' })
    expect(await p.next(m => m.type === 'error')).toMatchObject({ code: 'already-joined' })
    // The same identity again is fine (a retry after a lost welcome).
    expect((await p.hello(p.identity)).type).toBe('welcome')
    expect(await p.vote('lunch', 0)).toMatchObject({ type: 'ack' })
    expect(voteRows('lunch').some(r => r.participant_id === idOf(other))).toBe(false)
  })

  it('a closed poll refuses votes and keeps its tally', async () => {
    const p = await phone()
    const before = voteRows('lunch')
    expect(await presenter.control({ kind: 'close', pollId: 'lunch' })).toMatchObject({ type: 'ack' })
    expect(await p.next(m => m.type === 'poll')).toMatchObject({ current: { status: 'closed' } })
    expect(await p.vote('lunch', 0)).toMatchObject({ type: 'error', code: 'poll-closed' })
    expect(voteRows('lunch')).toEqual(before)
    // Reopening the same definition reopens the same round.
    expect(await presenter.control({ kind: 'open', poll: choice })).toMatchObject({ type: 'ack', round: 1 })
    expect(await p.vote('lunch', 0)).toMatchObject({ type: 'ack', round: 1 })
  })

  it('opening another poll closes the first; reset archives the round and starts the next', async () => {
    const p = await phone()
    resetter = p
    expect(await presenter.control({ kind: 'open', poll: words })).toMatchObject({ type: 'ack', pollId: 'feel', round: 1 })
    expect(await p.vote('lunch', 0)).toMatchObject({ type: 'error', code: 'poll-closed' })
    expect(await p.vote('feel', ' Brave ')).toMatchObject({ type: 'ack', round: 1 })
    const round1 = voteRows('feel')

    expect(await presenter.control({ kind: 'reset', pollId: 'feel' })).toMatchObject({ type: 'ack', round: 2 })
    expect(await p.next(m => m.type === 'poll' && m.current?.round === 2)).toMatchObject({ current: { status: 'open' }, myAnswer: null })
    expect(await p.vote('feel', 'calm')).toMatchObject({ type: 'ack', round: 2 })
    // Round 1 is still there, untouched.
    expect(voteRows('feel').filter(r => r.round === 1)).toEqual(round1)
    const history = room.server.room.history().filter(r => r.poll.id === 'feel')
    expect(history.map(r => [r.round, r.status, r.total])).toEqual([[1, 'closed', 1], [2, 'open', 1]])
    const latest = room.server.room.results({ authorized: true }).find(r => r.poll.id === 'feel')
    expect(latest?.tally).toEqual({ kind: 'words', words: [{ word: 'calm', count: 1, hidden: false }] })
  })

  it('public watchers see only revealed polls, without moderated answers', async () => {
    const pub = await TestClient.connect(room.wsUrl)
    clients.push(pub)
    expect(await pub.request({ type: 'watch' })).toMatchObject({ type: 'ack' })
    const first = await pub.next<Results>(m => m.type === 'results')
    expect(first).toMatchObject({ authorized: false, polls: [] })

    const p = await phone()
    expect(await p.vote('feel', 'rude')).toMatchObject({ type: 'ack' })
    expect(await presenter.control({ kind: 'moderate', pollId: 'feel', answerKey: 'rude', hidden: true })).toMatchObject({ type: 'ack' })
    expect(await presenter.control({ kind: 'reveal', pollId: 'feel', revealed: true })).toMatchObject({ type: 'ack' })
    const shown = await pub.next<Results>(m => m.type === 'results' && m.polls.length > 0)
    expect(shown.polls.map(r => r.poll.id)).toEqual(['feel'])
    expect(shown.polls[0]!.tally).toEqual({ kind: 'words', words: [{ word: 'calm', count: 1, hidden: false }] })
    // The presenter still sees it, flagged.
    const full = room.server.room.results({ authorized: true }).find(r => r.poll.id === 'feel')
    expect(full?.tally).toMatchObject({ words: expect.arrayContaining([{ word: 'rude', count: 1, hidden: true }]) })
  })

  it('counts connected phones, once per participant', async () => {
    const res = await fetch(`${room.baseUrl}/api/room`)
    const info = await res.json() as { participants: number }
    expect(info.participants).toBe(room.server.room.participants)
    const twin = await TestClient.connect(room.wsUrl)
    clients.push(twin)
    const n = room.server.room.participants
    await twin.hello(resetter!.identity)
    expect(room.server.room.participants).toBe(n)
  })
})
