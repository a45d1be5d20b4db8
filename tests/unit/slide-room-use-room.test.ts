import type { PollResult } from '../../core/protocol'
import type { RoomConnection, RoomEvents } from '../../room-client/connection'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { capturePresenterSecret, forgetPresenterSecret } from '../../slide-room/secret'
import { resetRoomForTests, useRoom } from '../../slide-room/use-room'

/** A RoomConnection double: the socket client has its own tests; these cover the composable. */
function fakeConnections() {
  const made: Array<{ secret: string | null, closed: boolean, sent: unknown[], emit: <K extends keyof RoomEvents>(e: K, p: RoomEvents[K]) => void }> = []
  const factory = (secret: string | null): RoomConnection => {
    const listeners = new Map<string, Set<(p: any) => void>>()
    let n = 0
    const record = {
      secret,
      closed: false,
      sent: [] as unknown[],
      emit: (event: string, payload: unknown) => listeners.get(event)?.forEach(l => l(payload)),
    }
    made.push(record as (typeof made)[number])
    return {
      get state() {
        return { status: 'open' as const, participantId: null, current: null, myAnswer: null, pending: [], participants: null, clockOffset: null }
      },
      identity: null,
      on: (event, listener) => {
        const set = listeners.get(event) ?? new Set()
        listeners.set(event, set)
        set.add(listener as (p: any) => void)
        return () => set.delete(listener as (p: any) => void)
      },
      vote: () => 'v',
      control: (action) => {
        record.sent.push(action)
        return `req-${++n}`
      },
      presentSlide: (page, clicks) => {
        record.sent.push({ slide: page, clicks })
        return `req-${++n}`
      },
      setNickname: () => {},
      reconnect: () => {},
      close: () => {
        record.closed = true
      },
    }
  }
  return { made, factory }
}

const poll = { id: 'p', kind: 'choice', question: 'Q?', options: ['A', 'B'] } as const
const result: PollResult = { poll: { ...poll, options: [...poll.options] }, round: 1, status: 'open', revealed: false, openedAt: 5, closedAt: null, total: 2, tally: { kind: 'choice', counts: [1, 1] } }

afterEach(() => {
  vi.useRealTimers()
  forgetPresenterSecret(null)
  resetRoomForTests()
})

describe('useRoom', () => {
  it('shares one connection between users and closes it after the last scope is gone', async () => {
    vi.useFakeTimers()
    const { made, factory } = fakeConnections()
    resetRoomForTests(factory)
    const a = effectScope()
    const b = effectScope()
    a.run(() => useRoom())
    b.run(() => useRoom())
    expect(made).toHaveLength(1)
    a.stop()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(made[0]!.closed).toBe(false)
    b.stop()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(made[0]!.closed).toBe(true)
  })

  it('says whether this browser can run the room: no secret, a refused one, an accepted one', () => {
    const { made, factory } = fakeConnections()
    resetRoomForTests(factory)
    const without = effectScope().run(() => useRoom())!
    expect(without.presenterSecret.value).toBe('pending')
    made.at(-1)!.emit('results', { type: 'results', polls: [], participants: 0, authorized: false })
    expect(without.presenterSecret.value).toBe('missing')
    // The presenter cookie (HttpOnly, invisible here) makes the room say authorized.
    made.at(-1)!.emit('results', { type: 'results', polls: [], participants: 0, authorized: true })
    expect(without.presenterSecret.value).toBe('ok')

    resetRoomForTests(factory)
    capturePresenterSecret({ location: { href: 'http://127.0.0.1:3030/presenter/?room=stale' }, history: { state: null, replaceState: () => {} }, storage: null })
    const room = effectScope().run(() => useRoom())!
    expect(made.at(-1)!.secret).toBe('stale')
    expect(room.presenterSecret.value).toBe('pending')
    made.at(-1)!.emit('results', { type: 'results', polls: [], participants: 0, authorized: false })
    expect(room.presenterSecret.value).toBe('refused')
    made.at(-1)!.emit('results', { type: 'results', polls: [], participants: 0, authorized: true })
    expect(room.presenterSecret.value).toBe('ok')
    made.at(-1)!.emit('error', { type: 'error', code: 'unauthorized', message: 'The presenter secret is wrong.' })
    expect(room.presenterSecret.value).toBe('refused')
  })

  it('does not connect in print mode', () => {
    const { made, factory } = fakeConnections()
    resetRoomForTests(factory)
    effectScope().run(() => useRoom({ connect: false }))
    expect(made).toHaveLength(0)
  })

  it('replaces the results map with each snapshot and derives the open poll', () => {
    const { made, factory } = fakeConnections()
    resetRoomForTests(factory)
    const room = effectScope().run(() => useRoom())!
    const first = room.results.value
    const integrity = { crowded: [3], crowdedAt: 3, maxPerAddress: 4, refusedAddresses: 0 }
    made[0]!.emit('results', { type: 'results', polls: [result], participants: 7, authorized: true, integrity })
    expect(room.integrity.value).toEqual(integrity)
    expect(room.results.value).not.toBe(first)
    expect(room.results.value.get('p')?.total).toBe(2)
    expect(room.participants.value).toBe(7)
    expect(room.authorized.value).toBe(true)
    expect(room.current.value?.poll.id).toBe('p')
    made[0]!.emit('results', { type: 'results', polls: [], participants: 7, authorized: false })
    expect(room.integrity.value).toBeNull()
    expect(room.results.value.size).toBe(0)
    expect(room.current.value).toBeNull()
  })

  it('resolves control on ack and rejects with the server message on error', async () => {
    const { made, factory } = fakeConnections()
    resetRoomForTests(factory)
    const room = effectScope().run(() => useRoom())!
    const opened = room.control({ kind: 'close', pollId: 'p' })
    made[0]!.emit('ack', { type: 'ack', requestId: 'req-1' })
    await expect(opened).resolves.toBeUndefined()
    const refused = room.control({ kind: 'reset', pollId: 'p' })
    made[0]!.emit('error', { type: 'error', requestId: 'req-2', code: 'unauthorized', message: 'The presenter secret is missing or wrong.' })
    await expect(refused).rejects.toThrow('The presenter secret is missing or wrong.')
  })

  it('holds the storage problem the server reports until saving works again', () => {
    const { made, factory } = fakeConnections()
    resetRoomForTests(factory)
    const room = effectScope().run(() => useRoom())!
    expect(room.storage.value).toBeNull()
    const problem = { path: '/data/room.sqlite', code: 'SQLITE_FULL', cause: 'cannot grow: the disk is full', advice: 'Free some disk space.', since: 5 }
    made[0]!.emit('storage', { type: 'storage', ok: false, problem })
    expect(room.storage.value).toEqual(problem)
    made[0]!.emit('storage', { type: 'storage', ok: true })
    expect(room.storage.value).toBeNull()
  })

  it('times out a control the server never answers', async () => {
    vi.useFakeTimers()
    const { factory } = fakeConnections()
    resetRoomForTests(factory)
    const room = effectScope().run(() => useRoom())!
    const pending = room.control({ kind: 'close', pollId: 'p' })
    const check = expect(pending).rejects.toThrow(/did not answer/)
    await vi.advanceTimersByTimeAsync(10_000)
    await check
  })
})
