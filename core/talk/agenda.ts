import type { Talk, TalkSlide } from './deck'
import { bufferMinutes, minutesIn } from './deck'

export interface AgendaBlock {
  id: string
  title: string
  /** Minutes from the start of the session. */
  startOffset: number
  minutes: number
  slideIds: string[]
  /** True for the buffer row: planned spare time with no slides of its own. */
  buffer?: true
}

/** Spare time held as its own agenda row, placed just before the first row of `beforeBlock`. */
export interface AgendaBuffer {
  id: string
  title: string
  beforeBlock: string
  minutes: number
}

/** The id of the buffer's agenda row; no slide block may use it (talk.agenda ids are the deck's own). */
export const BUFFER_ROW_ID = 'buffer'

/**
 * Groups consecutive slides of the active variant by their agenda block.
 * A block that reappears later starts a new row, so the rows always tile the session in order.
 */
export function agendaFor(slides: readonly Pick<TalkSlide, 'id' | 'block' | 'minutes'>[], blocks: readonly { id: string, title: string }[], variant: number, buffer?: AgendaBuffer): AgendaBlock[] {
  const rows: AgendaBlock[] = []
  let offset = 0
  let bufferPlaced = !buffer || buffer.minutes <= 0
  const placeBuffer = () => {
    if (bufferPlaced || !buffer)
      return
    rows.push({ id: buffer.id, title: buffer.title, startOffset: offset, minutes: buffer.minutes, slideIds: [], buffer: true })
    offset += buffer.minutes
    bufferPlaced = true
  }
  for (const entry of slides) {
    const minutes = entry.minutes[variant] ?? 0
    if (minutes <= 0)
      continue
    if (entry.block === buffer?.beforeBlock)
      placeBuffer()
    const last = rows.at(-1)
    if (last && !last.buffer && last.id === entry.block) {
      last.minutes += minutes
      last.slideIds.push(entry.id)
    }
    else {
      rows.push({
        id: entry.block,
        title: blocks.find(block => block.id === entry.block)?.title ?? entry.block,
        startOffset: offset,
        minutes,
        slideIds: [entry.id],
      })
    }
    offset += minutes
  }
  // A buffer whose block is missing from the variant still counts: it goes at the end.
  placeBuffer()
  return rows
}

/** The buffer the deck plans for a variant (talk.buffer and talk.variants[variant].buffer). */
export function talkBuffer(talk: Talk, variant: number): AgendaBuffer {
  return { id: BUFFER_ROW_ID, title: talk.buffer.title, beforeBlock: talk.buffer.before, minutes: bufferMinutes(talk, variant) }
}

/** The talk's own agenda for a variant, buffer included: what the agenda slide and the run of show print. */
export function talkAgenda(talk: Talk, variant: number): AgendaBlock[] {
  return agendaFor(talk.slides.filter(slide => minutesIn(slide, variant) > 0), talk.agenda, variant, talkBuffer(talk, variant))
}

const HH_MM = /^(\d{1,2}):(\d{2})$/

export function parseClock(startHHMM: string): number {
  const match = HH_MM.exec(startHHMM.trim())
  const hours = Number(match?.[1])
  const minutes = Number(match?.[2])
  if (!match || hours > 23 || minutes > 59)
    throw new Error(`"${startHHMM}" is not a 24-hour time like "09:30".`)
  return hours * 60 + minutes
}

/** Formats minutes since midnight as HH:MM, wrapping past midnight; half minutes round down. */
export function formatClock(minutesSinceMidnight: number): string {
  const wrapped = ((Math.floor(minutesSinceMidnight) % 1440) + 1440) % 1440
  const hours = Math.floor(wrapped / 60)
  const minutes = wrapped % 60
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`
}

/** Formats an offset as m:ss, e.g. 7.5 -> "7:30", for a run of show without a start time. */
export function formatOffset(minutes: number): string {
  const whole = Math.floor(minutes)
  const seconds = Math.round((minutes - whole) * 60)
  return `${whole}:${String(seconds).padStart(2, '0')}`
}

export interface TimedRow<T> {
  row: T
  start: string
  end: string
}

/** Turns offsets into wall-clock times for a run of show that starts at `startHHMM`. */
export function clockTimes<T extends { startOffset: number, minutes: number }>(rows: T[], startHHMM: string): TimedRow<T>[] {
  const start = parseClock(startHHMM)
  return rows.map(row => ({
    row,
    start: formatClock(start + row.startOffset),
    end: formatClock(start + row.startOffset + row.minutes),
  }))
}
