import type { TalkPlanRow } from '../../exercises/schedule'
import type { ExerciseDefinition } from '../../exercises/types'
import { askOffer } from '../../exercises/ask-offer'
import { scheduleFor, talkPlanRows } from '../../exercises/schedule'

export interface ExerciseStep extends TalkPlanRow {
  /** The step's length as m:ss, the one way the slide, the guide and the cards print it. */
  duration: string
}

export interface ExercisePlan {
  /** The session length, in minutes, the plan was resolved for. */
  variant: number
  rounds: number
  steps: ExerciseStep[]
  /** The whole exercise-rounds slot as m:ss. */
  total: string
}

/** Formats a length as m:ss, e.g. 285 -> "4:45"; seconds round to the nearest whole one. */
export function formatSeconds(seconds: number): string {
  const whole = Math.round(seconds)
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`
}

/**
 * The ask/offer rounds as the talk presents them for a session of `variant`
 * minutes, derived from the exercise definition (exercises/ask-offer.ts by
 * default) so the slide, the guide and the live timer can never disagree about
 * a step's length. Any length works: `scheduleFor` picks the definition's
 * timing for it.
 */
export function exercisePlan(variant: number, definition: ExerciseDefinition = askOffer): ExercisePlan {
  const schedule = scheduleFor(definition, variant)
  const steps = talkPlanRows(schedule).map(row => ({ ...row, duration: formatSeconds(row.minutes * 60) }))
  const seconds = steps.reduce((sum, step) => sum + step.minutes * 60, 0)
  return { variant, rounds: schedule.rounds, steps, total: formatSeconds(seconds) }
}

/** Minutes the exercise-rounds slot takes in a session of `variant` minutes. */
export function exerciseMinutes(variant: number, definition: ExerciseDefinition = askOffer): number {
  return exercisePlan(variant, definition).steps.reduce((sum, step) => sum + step.minutes, 0)
}
