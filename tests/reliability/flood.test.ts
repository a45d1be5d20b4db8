import type { TestRoom } from '../../room/testing'
import { performance } from 'node:perf_hooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { MANY_PHONES, startTestRoom, TestClient } from '../../room/testing'

/**
 * One abusive phone floods the server (default limits) while 60 others vote.
 * room-limits.test.ts proves the flooder is throttled and cut off next to
 * one calm phone; this measures what everyone else feels during the flood.
 */
const OTHERS = 60
let room: TestRoom
const clients: TestClient[] = []

beforeAll(async () => {
  // Defaults for every limit except new and live ids per address: 61 phones share 127.0.0.1 here.
  room = await startTestRoom({ newParticipantRate: { capacity: 100, perSecond: 10 }, maxPerAddress: MANY_PHONES })
  const presenter = await TestClient.connect(room.wsUrl)
  clients.push(presenter)
  expect(await presenter.control({ kind: 'open', poll: { id: 'flood', kind: 'text', question: 'One thing?', maxLength: 200 } })).toMatchObject({ type: 'ack' })
})

afterAll(async () => {
  await Promise.all(clients.map(c => c.close()))
  await room?.dispose()
})

describe('a flooding client', () => {
  it('is throttled and cut off while everyone else\'s votes are acknowledged quickly', async () => {
    const others = await Promise.all(Array.from({ length: OTHERS }, async (_, i) => {
      const c = await TestClient.connect(room.wsUrl)
      clients.push(c)
      expect(await c.hello(null, `Calm ${i}`)).toMatchObject({ type: 'welcome' })
      return c
    }))
    const flooder = await TestClient.connect(room.wsUrl)
    clients.push(flooder)
    await flooder.hello()

    // Flood: valid-looking votes of maximum size, as fast as the socket takes them, for up to 3 s.
    let sent = 0
    const big = 'x'.repeat(400)
    const stopAt = Date.now() + 3000
    const flood = (async () => {
      while (flooder.ws.readyState === WebSocket.OPEN && Date.now() < stopAt) {
        for (let k = 0; k < 200 && flooder.ws.readyState === WebSocket.OPEN; k++, sent++)
          flooder.send({ type: 'vote', requestId: `f${sent}`, pollId: 'flood', value: big })
        await new Promise(r => setImmediate(r))
      }
    })()

    const latencies = await Promise.all(others.map(async (c, i) => {
      await new Promise(r => setTimeout(r, 100 + Math.random() * 1500))
      const t0 = performance.now()
      const reply = await c.vote('flood', `calm answer ${i}`)
      expect(reply).toMatchObject({ type: 'ack' })
      return performance.now() - t0
    }))
    await flood
    const closed = await Promise.race([flooder.closed, new Promise<null>(r => setTimeout(r, 5000, null))])
    latencies.sort((a, b) => a - b)
    const p99 = latencies[Math.ceil(latencies.length * 0.99) - 1]!
    console.warn(`flood: ${sent} frames sent by the flooder before it was cut off; others' ack p50 ${latencies[latencies.length >> 1]!.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`)

    expect(closed?.code).toBe(1008)
    // A generous bound for a shared CI machine; on an idle laptop it is a few milliseconds.
    expect(p99).toBeLessThan(500)
    const result = room.server.room.results({ authorized: true }).find(p => p.poll.id === 'flood')!
    // Every calm phone counted; the flooder at most once (its first 20 messages fit the burst).
    expect(result.total).toBeGreaterThanOrEqual(OTHERS)
    expect(result.total).toBeLessThanOrEqual(OTHERS + 1)
  })
})
