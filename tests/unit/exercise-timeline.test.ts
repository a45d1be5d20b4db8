import type { TimelineEvent, TimelineState } from '../../exercises/timeline'
import type { ExerciseSchedule } from '../../exercises/types'
import * as v from 'valibot'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { askOffer } from '../../exercises/ask-offer'
import { scheduleFor } from '../../exercises/schedule'
import { applyEvent, currentStep, initialTimeline, remaining, settle, timelineEventSchema } from '../../exercises/timeline'
import { troika } from '../../exercises/troika'
import { groupPlan, groupRoleAt, groupStepAt } from '../../exercises/turn-plan'

const T0 = Date.UTC(2026, 2, 14, 9, 30)
const s = (seconds: number) => seconds * 1000

/** The 60-minute ask/offer: write 150 | pair 60 | ask 60, clarify 60, offer 90, swap 15, ask 60, clarify 60, offer 90, note 45 | what 90, so-what 90, now-what 60 | commit 150. */
const schedule: ExerciseSchedule = scheduleFor(askOffer, 60)

function apply(state: TimelineState, event: TimelineEvent, now: number, on: ExerciseSchedule = schedule): TimelineState {
  const result = applyEvent(state, event, on, now)
  if (!result.ok)
    throw new Error(`${event.type} refused: ${result.message}`)
  return result.state
}

function started(at = T0): TimelineState {
  return apply(initialTimeline(), { type: 'start' }, at)
}

/** Start, then move to the first round's pairing at `at`. */
function inPairing(at: number): TimelineState {
  return apply(started(at - s(10)), { type: 'next' }, at)
}

describe('schedule', () => {
  it('lays out the 60-minute variant in phase order with one round', () => {
    expect(schedule.rounds).toBe(1)
    expect(schedule.segments.map(segment => `${segment.phase}:${segment.round}`)).toEqual(['prepare:0', 'pairing:1', 'rounds:1', 'debrief:0', 'commitment:0'])
    const round = schedule.segments[2]!
    expect(round.steps.map(step => step.id)).toEqual(['ask', 'clarify', 'offer', 'swap', 'ask', 'clarify', 'offer', 'note'])
    expect(round.steps.map(step => step.turn)).toEqual([0, 0, 0, null, 1, 1, 1, null])
  })

  it('gives the 90-minute variant a table ring as its second round, and no note step', () => {
    const long = scheduleFor(askOffer, 90)
    expect(long.rounds).toBe(2)
    const [first, second] = long.segments.filter(segment => segment.phase === 'rounds')
    expect(first!.steps.map(step => step.seconds)).toEqual([60, 90, 120, 15, 60, 90, 120])
    expect(first).toMatchObject({ format: 'groups', groupSize: 2, turns: 2 })
    expect(second).toMatchObject({ format: 'ring', groupSize: 4, turns: 4 })
    expect(second!.steps.map(step => step.id)).toEqual(['table-ask', 'table-offer', 'table-next', 'table-ask', 'table-offer', 'table-next', 'table-ask', 'table-offer', 'table-next', 'table-ask', 'table-offer'])
    expect(long.segments.find(segment => segment.phase === 'pairing' && segment.round === 2)!.steps.map(step => step.id)).toEqual(['find-table'])
  })
})

describe('timeline: steps advance by time', () => {
  it('is not started until the facilitator starts it', () => {
    const view = currentStep(initialTimeline(), schedule, T0)
    expect(view.status).toBe('not-started')
    expect(view.step).toBeNull()
    expect(view.nextStep?.id).toBe('write')
    const refused = applyEvent(initialTimeline(), { type: 'pause' }, schedule, T0)
    expect(refused).toMatchObject({ ok: false, code: 'not-started' })
  })

  it('starts in prepare and holds in overtime at the end of a waiting phase', () => {
    const state = started()
    expect(currentStep(state, schedule, T0 + s(100))).toMatchObject({ status: 'running', phase: 'prepare', remainingMs: s(50) })
    const late = currentStep(state, schedule, T0 + s(170))
    expect(late).toMatchObject({ status: 'overtime', phase: 'prepare', remainingMs: 0, overtimeMs: s(20) })
    expect(remaining(state, schedule, T0 + s(170))).toBe(0)
  })

  it('reports entering pairing so the server knows when to pair', () => {
    const result = applyEvent(started(), { type: 'next' }, schedule, T0 + s(120))
    expect(result).toMatchObject({ ok: true, entered: { phase: 'pairing', round: 1 } })
  })

  it('moves from pairing into the round and through its steps by time alone', () => {
    const at = T0 + s(200)
    const state = inPairing(at)
    expect(currentStep(state, schedule, at + s(30))).toMatchObject({ phase: 'pairing', round: 1, remainingMs: s(30) })
    // pair 60 → ask starts at +60, clarify at +120, offer at +180, swap at +270.
    expect(currentStep(state, schedule, at + s(61))).toMatchObject({ phase: 'rounds', round: 1, stepIndex: 0, turn: 0, remainingMs: s(59) })
    expect(currentStep(state, schedule, at + s(120)).step?.id).toBe('clarify')
    expect(currentStep(state, schedule, at + s(200)).step?.id).toBe('offer')
    const swap = currentStep(state, schedule, at + s(275))
    expect(swap).toMatchObject({ swap: true, turn: null, remainingMs: s(10) })
    expect(swap.step?.id).toBe('swap')
    expect(currentStep(state, schedule, at + s(285))).toMatchObject({ turn: 1, swap: false })
  })

  it('uses endsAt so a client can count down locally', () => {
    const at = T0 + s(200)
    const view = currentStep(inPairing(at), schedule, at + s(70))
    expect(view.startedAt).toBe(at + s(60))
    expect(view.endsAt).toBe(at + s(120))
  })

  it('holds at the last step of the round until the facilitator moves on', () => {
    const at = T0 + s(200)
    const state = inPairing(at)
    // The round lasts 480 s after 60 s of pairing: the note step ends at +540.
    const view = currentStep(state, schedule, at + s(600))
    expect(view).toMatchObject({ status: 'overtime', phase: 'rounds', overtimeMs: s(60) })
    expect(view.step?.id).toBe('note')
    expect(view.nextStep?.id).toBe('what')
  })
})

describe('timeline: facilitator events', () => {
  const at = T0 + s(200)

  it('pause freezes the remaining time and resume continues it', () => {
    let state = inPairing(at)
    state = apply(state, { type: 'pause' }, at + s(70)) // 50 s left of ask
    expect(currentStep(state, schedule, at + s(70)).status).toBe('paused')
    expect(remaining(state, schedule, at + s(70))).toBe(50)
    expect(remaining(state, schedule, at + s(70) + s(3600))).toBe(50)
    expect(currentStep(state, schedule, at + s(4000)).endsAt).toBeNull()
    state = apply(state, { type: 'resume' }, at + s(370)) // paused 300 s
    expect(currentStep(state, schedule, at + s(370))).toMatchObject({ status: 'running', remainingMs: s(50) })
    expect(remaining(state, schedule, at + s(400))).toBe(20)
    expect(currentStep(state, schedule, at + s(420)).step?.id).toBe('clarify')
  })

  it('refuses a double pause and a resume that was not paused', () => {
    const state = apply(inPairing(at), { type: 'pause' }, at + s(5))
    expect(applyEvent(state, { type: 'pause' }, schedule, at + s(6))).toMatchObject({ ok: false, code: 'paused' })
    expect(applyEvent(inPairing(at), { type: 'resume' }, schedule, at + s(6))).toMatchObject({ ok: false, code: 'not-paused' })
  })

  it('extend adds time to the active step, also after auto-advance', () => {
    // At +130 the clock has moved on to clarify (started +120) without any event.
    const state = apply(inPairing(at), { type: 'extend', seconds: 30 }, at + s(130))
    expect(state).toMatchObject({ phase: 'rounds', stepIndex: 1, stepStartedAt: at + s(120), extraSeconds: 30 })
    expect(remaining(state, schedule, at + s(130))).toBe(80)
    expect(currentStep(state, schedule, at + s(209)).step?.id).toBe('clarify')
    expect(currentStep(state, schedule, at + s(210)).step?.id).toBe('offer')
  })

  it('extend in overtime counts from now', () => {
    const state = apply(started(), { type: 'extend', seconds: 60 }, T0 + s(170)) // 20 s over
    expect(remaining(state, schedule, T0 + s(170))).toBe(60)
    expect(currentStep(state, schedule, T0 + s(230)).status).toBe('overtime')
  })

  it('skip ends the active step now; at the last step it moves to the next phase', () => {
    let state = apply(inPairing(at), { type: 'skip' }, at + s(10))
    expect(currentStep(state, schedule, at + s(10))).toMatchObject({ phase: 'rounds', stepIndex: 0, remainingMs: s(60) })
    state = apply(state, { type: 'skip' }, at + s(20))
    expect(currentStep(state, schedule, at + s(20)).step?.id).toBe('clarify')
    const result = applyEvent(state, { type: 'next' }, schedule, at + s(30))
    expect(result).toMatchObject({ ok: true, entered: { phase: 'debrief', round: 1 } })
  })

  it('skip while paused moves on but stays paused', () => {
    const paused = apply(inPairing(at), { type: 'pause' }, at + s(10))
    const state = apply(paused, { type: 'skip' }, at + s(20))
    expect(currentStep(state, schedule, at + s(500))).toMatchObject({ status: 'paused', phase: 'rounds', remainingMs: s(60) })
  })

  it('end stops the exercise and refuses further events', () => {
    const state = apply(inPairing(at), { type: 'end' }, at + s(10))
    expect(currentStep(state, schedule, at + s(20))).toMatchObject({ status: 'done', phase: 'done', step: null })
    expect(applyEvent(state, { type: 'skip' }, schedule, at + s(30))).toMatchObject({ ok: false, code: 'already-done' })
    expect(applyEvent(state, { type: 'start' }, schedule, at + s(30))).toMatchObject({ ok: false, code: 'already-started' })
  })

  it('walks the whole exercise with next to done', () => {
    let state = started()
    const phases: string[] = []
    for (let i = 0; i < 10 && state.phase !== 'done'; i++) {
      state = apply(state, { type: 'next' }, T0 + s(i))
      phases.push(state.phase)
    }
    expect(phases).toEqual(['pairing', 'rounds', 'debrief', 'commitment', 'done'])
  })

  it('next-round pairs again for round 2, and refuses past the last round', () => {
    const long = scheduleFor(askOffer, 90)
    let state = apply(initialTimeline(), { type: 'start' }, T0, long)
    state = apply(state, { type: 'next-round' }, T0 + s(200), long)
    expect(state).toMatchObject({ phase: 'pairing', round: 1 })
    // Round 1 (pairing at +200) ends at +815 and holds in overtime until the facilitator calls round 2.
    const result = applyEvent(state, { type: 'next-round' }, long, T0 + s(900))
    expect(result).toMatchObject({ ok: true, entered: { phase: 'pairing', round: 2 } })
    if (!result.ok)
      return
    state = result.state
    // Round 2: pair 30 then ask 30.
    expect(currentStep(state, long, T0 + s(935))).toMatchObject({ phase: 'rounds', round: 2, turn: 0, remainingMs: s(25) })
    expect(applyEvent(state, { type: 'next-round' }, long, T0 + s(1000))).toMatchObject({ ok: false, code: 'no-more-rounds' })
    expect(applyEvent(state, { type: 'next' }, long, T0 + s(1000))).toMatchObject({ ok: true, entered: { phase: 'debrief', round: 2 } })
  })
})

describe('timeline: reconnecting mid-round', () => {
  it('computes the same step and time left from the stored facts alone', () => {
    const at = T0 + s(200)
    // The facts as the server stored them at the last event: pairing began at `at`, one pause of 40 s during ask.
    let facts = inPairing(at)
    facts = apply(facts, { type: 'pause' }, at + s(80))
    facts = apply(facts, { type: 'resume' }, at + s(120))
    const stored = JSON.parse(JSON.stringify(facts)) as TimelineState
    // A phone reconnecting 5 minutes in: 300 s since pairing, 40 s paused → 260 s of clock.
    // pair 60 | ask 60 (→120) | clarify 60 (→180) | offer 90 (→270): offer, 10 s left.
    const view = currentStep(stored, schedule, at + s(300))
    expect(view).toMatchObject({ phase: 'rounds', stepIndex: 2, turn: 0, remainingMs: s(10) })
    expect(view.step?.id).toBe('offer')
    expect(currentStep(stored, schedule, at + s(300))).toEqual(view)
  })

  it('settle re-anchors the facts without changing what they mean', () => {
    const at = T0 + s(200)
    const facts = inPairing(at)
    const now = at + s(333)
    const anchored = settle(facts, schedule, now)
    expect(anchored.stepIndex).not.toBe(facts.stepIndex)
    expect(currentStep(anchored, schedule, now)).toEqual(currentStep(facts, schedule, now))
    expect(currentStep(anchored, schedule, now + s(77))).toEqual(currentStep(facts, schedule, now + s(77)))
  })

  it('agrees with a ticking clock driven by fake timers', () => {
    vi.useFakeTimers()
    vi.setSystemTime(T0)
    const facts = started(Date.now())
    const seen: string[] = []
    const timer = setInterval(() => {
      const view = currentStep(facts, schedule, Date.now())
      seen.push(`${view.phase}:${view.step?.id}:${remaining(facts, schedule, Date.now())}`)
    }, 50_000)
    vi.advanceTimersByTime(200_000)
    clearInterval(timer)
    expect(seen).toEqual(['prepare:write:100', 'prepare:write:50', 'prepare:write:0', 'prepare:write:0'])
  })

  afterEach(() => {
    vi.useRealTimers()
  })
})

describe('whose turn', () => {
  it('gives the focus to the asks in speaking order and nobody outside turns', () => {
    const at = T0 + s(200)
    const state = inPairing(at)
    const round = schedule.segments.find(segment => segment.phase === 'rounds')!
    const first = groupStepAt(schedule, state, [0, 1], at + s(100))!
    const second = groupStepAt(schedule, state, [0, 1], at + s(300))!
    expect([groupRoleAt(first.step, 0), groupRoleAt(first.step, 1)]).toEqual(['focus', 'support'])
    expect([groupRoleAt(second.step, 0), groupRoleAt(second.step, 1)]).toEqual(['support', 'focus'])
    const swap = groupPlan(round, [0, 1]).find(step => step.swap)!
    expect(groupRoleAt(swap, 0)).toBeNull()
  })

  it('lets all three of a pair-exercise trio ask: nobody only watches', () => {
    const round = schedule.segments.find(segment => segment.phase === 'rounds')!
    const focuses = new Set(groupPlan(round, [0, 1, 2]).map(step => step.focus).filter(focus => focus !== null))
    expect([...focuses]).toEqual([0, 1, 2])
  })

  it('rotates the client through a Troika trio', () => {
    const plan = scheduleFor(troika, 90)
    const round = plan.segments.find(segment => segment.phase === 'rounds')!
    const turns = [...new Set(round.steps.map(step => step.turn).filter(turn => turn !== null))]
    expect(turns).toEqual([0, 1, 2])
    expect(round.steps.filter(step => step.swap)).toHaveLength(2)
    expect([...new Set(groupPlan(round, [2, 0, 1]).map(step => step.focus).filter(focus => focus !== null))]).toEqual([2, 0, 1])
  })
})

describe('timelineEventSchema', () => {
  it('accepts the events and refuses bad extensions', () => {
    expect(v.safeParse(timelineEventSchema, { type: 'extend', seconds: 60 }).success).toBe(true)
    expect(v.safeParse(timelineEventSchema, { type: 'extend', seconds: 0 }).success).toBe(false)
    expect(v.safeParse(timelineEventSchema, { type: 'extend', seconds: 1.5 }).success).toBe(false)
    expect(v.safeParse(timelineEventSchema, { type: 'extend', seconds: 99_999 }).success).toBe(false)
    expect(v.safeParse(timelineEventSchema, { type: 'rewind' }).success).toBe(false)
  })
})
