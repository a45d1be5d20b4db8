import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { exerciseMinutes } from '../../core/talk/exercise'
import { askOffer } from '../../exercises/ask-offer'
import { cardPlan, checkPeople, paperCards, PeopleCountError, timerScript } from '../../exercises/paper-cards'
import { scheduleFor, scheduleSeconds } from '../../exercises/schedule'
import { troika } from '../../exercises/troika'

/** People who share a round-1 group, by card index. */
function partnersOf(plan: ReturnType<typeof cardPlan>): Map<number, number[]> {
  const byGroup = new Map<number, number[]>()
  plan.forEach((card, i) => byGroup.set(card.group, [...byGroup.get(card.group) ?? [], i]))
  return byGroup
}

describe('the paper card plan', () => {
  it('prints one card per person, two per token and one trio for an odd room, never a token twice', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 400 }), fc.constantFrom(1, 2), (people, rounds) => {
      const plan = cardPlan(people, rounds)
      expect(plan).toHaveLength(people)
      const groups = [...partnersOf(plan).values()]
      const sizes = groups.map(group => group.length)
      expect(sizes.filter(size => size === 3)).toHaveLength(people % 2)
      expect(sizes.every(size => size === 2 || size === 3)).toBe(true)
      const set = paperCards(askOffer, 90, { people })
      expect(new Set(set.cards.map(card => card.token.label)).size).toBe(groups.length)
      // Seats within a group are A, B (, C) and every group sits in one table set.
      for (const members of groups) {
        expect(members.map(i => plan[i]!.seat)).toEqual(['A', 'B', 'C'].slice(0, members.length))
        expect(new Set(members.map(i => plan[i]!.set)).size).toBe(1)
      }
    }))
  })

  it('gives everyone a round-2 ring of two to six people with no round-1 partner in it, from six people up', () => {
    fc.assert(fc.property(fc.integer({ min: 6, max: 400 }), (people) => {
      const plan = cardPlan(people, 2)
      const rings = new Map<number, number[]>()
      plan.forEach((card, i) => {
        expect(card.ring).not.toBeNull()
        rings.set(card.ring!, [...rings.get(card.ring!) ?? [], i])
      })
      for (const members of rings.values()) {
        expect(members.length).toBeGreaterThanOrEqual(2)
        expect(members.length).toBeLessThanOrEqual(6)
        expect(new Set(members.map(i => plan[i]!.group)).size).toBe(members.length)
        // Round 2 happens at the round-1 table: a ring never spans two table sets.
        expect(new Set(members.map(i => plan[i]!.set)).size).toBe(1)
      }
    }))
  })

  it('keeps table sets between six and eleven people once the room has that many', () => {
    for (let people = 6; people <= 300; people++) {
      const sizes = new Map<number, number>()
      for (const card of cardPlan(people, 2))
        sizes.set(card.set, (sizes.get(card.set) ?? 0) + 1)
      for (const size of sizes.values()) {
        expect(size, `${people} people`).toBeGreaterThanOrEqual(6)
        expect(size, `${people} people`).toBeLessThanOrEqual(11)
      }
    }
  })

  it('runs round 2 as one ring of the whole room below six people, and prints no ring for a one-round variant', () => {
    expect(cardPlan(5, 2).map(card => card.ring)).toEqual([1, 1, 1, 1, 1])
    expect(cardPlan(30, 1).every(card => card.ring === null)).toBe(true)
    expect(paperCards(askOffer, 60, { people: 30 }).cards.every(card => card.ring === null)).toBe(scheduleFor(askOffer, 60).rounds === 1)
  })

  it('refuses a head count it cannot print for', () => {
    for (const bad of [0, 1, -4, 2.5, Number.NaN, 1001])
      expect(() => checkPeople(bad)).toThrow(PeopleCountError)
    expect(() => paperCards(askOffer, 90, { people: 0 })).toThrow(/whole number from 2 to 1000/)
    expect(paperCards(askOffer, 90).people).toBe(30)
  })

  it('numbers tokens colour first, so the pairs at one table have different colours', () => {
    const set = paperCards(askOffer, 90, { people: 60 })
    expect(set.cards.slice(0, 4).map(card => card.token.label)).toEqual(['Red 1', 'Red 1', 'Orange 1', 'Orange 1'])
    expect(set.cards.find(card => card.group === 13)?.token.label).toBe('Red 2')
    for (let s = 1; s <= set.sets; s++) {
      const colours = set.cards.filter(card => card.set === s).map(card => card.token.colour)
      expect(new Set(colours).size, `set ${s}`).toBe(new Set(set.cards.filter(card => card.set === s).map(card => card.group)).size)
    }
  })
})

describe('the paper cards content', () => {
  it('gives the trio one rule: everyone asks once, no observer', () => {
    const set = paperCards(askOffer, 90, { people: 31 })
    const trio = set.cards.filter(card => card.trio)
    expect(trio.map(card => card.seat)).toEqual(['A', 'B', 'C'])
    expect(trio.find(card => card.seat === 'C')!.note).toMatch(/each of you asks once/)
    expect(set.trioRule).toMatch(/no observer: everyone asks once/)
    expect(`${set.trioRule} ${set.cards.map(card => card.note).join(' ')}`).not.toMatch(/observ(es|e one)|watch/i)
  })

  it('writes the timer script from the definition: every step, in order, as m:ss, adding up to the slide', () => {
    for (const variant of [30, 45, 60, 90]) {
      const rows = timerScript(askOffer, variant)
      const schedule = scheduleFor(askOffer, variant)
      const steps = schedule.segments.flatMap(s => s.steps)
      expect(rows.map(r => r.label)).toEqual(steps.map(s => s.label))
      expect(rows[0]?.at).toBe('0:00')
      for (const row of rows)
        expect(row.duration).toMatch(/^\d+:[0-5]\d$/)
      const set = paperCards(askOffer, variant)
      expect(set.totalSeconds).toBe(scheduleSeconds(schedule))
      // The rounds block is what the exercise-rounds slide shows, to the second.
      expect(set.roundsSeconds).toBe(Math.round(exerciseMinutes(variant) * 60))
      const rounds = set.sections.find(section => section.phases.includes('rounds'))!
      expect(rounds.seconds).toBe(set.roundsSeconds)
      expect(set.sections.reduce((n, section) => n + section.seconds, 0)).toBe(set.totalSeconds)
    }
    const rows = timerScript(askOffer, 60)
    expect(rows.find(r => r.label === 'Ask')?.say).toContain('card A asks')
    expect(rows[1]?.at).toBe(`${Math.floor(rows[0]!.seconds / 60)}:${String(rows[0]!.seconds % 60).padStart(2, '0')}`)
  })

  it('talks about cards and topic tables, never phones', () => {
    for (const definition of [askOffer, troika]) {
      for (const variant of [30, 60, 90]) {
        const set = paperCards(definition, variant, { people: 24 })
        const words = [...set.script.map(row => row.say), ...set.howItRuns, ...set.cards.map(card => card.note)].join('\n')
        expect(words).not.toMatch(/phone/i)
        expect(set.script.find(row => row.phase === 'pairing' && row.round === 1)?.say).toMatch(/topic table/)
      }
    }
  })

  it('prints troika in threes, with a group of four when the room does not divide', () => {
    const set = paperCards(troika, 90, { people: 10 })
    expect(set.cards).toHaveLength(10)
    expect(set.cards.filter(c => c.seat === 'C')).toHaveLength(3)
    expect(set.cards.filter(c => c.seat === 'D')).toHaveLength(1)
    expect(new Set(set.cards.map(c => c.token.label)).size).toBe(3)
  })
})
