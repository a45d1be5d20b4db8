import type { PollDefinition } from '../../core/polls/definition'
import type { PollResult, PublicPoll } from '../../core/protocol'
import fc from 'fast-check'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { pollDefinitionSchema } from '../../core/polls/definition'
import { talkPolls } from '../../core/talk/deck'
import { loadDeck } from '../../room/deck-file'
import { editNotice, liveRoundOf, sameDefinition, stagedPoll } from '../../slide-room/poll-edit'

const polls = talkPolls(loadDeck().talk)
const scale = polls.find(poll => poll.kind === 'scale')!
const edited: PollDefinition = { ...scale, question: `${scale.question} (edited)` }

function result(poll: PollDefinition, overrides: Partial<PollResult> = {}): PollResult {
  return { poll, round: 2, status: 'open', revealed: false, openedAt: 1, closedAt: null, total: 3, tally: { kind: 'scale', counts: [1, 1, 1, 0, 0], mean: 2 }, ...overrides }
}

function announced(poll: PollDefinition, status: PublicPoll['status'] = 'open'): PublicPoll {
  return { poll, round: 2, status, openedAt: 1 }
}

/** Same keys, other order: what a round trip through JSON and another parser may give. */
function reordered(poll: PollDefinition): PollDefinition {
  return Object.fromEntries(Object.entries(poll).reverse()) as PollDefinition
}

describe('sameDefinition agrees with the room', () => {
  // room/room.ts open(): the stored JSON of the schema's output decides reopen (same) or a new round (changed).
  const roomSame = (a: unknown, b: unknown) => JSON.stringify(v.parse(pollDefinitionSchema, a)) === JSON.stringify(v.parse(pollDefinitionSchema, b))

  it.each(polls)('$id: same after a reorder, changed after an edit of any field', (poll) => {
    expect(sameDefinition(poll, reordered(poll))).toBe(true)
    expect(roomSame(poll, reordered(poll))).toBe(true)
    for (const key of Object.keys(poll).filter(k => k !== 'id' && k !== 'kind')) {
      const value = (poll as Record<string, unknown>)[key]
      const changed = typeof value === 'string' ? `${value}!` : typeof value === 'number' ? value - 1 : typeof value === 'boolean' ? !value : Array.isArray(value) ? [...value].reverse() : { ...(value as object), label: 'other' }
      const next = { ...poll, [key]: changed } as PollDefinition
      const accepted = v.safeParse(pollDefinitionSchema, next)
      if (!accepted.success || JSON.stringify(next) === JSON.stringify(poll))
        continue
      expect(sameDefinition(poll, accepted.output), `${poll.id}.${key}`).toBe(roomSame(poll, next))
      expect(sameDefinition(poll, accepted.output)).toBe(false)
    }
  })

  it('treats an absent optional key and an undefined one alike, as the room\'s JSON does', () => {
    expect(sameDefinition(scale, { ...scale, private: undefined })).toBe(true)
    expect(sameDefinition(scale, { ...scale, private: false })).toBe(false)
  })

  it('matches the room on any question text', () => {
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 60 }), fc.string({ minLength: 1, maxLength: 60 }), (a, b) => {
      const one = { ...scale, question: `q ${a}` }
      const two = { ...scale, question: `q ${b}` }
      expect(sameDefinition(one, two)).toBe(roomSame(one, two))
    }))
  })
})

describe('what the slide shows after slides.md is saved', () => {
  it('nothing ran yet, or the room runs the same definition: the slide\'s poll, no notice', () => {
    expect(stagedPoll(scale, null)).toEqual({ shown: scale, edited: null })
    expect(stagedPoll(scale, liveRoundOf(scale.id, result(reordered(scale)), null))).toEqual({ shown: scale, edited: null })
  })

  it('an open round keeps its question on every screen until it closes', () => {
    // The presenter holds the result; the projector knows only the announced current poll.
    for (const live of [liveRoundOf(scale.id, result(scale), null), liveRoundOf(scale.id, null, announced(scale))]) {
      const staged = stagedPoll(edited, live)
      expect(staged.shown).toEqual(scale)
      expect(staged.edited).toEqual({ status: 'open', round: 2 })
    }
  })

  it('a closed round: its results keep their question; without results the edited question shows', () => {
    const closed = result(scale, { status: 'closed', closedAt: 2 })
    expect(stagedPoll(edited, liveRoundOf(scale.id, closed, null))).toEqual({ shown: scale, edited: { status: 'closed', round: 2 } })
    expect(stagedPoll(edited, liveRoundOf(scale.id, { ...closed, total: 0 }, null)).shown).toEqual(edited)
    expect(stagedPoll(edited, liveRoundOf(scale.id, null, announced(scale, 'closed'))).shown).toEqual(edited)
  })

  it('another poll being current changes nothing here', () => {
    const other = polls.find(poll => poll.id !== scale.id)!
    expect(liveRoundOf(scale.id, null, announced(other))).toBeNull()
    expect(stagedPoll(edited, liveRoundOf(scale.id, null, announced(other)))).toEqual({ shown: edited, edited: null })
  })

  it('tells the presenter in words what phones get and what Open again does', () => {
    expect(editNotice({ status: 'open', round: 2 })).toBe('You edited this poll. Phones keep the question they have until you close it; Open again asks the new one.')
    expect(editNotice({ status: 'closed', round: 2 })).toContain('Open again asks the new question as round 3; round 2 keeps its answers')
  })
})
