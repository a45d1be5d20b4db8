import type { Ref } from 'vue'
import type { ExerciseAction, ExerciseScreenView } from '../core/protocol'
import type { TimelineView } from '../exercises/timeline'
import type { ExerciseDefinition, ExerciseSchedule } from '../exercises/types'
import type { RoomStatus } from './use-room'
import { computed, getCurrentScope, onScopeDispose, shallowRef } from 'vue'
import { findExercise } from '../exercises/index'
import { scheduleFor } from '../exercises/schedule'
import { currentStep } from '../exercises/timeline'
import { useRoom } from './use-room'

/**
 * The exercise on the slides: the server's screen view, and the active step
 * and time left derived from its stored timeline at the server's time. The
 * only timer re-reads the clock for the countdown; nothing counts by itself.
 */

export interface UseExerciseOptions {
  /** Connect at all; print/export passes false. @default true */
  connect?: boolean
  /** How often the countdown is redrawn, ms. @default 250 */
  refreshMs?: number
}

export interface LiveExercise {
  status: Readonly<Ref<RoomStatus>>
  authorized: Readonly<Ref<boolean>>
  view: Readonly<Ref<ExerciseScreenView | null>>
  definition: Readonly<Ref<ExerciseDefinition | null>>
  schedule: Readonly<Ref<ExerciseSchedule | null>>
  /** The active step at the server's current time; null before a run. */
  step: Readonly<Ref<TimelineView | null>>
  control: (action: ExerciseAction) => Promise<void>
}

export function useExercise(options: UseExerciseOptions = {}): LiveExercise {
  const room = useRoom({ connect: options.connect ?? true })
  const now = shallowRef(Date.now())
  if (options.connect !== false && typeof window !== 'undefined') {
    const timer = setInterval(() => {
      now.value = Date.now()
    }, options.refreshMs ?? 250)
    if (getCurrentScope())
      onScopeDispose(() => clearInterval(timer))
  }
  const definition = computed(() => {
    const view = room.exercise.value
    return view ? findExercise(view.exerciseId) ?? null : null
  })
  const schedule = computed(() => {
    const view = room.exercise.value
    return view && definition.value ? scheduleFor(definition.value, view.variant) : null
  })
  const step = computed(() => {
    const view = room.exercise.value
    return view && schedule.value ? currentStep(view.clock.timeline, schedule.value, now.value + room.serverOffset.value) : null
  })
  return { status: room.status, authorized: room.authorized, view: room.exercise, definition, schedule, step, control: room.exerciseControl }
}
