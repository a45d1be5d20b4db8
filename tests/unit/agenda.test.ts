import type { Talk, TalkSlide } from '../../core/talk/deck'
import { parseSync } from '@slidev/parser'
import { describe, expect, it } from 'vitest'
import { agendaFor, BUFFER_ROW_ID, clockTimes, formatClock, formatOffset, parseClock, talkAgenda } from '../../core/talk/agenda'
import { bufferMinutes, readTalk, slidesInVariant, variantLengths } from '../../core/talk/deck'
import { exerciseMinutes, exercisePlan, formatSeconds } from '../../core/talk/exercise'
import { loadDeck } from '../../room/deck-file'

const { talk } = loadDeck()
const lengths = variantLengths(talk)

function slide(id: string, block: string, minutes: Record<number, number>): Pick<TalkSlide, 'id' | 'block' | 'minutes'> {
  return { id, block, minutes }
}

describe('talkAgenda on slides.md', () => {
  it('reads at least two lengths from the deck', () => {
    expect(lengths.length).toBeGreaterThanOrEqual(2)
  })

  it.each(lengths)('tiles the %i-minute talk with no gaps or overlaps, buffer included', (variant) => {
    const rows = talkAgenda(talk, variant)
    let expectedStart = 0
    for (const row of rows) {
      expect(row.startOffset).toBe(expectedStart)
      expect(row.minutes).toBeGreaterThan(0)
      expectedStart += row.minutes
    }
    expect(expectedStart).toBe(variant)
  })

  it.each(lengths)('holds the %i-minute buffer as its own row just before its block', (variant) => {
    const rows = talkAgenda(talk, variant)
    const index = rows.findIndex(row => row.buffer)
    expect(rows[index]).toMatchObject({ id: BUFFER_ROW_ID, title: talk.buffer.title, minutes: bufferMinutes(talk, variant), slideIds: [] })
    expect(rows[index + 1]?.id).toBe(talk.buffer.before)
    expect(rows.filter(row => row.buffer)).toHaveLength(1)
  })

  it.each(lengths)('covers every slide of the %i-minute variant once, in order', (variant) => {
    const covered = talkAgenda(talk, variant).flatMap(row => row.slideIds)
    expect(covered).toEqual(slidesInVariant(talk, variant).map(entry => entry.id))
  })

  it('uses the agenda\'s titles and only its blocks', () => {
    const known = new Map(talk.agenda.map(block => [block.id, block.title]))
    for (const variant of lengths) {
      for (const row of talkAgenda(talk, variant).filter(row => !row.buffer))
        expect(row.title, `${row.id} in the ${variant}`).toBe(known.get(row.id))
    }
  })
})

describe('agendaFor', () => {
  it('puts a buffer at the end when its block is not in the variant', () => {
    const rows = agendaFor([slide('a', 'x', { 60: 1 })], [], 60, { id: 'buffer', title: 'Buffer', beforeBlock: 'missing', minutes: 2 })
    expect(rows.map(row => [row.id, row.startOffset, row.minutes])).toEqual([['x', 0, 1], ['buffer', 1, 2]])
  })

  it('starts a new row when a block comes back later', () => {
    const slides = [slide('a', 'x', { 60: 1 }), slide('b', 'y', { 60: 2 }), slide('c', 'x', { 60: 3 })]
    expect(agendaFor(slides, [], 60).map(row => [row.id, row.startOffset, row.minutes])).toEqual([['x', 0, 1], ['y', 1, 2], ['x', 3, 3]])
  })

  it('skips slides that are out of the variant, including lengths a slide leaves out', () => {
    const slides = [slide('a', 'x', { 60: 0, 90: 4 }), slide('b', 'y', { 60: 2, 90: 2 }), slide('c', 'z', { 90: 1 })]
    expect(agendaFor(slides, [], 60)).toEqual([{ id: 'y', title: 'y', startOffset: 0, minutes: 2, slideIds: ['b'] }])
  })

  it('never folds a block into the buffer row, even one the deck names "buffer"', () => {
    const slides = [slide('a', 'x', { 30: 1 }), slide('b', 'buffer', { 30: 2 })]
    const rows = agendaFor(slides, [], 30, { id: 'buffer', title: 'Buffer', beforeBlock: 'missing', minutes: 1 })
    expect(rows.map(row => [row.id, row.minutes, row.buffer ?? false])).toEqual([['x', 1, false], ['buffer', 2, false], ['buffer', 1, true]])
  })

  it('builds a 45-minute agenda from a deck that declares one, in Markdown alone', () => {
    const markdown = [
      '---',
      'talk:',
      '  variants: { 45: { buffer: 1 } }',
      '  buffer: { title: Spare, before: close }',
      '  agenda: [{ id: open, title: Opening }, { id: close, title: Close }]',
      '  sections: [{ id: s, title: S }]',
      'slideId: one',
      'section: s',
      'block: open',
      'minutes: 40',
      '---',
      '# One',
      '---',
      'slideId: two',
      'block: close',
      'minutes: { 45: 4 }',
      '---',
      '# Two',
      '',
    ].join('\n')
    const slides = parseSync(markdown, 'deck.md').slides
    const small: Talk = readTalk(slides[0]!.frontmatter, slides).talk
    expect(talkAgenda(small, 45).map(row => [row.title, row.startOffset, row.minutes])).toEqual([['Opening', 0, 40], ['Spare', 40, 1], ['Close', 41, 4]])
  })
})

describe('clock times', () => {
  it('turns offsets into a run of show', () => {
    const rows = [{ startOffset: 0, minutes: 7.5 }, { startOffset: 7.5, minutes: 12 }]
    expect(clockTimes(rows, '09:30').map(row => [row.start, row.end])).toEqual([['09:30', '09:37'], ['09:37', '09:49']])
  })

  it('wraps past midnight', () => {
    expect(clockTimes([{ startOffset: 30, minutes: 60 }], '23:45').map(row => [row.start, row.end])).toEqual([['00:15', '01:15']])
  })

  it('rejects a start that is not a time', () => {
    expect(() => parseClock('9.30')).toThrow(/09:30/)
    expect(() => parseClock('24:00')).toThrow()
  })

  it('formats clocks and offsets', () => {
    expect(formatClock(9 * 60 + 5)).toBe('09:05')
    expect(formatOffset(7.5)).toBe('7:30')
    expect(formatOffset(0)).toBe('0:00')
    expect(formatSeconds(285)).toBe('4:45')
    expect(formatSeconds(900)).toBe('15:00')
  })
})

describe('exercise plan', () => {
  const exerciseSlide = talk.slides.find(entry => entry.id === 'exercise-rounds')!

  it.each(lengths)('fits the exercise slide in the %i-minute variant', (variant) => {
    expect(exerciseMinutes(variant)).toBe(exerciseSlide.minutes[variant])
  })

  it.each(lengths)('prints every step of the %i-minute plan in m:ss, adding up to the slot', (variant) => {
    const plan = exercisePlan(variant)
    for (const step of plan.steps)
      expect(step.duration).toBe(formatSeconds(step.minutes * 60))
    expect(plan.total).toBe(formatSeconds(exerciseMinutes(variant) * 60))
    expect(plan.total).toMatch(/^\d+:00$/)
  })
})
