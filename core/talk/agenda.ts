import type { AgendaBlockDefinition, OutlineSlide } from './outline'
import type { Variant } from './settings'

export interface AgendaBlock {
  id: string
  title: string
  /** Minutes from the start of the session. */
  startOffset: number
  minutes: number
  slideIds: string[]
}

/**
 * Groups consecutive slides of the active variant by their agenda block.
 * A block that reappears later starts a new row, so the rows always tile the session in order.
 */
export function agendaFor(slides: OutlineSlide[], blocks: AgendaBlockDefinition[], variant: Variant): AgendaBlock[] {
  const rows: AgendaBlock[] = []
  let offset = 0
  for (const entry of slides) {
    const minutes = entry.minutes[variant]
    if (minutes <= 0)
      continue
    const last = rows.at(-1)
    if (last && last.id === entry.agendaBlock) {
      last.minutes += minutes
      last.slideIds.push(entry.id)
    }
    else {
      rows.push({
        id: entry.agendaBlock,
        title: blocks.find(block => block.id === entry.agendaBlock)?.title ?? entry.agendaBlock,
        startOffset: offset,
        minutes,
        slideIds: [entry.id],
      })
    }
    offset += minutes
  }
  return rows
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
