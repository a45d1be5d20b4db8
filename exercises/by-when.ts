/**
 * The date a commitment's "by when" names, for the phone's calendar reminder:
 * "Friday", "tomorrow", "12 March", "end of the month", "next week", "in two
 * weeks", "2026-03-12", "12/3". English only, British day-month order for
 * numeric dates. Pure: today's date is passed in. When the text names no date
 * we can read, the answer is null and the phone asks for one (no guessing).
 */

export interface CalendarDate {
  year: number
  /** 1-12 */
  month: number
  /** 1-31 */
  day: number
}

export interface ByWhenDate {
  date: CalendarDate
  /** The words the date was read from, as typed ("end of the month"). */
  from: string
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'] as const

const WEEKDAY_WORD = '(sun(?:day)?|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?)'
const MONTH_WORD = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)'
const DAY_NUMBER = '(\\d{1,2})(?:st|nd|rd|th)?'
const COUNT_WORDS: Record<string, number> = { 'a': 1, 'an': 1, 'one': 1, 'two': 2, 'three': 3, 'four': 4, 'five': 5, 'six': 6, 'seven': 7, 'eight': 8, 'nine': 9, 'ten': 10, 'a couple of': 2 }

function toUtc(d: CalendarDate): number {
  return Date.UTC(d.year, d.month - 1, d.day)
}

function fromUtc(ms: number): CalendarDate {
  const d = new Date(ms)
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }
}

export function addDays(d: CalendarDate, days: number): CalendarDate {
  return fromUtc(toUtc(d) + days * 86_400_000)
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(d: CalendarDate): number {
  return new Date(toUtc(d)).getUTCDay()
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

function lastOfMonth(year: number, month: number): CalendarDate {
  const y = year + Math.floor((month - 1) / 12)
  const m = ((month - 1) % 12 + 12) % 12 + 1
  return { year: y, month: m, day: daysInMonth(y, m) }
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return toUtc(a) - toUtc(b)
}

function weekdayIndex(word: string): number {
  return WEEKDAYS.findIndex(day => day.startsWith(word.slice(0, 3).toLowerCase()))
}

function monthIndex(word: string): number {
  return MONTHS.findIndex(month => month.startsWith(word.slice(0, 3).toLowerCase()))
}

/** The next `weekday` after today (1 to 7 days ahead: "Friday" said on a Friday means next Friday). */
function nextWeekday(today: CalendarDate, weekday: number): CalendarDate {
  const ahead = (weekday - weekdayOf(today) + 7) % 7 || 7
  return addDays(today, ahead)
}

/** Monday of the week after today's (weeks start on Monday). */
function nextMonday(today: CalendarDate): CalendarDate {
  return addDays(today, ((1 - weekdayOf(today) + 7) % 7) || 7)
}

/** This week's Friday; from Saturday on, next week's. */
function endOfWeek(today: CalendarDate): CalendarDate {
  const w = weekdayOf(today)
  return addDays(today, w === 6 ? 6 : 5 - w)
}

function validDate(year: number, month: number, day: number): CalendarDate | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    return null
  return { year, month, day }
}

/** A day and month without a year: this year's, or next year's once this year's has passed. */
function upcoming(today: CalendarDate, month: number, day: number, year?: number): CalendarDate | null {
  if (year !== undefined)
    return validDate(year < 100 ? 2000 + year : year, month, day)
  const thisYear = validDate(today.year, month, day)
  if (thisYear && compareDates(thisYear, today) >= 0)
    return thisYear
  return validDate(today.year + 1, month, day) ?? thisYear
}

type Rule = [RegExp, (match: RegExpExecArray, today: CalendarDate) => CalendarDate | null]

// Not a lookbehind for the start of a word: Safari before 16.4 throws on one, and this runs on phones.
// The character before the word is matched instead, and left out of `from`.
const word = (source: string): RegExp => new RegExp(`(?:^|[^\\p{L}\\d])(?:${source})(?![\\p{L}\\d])`, 'iu')

/** Most specific first: a written date beats a weekday beats "next week". */
const RULES: readonly Rule[] = [
  [/\b(\d{4})-(\d{1,2})-(\d{1,2})\b/, m => validDate(Number(m[1]), Number(m[2]), Number(m[3]))],
  [/\b(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2}|\d{4}))?\b/, (m, today) => upcoming(today, Number(m[2]), Number(m[1]), m[3] === undefined ? undefined : Number(m[3]))],
  [word(`${DAY_NUMBER}\\s+(?:of\\s+)?${MONTH_WORD}\\.?(?:,?\\s+(\\d{4}))?`), (m, today) => upcoming(today, monthIndex(m[2]!) + 1, Number(m[1]), m[3] === undefined ? undefined : Number(m[3]))],
  [word(`${MONTH_WORD}\\.?\\s+${DAY_NUMBER}(?:,?\\s+(\\d{4}))?`), (m, today) => upcoming(today, monthIndex(m[1]!) + 1, Number(m[2]), m[3] === undefined ? undefined : Number(m[3]))],
  [word('today|tonight|this\\s+(?:afternoon|evening)|(?:the\\s+)?end\\s+of\\s+(?:the\\s+|to)?day|eod'), (_, today) => today],
  [word('(?:the\\s+)?day\\s+after\\s+tomorrow'), (_, today) => addDays(today, 2)],
  [word('tomorrow|tmrw|asap|as\\s+soon\\s+as\\s+possible'), (_, today) => addDays(today, 1)],
  // "Next Friday" is the Friday of next week (weeks start on Monday), never this week's.
  [word(`next\\s+${WEEKDAY_WORD}`), (m, today) => addDays(nextMonday(today), (weekdayIndex(m[1]!) + 6) % 7)],
  [word(WEEKDAY_WORD), (m, today) => nextWeekday(today, weekdayIndex(m[1]!))],
  [word('(?:the\\s+)?end\\s+of\\s+next\\s+week'), (_, today) => addDays(endOfWeek(today), 7)],
  [word('(?:the\\s+)?end\\s+of\\s+(?:the\\s+|this\\s+)?week|eow'), (_, today) => endOfWeek(today)],
  [word('(?:this\\s+|the\\s+)?weekend'), (_, today) => addDays(today, (6 - weekdayOf(today) + 7) % 7 || 7)],
  [word('next\\s+week'), (_, today) => nextMonday(today)],
  [word('(?:the\\s+)?end\\s+of\\s+next\\s+month'), (_, today) => lastOfMonth(today.year, today.month + 1)],
  [word('(?:the\\s+)?end\\s+of\\s+(?:the\\s+|this\\s+)?month|eom|this\\s+month'), (_, today) => lastOfMonth(today.year, today.month)],
  [word('next\\s+month'), (_, today) => ({ ...lastOfMonth(today.year, today.month + 1), day: 1 })],
  [word('(?:the\\s+)?end\\s+of\\s+(?:the\\s+|this\\s+)?quarter|this\\s+quarter'), (_, today) => lastOfMonth(today.year, Math.ceil(today.month / 3) * 3)],
  [word('(?:the\\s+)?end\\s+of\\s+(?:the\\s+|this\\s+)?year|eoy|this\\s+year'), (_, today) => ({ year: today.year, month: 12, day: 31 })],
  [word('(?:in|within)\\s+(\\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a\\s+couple\\s+of)\\s+(days?|weeks?|months?)'), (m, today) => {
    const n = /^\d+$/.test(m[1]!) ? Number(m[1]) : COUNT_WORDS[m[1]!.toLowerCase().replace(/\s+/g, ' ')] ?? 0
    const unit = m[2]!.toLowerCase()
    if (unit.startsWith('day'))
      return addDays(today, n)
    if (unit.startsWith('week'))
      return addDays(today, 7 * n)
    const end = lastOfMonth(today.year, today.month + n)
    return { ...end, day: Math.min(today.day, end.day) }
  }],
  [word('(?:in\\s+|within\\s+)?a\\s+fortnight'), (_, today) => addDays(today, 14)],
]

/**
 * The date "by when" names, counted from `today`; null when it names none we
 * can read ("before the launch", "soon", "Q3") or names a day already past.
 */
export function parseByWhen(text: string, today: CalendarDate): ByWhenDate | null {
  const input = text.normalize('NFKC')
  for (const [pattern, resolve] of RULES) {
    const match = pattern.exec(input)
    if (!match)
      continue
    const date = resolve(match, today)
    if (date && compareDates(date, today) >= 0)
      return { date, from: match[0].replace(/^[^\p{L}\d]/u, '').trim() }
    if (date)
      return null
  }
  return null
}

/** "Friday 13 March 2026", British order, for saying plainly when the reminder is. */
export function formatDay(d: CalendarDate, withYear = true): string {
  const weekday = WEEKDAYS[weekdayOf(d)]!
  const month = MONTHS[d.month - 1]!
  const cap = (s: string): string => s[0]!.toUpperCase() + s.slice(1)
  return `${cap(weekday)} ${d.day} ${cap(month)}${withYear ? ` ${d.year}` : ''}`
}

/** "2026-03-13", the value of an `<input type="date">`. */
export function isoDay(d: CalendarDate): string {
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`
}

/** An `<input type="date">` value back to a date; null when empty or malformed. */
export function fromIsoDay(value: string): CalendarDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  return m ? validDate(Number(m[1]), Number(m[2]), Number(m[3])) : null
}
