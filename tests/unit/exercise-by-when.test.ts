import type { CalendarDate } from '../../exercises/by-when'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays, compareDates, formatDay, fromIsoDay, isoDay, parseByWhen, weekdayOf } from '../../exercises/by-when'

// Wednesday 11 March 2026.
const wednesday: CalendarDate = { year: 2026, month: 3, day: 11 }

function read(text: string, today = wednesday): string | null {
  const found = parseByWhen(text, today)
  return found && isoDay(found.date)
}

describe('the date a "by when" names', () => {
  it('reads weekdays as the next one to come, and "next Friday" as next week’s', () => {
    expect(read('Friday')).toBe('2026-03-13')
    expect(read('by Fri')).toBe('2026-03-13')
    expect(read('this Friday afternoon')).toBe('2026-03-13')
    expect(read('Monday morning')).toBe('2026-03-16')
    // Said on a Wednesday, "Wednesday" means a week today, not today.
    expect(read('wednesday')).toBe('2026-03-18')
    expect(read('next Friday')).toBe('2026-03-20')
    expect(read('next Monday')).toBe('2026-03-16')
  })

  it('reads days relative to today', () => {
    expect(read('today')).toBe('2026-03-11')
    expect(read('end of the day')).toBe('2026-03-11')
    expect(read('Tomorrow')).toBe('2026-03-12')
    expect(read('asap')).toBe('2026-03-12')
    expect(read('the day after tomorrow')).toBe('2026-03-13')
    expect(read('in 3 days')).toBe('2026-03-14')
    expect(read('in two weeks')).toBe('2026-03-25')
    expect(read('within a week')).toBe('2026-03-18')
    expect(read('in a couple of days')).toBe('2026-03-13')
    expect(read('a fortnight')).toBe('2026-03-25')
  })

  it('reads weeks, months, quarters and years', () => {
    expect(read('end of the week')).toBe('2026-03-13')
    expect(read('end of next week')).toBe('2026-03-20')
    expect(read('next week')).toBe('2026-03-16')
    expect(read('the weekend')).toBe('2026-03-14')
    expect(read('end of the month')).toBe('2026-03-31')
    expect(read('EOM')).toBe('2026-03-31')
    expect(read('end of next month')).toBe('2026-04-30')
    expect(read('next month')).toBe('2026-04-01')
    expect(read('in a month')).toBe('2026-04-11')
    expect(read('end of the quarter')).toBe('2026-03-31')
    expect(read('end of the year')).toBe('2026-12-31')
  })

  it('reads written dates, day first, rolling to next year once this year’s has passed', () => {
    expect(read('12 March')).toBe('2026-03-12')
    expect(read('the 12th of March')).toBe('2026-03-12')
    expect(read('March 20th')).toBe('2026-03-20')
    expect(read('2 Jan')).toBe('2027-01-02')
    expect(read('1 May 2027')).toBe('2027-05-01')
    expect(read('2026-04-02')).toBe('2026-04-02')
    expect(read('2/4')).toBe('2026-04-02')
    expect(read('02.04.2026')).toBe('2026-04-02')
  })

  it('answers null rather than guess', () => {
    for (const text of ['before the launch', 'soon', 'Q3', 'when I can', '', 'monthly', 'sometime', '31 February', '29 February', '10 March 2026', 'sat', 'Saturdays'])
      expect(read(text), text).toBe(text === 'sat' ? '2026-03-14' : null)
  })

  it('keeps the words it read the date from', () => {
    expect(parseByWhen('hopefully by the end of the month, if not sooner', wednesday)?.from).toBe('the end of the month')
  })

  it('never names a day before today, whatever the text', () => {
    const day = fc.date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2090, 11, 31)), noInvalidDate: true }).map(d => ({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }))
    const phrase = fc.constantFrom('Friday', 'next Tuesday', 'tomorrow', 'end of the month', 'next week', 'end of the week', '12 March', 'in 3 weeks', 'weekend', 'end of the year', '1/1', 'next month', 'in a month')
    fc.assert(fc.property(day, phrase, (today, text) => {
      const found = parseByWhen(text, today)
      expect(found).not.toBeNull()
      expect(compareDates(found!.date, today)).toBeGreaterThanOrEqual(0)
      expect(compareDates(found!.date, addDays(today, 400))).toBeLessThan(0)
    }))
  })

  it('says the day plainly and round-trips the date input’s value', () => {
    expect(formatDay({ year: 2026, month: 3, day: 13 })).toBe('Friday 13 March 2026')
    expect(formatDay({ year: 2026, month: 3, day: 13 }, false)).toBe('Friday 13 March')
    expect(weekdayOf(wednesday)).toBe(3)
    expect(fromIsoDay('2026-03-13')).toEqual({ year: 2026, month: 3, day: 13 })
    expect(fromIsoDay('2026-02-30')).toBeNull()
    expect(fromIsoDay('')).toBeNull()
  })
})
