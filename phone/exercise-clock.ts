import type { ExercisePhoneView } from '../core/protocol'
import type { TimelineView } from '../exercises/timeline'
import type { ExerciseDefinition, ExerciseSchedule, RoleSide } from '../exercises/types'
import { findExercise } from '../exercises/index'
import { scheduleFor } from '../exercises/schedule'
import { currentStep } from '../exercises/timeline'

/**
 * The phone's exercise clock: derived each time it is read from the stored
 * timeline the server sent and the server's time (our clock plus the offset
 * measured from `serverTime`). Nothing here counts down by itself.
 */

const schedules = new Map<string, { definition: ExerciseDefinition, schedule: ExerciseSchedule }>()

export function planOf(view: Pick<ExercisePhoneView, 'exerciseId' | 'variant'>): { definition: ExerciseDefinition, schedule: ExerciseSchedule } | null {
  const key = `${view.exerciseId}:${view.variant}`
  let plan = schedules.get(key)
  if (!plan) {
    const definition = findExercise(view.exerciseId)
    if (!definition)
      return null
    plan = { definition, schedule: scheduleFor(definition, view.variant) }
    schedules.set(key, plan)
  }
  return plan
}

/** The active step and time left at `serverNow`. */
export function liveStep(view: ExercisePhoneView, serverNow: number): TimelineView | null {
  const plan = planOf(view)
  return plan && currentStep(view.clock.timeline, plan.schedule, serverNow)
}

/** "2:05", or "0:00" when time is up; whole seconds rounded up so "0:00" means done. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const minutes = Math.floor(total / 60)
  const seconds = total % 60
  return `${minutes}:${seconds < 10 ? '0' : ''}${seconds}`
}

/** A screen-reader friendly duration: "2 minutes 5 seconds left". */
export function spokenClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const minutes = Math.floor(total / 60)
  const seconds = total % 60
  const parts = [minutes ? `${minutes} minute${minutes === 1 ? '' : 's'}` : '', seconds || !minutes ? `${seconds} second${seconds === 1 ? '' : 's'}` : ''].filter(Boolean)
  return `${parts.join(' ')} left`
}

/**
 * The role a group member holds in a turn: the member at the turn's position
 * has the focus, everyone else supports; nobody outside turns.
 */
export function roleIn(position: number, turn: number | null): RoleSide | null {
  if (turn === null || position < 0)
    return null
  return position === turn ? 'focus' : 'support'
}

/** "Sam", "Sam and Lee", "Sam, Lee and Kim"; nameless members become "someone". */
export function namesOf(nicknames: ReadonlyArray<string | null>): string {
  const names = nicknames.map(n => n ?? 'someone without a name')
  if (names.length <= 1)
    return names[0] ?? ''
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
}
