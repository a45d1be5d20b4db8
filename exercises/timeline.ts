import type { ExerciseSchedule, Phase, ScheduledStep, ScheduleSegment } from './types'
import * as v from 'valibot'

/**
 * The exercise clock as stored facts: which step started when, whether it is
 * paused, how much time was added. Everything a screen shows (current step,
 * time left, whose turn) is derived from these facts and `now`, never from a
 * ticking counter, so a phone that reconnects mid-round computes the same
 * step and the same time left as the big screen.
 *
 * Steps follow each other by time. At the end of a phase the clock either
 * moves on by itself (pairing → round) or holds in overtime until the
 * facilitator moves on, so the server can pair people at that moment.
 *
 * This is the room's clock, planned for a full group of asks; whose ask is on
 * the table in a given group comes from exercises/turn-plan.ts.
 */

export interface TimelineState {
  phase: Phase
  /** 0 before the first round; then the round being paired, run, or last run. */
  round: number
  /** Index into the current phase's steps. */
  stepIndex: number
  /** When the current step began, in ms, moved forward by the length of every pause; null before `start`. */
  stepStartedAt: number | null
  /** When the clock was paused, in ms; null while running. */
  pausedAt: number | null
  /** Seconds added to the current step by `extend`. */
  extraSeconds: number
}

/** Longest single extension, in seconds. */
export const MAX_EXTEND_SECONDS = 30 * 60

/** Facilitator events; parse them at the boundary with this schema. */
export const timelineEventSchema = v.variant('type', [
  v.object({ type: v.literal('start') }),
  v.object({ type: v.literal('pause') }),
  v.object({ type: v.literal('resume') }),
  v.object({ type: v.literal('extend'), seconds: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_EXTEND_SECONDS)) }),
  /** End the current step now; at a phase's last step, move to the next phase. */
  v.object({ type: v.literal('skip') }),
  /** End the current phase now and move to the next one (the next round's pairing, or the debrief). */
  v.object({ type: v.literal('next') }),
  /** Pair people again for the next round. */
  v.object({ type: v.literal('next-round') }),
  /** Stop the exercise. */
  v.object({ type: v.literal('end') }),
])
export type TimelineEvent = v.InferOutput<typeof timelineEventSchema>

export type TimelineErrorCode = 'not-started' | 'already-started' | 'already-done' | 'paused' | 'not-paused' | 'no-more-rounds'

export type TimelineResult
  = | {
    ok: true
    state: TimelineState
    /**
     * Set when the event moved the room into another phase or round: the server
     * pairs people when this is `{ phase: 'pairing' }`.
     */
    entered: { phase: Phase, round: number } | null
  }
  | { ok: false, code: TimelineErrorCode, message: string }

export type TimelineStatus = 'not-started' | 'running' | 'paused' | 'overtime' | 'done'

/** What every face shows, derived from the facts and `now`. */
export interface TimelineView {
  status: TimelineStatus
  phase: Phase
  round: number
  stepIndex: number
  /** The active step; null before the start and when done. */
  step: ScheduledStep | null
  /** The next step to come by time or by the facilitator; null at the end. */
  nextStep: ScheduledStep | null
  /** Steps in the active phase, for a "2 of 7" display. */
  stepsInPhase: number
  /** Effective start of the active step (pauses excluded), ms. */
  startedAt: number | null
  /** When the active step ends if nobody pauses: a client can count down to it locally. Null while paused. */
  endsAt: number | null
  /** Length of the active step including extensions, ms. */
  durationMs: number
  remainingMs: number
  /** How long the step has run past its time while waiting for the facilitator, ms. */
  overtimeMs: number
  /** 0-based turn within the round; null outside turns (including the swap). */
  turn: number | null
  /** The active step is the swap between two turns. */
  swap: boolean
}

export function initialTimeline(): TimelineState {
  return { phase: 'prepare', round: 0, stepIndex: 0, stepStartedAt: null, pausedAt: null, extraSeconds: 0 }
}

function segmentIndexOf(schedule: ExerciseSchedule, phase: Phase, round: number): number {
  const perRound = phase === 'pairing' || phase === 'rounds'
  return schedule.segments.findIndex(segment => segment.phase === phase && (!perRound || segment.round === round))
}

function segmentAt(schedule: ExerciseSchedule, state: TimelineState): { index: number, segment: ScheduleSegment } | null {
  const index = segmentIndexOf(schedule, state.phase, state.round)
  const segment = schedule.segments[index]
  return segment ? { index, segment } : null
}

function stepMs(step: ScheduledStep, extraSeconds: number): number {
  return (step.seconds + extraSeconds) * 1000
}

/** The round a segment belongs to in the state: per-round phases carry theirs, the others keep the last round. */
function roundFor(segment: ScheduleSegment, previous: number): number {
  return segment.round > 0 ? segment.round : previous
}

/**
 * Move the facts forward to the step that is active at `now` (or at the pause):
 * walks the steps whose time is up, crossing into the next phase where the
 * schedule says so. The result describes the same clock, anchored later.
 */
export function settle(state: TimelineState, schedule: ExerciseSchedule, now: number): TimelineState {
  if (state.stepStartedAt === null || state.phase === 'done')
    return state
  const at = state.pausedAt ?? now
  let found = segmentAt(schedule, state)
  if (!found)
    return state
  let { index, segment } = found
  let { stepIndex, extraSeconds, round } = state
  let startedAt = state.stepStartedAt
  for (;;) {
    const step = segment.steps[stepIndex]
    if (!step)
      break
    const ends = startedAt + stepMs(step, extraSeconds)
    if (at < ends)
      break
    if (stepIndex + 1 < segment.steps.length) {
      stepIndex++
    }
    else {
      const following = schedule.segments[index + 1]
      if (segment.then !== 'auto' || !following)
        break
      index++
      segment = following
      round = roundFor(following, round)
      stepIndex = 0
    }
    startedAt = ends
    extraSeconds = 0
  }
  found = { index, segment }
  if (segment.phase === state.phase && round === state.round && stepIndex === state.stepIndex && startedAt === state.stepStartedAt)
    return state
  return { ...state, phase: segment.phase, round, stepIndex, stepStartedAt: startedAt, extraSeconds }
}

/** Enter a segment at its first step, at `now`; keeps a pause in force (the new step waits at full length). */
function enter(state: TimelineState, schedule: ExerciseSchedule, index: number, now: number): TimelineState {
  const segment = schedule.segments[index]
  if (!segment)
    return { ...state, phase: 'done', stepIndex: 0, stepStartedAt: now, extraSeconds: 0, pausedAt: null }
  const at = state.pausedAt ?? now
  return { ...state, phase: segment.phase, round: roundFor(segment, state.round), stepIndex: 0, stepStartedAt: at, extraSeconds: 0 }
}

function fail(code: TimelineErrorCode, message: string): TimelineResult {
  return { ok: false, code, message }
}

function done(before: TimelineState, state: TimelineState): TimelineResult {
  const entered = before.phase !== state.phase || before.round !== state.round ? { phase: state.phase, round: state.round } : null
  return { ok: true, state, entered }
}

/** Apply a facilitator event at `now`. Refused events leave the facts as they were and say why. */
export function applyEvent(state: TimelineState, event: TimelineEvent, schedule: ExerciseSchedule, now: number): TimelineResult {
  if (event.type === 'start') {
    if (state.stepStartedAt !== null)
      return fail('already-started', 'The exercise has already started.')
    const first = schedule.segments[0]
    const started: TimelineState = first
      ? { phase: first.phase, round: roundFor(first, 0), stepIndex: 0, stepStartedAt: now, pausedAt: null, extraSeconds: 0 }
      : { ...initialTimeline(), phase: 'done', stepStartedAt: now }
    return done(state, started)
  }
  if (state.stepStartedAt === null)
    return fail('not-started', 'The exercise has not started yet.')
  if (state.phase === 'done')
    return fail('already-done', 'The exercise is over.')

  const current = settle(state, schedule, now)
  const found = segmentAt(schedule, current)
  const index = found?.index ?? schedule.segments.length

  switch (event.type) {
    case 'pause':
      if (current.pausedAt !== null)
        return fail('paused', 'The clock is already paused.')
      return done(current, { ...current, pausedAt: now })
    case 'resume': {
      if (current.pausedAt === null || current.stepStartedAt === null)
        return fail('not-paused', 'The clock is not paused.')
      // Shift the start by the pause so the elapsed time is what it was when paused.
      const shifted = current.stepStartedAt + Math.max(0, now - current.pausedAt)
      return done(current, { ...current, stepStartedAt: shifted, pausedAt: null })
    }
    case 'extend': {
      const step = found?.segment.steps[current.stepIndex]
      const view = step && current.stepStartedAt !== null ? measure(current, step, now) : null
      // In overtime an extension counts from now: "two more minutes" means two minutes left.
      const overtimeSeconds = view ? Math.ceil(view.overtimeMs / 1000) : 0
      return done(current, { ...current, extraSeconds: current.extraSeconds + overtimeSeconds + event.seconds })
    }
    case 'skip': {
      const segment = found?.segment
      if (segment && current.stepIndex + 1 < segment.steps.length)
        return done(current, { ...current, stepIndex: current.stepIndex + 1, stepStartedAt: current.pausedAt ?? now, extraSeconds: 0 })
      return done(current, enter(current, schedule, index + 1, now))
    }
    case 'next':
      return done(current, enter(current, schedule, index + 1, now))
    case 'next-round': {
      const target = segmentIndexOf(schedule, 'pairing', current.round + 1)
      if (target < 0 || target <= index)
        return fail('no-more-rounds', `This exercise has ${schedule.rounds} round${schedule.rounds === 1 ? '' : 's'}; move on to the debrief instead.`)
      return done(current, enter(current, schedule, target, now))
    }
    case 'end':
      return done(current, { ...current, phase: 'done', stepIndex: 0, stepStartedAt: now, pausedAt: null, extraSeconds: 0 })
  }
}

function measure(state: TimelineState, step: ScheduledStep, now: number): { durationMs: number, remainingMs: number, overtimeMs: number } {
  const at = state.pausedAt ?? now
  const durationMs = stepMs(step, state.extraSeconds)
  const elapsed = Math.max(0, at - (state.stepStartedAt ?? at))
  return { durationMs, remainingMs: Math.max(0, durationMs - elapsed), overtimeMs: Math.max(0, elapsed - durationMs) }
}

function nextStepAfter(schedule: ExerciseSchedule, index: number, stepIndex: number): ScheduledStep | null {
  const segment = schedule.segments[index]
  return segment?.steps[stepIndex + 1] ?? schedule.segments[index + 1]?.steps[0] ?? null
}

/** The active step, its time left, and whose turn it is, at `now`. */
export function currentStep(state: TimelineState, schedule: ExerciseSchedule, now: number): TimelineView {
  const idle = (status: TimelineStatus, s: TimelineState): TimelineView => ({
    status,
    phase: s.phase,
    round: s.round,
    stepIndex: 0,
    step: null,
    nextStep: status === 'not-started' ? schedule.segments[0]?.steps[0] ?? null : null,
    stepsInPhase: 0,
    startedAt: null,
    endsAt: null,
    durationMs: 0,
    remainingMs: 0,
    overtimeMs: 0,
    turn: null,
    swap: false,
  })
  if (state.stepStartedAt === null)
    return idle('not-started', state)
  if (state.phase === 'done')
    return idle('done', state)
  const settled = settle(state, schedule, now)
  const found = segmentAt(schedule, settled)
  const step = found?.segment.steps[settled.stepIndex]
  if (!found || !step)
    return idle('done', settled)
  const { durationMs, remainingMs, overtimeMs } = measure(settled, step, now)
  const paused = settled.pausedAt !== null
  return {
    status: paused ? 'paused' : overtimeMs > 0 || (remainingMs === 0 && found.segment.then === 'wait') ? 'overtime' : 'running',
    phase: settled.phase,
    round: settled.round,
    stepIndex: settled.stepIndex,
    step,
    nextStep: nextStepAfter(schedule, found.index, settled.stepIndex),
    stepsInPhase: found.segment.steps.length,
    startedAt: settled.stepStartedAt,
    endsAt: paused || settled.stepStartedAt === null ? null : settled.stepStartedAt + durationMs,
    durationMs,
    remainingMs,
    overtimeMs,
    turn: step.turn,
    swap: step.swap,
  }
}

/** Whole seconds left in the active step at `now` (rounded up, so "0" means time is up). */
export function remaining(state: TimelineState, schedule: ExerciseSchedule, now: number): number {
  return Math.ceil(currentStep(state, schedule, now).remainingMs / 1000)
}
