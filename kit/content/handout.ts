import type { Variant } from '../../core/talk/settings'
import type { SourceSlide } from './deck'
import { citedStudies } from '../../core/talk/evidence'
import { deckSlides } from './deck'

const FALLBACK_STARTER = '“I am working on ___ and I could use help to ___ by ___.”'

export interface EvidenceItem {
  slideId: string
  /** What the study found, as the slide states it. */
  finding: string
  /** The full reference from the slide's source slot. */
  citation: string
  authors: string[]
  year: number
}

export interface HandoutContent {
  title: string
  /** The essay's lines the deck quotes, by essay section, in the talk's order. */
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
 * the 90-minute run so the handout is the same whatever the session length.
 */
export function handoutContent(input: { title: string, sources: readonly SourceSlide[], variant?: Variant }): HandoutContent {
  const slides = deckSlides(input.sources, input.variant ?? 90)
  const keyIdeas: HandoutContent['keyIdeas'] = []
  const seen = new Set<string>()
  for (const slide of slides) {
    const fresh = slide.sectionKind === 'essay' ? slide.quotes.filter(quote => !seen.has(quote)) : []
    if (fresh.length === 0)
      continue
    fresh.forEach(quote => seen.add(quote))
    const last = keyIdeas.at(-1)
    if (last && last.section === slide.sectionTitle)
      last.quotes.push(...fresh)
    else
      keyIdeas.push({ section: slide.sectionTitle, quotes: fresh })
  }
  const sentenceStarter = slides.find(slide => slide.id === 'exercise-intro')?.quotes[0] ?? FALLBACK_STARTER
  const evidence: EvidenceItem[] = []
  for (const study of citedStudies) {
    const slide = slides.find(entry => entry.id === study.slideId)
    if (!slide?.citation)
      continue
    evidence.push({ slideId: study.slideId, finding: slide.heading ?? slide.title, citation: slide.citation, authors: study.authors, year: study.year })
  }
  const references = [...new Set(evidence.map(item => item.citation))].sort((a, b) => a.localeCompare(b, 'en'))
  return { title: input.title, keyIdeas, sentenceStarter, evidence, references }
}
