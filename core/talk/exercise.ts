import type { TalkPlanRow } from '../../exercises/schedule'
import type { Variant } from './settings'
import { askOffer } from '../../exercises/ask-offer'
import { scheduleFor, talkPlanRows } from '../../exercises/schedule'

export type ExerciseStep = TalkPlanRow

export interface ExercisePlan {
  rounds: number
  steps: ExerciseStep[]
}

/**
 * The ask/offer rounds as the talk presents them, derived from the exercise
 * definition in exercises/ask-offer.ts so the slide, the guide and the live
 * timer can never disagree about a step's length.
 */
function planFor(variant: Variant): ExercisePlan {
  const schedule = scheduleFor(askOffer, variant)
  return { rounds: schedule.rounds, steps: talkPlanRows(schedule) }
}

export const exercisePlans: Record<Variant, ExercisePlan> = { 60: planFor(60), 90: planFor(90) }

export function exerciseMinutes(variant: Variant): number {
  return exercisePlans[variant].steps.reduce((sum, step) => sum + step.minutes, 0)
}
