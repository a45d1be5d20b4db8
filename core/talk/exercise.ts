import type { Variant } from './settings'

export interface ExerciseStep {
  label: string
  minutes: number
  who: string
}

export interface ExercisePlan {
  rounds: number
  steps: ExerciseStep[]
}

/**
 * The ask/offer round, after Troika Consulting and the Reciprocity Ring, cut to fit each variant.
 * One round gives each partner a turn as asker; the 90-minute run has a second round with a new partner.
 */
export const exercisePlans: Record<Variant, ExercisePlan> = {
  60: {
    rounds: 1,
    steps: [
      { label: 'Pair up', minutes: 1, who: 'Find your partner: same colour and number' },
      { label: 'Ask', minutes: 1, who: 'Asker reads their ask' },
      { label: 'Clarify', minutes: 1, who: 'Helper asks questions, no advice yet' },
      { label: 'Offer', minutes: 1.5, who: 'Helper offers what they can' },
      { label: 'Swap', minutes: 3.5, who: 'Same three steps, roles reversed' },
      { label: 'Note', minutes: 1, who: 'Both write down one thing to follow up' },
    ],
  },
  90: {
    rounds: 2,
    steps: [
      { label: 'Pair up', minutes: 1, who: 'Find your partner: same colour and number' },
      { label: 'Ask', minutes: 1.5, who: 'Asker reads their ask' },
      { label: 'Clarify', minutes: 1.5, who: 'Helper asks questions, no advice yet' },
      { label: 'Offer', minutes: 2.5, who: 'Helper offers what they can' },
      { label: 'Swap', minutes: 5.5, who: 'Same three steps, roles reversed' },
      { label: 'New partner', minutes: 3, who: 'Round two: shorter, with someone new' },
    ],
  },
}

export function exerciseMinutes(variant: Variant): number {
  return exercisePlans[variant].steps.reduce((sum, step) => sum + step.minutes, 0)
}
