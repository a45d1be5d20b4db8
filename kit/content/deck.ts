import type { PollDefinition } from '../../core/polls/definition'
import type { Cue } from '../../core/talk/cues'
import type { SourceSlide, Talk, TalkSlide } from '../../core/talk/deck'
import { cuesFor, parseCues } from '../../core/talk/cues'
import { bufferMinutes, minutesIn, slidesInVariant } from '../../core/talk/deck'

export type { SourceSlide }

/** One slide of the chosen variant: its schedule from the Talk, its words from the deck file. */
export interface DeckSlide {
  id: string
  /** Page number in the variant's deck: slides left out of the variant are dropped, as Slidev does. */
  number: number
  /** The slide's name in the agenda and the run of show (`label:`, else its heading). */
  title: string
  /** The slide's own heading, when it has one and it differs from the title. */
  heading: string | null
  sectionId: string
  sectionTitle: string
  /** Essay sections carry the essay's argument; workshop sections are the session's own parts. */
  sectionKind: 'essay' | 'workshop'
  agendaBlock: string
  layout: string | null
  /** Minutes from the start of the session, counting the buffer when it comes before this slide. */
  startOffset: number
  minutes: number
  cues: Cue[]
  /** The slide's live poll, as the room runs it. */
  poll: PollDefinition | null
  /** The earlier poll this one asks again (`repeats:`), if any. */
  repeats: string | null
  /** True for the slide that runs the live exercise (`<ExerciseLive />`). */
  runsExercise: boolean
  /** The reference printed in the slide's `::source::` slot, as plain text with *italics* marks. */
  citation: string | null
  /** Blockquoted lines (the essay's own words) on the slide. */
  quotes: string[]
  /** `<li>` items on the slide, as plain text. */
  listItems: string[]
  /** The sentence starter the slide offers (`<p class="ws-starter">`), as plain text. */
  starter: string | null
}

const SOURCE_SLOT = /^::source::\s*$/m
const ANY_SLOT = /^::\w+::\s*$/m
const LIST_ITEM = /<li>([\s\S]*?)<\/li>/g
const EXERCISE_LIVE = /<ExerciseLive\b/
const STARTER = /<p\s[^>]*class="[^"]*\bws-starter\b[^"]*"[^>]*>([\s\S]*?)<\/p>/

/** Strips HTML tags and collapses whitespace; Vue escapes the result when it is printed. */
export function plainText(markup: string): string {
  return markup.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim()
}

function citationOf(content: string): string | null {
  const match = SOURCE_SLOT.exec(content)
  if (!match)
    return null
  const rest = content.slice(match.index + match[0].length)
  const next = ANY_SLOT.exec(rest)
  const text = plainText((next ? rest.slice(0, next.index) : rest).replace(/<!--[\s\S]*?-->/g, ''))
  return text || null
}

function quotesOf(content: string): string[] {
  const quotes: string[] = []
  let current: string[] = []
  for (const line of [...content.split('\n'), '']) {
    const match = /^>\s?(.*)$/.exec(line.trim())
    if (match) {
      current.push(match[1] ?? '')
    }
    else if (current.length) {
      quotes.push(plainText(current.join(' ')))
      current = []
    }
  }
  return quotes.filter(Boolean)
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null
}

/**
 * The slide's first heading. Slidev's parser gives the first slide the deck's
 * `title:` instead, so that slide's heading is read from its Markdown.
 */
function headingOf(source: SourceSlide | undefined, first: boolean): string | null {
  const title = first ? /^#{1,6}\s+(\S.*)$/m.exec(source?.content ?? '')?.[1] : source?.title
  return title ? plainText(title) : null
}

/** The parsed slide a Talk slide was read from: the same position in the file, checked by its id. */
function sourceOf(slide: TalkSlide, sources: readonly SourceSlide[]): SourceSlide | undefined {
  const atNumber = sources[slide.number - 1]
  if (atNumber?.frontmatter.slideId === slide.id)
    return atNumber
  return sources.find(source => source.frontmatter.slideId === slide.id) ?? atNumber
}

/**
 * The slides of one variant, in order: the Talk decides which slides run and
 * for how long (their `minutes:`), the deck file gives their words and notes.
 */
export function deckSlides(talk: Talk, sources: readonly SourceSlide[], variant: number): DeckSlide[] {
  const buffer = bufferMinutes(talk, variant)
  let offset = 0
  let buffered = false
  return slidesInVariant(talk, variant).map((entry, index) => {
    // The buffer is time on the clock before its block, so the slides after it start later.
    if (!buffered && entry.block === talk.buffer.before) {
      offset += buffer
      buffered = true
    }
    const source = sourceOf(entry, sources)
    const content = source?.content ?? ''
    const heading = headingOf(source, entry.number === 1)
    const section = talk.sections.find(candidate => candidate.id === entry.section)
    const slide: DeckSlide = {
      id: entry.id,
      number: index + 1,
      title: entry.label,
      heading: heading && heading !== entry.label ? heading : null,
      sectionId: entry.section,
      sectionTitle: section?.title ?? entry.section,
      sectionKind: section?.essay ? 'essay' : 'workshop',
      agendaBlock: entry.block,
      layout: stringOrNull(source?.frontmatter.layout),
      startOffset: offset,
      minutes: minutesIn(entry, variant),
      cues: cuesFor(parseCues(source?.note), variant),
      poll: entry.poll,
      repeats: entry.repeats,
      runsExercise: EXERCISE_LIVE.test(content),
      citation: citationOf(content),
      quotes: quotesOf(content),
      listItems: [...content.matchAll(LIST_ITEM)].map(match => plainText(match[1] ?? '')).filter(Boolean),
      starter: stringOrNull(plainText(STARTER.exec(content)?.[1] ?? '')),
    }
    offset += slide.minutes
    return slide
  })
}

export interface DeckSection {
  id: string
  title: string
  slides: DeckSlide[]
}

/** Consecutive slides grouped by the essay section (or workshop part) they belong to. */
export function groupBySection(slides: readonly DeckSlide[]): DeckSection[] {
  const groups: DeckSection[] = []
  for (const slide of slides) {
    const last = groups.at(-1)
    if (last && last.id === slide.sectionId)
      last.slides.push(slide)
    else
      groups.push({ id: slide.sectionId, title: slide.sectionTitle, slides: [slide] })
  }
  return groups
}

/** The references a slide prints: its `::source::` slot and its estimate poll's reveal source. */
export function referencesOf(slide: Pick<DeckSlide, 'id' | 'citation' | 'poll'>): { id: string, citation: string | null } {
  const reveal = slide.poll?.kind === 'estimate' ? slide.poll.reveal?.source ?? null : null
  const both = [slide.citation, reveal].filter((text): text is string => Boolean(text))
  return { id: slide.id, citation: both.length ? both.join(' · ') : null }
}

function revealSource(frontmatter: Record<string, unknown>): string | null {
  const poll = frontmatter.poll
  const reveal = typeof poll === 'object' && poll !== null ? (poll as Record<string, unknown>).reveal : undefined
  const source = typeof reveal === 'object' && reveal !== null ? (reveal as Record<string, unknown>).source : undefined
  return typeof source === 'string' ? source : null
}

/** Every slide of the file with the references it prints (see referencesOf), whatever the length. */
export function deckCitations(sources: readonly SourceSlide[]): Array<{ id: string, citation: string | null }> {
  return sources.flatMap((source) => {
    const id = source.frontmatter.slideId
    if (typeof id !== 'string')
      return []
    const both = [citationOf(source.content ?? ''), revealSource(source.frontmatter)].filter((text): text is string => Boolean(text))
    return [{ id, citation: both.length ? both.join(' · ') : null }]
  })
}
