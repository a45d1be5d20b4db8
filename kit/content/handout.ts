import type { SourceSlide, Talk } from '../../core/talk/deck'
import { variantLengths } from '../../core/talk/deck'
import { studiesCitedBy } from '../../core/talk/evidence'
import { deckCitations, deckSlides } from './deck'
import { essayHeadingOf } from './handout-text'

const FALLBACK_STARTER = '“I am working on ___ and I could use help to ___ by ___.”'

export interface EvidenceItem {
  slideId: string
  /** What the study found, in the words of the kit's evidence brief. */
  finding: string
  /** Who took part, so a reader can judge how far it carries. */
  participants: string
  limits: string
  /** The full reference. */
  citation: string
  /** A plain-language summary a figure on the slide comes from, if any. */
  summary: string | null
  authors: string[]
  year: number
}

export interface HandoutContent {
  title: string
  /** The essay's lines the deck quotes, under the essay's own section headings, in the talk's order. */
  keyIdeas: Array<{ section: string, quotes: string[] }>
  /** The exercise's sentence starter, as the exercise slide shows it. */
  sentenceStarter: string
  evidence: EvidenceItem[]
  /** Every reference, sorted by first author. */
  references: string[]
}

/**
 * The handout reads the same slides as the deck: the essay lines the slides
 * quote and the evidence slides' findings and references. It is built from
 * the deck's longest run, so the handout is the same whatever the session length.
 */
export function handoutContent(input: { title: string, talk: Talk, sources: readonly SourceSlide[] }): HandoutContent {
  const longest = Math.max(0, ...variantLengths(input.talk))
  const slides = deckSlides(input.talk, input.sources, longest)
  const keyIdeas: HandoutContent['keyIdeas'] = []
  const seen = new Set<string>()
  for (const slide of slides) {
    if (slide.sectionKind !== 'essay')
      continue
    for (const quote of slide.quotes) {
      const section = essayHeadingOf(quote)
      if (section === undefined || seen.has(quote))
        continue
      seen.add(quote)
      const last = keyIdeas.at(-1)
      if (last && last.section === section)
        last.quotes.push(quote)
      else
        keyIdeas.push({ section, quotes: [quote] })
    }
  }
  const sentenceStarter = slides.find(slide => slide.starter !== null)?.starter ?? FALLBACK_STARTER
  const evidence: EvidenceItem[] = studiesCitedBy(deckCitations(input.sources)).map(study => ({
    slideId: study.slideId,
    finding: study.finding,
    participants: study.participants,
    limits: study.limits,
    citation: study.citation,
    summary: study.summary ?? null,
    authors: study.authors,
    year: study.year,
  }))
  const references = [...new Set(evidence.flatMap(item => item.summary ? [item.citation, item.summary] : [item.citation]))].sort((a, b) => a.localeCompare(b, 'en'))
  return { title: input.title, keyIdeas, sentenceStarter, evidence, references }
}
