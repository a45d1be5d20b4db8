import { describe, expect, it } from 'vitest'
import { agendaFor, clockTimes, formatClock, formatOffset, parseClock } from '../../core/talk/agenda'
import { exerciseMinutes } from '../../core/talk/exercise'
import { agendaBlocks, findOutlineSlide, outlineSlides } from '../../core/talk/outline'
import { VARIANTS } from '../../core/talk/settings'

describe('agendaFor', () => {
  it.each(VARIANTS)('tiles the %i-minute talk with no gaps or overlaps', (variant) => {
    const rows = agendaFor(outlineSlides, agendaBlocks, variant)
    let expectedStart = 0
    for (const row of rows) {
      expect(row.startOffset).toBe(expectedStart)
      expect(row.minutes).toBeGreaterThan(0)
      expectedStart += row.minutes
    }
    expect(expectedStart).toBe(variant)
  })

  it.each(VARIANTS)('covers every slide of the %i-minute variant once, in order', (variant) => {
    const rows = agendaFor(outlineSlides, agendaBlocks, variant)
    const covered = rows.flatMap(row => row.slideIds)
    expect(covered).toEqual(outlineSlides.filter(entry => entry.minutes[variant] > 0).map(entry => entry.id))
  })

  it('uses the block titles and only known blocks', () => {
    const known = new Set(agendaBlocks.map(block => block.id))
    for (const entry of outlineSlides)
      expect(known.has(entry.agendaBlock), `${entry.id} names unknown block ${entry.agendaBlock}`).toBe(true)
    expect(agendaFor(outlineSlides, agendaBlocks, 90)[0]?.title).toBe(agendaBlocks[0]?.title)
  })

  it('starts a new row when a block comes back later', () => {
    const slides = [
      { id: 'a', section: 's', agendaBlock: 'x', title: 'A', minutes: { 60: 1, 90: 1 } },
      { id: 'b', section: 's', agendaBlock: 'y', title: 'B', minutes: { 60: 2, 90: 2 } },
      { id: 'c', section: 's', agendaBlock: 'x', title: 'C', minutes: { 60: 3, 90: 3 } },
    ]
    expect(agendaFor(slides, [], 60).map(row => [row.id, row.startOffset, row.minutes])).toEqual([['x', 0, 1], ['y', 1, 2], ['x', 3, 3]])
  })

  it('skips slides that are out of the variant', () => {
    const slides = [
      { id: 'a', section: 's', agendaBlock: 'x', title: 'A', minutes: { 60: 0, 90: 4 } },
      { id: 'b', section: 's', agendaBlock: 'y', title: 'B', minutes: { 60: 2, 90: 2 } },
    ]
    expect(agendaFor(slides, [], 60)).toEqual([{ id: 'y', title: 'y', startOffset: 0, minutes: 2, slideIds: ['b'] }])
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
  })
})

describe('exercise plan', () => {
  it.each(VARIANTS)('fits the exercise slide in the %i-minute variant', (variant) => {
    expect(exerciseMinutes(variant)).toBe(findOutlineSlide('exercise-rounds')?.minutes[variant])
  })
})
