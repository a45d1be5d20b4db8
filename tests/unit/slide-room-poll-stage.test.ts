import type { PollProgress, PollResult } from '../../core/protocol'
import type { StageFacts } from '../../slide-room/poll-stage-state'
import { describe, expect, it } from 'vitest'
import { findPoll } from '../../core/talk/deck'
import { loadDeck } from '../../room/deck-file'
import { progressById } from '../../slide-room/chart-data'
import { roomSeesOnlyNow, stageView, waitingText } from '../../slide-room/poll-stage-state'

const { talk } = loadDeck()
const before = findPoll(talk, 'weakness-before')!
const after = findPoll(talk, 'weakness-after')!
const myAsk = findPoll(talk, 'my-ask')!

function result(poll: typeof before, overrides: Partial<PollResult> = {}): PollResult {
  return { poll, round: 1, status: 'closed', revealed: false, openedAt: 1, closedAt: 2, total: 3, tally: { kind: 'scale', counts: [1, 1, 1, 0, 0], mean: 2 }, ...overrides }
}

function progress(overrides: Partial<PollProgress> = {}): PollProgress {
  return { pollId: after.id, round: 1, status: 'open', total: 4, revealed: false, private: false, ...overrides }
}

const base: StageFacts = { presenterView: false, private: false, result: null, progress: null, announcedOpen: false, unreachable: false }

describe('the projector (audience view)', () => {
  it('before anything is asked: get your phone ready', () => {
    const view = stageView(base)
    expect(view).toEqual({ kind: 'idle' })
    expect(waitingText(view)).toEqual({ lead: 'Get your phone ready', detail: 'the poll opens in a moment.' })
  })

  it('while open: a live answer count from the counts every screen gets, no results', () => {
    const view = stageView({ ...base, progress: progress({ total: 7 }) })
    expect(view).toEqual({ kind: 'open', answers: 7, private: false })
    expect(waitingText(view)?.detail).toBe('7 answers so far · results after the reveal')
  })

  it('open as announced before any counts arrived: no number rather than a wrong one', () => {
    const view = stageView({ ...base, announcedOpen: true })
    expect(view).toEqual({ kind: 'open', answers: null, private: false })
    expect(waitingText(view)?.detail).toBe('results after the reveal')
  })

  it('after closing: "Poll closed, N answers", never "the poll opens in a moment"', () => {
    const view = stageView({ ...base, progress: progress({ status: 'closed', total: 1 }) })
    expect(view).toEqual({ kind: 'closed', answers: 1, private: false })
    expect(waitingText(view)?.lead).toBe('Poll closed, 1 answer')
  })

  it('never draws a round that is not revealed, even if this browser received it (the presenter cookie)', () => {
    const hidden = result(after)
    expect(stageView({ ...base, result: hidden, progress: progress({ status: 'closed', total: 3 }) }).kind).toBe('closed')
    const shown = result(after, { revealed: true })
    expect(stageView({ ...base, result: shown })).toEqual({ kind: 'results', result: shown, hiddenFromRoom: false })
  })

  it('a private poll: counts only, in every state, even if a result arrived', () => {
    const leaked = { ...result(after, { revealed: true }), poll: myAsk }
    const view = stageView({ ...base, private: true, result: leaked, progress: progress({ pollId: 'my-ask', status: 'closed', total: 5, private: true }) })
    expect(view).toEqual({ kind: 'closed', answers: 5, private: true })
    expect(waitingText(view)?.detail).toBe('private: answers are never shown.')
  })

  it('before/after: side by side only when both rounds are revealed', () => {
    const b = result(before, { revealed: true })
    const a = result(after, { revealed: true })
    expect(stageView({ ...base, result: a, before: b }).kind).toBe('compare')
    expect(stageView({ ...base, result: a, before: null }).kind).toBe('results')
  })

  it('the unreachable room with nothing to show sends people to paper', () => {
    expect(stageView({ ...base, unreachable: true })).toEqual({ kind: 'unreachable' })
  })
})

describe('the presenter view', () => {
  const presenter = { ...base, presenterView: true }

  it('sees results before the room does, marked as hidden from the room', () => {
    const r = result(after)
    expect(stageView({ ...presenter, result: r })).toEqual({ kind: 'results', result: r, hiddenFromRoom: true })
  })

  it('sees a private poll as a count only, never its answers', () => {
    const r = { ...result(after, { status: 'open', total: 2 }), poll: myAsk }
    expect(stageView({ ...presenter, private: true, result: r, progress: progress({ pollId: 'my-ask', total: 2, private: true }) })).toEqual({ kind: 'private', answers: 2, open: true })
  })

  it('sees the layout the room will see: compare only once the first round is revealed', () => {
    const a = result(after)
    const hiddenBefore = result(before)
    expect(stageView({ ...presenter, result: a, before: hiddenBefore }).kind).toBe('results')
    expect(stageView({ ...presenter, result: a, before: { ...hiddenBefore, revealed: true } })).toMatchObject({ kind: 'compare', hiddenFromRoom: true })
  })

  it('is warned when the room will see only "Now", with what to reveal', () => {
    expect(roomSeesOnlyNow({ presenterView: true, before: result(before, { total: 9 }) })).toEqual({ beforeId: 'weakness-before', answers: 9 })
    expect(roomSeesOnlyNow({ presenterView: true, before: result(before, { revealed: true }) })).toBeNull()
    expect(roomSeesOnlyNow({ presenterView: true, before: result(before, { total: 0 }) })).toBeNull()
    // The projector never shows the warning.
    expect(roomSeesOnlyNow({ presenterView: false, before: result(before) })).toBeNull()
  })
})

describe('progressById', () => {
  it('uses the server\'s counts, and falls back to results from a server that sends none', () => {
    const r = result(after, { status: 'open', total: 6, revealed: true })
    expect(progressById(undefined, [r]).get(after.id)).toEqual({ pollId: after.id, round: 1, status: 'open', total: 6, revealed: true, private: false })
    expect(progressById([progress({ total: 8 })], [r]).get(after.id)?.total).toBe(8)
  })
})
