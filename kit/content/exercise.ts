import type { ExerciseStep } from '../../core/talk/exercise'
import { exerciseMinutes, exercisePlan } from '../../core/talk/exercise'
import { askOffer } from '../../exercises/ask-offer'
import { clock, DEFAULT_PEOPLE, paperCards } from '../../exercises/paper-cards'

export interface TimedStep extends ExerciseStep {
  /** "m:ss" from the start of the rounds, as the facilitator's timer shows it. */
  at: string
  /** The step's length as "m:ss", never a fraction of a minute. */
  duration: string
}

export interface ExerciseGuide {
  rounds: number
  totalMinutes: number
  /** The rounds' total as "m:ss": the same figure as the exercise-rounds slide and the paper cards. */
  total: string
  steps: TimedStep[]
  /** The one trio rule (no observer: everyone asks once). */
  trioRule: string
  /** How the exercise runs with paper cards and topic tables, in order. */
  onPaper: string[]
}

/**
 * The exercise steps of a variant with the timer reading at which each begins.
 * Seconds are summed as whole numbers and only then shown as m:ss, so the
 * readings never drift from the definition by rounding.
 */
export function exerciseGuide(variant: number): ExerciseGuide {
  const plan = exercisePlan(variant)
  let offset = 0
  const steps = plan.steps.map((step) => {
    const seconds = Math.round(step.minutes * 60)
    const timed = { ...step, at: clock(offset), duration: clock(seconds) }
    offset += seconds
    return timed
  })
  const paper = paperCards(askOffer, variant, { people: DEFAULT_PEOPLE })
  return { rounds: plan.rounds, totalMinutes: exerciseMinutes(variant), total: clock(offset), steps, trioRule: paper.trioRule, onPaper: paper.howItRuns }
}
