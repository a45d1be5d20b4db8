import type { Variant } from '../core/talk/settings'
import type { ExerciseDefinition, ExerciseSchedule, ScheduledStep, ScheduleSegment, StepDefinition, TimedPhase } from './types'

/**
 * Resolve a definition for one variant: every step that runs, in order, with
 * its seconds. The timeline and the talk's plan both read this, so the slide
 * timings and the live timers come from one place.
 */
export function scheduleFor(definition: ExerciseDefinition, variant: Variant): ExerciseSchedule {
  const timing = definition.timings[variant]
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

  segments.push({ phase: 'prepare', round: 0, steps: plain(definition.steps.prepare, 'prepare', 0), then: 'wait' })

  timing.rounds.forEach((overrides, index) => {
    const round = index + 1
    segments.push({ phase: 'pairing', round, steps: plain(definition.steps.pairing, 'pairing', round, overrides), then: 'auto' })
    const steps: ScheduledStep[] = []
    for (let turn = 0; turn < definition.turnsPerRound; turn++) {
      if (turn > 0)
        steps.push(...resolve(definition.steps.swap, 'rounds', round, overrides, { swap: true, turn: null }))
      steps.push(...definition.steps.turn.flatMap(step => resolve(step, 'rounds', round, overrides, { swap: false, turn })))
    }
    steps.push(...plain(definition.steps.afterTurns, 'rounds', round, overrides))
    segments.push({ phase: 'rounds', round, steps, then: 'wait' })
  })

  segments.push({ phase: 'debrief', round: 0, steps: plain(definition.debrief, 'debrief', 0), then: 'wait' })
  segments.push({ phase: 'commitment', round: 0, steps: plain(definition.steps.commitment, 'commitment', 0), then: 'wait' })

  return {
    exerciseId: definition.id,
    variant,
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
        rows.push({ label: `Round ${segment.round}`, minutes: seconds / 60, who: 'New partner, same steps, shorter' })
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
