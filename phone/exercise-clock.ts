import type { ExerciseGroupView, ExercisePhoneView } from '../core/protocol'
import type { TimelineView } from '../exercises/timeline'
import type { ExerciseDefinition, ExerciseSchedule, RoleSide } from '../exercises/types'
import { findExercise } from '../exercises/index'
import { scheduleFor } from '../exercises/schedule'
import { currentStep } from '../exercises/timeline'

/**
 * The phone's exercise clock: derived each time it is read from the stored
 * timeline the server sent and the server's time (our clock plus the offset
 * measured from `serverTime`). Nothing here counts down by itself. Also the
 * lines a group's phones say about who asks and who helps, from the group's
 * turns (plain strings, no DOM, so they are tested directly).
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

/** "Sam", "Sam and Lee", "Sam, Lee and Kim"; nameless members become "someone". */
export function namesOf(nicknames: ReadonlyArray<string | null>): string {
  const names = nicknames.map(n => n ?? 'someone without a name')
  if (names.length <= 1)
    return names[0] ?? ''
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
}

/** "Your partner: Sam", "Your table: Sam, Lee and Kim". */
export function partnersLine(group: ExerciseGroupView): string {
  const others = group.members.filter(m => !m.self)
  const named = others.filter(m => m.nickname)
  const table = group.format === 'ring'
  if (named.length === 0)
    return others.length === 1 ? 'Your partner has not added a name.' : `You are a ${table ? 'table' : 'group'} of ${group.members.length}; the others have not added names.`
  return `${others.length === 1 ? 'Your partner' : table ? 'Your table' : 'Your partners'}: ${namesOf(others.map(m => m.nickname))}`
}

/** Who asks when, from the group's turns: only people with an ask ever get an asker's turn. */
export function firstAskerLine(group: ExerciseGroupView): string {
  const me = group.members[group.position]
  const first = group.turns[0] === undefined ? undefined : group.members[group.turns[0]]
  if (!first)
    return 'Nobody here brought an ask this round: tell each other what you could offer.'
  const iAsk = group.turns.includes(group.position)
  if (first.self)
    return group.turns.length === 1 ? `You ask; ${group.members.length > 2 ? 'the others help' : 'your partner helps'}.` : 'You ask first.'
  const firstName = first.nickname ?? (group.members.length > 2 ? 'Someone else' : 'Your partner')
  if (iAsk)
    return `${firstName} asks first; you ask after.`
  const why = me?.passed ? 'You passed on asking, so you help: that’s what the exercise needs too.' : 'You help this round.'
  return `${firstName} asks first. ${why}`
}

/** The heading of a turn for one member: their role in it, from the group's step (never from a position alone). */
export function roleLine(definition: ExerciseDefinition, side: RoleSide | null, group: ExerciseGroupView, focus: number | null): string {
  if (side === 'focus')
    return `Your turn: ${definition.roles.focus.label.toLowerCase()}`
  if (side === 'support') {
    const asker = focus === null ? undefined : group.members[focus]
    return `You’re the ${definition.roles.support.label.toLowerCase()}${asker?.nickname ? ` for ${asker.nickname}` : ''}`
  }
  return group.turns.length === 0 ? 'Talk together' : 'Everyone'
}
