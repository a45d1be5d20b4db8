import type { TimelineState, TimelineStatus } from './timeline'
import type { ExerciseSchedule, RoleSide, ScheduleSegment } from './types'
import { currentStep } from './timeline'

/**
 * One rule for every group, whatever its size: everyone in it who has an ask
 * asks once, and the group shares the round's talk time evenly between those
 * asks. Nobody only watches; someone who passed, or joined with no ask, helps.
 *
 * The room runs one clock (exercises/timeline.ts) planned for a full group of
 * askers (a pair with two asks, a table of four). A group with more or fewer
 * asks lays its own turns over the same stretch of time, so every group starts
 * and ends the round together and a pause, an extension or a skip moves every
 * group's clock the same way. A group whose asks match the plan runs exactly
 * the room's steps.
 */

export interface GroupStep {
  id: string
  label: string
  instruction: string
  speaker: RoleSide | 'everyone' | null
  cues: Readonly<Partial<Record<RoleSide, string>>>
  /** Planned seconds (before any extension). */
  seconds: number
  /** 0-based index into the group's asks; null outside turns. */
  turn: number | null
  /** Position (in the group's members) of the person whose ask is on the table; null outside turns. */
  focus: number | null
  /** The change-over between two people's turns. */
  swap: boolean
}

/** A group with no ask at all (only when the room leaves no other choice) talks freely. */
export const OPEN_TALK: Omit<GroupStep, 'seconds'> = {
  id: 'open-talk',
  label: 'Talk',
  instruction: 'Nobody here brought an ask this round. Say what each of you could offer, and what you might ask for next time.',
  speaker: 'everyone',
  cues: {},
  turn: null,
  focus: null,
  swap: false,
}

/** The rounds segment of a round, or undefined. */
export function roundSegment(schedule: ExerciseSchedule, round: number): ScheduleSegment | undefined {
  return schedule.segments.find(segment => segment.phase === 'rounds' && segment.round === round)
}

/**
 * A group's steps for one round. `askers` are member positions in asking
 * order, one turn each. The steps' seconds add up to the segment's seconds.
 */
export function groupPlan(segment: ScheduleSegment, askers: readonly number[]): GroupStep[] {
  const steps = segment.steps
  let lastTurn = -1
  steps.forEach((step, i) => {
    if (step.turn !== null)
      lastTurn = i
  })
  const talk = steps.slice(0, lastTurn + 1)
  const after: GroupStep[] = steps.slice(lastTurn + 1).map(step => ({ ...pick(step), turn: null, focus: null, swap: step.swap }))
  const planned = new Set(talk.flatMap(step => step.turn === null ? [] : [step.turn])).size
  const k = askers.length

  if (k === planned)
    return [...talk.map(step => ({ ...pick(step), turn: step.turn, focus: step.turn === null ? null : askers[step.turn]!, swap: step.swap })), ...after]

  const talkSeconds = talk.reduce((sum, step) => sum + step.seconds, 0)
  if (k === 0)
    return [{ ...OPEN_TALK, seconds: talkSeconds }, ...after]

  const template = talk.filter(step => step.turn === 0)
  const swap = talk.find(step => step.swap)
  // Change-overs never eat more than a fifth of the time: with many asks they shrink to nothing.
  const swapSeconds = swap && (k - 1) * swap.seconds * 5 <= talkSeconds ? swap.seconds : 0
  const turnSeconds = talkSeconds - (k - 1) * swapSeconds
  const templateSeconds = template.reduce((sum, step) => sum + step.seconds, 0)
  const plan: GroupStep[] = []
  for (let t = 0; t < k; t++) {
    if (t > 0 && swap && swapSeconds > 0)
      plan.push({ ...pick(swap), seconds: swapSeconds, turn: null, focus: null, swap: true })
    // Whole seconds: the first turns take the remainder, the last step of a turn takes its rounding.
    const share = Math.floor(turnSeconds / k) + (t < turnSeconds % k ? 1 : 0)
    let used = 0
    template.forEach((step, i) => {
      const seconds = i === template.length - 1 ? share - used : Math.floor(share * step.seconds / templateSeconds)
      used += seconds
      plan.push({ ...pick(step), seconds, turn: t, focus: askers[t]!, swap: false })
    })
  }
  return [...plan, ...after]
}

function pick(step: { id: string, label: string, instruction: string, speaker: GroupStep['speaker'], cues: GroupStep['cues'], seconds: number }): Omit<GroupStep, 'turn' | 'focus' | 'swap'> {
  return { id: step.id, label: step.label, instruction: step.instruction, speaker: step.speaker, cues: step.cues, seconds: step.seconds }
}

/** Where a group is in its round at `now`: what the phones of that group show. */
export interface GroupStepView {
  status: TimelineStatus
  round: number
  step: GroupStep
  stepIndex: number
  stepsInRound: number
  next: GroupStep | null
  /** Length of this step as it runs (extensions of the room's step included), ms. */
  durationMs: number
  remainingMs: number
  overtimeMs: number
  /** When this step ends if nobody pauses, on the clock `now` was read from; null while paused. */
  endsAt: number | null
  /** 0-based index into the group's asks; null outside turns. */
  turn: number | null
  /** How many asks the group has this round (its number of turns). */
  turns: number
  /** Member position whose ask is on the table; null outside turns. */
  focus: number | null
  swap: boolean
}

/**
 * The group's step at `now`, derived from the room's stored timeline like
 * `currentStep`. Null outside a round's turns (pair-up, debrief, …).
 */
export function groupStepAt(schedule: ExerciseSchedule, timeline: TimelineState, askers: readonly number[], now: number): GroupStepView | null {
  const view = currentStep(timeline, schedule, now)
  if (view.phase !== 'rounds' || !view.step)
    return null
  const segment = roundSegment(schedule, view.round)
  if (!segment)
    return null
  const plan = groupPlan(segment, askers)
  if (plan.length === 0)
    return null

  // Progress through the round in planned seconds; the room's current step may run slower (extended).
  const starts: number[] = []
  let sum = 0
  for (const step of segment.steps) {
    starts.push(sum)
    sum += step.seconds
  }
  const plannedHere = view.step.seconds
  const rate = plannedHere > 0 ? view.durationMs / plannedHere : 1000
  const fraction = view.durationMs > 0 ? Math.min(1, (view.durationMs - view.remainingMs) / view.durationMs) : 1
  const hereStart = starts[view.stepIndex] ?? 0
  const hereEnd = hereStart + plannedHere
  const progress = hereStart + fraction * plannedHere

  let start = 0
  let index = plan.length - 1
  for (let i = 0; i < plan.length; i++) {
    if (start + plan[i]!.seconds > progress) {
      index = i
      break
    }
    if (i < plan.length - 1)
      start += plan[i]!.seconds
  }
  const step = plan[index]!
  const end = start + step.seconds

  // Real time left: the rest of the room's current step at its rate, later steps at their planned length.
  let remainingMs = 0
  if (progress < end) {
    remainingMs += Math.max(0, Math.min(end, hereEnd) - progress) * rate
    segment.steps.forEach((later, i) => {
      if (i <= view.stepIndex)
        return
      const from = Math.max(starts[i]!, progress)
      const to = Math.min(starts[i]! + later.seconds, end)
      if (to > from)
        remainingMs += (to - from) * 1000
    })
  }
  remainingMs = Math.round(remainingMs)
  const last = index === plan.length - 1
  const overtimeMs = last && remainingMs === 0 ? view.overtimeMs : 0
  const elapsedMs = Math.round(Math.max(0, Math.min(progress, end) - start) * rate)
  const paused = view.status === 'paused'
  return {
    status: view.status,
    round: view.round,
    step,
    stepIndex: index,
    stepsInRound: plan.length,
    next: plan[index + 1] ?? null,
    durationMs: elapsedMs + remainingMs,
    remainingMs,
    overtimeMs,
    endsAt: paused ? null : now + remainingMs,
    turn: step.turn,
    turns: askers.length,
    focus: step.focus,
    swap: step.swap,
  }
}

/** The role a member (by position) holds in a group step: null outside turns. */
export function groupRoleAt(step: Pick<GroupStep, 'focus'>, position: number): RoleSide | null {
  if (step.focus === null)
    return null
  return step.focus === position ? 'focus' : 'support'
}
