import type { ExerciseStep } from '../../core/talk/exercise'
import type { Variant } from '../../core/talk/settings'
import { formatOffset } from '../../core/talk/agenda'
import { exerciseMinutes, exercisePlans } from '../../core/talk/exercise'

export interface TimedStep extends ExerciseStep {
  /** "m:ss" from the start of the rounds, as the facilitator's timer shows it. */
  at: string
}

export interface ExerciseGuide {
  rounds: number
  totalMinutes: number
  steps: TimedStep[]
}

/** The exercise steps of a variant with the timer reading at which each begins. */
export function exerciseGuide(variant: Variant): ExerciseGuide {
  const plan = exercisePlans[variant]
  let offset = 0
  const steps = plan.steps.map((step) => {
    const timed = { ...step, at: formatOffset(offset) }
    offset += step.minutes
    return timed
  })
  return { rounds: plan.rounds, totalMinutes: exerciseMinutes(variant), steps }
}
