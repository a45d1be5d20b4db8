import type { CalendarDate } from '../exercises/by-when'

/**
 * A commitment the participant can keep: a plain-text note and a calendar
 * reminder (.ics) on the day its "by when" names, both made on the phone (no
 * request); and the copy kept in this phone's storage.
 */

/**
 * Where the phone keeps the last commitment written here: a JSON object of
 * field id to text (`{ who, what, when }` for ask-offer). The closing "My ask"
 * poll is prefilled from it (phone/main.ts reads it with `loadSavedCommitment`).
 */
export const COMMITMENT_STORAGE_KEY = 'room.commitment'

export function loadSavedCommitment(storage: Pick<Storage, 'getItem'> = localStorage): Record<string, string> | null {
  try {
    const data: unknown = JSON.parse(storage.getItem(COMMITMENT_STORAGE_KEY) ?? 'null')
    if (data && typeof data === 'object' && !Array.isArray(data)) {
      const values = Object.fromEntries(Object.entries(data).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== ''))
      return Object.keys(values).length ? values : null
    }
  }
  catch {}
  return null
}

export function saveCommitmentLocally(values: Record<string, string>, storage: Pick<Storage, 'setItem'> = localStorage): void {
  try {
    storage.setItem(COMMITMENT_STORAGE_KEY, JSON.stringify(values))
  }
  catch {}
}

export interface CommitmentNote {
  sentence: string
  /** The exercise's title, for context in the note. */
  title: string
}

export function commitmentText(note: CommitmentNote, savedAt: Date): string {
  return [
    'My commitment',
    '',
    note.sentence,
    '',
    `Written during “${note.title}” on ${savedAt.toDateString()}.`,
    'Asking for help is not weakness. It is leadership.',
    '',
  ].join('\r\n')
}

/** RFC 5545 text: backslash, semicolon, comma and newlines escaped. */
export function icsText(text: string): string {
  return text.replace(/[\\;,]/g, m => `\\${m}`).replace(/\r?\n/g, '\\n')
}

/** Fold lines longer than 75 octets (RFC 5545 3.1), never inside a UTF-8 sequence. */
export function foldLine(line: string): string {
  const out: string[] = []
  let current = ''
  let bytes = 0
  for (const ch of line) {
    const size = new TextEncoder().encode(ch).length
    if (bytes + size > (out.length ? 74 : 75)) {
      out.push(current)
      current = ''
      bytes = 0
    }
    current += ch
    bytes += size
  }
  out.push(current)
  return out.join('\r\n ')
}

const pad = (n: number): string => String(n).padStart(2, '0')

/** Local date-time without a zone ("floating"): 09:00 on the phone's own clock. */
function floating(d: Date): string {
  return `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}T${pad(d.getHours())}${pad(d.getMinutes())}00`
}

function utc(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')
}

/**
 * When the reminder rings on `day`: 9:00 on the phone's clock, or, on the
 * day it was written, an hour from `now` rounded up to the quarter hour (a
 * 9:00 reminder in the afternoon would ring at once, or never).
 */
export function reminderStart(day: CalendarDate, now: Date): Date {
  const start = new Date(day.year, day.month - 1, day.day, 9, 0, 0)
  const sameDay = day.year === now.getFullYear() && day.month === now.getMonth() + 1 && day.day === now.getDate()
  if (!sameDay || start.getTime() > now.getTime() + 30 * 60_000)
    return start
  const quarter = 15 * 60_000
  const later = new Date(Math.ceil((now.getTime() + 60 * 60_000) / quarter) * quarter)
  later.setSeconds(0, 0)
  return later
}

/** A 15-minute reminder starting at `start` (floating local time), with the sentence as its title. */
export function commitmentIcs(note: CommitmentNote, savedAt: Date, uid: string, start: Date): string {
  const end = new Date(start.getTime() + 15 * 60_000)
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//workshop-kit//ask-offer//EN',
    'CALSCALE:GREGORIAN',
    'BEGIN:VEVENT',
    `UID:${uid}@workshop-kit`,
    `DTSTAMP:${utc(savedAt)}`,
    `DTSTART:${floating(start)}`,
    `DTEND:${floating(end)}`,
    `SUMMARY:${icsText(note.sentence)}`,
    `DESCRIPTION:${icsText(`My commitment from “${note.title}”: ${note.sentence}`)}`,
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    'TRIGGER:PT0M',
    `DESCRIPTION:${icsText(note.sentence)}`,
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
  ]
  return `${lines.map(foldLine).join('\r\n')}\r\n`
}
