import type { Talk } from '../../core/talk/deck'
import type { DeckSlide } from './deck'
import { formatClock, parseClock } from '../../core/talk/agenda'
import { bufferMinutes } from '../../core/talk/deck'
import { pollKindLabel } from '../../core/talk/poll-display'

/** Used when the headmatter's `workshop.start` is empty. */
export const DEFAULT_START = '09:00'

export interface RunRow {
  number: number
  slideId: string
  title: string
  start: string
  end: string
  minutes: number
  activity: string
  grouping: string
  materials: string
}

export interface RunBlock {
  id: string
  title: string
  /** The spare minutes: a block of their own, with no slide. */
  buffer: boolean
  start: string
  end: string
  minutes: number
  rows: RunRow[]
}

export interface RunOfShow {
  start: string
  end: string
  totalMinutes: number
  blocks: RunBlock[]
}

interface Activity { activity: string, grouping: string, materials: string }

/** What the room does during a slide, read from the slide itself: its poll, its section, its layout. */
export function activityOf(slide: DeckSlide): Activity {
  if (slide.poll?.kind === 'text')
    return { activity: `Anonymous note: ${slide.poll.question}`, grouping: 'Alone', materials: 'Phones, or commitment cards' }
  if (slide.poll)
    return { activity: `Live poll (${pollKindLabel(slide.poll).toLowerCase()})`, grouping: 'Everyone, on phones', materials: 'Phones, or its paper version' }
  if (slide.id === 'exercise-prepare')
    return { activity: 'Write one ask and up to three offers', grouping: 'Alone', materials: 'Phones, or the handout’s worksheet; pens' }
  if (slide.runsExercise || slide.id === 'exercise-rounds')
    return { activity: 'Ask and offer rounds', grouping: 'Pairs (a trio if odd)', materials: 'Phones or paper cards, visible timer' }
  if (slide.sectionId === 'exercise')
    return { activity: 'Set up the exercise', grouping: 'Whole room', materials: 'Handout: the SMART ask worksheet' }
  if (slide.sectionId === 'debrief')
    return { activity: 'Debrief', grouping: slide.id === 'debrief-what' ? '1-2-4-All' : 'Whole room', materials: '' }
  if (slide.citation)
    return { activity: 'Evidence', grouping: 'Whole room', materials: '' }
  if (slide.layout === 'quote')
    return { activity: 'Essay reading', grouping: 'Whole room', materials: '' }
  return { activity: 'Talk', grouping: 'Whole room', materials: '' }
}

/**
 * Formats a duration in minutes: whole minutes as a number, anything else as
 * minutes and seconds, the way a timer shows it (3.75 -> "3:45", 0.5 -> "0:30").
 */
export function formatMinutes(minutes: number): string {
  const seconds = Math.round(minutes * 60)
  if (seconds % 60 === 0)
    return String(seconds / 60)
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`
}

/** The buffer row's id: it has no block of its own in the deck. */
export const BUFFER_ID = 'buffer'

/**
 * The run of show for one variant: every slide with its clock time, grouped
 * into the agenda's blocks, and the buffer as a block of its own before the
 * block `talk.buffer.before`. Times come from the slides' `minutes:` alone, so
 * the slides and the buffer always add up to the variant's length.
 */
export function runOfShow(talk: Talk, variant: number, slides: readonly DeckSlide[], start: string): RunOfShow {
  const spare = bufferMinutes(talk, variant)
  const origin = parseClock(start)
  const clock = (offset: number) => formatClock(origin + offset)
  const blocks: RunBlock[] = []
  const addBuffer = (offset: number) => {
    if (spare > 0 && !blocks.some(block => block.buffer))
      blocks.push({ id: BUFFER_ID, title: talk.buffer.title, buffer: true, start: clock(offset), end: clock(offset + spare), minutes: spare, rows: [] })
  }
  for (const slide of slides) {
    if (slide.agendaBlock === talk.buffer.before)
      addBuffer(slide.startOffset - spare)
    const row: RunRow = {
      number: slide.number,
      slideId: slide.id,
      title: slide.title,
      start: clock(slide.startOffset),
      end: clock(slide.startOffset + slide.minutes),
      minutes: slide.minutes,
      ...activityOf(slide),
    }
    const last = blocks.at(-1)
    if (last && last.id === slide.agendaBlock) {
      last.rows.push(row)
      last.minutes += slide.minutes
      last.end = row.end
    }
    else {
      blocks.push({
        id: slide.agendaBlock,
        title: talk.agenda.find(block => block.id === slide.agendaBlock)?.title ?? slide.agendaBlock,
        buffer: false,
        start: row.start,
        end: row.end,
        minutes: slide.minutes,
        rows: [row],
      })
    }
  }
  const final = slides.at(-1)
  addBuffer(final ? final.startOffset + final.minutes : 0)
  const totalMinutes = slides.reduce((sum, slide) => sum + slide.minutes, 0) + (blocks.some(block => block.buffer) ? spare : 0)
  return { start: clock(0), end: clock(totalMinutes), totalMinutes, blocks }
}
