import type { ServerMessage } from '../../core/protocol'
import type { TestRoom } from '../../room/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findPoll } from '../../core/talk/deck'
import { loadDeck } from '../../room/deck-file'
import { MANY_PHONES, startTestRoom, TestClient } from '../../room/testing'

type Results = Extract<ServerMessage, { type: 'results' }>
type PollMessage = Extract<ServerMessage, { type: 'poll' }>

/** The talk's own private poll, exactly as its slide in slides.md sends it. */
const myAsk = findPoll(loadDeck().talk, 'my-ask')!
const words = { id: 'feel', kind: 'words', question: 'One word?', maxWords: 1 }

let room: TestRoom
let presenter: TestClient
const clients: TestClient[] = []

async function client(): Promise<TestClient> {
  const c = await TestClient.connect(room.wsUrl)
  clients.push(c)
  return c
}

async function phone(): Promise<TestClient> {
  const c = await client()
  expect((await c.hello()).type).toBe('welcome')
  return c
}

beforeAll(async () => {
  room = await startTestRoom({ batchIntervalMs: 20, newParticipantRate: { capacity: 1000, perSecond: 100 }, maxPerAddress: MANY_PHONES })
  presenter = await TestClient.connect(room.wsUrl)
})

afterAll(async () => {
  await Promise.all([presenter, ...clients].map(c => c.close()))
  await room?.dispose()
})

describe('a private poll', () => {
  it('is marked private in the catalogue', () => {
    expect(myAsk.private).toBe(true)
  })

  it('cannot be revealed, not even with the presenter secret, and its answers reach no screen without it', async () => {
    const p = await phone()
    expect(await presenter.control({ kind: 'open', poll: myAsk })).toMatchObject({ type: 'ack' })
    expect(await p.vote('my-ask', 'I will ask Sam for a review by Friday')).toMatchObject({ type: 'ack' })

    const refused = await presenter.control({ kind: 'reveal', pollId: 'my-ask', revealed: true })
    expect(refused).toMatchObject({ type: 'error', code: 'private-poll', message: 'This poll is private: its answers are never shown to the room.' })
    const wrongSecret = await presenter.control({ kind: 'reveal', pollId: 'my-ask', revealed: true }, 'not-the-secret')
    expect(wrongSecret).toMatchObject({ type: 'error' })
    // Hiding it again is always allowed: it changes nothing anyone can see.
    expect(await presenter.control({ kind: 'reveal', pollId: 'my-ask', revealed: false })).toMatchObject({ type: 'ack' })

    const audience = await client()
    await audience.request({ type: 'watch' })
    const results = await audience.next<Results>(m => m.type === 'results')
    expect(results.polls.find(r => r.poll.id === 'my-ask')).toBeUndefined()
    // The projector may say how many answered, never what.
    expect(results.progress?.find(r => r.pollId === 'my-ask')).toEqual({ pollId: 'my-ask', round: 1, status: 'open', total: 1, revealed: false, private: true })
    expect(JSON.stringify(results)).not.toContain('Sam')

    const publicResults = await fetch(`${room.baseUrl}/api/public-results`).then(r => r.text())
    expect(publicResults).not.toContain('Sam')
  })
})

describe('reset', () => {
  it('tells a phone that had answered that it can answer again, and stops once it has', async () => {
    const answered = await phone()
    const silent = await phone()
    expect(await presenter.control({ kind: 'open', poll: words })).toMatchObject({ type: 'ack', round: 1 })
    expect(await answered.vote('feel', ['Brave'])).toMatchObject({ type: 'ack' })

    const since = answered.messages.length
    expect(await presenter.control({ kind: 'reset', pollId: 'feel' })).toMatchObject({ type: 'ack', round: 2 })
    const told = await answered.next<PollMessage>(m => m.type === 'poll' && m.current?.round === 2)
    expect(told).toMatchObject({ current: { round: 2, status: 'open' }, myAnswer: null, answeredBeforeReset: true })
    expect(answered.messages.indexOf(told)).toBeGreaterThanOrEqual(since)
    // Someone who never answered has nothing to be told.
    const quiet = await silent.next<PollMessage>(m => m.type === 'poll' && m.current?.round === 2)
    expect(quiet.answeredBeforeReset).toBeUndefined()

    // A phone that comes back after the reset (reload, new tab) hears it in its welcome.
    const again = await client()
    const welcome = await again.hello(answered.identity)
    expect(welcome).toMatchObject({ myAnswer: null, answeredBeforeReset: true })

    // Answering the new round ends the notice.
    expect(await answered.vote('feel', ['Calm'])).toMatchObject({ type: 'ack' })
    const later = await client()
    expect((await later.hello(answered.identity)).answeredBeforeReset).toBeUndefined()
  })

  it('is not a reset when the question itself changed: a new round of an edited poll says nothing', async () => {
    const p = await phone()
    await presenter.control({ kind: 'open', poll: { ...words, id: 'edit', question: 'First wording?' } })
    expect(await p.vote('edit', ['Yes'])).toMatchObject({ type: 'ack' })
    await presenter.control({ kind: 'open', poll: { ...words, id: 'edit', question: 'Second wording?' } })
    const msg = await p.next<PollMessage>(m => m.type === 'poll' && m.current?.poll.question === 'Second wording?')
    expect(msg.current?.round).toBe(2)
    expect(msg.answeredBeforeReset).toBeUndefined()
  })
})

describe('progress for every screen', () => {
  it('says open or closed and how many answered to a screen without the secret', async () => {
    const audience = await client()
    await audience.request({ type: 'watch' })
    const p = await phone()
    const count = { id: 'count-me', kind: 'choice', question: 'Count me?', options: ['A', 'B'] }
    await presenter.control({ kind: 'open', poll: count })
    await p.vote('count-me', 1)
    const open = await audience.next<Results>(m => m.type === 'results' && m.progress?.some(x => x.pollId === 'count-me' && x.total === 1) === true)
    expect(open.polls.find(r => r.poll.id === 'count-me')).toBeUndefined()
    expect(open.progress?.find(x => x.pollId === 'count-me')).toMatchObject({ status: 'open', total: 1, revealed: false, private: false })

    await presenter.control({ kind: 'close', pollId: 'count-me' })
    const closed = await audience.next<Results>(m => m.type === 'results' && m.progress?.some(x => x.pollId === 'count-me' && x.status === 'closed') === true)
    expect(closed.progress?.find(x => x.pollId === 'count-me')).toMatchObject({ status: 'closed', total: 1 })
  })
})
