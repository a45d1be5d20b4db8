import type { PollDefinition } from '../../core/polls/definition'
import type { Variant } from '../../core/talk/settings'
import type { Cue } from './cues'
import { sections, slidesInVariant } from '../../core/talk/outline'
import { findPoll } from '../../core/talk/polls'
import { parseCues } from './cues'

/** The parts of a parsed Slidev slide the kit reads (`@slidev/parser`'s slide info). */
export interface SourceSlide {
  frontmatter: Record<string, unknown>
  title?: string
  note?: string
  content: string
}

/** One slide of the chosen variant, joined from the outline (schedule) and slides.md (words). */
export interface DeckSlide {
  id: string
  /** Page number in the variant's deck: hidden slides are dropped, as Slidev does. */
  number: number
  /** The slide's name in the outline, used in the run of show. */
  title: string
  /** The slide's own heading, when it has one and it differs from the outline title. */
  heading: string | null
  sectionId: string
  sectionTitle: string
  /** Essay sections carry the essay's argument; workshop sections are the session's own parts. */
  sectionKind: 'essay' | 'workshop'
  agendaBlock: string
  layout: string | null
  /** Minutes from the start of the session. */
  startOffset: number
  minutes: number
  cues: Cue[]
  poll: PollDefinition | null
  /** The reference printed in the slide's `::source::` slot, as plain text with *italics* marks. */
  citation: string | null
  /** Blockquoted lines (the essay's own words) on the slide. */
  quotes: string[]
  /** `<li>` items on the slide, as plain text. */
  listItems: string[]
  /** False when slides.md has no slide with this id yet. */
  inDeck: boolean
}

const LIVE_POLL = /<LivePoll\s[^>]*\bid="([^"]+)"/
const SOURCE_SLOT = /^::source::\s*$/m
const ANY_SLOT = /^::\w+::\s*$/m
const LIST_ITEM = /<li>([\s\S]*?)<\/li>/g

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
 * Joins slides.md to the outline for one variant: the outline decides which
 * slides run, in what order and for how long; slides.md gives their words.
 */
export function deckSlides(sources: readonly SourceSlide[], variant: Variant): DeckSlide[] {
  const byId = new Map<string, SourceSlide>()
  for (const source of sources) {
    const id = source.frontmatter.slideId
    if (typeof id === 'string' && !byId.has(id))
      byId.set(id, source)
  }
  let offset = 0
  return slidesInVariant(variant).map((entry, index) => {
    const source = byId.get(entry.id)
    const content = source?.content ?? ''
    const heading = source?.title ? plainText(source.title) : null
    const pollId = LIVE_POLL.exec(content)?.[1]
    const section = sections.find(candidate => candidate.id === entry.section)
    const slide: DeckSlide = {
      id: entry.id,
      number: index + 1,
      title: entry.title,
      heading: heading && heading !== entry.title ? heading : null,
      sectionId: entry.section,
      sectionTitle: section?.title ?? entry.section,
      sectionKind: section?.kind ?? 'workshop',
      agendaBlock: entry.agendaBlock,
      layout: stringOrNull(source?.frontmatter.layout),
      startOffset: offset,
      minutes: entry.minutes[variant],
      cues: parseCues(source?.note),
      poll: pollId ? findPoll(pollId) ?? null : null,
      citation: citationOf(content),
      quotes: quotesOf(content),
      listItems: [...content.matchAll(LIST_ITEM)].map(match => plainText(match[1] ?? '')).filter(Boolean),
      inDeck: source !== undefined,
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
