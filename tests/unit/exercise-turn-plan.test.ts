import type { TimelineState } from '../../exercises/timeline'
import type { ExerciseSchedule } from '../../exercises/types'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { askOffer } from '../../exercises/ask-offer'
import { scheduleFor } from '../../exercises/schedule'
import { applyEvent, currentStep, initialTimeline } from '../../exercises/timeline'
import { troika } from '../../exercises/troika'
import { groupPlan, groupRoleAt, groupStepAt, OPEN_TALK, roundSegment } from '../../exercises/turn-plan'

const T0 = 1_700_000_000_000
const s = (seconds: number) => seconds * 1000

function apply(state: TimelineState, kind: 'start' | 'next' | 'skip' | 'pause' | 'resume', schedule: ExerciseSchedule, at: number): TimelineState {
  const result = applyEvent(state, { type: kind }, schedule, at)
  if (!result.ok)
    throw new Error(result.message)
  return result.state
}

/** A timeline whose round `round` starts its first turn at T0. */
function inRound(schedule: ExerciseSchedule, round: number): TimelineState {
  let state = apply(initialTimeline(), 'start', schedule, T0 - s(2))
  state = apply(state, 'next', schedule, T0 - s(1))
  while (!(state.phase === 'rounds' && state.round === round))
    state = apply(state, 'next', schedule, T0)
  return state
}

const seconds = (steps: ReadonlyArray<{ seconds: number }>) => steps.reduce((sum, step) => sum + step.seconds, 0)

describe('groupPlan: one rule for every group', () => {
  const schedule = scheduleFor(askOffer, 90)
  const round1 = roundSegment(schedule, 1)!
  const ring = roundSegment(schedule, 2)!

  it('runs the room\'s own steps for a pair with two asks', () => {
    const plan = groupPlan(round1, [0, 1])
    expect(plan.map(step => [step.id, step.seconds, step.focus])).toEqual(round1.steps.map(step => [step.id, step.seconds, step.turn]))
  })

  it('gives a pair with one ask one long turn, no swap, the same total', () => {
    const plan = groupPlan(round1, [1])
    expect(plan.map(step => step.id)).toEqual(['ask', 'clarify', 'offer'])
    expect(plan.every(step => step.focus === 1 && step.turn === 0)).toBe(true)
    expect(seconds(plan)).toBe(seconds(round1.steps))
  })

  it('lets all three of a trio ask in a pair round: three turns, two swaps, the same total', () => {
    const plan = groupPlan(round1, [0, 1, 2])
    expect(plan.filter(step => step.swap)).toHaveLength(2)
    expect([...new Set(plan.flatMap(step => step.focus === null ? [] : [step.focus]))]).toEqual([0, 1, 2])
    expect(seconds(plan)).toBe(seconds(round1.steps))
    expect(plan.every(step => Number.isInteger(step.seconds) && step.seconds > 0)).toBe(true)
  })

  it('talks openly in a group with no ask at all', () => {
    expect(groupPlan(round1, [])).toEqual([{ ...OPEN_TALK, seconds: seconds(round1.steps) }])
  })

  it('runs the 90\'s second round as a table ring of four: 285 s, each person asks the table once', () => {
    expect(ring.format).toBe('ring')
    expect(ring.groupSize).toBe(4)
    expect(seconds(roundSegment(schedule, 2)!.steps) + seconds(schedule.segments.find(x => x.phase === 'pairing' && x.round === 2)!.steps)).toBe(285)
    const plan = groupPlan(ring, [0, 1, 2, 3])
    expect(plan.filter(step => step.id === 'table-ask').map(step => step.focus)).toEqual([0, 1, 2, 3])
    const five = groupPlan(ring, [0, 1, 2, 3, 4])
    expect(five.filter(step => step.id === 'table-ask').map(step => step.focus)).toEqual([0, 1, 2, 3, 4])
    expect(seconds(five)).toBe(seconds(ring.steps))
  })

  it('keeps every group\'s total and gives each ask exactly one turn, for any number of asks (property)', () => {
    const segments = [round1, ring, roundSegment(scheduleFor(askOffer, 60), 1)!, roundSegment(scheduleFor(troika, 90), 1)!]
    fc.assert(fc.property(fc.constantFrom(...segments), fc.integer({ min: 0, max: 6 }), (segment, k) => {
      const askers = Array.from({ length: k }, (_, i) => i)
      const plan = groupPlan(segment, askers)
      expect(seconds(plan)).toBe(seconds(segment.steps))
      for (const asker of askers)
        expect(new Set(plan.filter(step => step.focus === asker).map(step => step.turn)).size).toBe(1)
      expect(plan.filter(step => step.focus !== null).every(step => askers.includes(step.focus!))).toBe(true)
    }))
  })

  it('gives roles by position: focus for the asker, support for the rest, none outside turns', () => {
    const [first] = groupPlan(round1, [1])
    expect(groupRoleAt(first!, 1)).toBe('focus')
    expect(groupRoleAt(first!, 0)).toBe('support')
    expect(groupRoleAt(OPEN_TALK, 0)).toBeNull()
  })
})

describe('groupStepAt: the group\'s clock over the room\'s clock', () => {
  const schedule = scheduleFor(askOffer, 90)
  const start = inRound(schedule, 1)
  const total = seconds(roundSegment(schedule, 1)!.steps)

  it('agrees exactly with the room\'s step for a pair with two asks', () => {
    for (const at of [0, 30, 59, 60, 200, 300, 555, 600]) {
      const room = currentStep(start, schedule, T0 + s(at))
      const group = groupStepAt(schedule, start, [0, 1], T0 + s(at))!
      expect([group.step.id, group.remainingMs, group.focus, group.status]).toEqual([room.step!.id, room.remainingMs, room.turn, room.status])
    }
  })

  it('counts a trio\'s shorter turns down steadily and ends with the room', () => {
    let previous: { id: string, turn: number | null, endsAt: number | null } | null = null
    for (let at = 0; at < total; at += 5) {
      const view = groupStepAt(schedule, start, [0, 1, 2], T0 + s(at))!
      expect(view.remainingMs).toBeGreaterThan(0)
      // Within one step the end time stays put: every phone of the group counts to the same moment.
      if (previous && previous.id === view.step.id && previous.turn === view.turn)
        expect(view.endsAt).toBe(previous.endsAt)
      previous = { id: view.step.id, turn: view.turn, endsAt: view.endsAt }
    }
    const end = groupStepAt(schedule, start, [0, 1, 2], T0 + s(total + 20))!
    expect(end).toMatchObject({ status: 'overtime', remainingMs: 0, overtimeMs: s(20), turn: 2, focus: 2 })
  })

  it('follows a pause and a skip of the room\'s clock', () => {
    const paused = apply(start, 'pause', schedule, T0 + s(100))
    const a = groupStepAt(schedule, paused, [0], T0 + s(100))!
    const b = groupStepAt(schedule, paused, [0], T0 + s(400))!
    expect(b.remainingMs).toBe(a.remainingMs)
    expect(b.endsAt).toBeNull()
    const skipped = apply(start, 'skip', schedule, T0 + s(10))
    const room = currentStep(skipped, schedule, T0 + s(10))
    const group = groupStepAt(schedule, skipped, [0, 1, 2], T0 + s(10))!
    expect(room.step!.id).toBe('clarify')
    // The trio jumps to the same point of the round, 60 planned seconds in: its first turn's
    // clarify (ask 38 s, clarify 58 s of a 175 s turn), 36 s left.
    expect([group.step.id, group.turn, group.remainingMs]).toEqual(['clarify', 0, s(36)])
  })

  it('gives every group, whatever its number of asks, a clock that counts down steadily and ends with the room (property)', () => {
    const ring = scheduleFor(askOffer, 90)
    fc.assert(fc.property(fc.integer({ min: 0, max: 5 }), fc.constantFrom(1, 2), fc.array(fc.integer({ min: 0, max: 700_000 }), { minLength: 2, maxLength: 8 }), (k, round, times) => {
      const state = inRound(ring, round)
      const askers = Array.from({ length: k }, (_, i) => i)
      const end = T0 + currentStep(state, ring, T0).durationMs + seconds(roundSegment(ring, round)!.steps.slice(1)) * 1000
      for (const t of times.sort((a, b) => a - b)) {
        const at = T0 + t
        const view = groupStepAt(ring, state, askers, at)!
        if (at < end) {
          // The end of the group's step never lies past the room's round end, and never in the past.
          expect(view.endsAt! - at).toBe(view.remainingMs)
          expect(view.endsAt!).toBeLessThanOrEqual(end)
          expect(view.remainingMs).toBeGreaterThan(0)
        }
        else {
          expect(view).toMatchObject({ status: 'overtime', remainingMs: 0, stepIndex: view.stepsInRound - 1 })
        }
      }
    }), { numRuns: 200 })
  })

  it('is null outside a round\'s turns', () => {
    const pairing = apply(apply(initialTimeline(), 'start', schedule, T0), 'next', schedule, T0 + s(1))
    expect(groupStepAt(schedule, pairing, [0, 1], T0 + s(2))).toBeNull()
  })
})
