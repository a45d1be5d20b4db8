import type { ServerMessage } from '../../core/protocol'
import type { TestRoom } from '../../room/testing'
import { performance } from 'node:perf_hooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MANY_PHONES, startTestRoom, TestClient } from '../../room/testing'

type Results = Extract<ServerMessage, { type: 'results' }>
type Poll = Extract<ServerMessage, { type: 'poll' }>

/**
 * Results leave on the leading edge: a quiet room's first change goes out at
 * once, later ones wait for the gap and leave together. The gap is fixed and
 * long here (1.5 s, shortest = longest) so "at once" and "batched" cannot be
 * confused on a busy machine.
 */
const INTERVAL = 1500
const choice = { id: 'lead', kind: 'choice', question: 'Which first?', options: ['ask', 'offer'] }

let room: TestRoom
let presenter: TestClient
let watcher: TestClient
const clients: TestClient[] = []

async function phone(): Promise<TestClient> {
  const c = await TestClient.connect(room.wsUrl)
  clients.push(c)
  expect((await c.hello()).type).toBe('welcome')
  return c
}

const totalOf = (m: ServerMessage): number | undefined => m.type === 'results' ? m.polls.find(p => p.poll.id === 'lead')?.total : undefined

beforeAll(async () => {
  room = await startTestRoom({ batchIntervalMs: INTERVAL, minBatchGapMs: INTERVAL, newParticipantRate: { capacity: 1000, perSecond: 100 }, maxPerAddress: MANY_PHONES })
  presenter = await TestClient.connect(room.wsUrl)
  watcher = await TestClient.connect(room.wsUrl)
  expect(await watcher.request({ type: 'watch', secret: 'test-secret-123' })).toMatchObject({ type: 'ack' })
  await watcher.next(m => m.type === 'results')
})

afterAll(async () => {
  await Promise.all([presenter, watcher, ...clients].map(c => c.close()))
  await room?.dispose()
})

describe('results on the leading edge', () => {
  it('sends a quiet room\'s vote to the screens at once, then batches a burst: one message per interval', async () => {
    const phones = await Promise.all(Array.from({ length: 40 }, () => phone()))
    expect(await presenter.control({ kind: 'open', poll: choice })).toMatchObject({ type: 'ack' })
    // Let the join and open batches pass (the open's may leave up to one interval after its ack), so the room is quiet.
    await new Promise(resolve => setTimeout(resolve, INTERVAL * 2 + 300))

    const sentAt = performance.now()
    expect(await phones[0]!.vote('lead', 0)).toMatchObject({ type: 'ack' })
    const first = await watcher.next<Results>(m => totalOf(m) === 1, INTERVAL * 3)
    const firstAt = performance.now()
    expect(first.polls.find(p => p.poll.id === 'lead')!.tally).toEqual({ kind: 'choice', counts: [1, 0] })
    // Well under one interval: it did not wait for a timer.
    expect(firstAt - sentAt).toBeLessThan(INTERVAL / 2)

    // The burst right after: none of it may leave before the interval is over, and it leaves as one batch.
    const before = watcher.messages.length
    const acks = await Promise.all(phones.slice(1).map((p, i) => p.vote('lead', i % 2)))
    expect(acks.every(a => a.type === 'ack')).toBe(true)
    const all = await watcher.next<Results>(m => totalOf(m) === 40, INTERVAL * 4)
    const allAt = performance.now()
    expect(allAt - firstAt).toBeGreaterThanOrEqual(INTERVAL * 0.9)
    expect(all.polls.find(p => p.poll.id === 'lead')!.tally).toEqual({ kind: 'choice', counts: [21, 19] })
    const batches = watcher.messages.slice(before).filter(m => m.type === 'results')
    expect(batches).toHaveLength(1)
  })

  it('tells each phone its own answer when a poll opens again, from one snapshot', async () => {
    const [a, b, c] = await Promise.all([phone(), phone(), phone()])
    const other = { id: 'other', kind: 'choice', question: 'Another?', options: ['yes', 'no'] }
    expect(await a!.vote('lead', 1)).toMatchObject({ type: 'ack' })
    expect(await b!.vote('lead', 0)).toMatchObject({ type: 'ack' })
    expect(await presenter.control({ kind: 'open', poll: other })).toMatchObject({ type: 'ack' })
    expect(await presenter.control({ kind: 'open', poll: choice })).toMatchObject({ type: 'ack' })
    const seen = await Promise.all([a!, b!, c!].map(p => p.next<Poll>(m => m.type === 'poll' && m.current?.poll.id === 'lead')))
    expect(seen.map(m => m.myAnswer)).toEqual([1, 0, null])
    expect(seen.every(m => m.current?.status === 'open' && m.answeredBeforeReset === undefined)).toBe(true)

    // After a reset, those who had answered hear so; the one who had not does not.
    expect(await presenter.control({ kind: 'reset', pollId: 'lead' })).toMatchObject({ type: 'ack', round: 2 })
    const after = await Promise.all([a!, b!, c!].map(p => p.next<Poll>(m => m.type === 'poll' && m.current?.round === 2)))
    expect(after.map(m => [m.myAnswer, m.answeredBeforeReset ?? false])).toEqual([[null, true], [null, true], [null, false]])
  })
})

describe('the gap after a cheap batch', () => {
  let cheap: TestRoom
  afterAll(async () => {
    await cheap?.dispose()
  })

  it('is far shorter than the longest gap: a burst in a small room never waits for the full interval', async () => {
    // The longest gap is 1.5 s, the shortest 4 ms: a choice poll's batch costs well under a
    // millisecond, so the burst after the first vote follows within a few gaps, not after 1.5 s.
    cheap = await startTestRoom({ batchIntervalMs: INTERVAL, minBatchGapMs: 4, newParticipantRate: { capacity: 1000, perSecond: 100 }, maxPerAddress: MANY_PHONES })
    const screen = await TestClient.connect(cheap.wsUrl)
    expect(await screen.request({ type: 'watch', secret: 'test-secret-123' })).toMatchObject({ type: 'ack' })
    const control = await TestClient.connect(cheap.wsUrl)
    const phones = await Promise.all(Array.from({ length: 10 }, async () => {
      const c = await TestClient.connect(cheap.wsUrl)
      expect((await c.hello()).type).toBe('welcome')
      return c
    }))
    try {
      expect(await control.control({ kind: 'open', poll: choice })).toMatchObject({ type: 'ack' })
      await new Promise(resolve => setTimeout(resolve, INTERVAL * 2 + 300))
      expect(await phones[0]!.vote('lead', 0)).toMatchObject({ type: 'ack' })
      await screen.next<Results>(m => totalOf(m) === 1, INTERVAL * 3)
      const firstAt = performance.now()
      await Promise.all(phones.slice(1).map((p, i) => p.vote('lead', i % 2)))
      await screen.next<Results>(m => totalOf(m) === 10, INTERVAL * 3)
      expect(performance.now() - firstAt).toBeLessThan(INTERVAL / 2)
    }
    finally {
      await Promise.all([screen, control, ...phones].map(c => c.close()))
    }
  })
})
