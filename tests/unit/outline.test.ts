import type { SourceSlideInfo } from '@slidev/types'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from '@slidev/parser'
import { beforeAll, describe, expect, it } from 'vitest'
import { citedStudies } from '../../core/talk/evidence'
import { outlineSlides, sections, totalMinutes } from '../../core/talk/outline'
import { VARIANTS } from '../../core/talk/settings'

const slidesPath = fileURLToPath(new URL('../../slides.md', import.meta.url))
let deck: SourceSlideInfo[] = []

beforeAll(async () => {
  deck = (await parse(readFileSync(slidesPath, 'utf8'), slidesPath)).slides
})

function slideIdOf(slide: SourceSlideInfo): unknown {
  return slide.frontmatter.slideId
}

function deckSlide(id: string): SourceSlideInfo {
  const found = deck.find(slide => slideIdOf(slide) === id)
  if (!found)
    throw new Error(`slides.md has no slide with slideId ${id}`)
  return found
}

describe('slides.md follows the outline', () => {
  it('gives every slide a slideId from the outline', () => {
    const known = new Set(outlineSlides.map(entry => entry.id))
    for (const slide of deck)
      expect(known.has(String(slideIdOf(slide))), `slide ${slide.index + 1} has slideId ${String(slideIdOf(slide))}`).toBe(true)
  })

  it('has every outline slide exactly once, in the outline order', () => {
    expect(deck.map(slideIdOf)).toEqual(outlineSlides.map(entry => entry.id))
  })

  it('lists only known sections, with essay sections in the essay order', () => {
    const order = sections.map(section => section.id)
    const essayIds = new Set(sections.filter(section => section.kind === 'essay').map(section => section.id))
    let lastEssayIndex = -1
    for (const entry of outlineSlides) {
      const index = order.indexOf(entry.section)
      expect(index, `${entry.id} names unknown section ${entry.section}`).toBeGreaterThanOrEqual(0)
      if (essayIds.has(entry.section)) {
        expect(index, `${entry.id} breaks the essay order`).toBeGreaterThanOrEqual(lastEssayIndex)
        lastEssayIndex = index
      }
    }
  })

  it('gives every essay section its own slides and quotes its lines word for word', () => {
    for (const section of sections.filter(candidate => candidate.kind === 'essay')) {
      const slides = outlineSlides.filter(entry => entry.section === section.id)
      expect(slides.length, `${section.id} has no slides`).toBeGreaterThan(0)
      const text = slides.map(entry => deckSlide(entry.id).content).join('\n')
      for (const quote of section.quotes)
        expect(text, `${section.id} should quote: ${quote}`).toContain(quote)
    }
  })
})

describe('speaker notes', () => {
  it('gives every slide a [do] line and a say: line', () => {
    for (const slide of deck) {
      const lines = (slide.note ?? '').split('\n').map(line => line.trim())
      const name = String(slideIdOf(slide))
      expect(lines.some(line => line.startsWith('[do]')), `${name} has no [do] line`).toBe(true)
      expect(lines.some(line => line.startsWith('say:')), `${name} has no say: line`).toBe(true)
    }
  })
})

describe('timing', () => {
  it.each(VARIANTS)('adds up to exactly %i minutes', (variant) => {
    expect(totalMinutes(variant)).toBe(variant)
  })

  it('never plans negative time', () => {
    for (const entry of outlineSlides) {
      for (const variant of VARIANTS)
        expect(entry.minutes[variant]).toBeGreaterThanOrEqual(0)
    }
  })
})

describe('evidence', () => {
  it.each(citedStudies)('cites $authors ($year) on $slideId', (study) => {
    const text = deckSlide(study.slideId).content
    for (const author of study.authors)
      expect(text).toContain(author)
    expect(text).toContain(`(${study.year})`)
  })
})
