import type { TalkSlide } from '../../core/talk/deck'
import type { ExerciseDefinition } from '../../exercises/types'
import { describe, expect, it } from 'vitest'
import { minutesIn, variantLengths } from '../../core/talk/deck'
import { exerciseMinutes } from '../../core/talk/exercise'
import { askOffer, EXERCISES, findExercise, getExercise } from '../../exercises/index'
import { scheduleFor, scheduleSeconds, talkPlanRows, timingLengths } from '../../exercises/schedule'
import { TOKEN_PALETTE } from '../../exercises/tokens'
import { PHASES } from '../../exercises/types'
import { loadDeck } from '../../room/deck-file'

function allSteps(definition: ExerciseDefinition) {
  const { prepare, pairing, turn, swap, afterTurns, commitment, ring } = definition.steps
  const ringSteps = ring ? [...ring.gather, ...ring.turn, ring.swap] : []
  return [...prepare, ...pairing, ...turn, swap, ...afterTurns, ...ringSteps, ...definition.debrief, ...commitment]
}

describe('exercise registry', () => {
  it('finds definitions by id and refuses unknown ones', () => {
    expect(findExercise('ask-offer')).toBe(askOffer)
    expect(findExercise('troika')?.groupSize).toBe(3)
    expect(findExercise('nope')).toBeUndefined()
    expect(getExercise('troika').id).toBe('troika')
  })
})

describe.each(EXERCISES)('definition $id', (definition) => {
  it('has unique kebab-case step ids and timings only for known steps', () => {
    const ids = allSteps(definition).map(step => step.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids)
      expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
    for (const variant of timingLengths(definition)) {
      const timing = definition.timings[variant]!
      for (const key of [...Object.keys(timing.seconds), ...timing.rounds.flatMap(round => Object.keys(round))])
        expect(ids, `${variant}: timing for unknown step ${key}`).toContain(key)
      expect(timing.rounds.length).toBeGreaterThan(0)
    }
  })

  it.each(timingLengths(definition))('runs every phase in order at %i minutes, each step a whole number of seconds', (variant) => {
    const schedule = scheduleFor(definition, variant)
    expect(schedule.timing).toBe(variant)
    const rounds = definition.timings[variant]!.rounds.map((_, i) => [`pairing:${i + 1}`, `rounds:${i + 1}`])
    expect(schedule.segments.map(segment => `${segment.phase}:${segment.round}`)).toEqual(['prepare:0', ...rounds.flat(), 'debrief:0', 'commitment:0'])
    expect(PHASES).toEqual(['prepare', 'pairing', 'rounds', 'debrief', 'commitment', 'done'])
    for (const segment of schedule.segments) {
      for (const step of segment.steps)
        expect(Number.isInteger(step.seconds) && step.seconds > 0).toBe(true)
    }
    expect(schedule.segments.filter(segment => segment.phase === 'rounds')).toHaveLength(definition.timings[variant]!.rounds.length)
  })

  it('has topics, role prompts, What/So What/Now What and a commitment template', () => {
    expect(definition.topics.length).toBeGreaterThan(1)
    expect(definition.roles.focus.prompts.length).toBeGreaterThan(0)
    expect(definition.roles.support.prompts.length).toBeGreaterThan(0)
    expect(definition.debrief.map(question => question.id)).toEqual(['what', 'so-what', 'now-what'])
    expect(definition.commitment.blank).toBe('I will ask ___ for ___ by ___')
    for (const field of definition.commitment.fields)
      expect(definition.commitment.text).toContain(`{${field.id}}`)
  })
})

/**
 * Every deck that runs ask/offer, at every length it declares: its exercise
 * slides plan exactly the time the exercise's schedule for that length takes,
 * whichever timing the length runs (its own, or the one it falls back to).
 */
const DECKS = ['slides.md', 'examples/team-huddle.md'].map(path => ({ path, deck: loadDeck(path) }))
const DECK_LENGTHS = DECKS.flatMap(({ path, deck }) => variantLengths(deck.talk).map(variant => ({ path, variant, talk: deck.talk })))

describe('ask/offer and the talk', () => {
  it('carries the SMART sentence starter and Schein\'s "clarify before advising"', () => {
    expect(askOffer.roles.focus.prompts).toContain('I am working on … and could use help to … by …')
    expect(askOffer.roles.support.summary).toMatch(/clarify before advising/i)
  })

  it('has a timing for a 30-minute deck: one round of pairs with a swap, 12.5 minutes in all', () => {
    const schedule = scheduleFor(askOffer, 30)
    expect(schedule).toMatchObject({ variant: 30, timing: 30, rounds: 1 })
    const round = schedule.segments.find(segment => segment.phase === 'rounds')!
    expect(round).toMatchObject({ format: 'groups', groupSize: 2, turns: 2 })
    expect(round.steps.filter(step => step.swap)).toHaveLength(1)
    expect(scheduleSeconds(schedule)).toBe(750)
  })

  it('is run by both decks at every length they declare', () => {
    expect(DECK_LENGTHS.map(({ path, variant }) => `${path}:${variant}`)).toEqual(['slides.md:60', 'slides.md:90', 'examples/team-huddle.md:30', 'examples/team-huddle.md:45'])
  })

  it.each(DECK_LENGTHS)('fills exactly the exercise-rounds slide of $path at $variant minutes', ({ talk, variant }) => {
    const schedule = scheduleFor(askOffer, variant)
    const minutes = scheduleSeconds(schedule, ['pairing', 'rounds']) / 60
    expect(minutes).toBe(minutesIn(talk.slides.find(slide => slide.id === 'exercise-rounds')!, variant))
    expect(minutes).toBe(exerciseMinutes(variant))
    const rows = talkPlanRows(schedule)
    expect(rows.reduce((sum, row) => sum + row.minutes, 0)).toBeCloseTo(minutes, 9)
    expect(rows[0]?.label).toBe('Pair up')
  })

  it.each(DECK_LENGTHS)('matches the prepare, debrief and commitment slides of $path at $variant minutes', ({ talk, variant }) => {
    const schedule = scheduleFor(askOffer, variant)
    const planned = (slides: TalkSlide[]) => slides.reduce((sum, slide) => sum + minutesIn(slide, variant), 0)
    const slide = (id: string) => talk.slides.filter(entry => entry.id === id)
    expect(scheduleSeconds(schedule, ['prepare']) / 60).toBe(planned(slide('exercise-prepare')))
    expect(scheduleSeconds(schedule, ['debrief']) / 60).toBe(planned(talk.slides.filter(entry => entry.section === 'debrief')))
    expect(scheduleSeconds(schedule, ['commitment']) / 60).toBe(planned(slide('commitments')))
  })
})

describe('token palette', () => {
  function luminance(hex: string): number {
    const channel = (i: number) => {
      const c = Number.parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16) / 255
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
    }
    return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2)
  }
  function contrast(a: string, b: string): number {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
    return (hi + 0.05) / (lo + 0.05)
  }

  it('has twelve distinct named colours whose ink meets WCAG AA', () => {
    expect(TOKEN_PALETTE).toHaveLength(12)
    expect(new Set(TOKEN_PALETTE.map(colour => colour.name)).size).toBe(12)
    expect(new Set(TOKEN_PALETTE.map(colour => colour.hex)).size).toBe(12)
    for (const colour of TOKEN_PALETTE)
      expect(contrast(colour.hex, colour.ink), colour.name).toBeGreaterThanOrEqual(4.5)
  })
})
