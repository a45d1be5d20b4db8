import type { Variant } from '../core/talk/settings'
import type { ExerciseDefinition, ExerciseSchedule, ExerciseTiming, RoundFormat, ScheduledStep, ScheduleSegment, StepDefinition, TimedPhase } from './types'
import { RING_SIZE } from './types'

/** The lengths a definition has timings for, shortest first. */
export function timingLengths(definition: ExerciseDefinition): number[] {
  return Object.keys(definition.timings).map(Number).filter(length => Number.isFinite(length)).sort((a, b) => a - b)
}

/**
 * The timing a workshop of `variant` minutes runs: its own, else the longest
 * one not longer than the workshop (a 45 runs the 30's exercise and keeps its
 * spare minutes for talk), else the shortest (a deck shorter than every timing
 * still gets the briefest exercise there is).
 */
export function timingFor(definition: ExerciseDefinition, variant: Variant): { length: number, timing: ExerciseTiming } {
  const lengths = timingLengths(definition)
  const length = definition.timings[variant] ? variant : lengths.filter(l => l <= variant).pop() ?? lengths[0]
  const timing = length === undefined ? undefined : definition.timings[length]
  if (length === undefined || !timing)
    throw new Error(`Exercise "${definition.id}" has no timings.`)
  return { length, timing }
}

/**
 * Resolve a definition for one variant: every step that runs, in order, with
 * its seconds. The timeline and the talk's plan both read this, so the slide
 * timings and the live timers come from one place.
 */
export function scheduleFor(definition: ExerciseDefinition, variant: Variant): ExerciseSchedule {
  const { length, timing } = timingFor(definition, variant)
  const segments: ScheduleSegment[] = []

  const resolve = (step: StepDefinition, phase: TimedPhase, round: number, overrides: Readonly<Record<string, number>>, extra: Pick<ScheduledStep, 'swap' | 'turn'>): ScheduledStep[] => {
    const seconds = overrides[step.id] ?? timing.seconds[step.id] ?? 0
    if (seconds <= 0)
      return []
    return [{
      id: step.id,
      phase,
      round,
      label: step.label,
      instruction: step.instruction,
      speaker: step.speaker ?? null,
      cues: step.cues ?? {},
      seconds,
      ...extra,
    }]
  }
  const plain = (steps: readonly StepDefinition[], phase: TimedPhase, round: number, overrides: Readonly<Record<string, number>> = {}): ScheduledStep[] =>
    steps.flatMap(step => resolve(step, phase, round, overrides, { swap: false, turn: null }))

  const whole = { format: null, groupSize: 0, turns: 0 }
  segments.push({ phase: 'prepare', round: 0, steps: plain(definition.steps.prepare, 'prepare', 0), then: 'wait', ...whole })

  timing.rounds.forEach((overrides, index) => {
    const round = index + 1
    const format: RoundFormat = timing.formats?.[index] ?? 'groups'
    const ring = format === 'ring' ? definition.steps.ring : undefined
    if (format === 'ring' && !ring)
      throw new Error(`Exercise "${definition.id}" has a ring round but no ring steps.`)
    const shape = ring
      ? { format, groupSize: RING_SIZE, turns: RING_SIZE, gather: ring.gather, turn: ring.turn, swap: ring.swap, after: [] }
      : { format, groupSize: definition.groupSize, turns: definition.turnsPerRound, gather: definition.steps.pairing, turn: definition.steps.turn, swap: definition.steps.swap, after: definition.steps.afterTurns }
    const meta = { format: shape.format, groupSize: shape.groupSize, turns: shape.turns }
    segments.push({ phase: 'pairing', round, steps: plain(shape.gather, 'pairing', round, overrides), then: 'auto', ...meta })
    const steps: ScheduledStep[] = []
    for (let turn = 0; turn < shape.turns; turn++) {
      if (turn > 0)
        steps.push(...resolve(shape.swap, 'rounds', round, overrides, { swap: true, turn: null }))
      steps.push(...shape.turn.flatMap(step => resolve(step, 'rounds', round, overrides, { swap: false, turn })))
    }
    steps.push(...plain(shape.after, 'rounds', round, overrides))
    segments.push({ phase: 'rounds', round, steps, then: 'wait', ...meta })
  })

  segments.push({ phase: 'debrief', round: 0, steps: plain(definition.debrief, 'debrief', 0), then: 'wait', ...whole })
  segments.push({ phase: 'commitment', round: 0, steps: plain(definition.steps.commitment, 'commitment', 0), then: 'wait', ...whole })

  return {
    exerciseId: definition.id,
    variant,
    timing: length,
    rounds: timing.rounds.length,
    turnsPerRound: definition.turnsPerRound,
    // A phase with no steps in this variant is skipped rather than shown as an empty timer.
    segments: segments.filter(segment => segment.steps.length > 0),
  }
}

/** Seconds the given phases take in a schedule (all of them when none are named). */
export function scheduleSeconds(schedule: ExerciseSchedule, phases?: readonly TimedPhase[]): number {
  return schedule.segments
    .filter(segment => !phases || phases.includes(segment.phase))
    .reduce((sum, segment) => sum + segment.steps.reduce((s, step) => s + step.seconds, 0), 0)
}

/** One row of the talk's exercise plan, in the shape `core/talk/exercise.ts` uses. */
export interface TalkPlanRow {
  label: string
  minutes: number
  who: string
}

/**
 * The pairing and rounds phases as the talk shows them on the exercise slide:
 * round 1 step by step with the later turns folded into the swap row, later
 * rounds as one row each. The minutes add up to the rounds' total exactly.
 */
export function talkPlanRows(schedule: ExerciseSchedule): TalkPlanRow[] {
  const rows: TalkPlanRow[] = []
  for (const segment of schedule.segments) {
    if (segment.phase !== 'pairing' && segment.phase !== 'rounds')
      continue
    if (segment.round > 1) {
      const seconds = segment.steps.reduce((sum, step) => sum + step.seconds, 0)
      const last = rows.at(-1)
      if (segment.phase === 'rounds' && last?.label === `Round ${segment.round}`)
        last.minutes += seconds / 60
      else
        rows.push({ label: `Round ${segment.round}`, minutes: seconds / 60, who: segment.format === 'ring' ? `Tables of ${segment.groupSize}: each person asks the table once, anyone offers` : 'New partner, same steps, shorter' })
      continue
    }
    let folding: TalkPlanRow | null = null
    for (const step of segment.steps) {
      if (step.swap) {
        folding = { label: step.label, minutes: step.seconds / 60, who: 'Same steps, roles swapped' }
        rows.push(folding)
      }
      else if (folding && step.turn !== null) {
        folding.minutes += step.seconds / 60
      }
      else {
        folding = null
        rows.push({ label: step.label, minutes: step.seconds / 60, who: step.instruction })
      }
    }
  }
  return rows
}
