import type { TestRoom } from '../../room/testing'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { MANY_PHONES, startTestRoom, TestClient } from '../../room/testing'

const dir = mkdtempSync(join(tmpdir(), 'room-restart-'))
const rooms: TestRoom[] = []
const clients: TestClient[] = []

afterAll(async () => {
  await Promise.all(clients.map(c => c.close()))
  for (const room of rooms)
    await room.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe('restart', () => {
  it('a new server on the same file has the same tallies, rounds, moderation and current poll', async () => {
    const first = await startTestRoom({ dir, session: 'workshop-1', maxPerAddress: MANY_PHONES })
    rooms.push(first)
    const presenter = await TestClient.connect(first.wsUrl)
    clients.push(presenter)
    await presenter.control({ kind: 'open', poll: { id: 'feel', kind: 'words', question: 'Word?', maxWords: 2 } })
    const phones: TestClient[] = []
    for (let i = 0; i < 12; i++) {
      const p = await TestClient.connect(first.wsUrl)
      clients.push(p)
      phones.push(p)
      await p.hello()
      expect(await p.vote('feel', i % 2 ? ['Brave', 'tired'] : ['brave'])).toMatchObject({ type: 'ack' })
    }
    await presenter.control({ kind: 'reset', pollId: 'feel' })
    const p = await TestClient.connect(first.wsUrl)
    clients.push(p)
    await p.hello(phones[0]!.identity)
    await p.vote('feel', 'calm')
    await presenter.control({ kind: 'moderate', pollId: 'feel', answerKey: 'tired', hidden: true })
    await presenter.control({ kind: 'reveal', pollId: 'feel', revealed: true })
    const before = { history: first.server.room.history(), current: first.server.room.current(), results: first.server.room.results({ authorized: false }) }
    await Promise.all(clients.map(c => c.close()))
    await first.stop()

    const second = await startTestRoom({ dir, session: 'workshop-1' })
    rooms.push(second)
    expect(second.server.room.history()).toEqual(before.history)
    expect(second.server.room.current()).toEqual(before.current)
    expect(second.server.room.results({ authorized: false })).toEqual(before.results)
    expect(before.history.map(r => [r.round, r.total])).toEqual([[1, 12], [2, 1]])
    expect(before.history[0]!.tally).toEqual({
      kind: 'words',
      words: [{ word: 'brave', count: 12, hidden: false }, { word: 'tired', count: 6, hidden: true }],
    })
    // The returning phone gets its answer back from the file.
    const again = await TestClient.connect(second.wsUrl)
    clients.push(again)
    expect(await again.hello(phones[0]!.identity)).toMatchObject({ myAnswer: ['calm'], current: { round: 2, status: 'open' } })
    // Its token was checked against the hash in the file; a wrong one gets nothing back.
    const impostor = await TestClient.connect(second.wsUrl)
    clients.push(impostor)
    expect(await impostor.hello({ participantId: phones[0]!.identity!.participantId, token: 'x'.repeat(43) })).toMatchObject({ type: 'error', code: 'identity-refused' })
    // Another session in the same file sees none of it.
    await second.stop()
    const other = await startTestRoom({ dir, session: 'workshop-2' })
    rooms.push(other)
    expect(other.server.room.history()).toEqual([])
    expect(other.server.room.current()).toBeNull()
    // An identity belongs to its session: the same id and token mean nothing in another one.
    const stranger = await TestClient.connect(other.wsUrl)
    clients.push(stranger)
    expect(await stranger.hello(phones[0]!.identity)).toMatchObject({ type: 'error', code: 'identity-refused' })
  })
})
