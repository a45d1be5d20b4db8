import type { SourceSlide, TalkSlide } from '../../core/talk/deck'
import { describe, expect, it } from 'vitest'
import { cuesFor, parseCues } from '../../core/talk/cues'
import { findPoll, minutesIn, slideMinutes, totalMinutes, variantLengths } from '../../core/talk/deck'
import { blockquotesOf } from '../../core/talk/deck-check'
import { essay, essayLines } from '../../core/talk/essay'
import { citedStudies } from '../../core/talk/evidence'
import { WHAT_SO_WHAT_NOW_WHAT } from '../../exercises/ask-offer'
import { loadDeck } from '../../room/deck-file'
import { notesMarkdown } from '../../setup/note-cues'

/**
 * The shipped talk as slides.md writes it: the essay's order, its quotes, the speaker notes and
 * the timings a facilitator relies on. The format's rules for any deck are `npm run check`'s
 * (tests/unit/deck-check.test.ts); these are the promises this talk makes on top.
 */
const deck = loadDeck()
const { talk } = deck
const lengths = variantLengths(talk)

function sourceOf(slide: TalkSlide): SourceSlide {
  return deck.slides[slide.number - 1]!
}

function deckSlide(id: string): { slide: TalkSlide, source: SourceSlide } {
  const slide = talk.slides.find(entry => entry.id === id)
  if (!slide)
    throw new Error(`slides.md has no slide with slideId ${id}`)
  return { slide, source: sourceOf(slide) }
}

function quotesOf(slide: TalkSlide): string[] {
  return blockquotesOf(sourceOf(slide).content ?? '').map(quote => quote.text)
}

describe('slides.md follows the essay', () => {
  it('reads without a single problem readTalk reports', () => {
    expect(deck.problems.map(problem => `${problem.line}: ${problem.message}`)).toEqual([])
  })

  it('names every slide in the talk\'s sections, with essay sections in the essay order', () => {
    const order = talk.sections.map(section => section.id)
    let lastEssayIndex = -1
    for (const slide of talk.slides) {
      const index = order.indexOf(slide.section)
      expect(index, `${slide.id} names unknown section ${slide.section}`).toBeGreaterThanOrEqual(0)
      if (talk.sections[index]!.essay) {
        expect(index, `${slide.id} breaks the essay order`).toBeGreaterThanOrEqual(lastEssayIndex)
        lastEssayIndex = index
      }
    }
  })

  it('gives every section its own slides and every essay section a quote of the essay', () => {
    for (const section of talk.sections) {
      const slides = talk.slides.filter(slide => slide.section === section.id)
      expect(slides.length, `${section.id} has no slides`).toBeGreaterThan(0)
      if (section.essay)
        expect(slides.flatMap(quotesOf).length, `${section.id} quotes nothing of the essay`).toBeGreaterThan(0)
    }
  })

  it('sets only essay lines as blockquotes, word for word, and quotes each line it lists at most once', () => {
    const quoted = talk.slides.flatMap(quotesOf)
    for (const quote of quoted)
      expect(essayLines, `not an essay line: ${quote}`).toContain(quote)
    expect(new Set(quoted).size).toBe(quoted.length)
  })

  it('puts the essay\'s thesis and its reciprocity and focus lines on screen', () => {
    const quoted = talk.slides.flatMap(quotesOf).join('\n')
    expect(quoted).toContain('That’s not a weakness. That’s leadership.')
    expect(quoted).toContain('When you help people get what they want')
    expect(quoted).toContain('our focus shouldn’t be on proving how capable we are')
  })

  it('credits the essay by its own title', () => {
    expect(String(deck.headmatter.title)).toBe(essay.title)
  })
})

describe('debrief slides', () => {
  it.each(WHAT_SO_WHAT_NOW_WHAT.map(question => [question.id, question] as const))('debrief-%s shows the exercise\'s own question and instruction', (id, question) => {
    const { source } = deckSlide(`debrief-${id}`)
    expect(source.title).toBe(question.question)
    expect(source.content).toContain(question.instruction)
    expect(source.frontmatter.kicker).toBe(`Debrief · ${question.label}`)
  })
})

describe('speaker notes', () => {
  it.each(lengths)('gives every slide of the %i a [do] cue and a say: cue of its own', (variant) => {
    for (const slide of talk.slides.filter(entry => minutesIn(entry, variant) > 0)) {
      const kinds = cuesFor(parseCues(sourceOf(slide).note), variant).map(cue => cue.kind)
      expect(kinds, `${slide.id} has no [do] cue at ${variant}`).toContain('do')
      expect(kinds, `${slide.id} has no say: cue at ${variant}`).toContain('say')
      expect(kinds, `${slide.id} has a line that is neither [do] nor say:`).not.toContain('note')
    }
  })

  it('tags cues only with a length the deck has', () => {
    for (const slide of talk.slides) {
      for (const cue of parseCues(sourceOf(slide).note))
        expect([null, ...lengths], `${slide.id}: (${cue.only} only)`).toContain(cue.only)
    }
  })

  it('never promises a poll the variant leaves out', () => {
    const beingAsked = deckSlide('poll-being-asked-feels').slide
    const without = lengths.filter(length => minutesIn(beingAsked, length) === 0)
    expect(without.length, 'the being-asked poll runs in every length; this test has nothing left to guard').toBeGreaterThan(0)
    for (const variant of without) {
      for (const slide of talk.slides) {
        for (const cue of cuesFor(parseCues(sourceOf(slide).note), variant))
          expect(cue.text, `${slide.id} at ${variant}`).not.toMatch(/being asked feels|what being asked/i)
      }
    }
  })

  it('renders one cue per paragraph for the presenter, without the other length\'s cues', () => {
    const note = '[do] Open the poll.\nsay: "Your gut reaction."\n[do] (90 only) Pair up.\nsay: (60 only) "Short."'
    expect(notesMarkdown(note, 60)).toBe('<span class="ws-cue ws-cue-do">Do</span> Open the poll.\n\n<span class="ws-cue ws-cue-say">Say</span> "Your gut reaction."\n\n<span class="ws-cue ws-cue-say">Say</span> "Short."')
    expect(notesMarkdown(note, 90).split('\n\n')).toHaveLength(3)
    expect(notesMarkdown(note, 90)).toContain('Pair up.')
  })
})

describe('timing', () => {
  it('runs 60 and 90 minutes, the lengths the README promises', () => {
    expect(lengths).toEqual([60, 90])
  })

  it.each(lengths)('adds up to exactly %i minutes, buffer included', (variant) => {
    expect(totalMinutes(talk, variant)).toBe(variant)
    expect(slideMinutes(talk, variant)).toBeLessThan(variant)
  })

  it.each(lengths)('keeps a buffer of at least two minutes in the %i', (variant) => {
    expect(talk.variants.find(entry => entry.length === variant)!.buffer).toBeGreaterThanOrEqual(2)
  })

  it.each(lengths)('gives the What? debrief the time its 1-2-4-All needs in the %i', (variant) => {
    expect(minutesIn(deckSlide('debrief-what').slide, variant)).toBeGreaterThanOrEqual(variant >= 90 ? 4 : 3)
  })

  it('gives every slide minutes in at least one length and never negative time', () => {
    for (const slide of talk.slides) {
      expect(lengths.some(length => minutesIn(slide, length) > 0), `${slide.id} runs in no length`).toBe(true)
      for (const length of lengths)
        expect(minutesIn(slide, length)).toBeGreaterThanOrEqual(0)
    }
  })
})

describe('evidence', () => {
  it.each(citedStudies)('cites $authors ($year) on $slideId with its DOI', (study) => {
    const text = deckSlide(study.slideId).source.content
    for (const author of study.authors)
      expect(text).toContain(author)
    expect(text).toContain(`(${study.year})`)
    const doi = /https:\/\/doi\.org\/\S+$/.exec(study.citation)?.[0]
    expect(doi, `${study.authors.join(' & ')} has no DOI`).toBeDefined()
    expect(text).toContain(doi)
  })

  it.each(citedStudies)('briefs $authors ($year) with design, participants, finding and limits', (study) => {
    for (const field of [study.design, study.participants, study.finding, study.limits])
      expect(field.length).toBeGreaterThan(20)
    expect(study.citation).toMatch(/\(\d{4}\)\..+\d–\d+\./)
  })

  it('shows the underestimation research on one slide, as one line of work', () => {
    const slides = new Set(citedStudies.filter(study => study.authors.includes('Lake') || study.authors[0] === 'Bohns').map(study => study.slideId))
    expect([...slides]).toEqual(['evidence-underestimate'])
  })

  it('credits the Harvard Business Review summary for the 34× figure', () => {
    const text = deckSlide('evidence-in-person').source.content
    expect(text).toContain('34×')
    expect(text).toContain('Harvard Business Review')
  })

  it('asks the estimate as a share of the real number, matching the reveal', () => {
    const poll = findPoll(talk, 'yes-estimate')
    expect(poll?.kind).toBe('estimate')
    if (poll?.kind !== 'estimate')
      return
    expect(poll.question).toMatch(/below the real number/)
    expect(poll.reveal?.value).toBe(48)
    expect(deckSlide('evidence-underestimate').source.content).toContain('48%')
  })

  it('asks the closing "weakness" statement again, word for word, and compares it with the first', () => {
    const after = deckSlide('poll-weakness-after').slide
    expect(after.repeats).toBe('weakness-before')
    expect(after.poll?.question).toBe(findPoll(talk, 'weakness-before')?.question)
    expect(sourceOf(after).content).toMatch(/<LivePoll\s[^>]*compare/)
  })
})
