/**
 * A commitment the participant can keep: a plain-text note and a calendar
 * reminder (.ics) for the next morning, both made on the phone (no request).
 */

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

/** A 15-minute reminder at 9:00 the next morning, with the sentence as its title. */
export function commitmentIcs(note: CommitmentNote, savedAt: Date, uid: string): string {
  const start = new Date(savedAt.getFullYear(), savedAt.getMonth(), savedAt.getDate() + 1, 9, 0, 0)
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
