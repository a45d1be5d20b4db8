import type { ExerciseDefinition } from '../../exercises/types'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { exerciseActionSchema } from '../../core/protocol'
import { askOffer, troika } from '../../exercises/index'
import { scheduleFor, scheduleSeconds, timingFor, timingLengths } from '../../exercises/schedule'

/** A definition with timings at the given lengths only, each recognisable by its prepare seconds. */
function timedAt(lengths: number[]): ExerciseDefinition {
  return { ...askOffer, timings: Object.fromEntries(lengths.map(length => [length, { ...askOffer.timings[60]!, seconds: { ...askOffer.timings[60]!.seconds, write: length * 2 } }])) }
}

describe('an exercise at any length', () => {
  it('lists the lengths it has timings for, shortest first', () => {
    expect(timingLengths(askOffer)).toEqual([30, 60, 90])
    expect(timingLengths(troika)).toEqual([60, 90])
  })

  it('runs its own timing for a length it has, and says which it ran', () => {
    for (const length of [30, 60, 90]) {
      expect(timingFor(askOffer, length)).toEqual({ length, timing: askOffer.timings[length] })
      expect(scheduleFor(askOffer, length)).toMatchObject({ variant: length, timing: length })
    }
  })

  it('runs the longest timing not longer than the workshop, else the shortest', () => {
    const definition = timedAt([30, 60, 90])
    const cases: Array<[number, number]> = [[5, 30], [20, 30], [29, 30], [30, 30], [45, 30], [59, 30], [60, 60], [75, 60], [89, 60], [90, 90], [120, 90], [480, 90]]
    for (const [variant, length] of cases) {
      const schedule = scheduleFor(definition, variant)
      expect(schedule, `${variant} minutes`).toMatchObject({ variant, timing: length })
      expect(schedule.segments[0]!.steps[0]!.seconds, `${variant} minutes`).toBe(length * 2)
    }
  })

  it('gives a 45 the 30\'s exercise and a 120 the 90\'s, to the second', () => {
    expect(scheduleFor(askOffer, 45).segments).toEqual(scheduleFor(askOffer, 30).segments)
    expect(scheduleSeconds(scheduleFor(askOffer, 120))).toBe(scheduleSeconds(scheduleFor(askOffer, 90)))
    // Troika has no short timing: a 30 runs its shortest, the 60.
    expect(scheduleFor(troika, 30)).toMatchObject({ variant: 30, timing: 60 })
  })

  it('refuses a definition without timings, naming it', () => {
    expect(() => scheduleFor({ ...askOffer, timings: {} }, 60)).toThrow(/"ask-offer" has no timings/)
  })
})

describe('start-prepare on the wire', () => {
  const start = (variant: unknown) => v.safeParse(exerciseActionSchema, { kind: 'start-prepare', variant }).success

  it('takes any whole number of minutes from 5 to 480', () => {
    for (const variant of [5, 20, 30, 45, 60, 90, 120, 480])
      expect(start(variant), String(variant)).toBe(true)
    expect(v.safeParse(exerciseActionSchema, { kind: 'start-prepare' }).success).toBe(true)
  })

  it('refuses lengths that are not whole minutes in that range', () => {
    for (const variant of [0, 4, 481, 30.5, -60, Number.NaN, '30', null])
      expect(start(variant), String(variant)).toBe(false)
  })
})
