import type { PollResult } from '../../core/protocol'
import type { TestRoom } from '../../room/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildPhonePage } from '../../phone/build'
import { startTestRoom, TestClient } from '../../room/testing'

const poll = { id: 'feel', kind: 'words', question: 'One word?', maxWords: 1 }

let room: TestRoom
let presenter: TestClient

beforeAll(async () => {
  // The real phone page, so /join is the document phones get.
  room = await startTestRoom({ phonePage: buildPhonePage })
  presenter = await TestClient.connect(room.wsUrl)
  await presenter.control({ kind: 'open', poll })
  for (const word of ['Brave', 'awkward', 'Awkward ']) {
    const phone = await TestClient.connect(room.wsUrl)
    await phone.hello()
    expect(await phone.vote('feel', [word])).toMatchObject({ type: 'ack' })
    await phone.close()
  }
})

afterAll(async () => {
  await presenter?.close()
  await room?.dispose()
})

async function publicResults(): Promise<PollResult[]> {
  const res = await fetch(`${room.baseUrl}/api/public-results`)
  expect(res.status).toBe(200)
  return ((await res.json()) as { polls: PollResult[] }).polls
}

describe('/api/public-results (what the slide export prints)', () => {
  it('holds nothing while results are hidden', async () => {
    expect(await publicResults()).toEqual([])
  })

  it('holds a poll once revealed, without the answers the presenter hid', async () => {
    expect(await presenter.control({ kind: 'reveal', pollId: 'feel', revealed: true })).toMatchObject({ type: 'ack' })
    expect(await presenter.control({ kind: 'moderate', pollId: 'feel', answerKey: 'brave', hidden: true })).toMatchObject({ type: 'ack' })
    const [result] = await publicResults()
    expect(result?.poll.id).toBe('feel')
    expect(result?.total).toBe(3)
    expect(result?.tally).toEqual({ kind: 'words', words: [{ word: 'awkward', count: 2, hidden: false }] })
  })
})

describe('an audience screen without the secret', () => {
  it('is told which poll is open, and when it closes, without seeing hidden results', async () => {
    const screen = await TestClient.connect(room.wsUrl)
    screen.send({ type: 'watch', requestId: 'w1' })
    const first = await screen.next(m => m.type === 'poll')
    expect(first).toMatchObject({ type: 'poll', current: { poll: { id: 'feel' }, status: 'open' }, myAnswer: null })

    const next = { id: 'next-one', kind: 'choice', question: 'A or B?', options: ['A', 'B'] }
    await presenter.control({ kind: 'open', poll: next })
    expect(await screen.next(m => m.type === 'poll')).toMatchObject({ current: { poll: { id: 'next-one' }, status: 'open' } })
    await presenter.control({ kind: 'close', pollId: 'next-one' })
    expect(await screen.next(m => m.type === 'poll')).toMatchObject({ current: { poll: { id: 'next-one' }, status: 'closed' } })
    const results = await screen.next(m => m.type === 'results')
    expect(results).toMatchObject({ authorized: false })
    if (results.type === 'results')
      expect(results.polls.map(p => p.poll.id)).not.toContain('next-one')
    await screen.close()
  })
})

describe('/join with a poll open', () => {
  it('carries the open poll in the page as inert JSON, so a slow phone can answer before its socket is up', async () => {
    const tricky = { id: 'tricky', kind: 'choice', question: 'Is </script><script>window.x=1</script> text?', options: ['Yes', 'No'] }
    await presenter.control({ kind: 'open', poll: tricky })
    const html = await (await fetch(`${room.baseUrl}/join`)).text()
    const island = html.match(/<script type="application\/json" id="room-initial">(.*?)<\/script>/)
    expect(island).not.toBeNull()
    expect(html).not.toContain('<script>window.x=1')
    const current = JSON.parse(island![1]!) as { poll: { id: string, question: string }, status: string }
    expect(current.poll).toMatchObject({ id: 'tricky', question: tricky.question })
    expect(current.status).toBe('open')
    await presenter.control({ kind: 'close', pollId: 'tricky' })
  })
})
