import type { ExerciseDefinition } from './types'
import { askOffer } from './ask-offer'
import { troika } from './troika'

export { askOffer } from './ask-offer'
export { troika } from './troika'

/** Every exercise the room can run, by id. */
export const EXERCISES: readonly ExerciseDefinition[] = [askOffer, troika]

export type ExerciseId = 'ask-offer' | 'troika'

export const DEFAULT_EXERCISE_ID: ExerciseId = 'ask-offer'

/** The definition with this id, or undefined; ids come from the wire, so any string is accepted. */
export function findExercise(id: string): ExerciseDefinition | undefined {
  return EXERCISES.find(definition => definition.id === id)
}

/** The definition with this id; throws for an id the registry does not hold (a programming error). */
export function getExercise(id: ExerciseId): ExerciseDefinition {
  const definition = findExercise(id)
  if (!definition)
    throw new Error(`No exercise is registered as "${id}". Known: ${EXERCISES.map(d => d.id).join(', ')}.`)
  return definition
}
