import { parseSync } from '@slidev/parser'
import { describe, expect, it } from 'vitest'
import { findPairOf, lineOf, readTalk, slideMinutes, slidesInVariant, talkPolls, totalMinutes } from '../../core/talk/deck'
import { loadDeck } from '../../room/deck-file'

function read(markdown: string) {
  const { slides } = parseSync(markdown, '/deck.md')
  const sources = slides.map(slide => ({ frontmatter: slide.frontmatter, title: slide.title, content: slide.content, start: slide.start, frontmatterRaw: slide.frontmatterRaw }))
  return readTalk(sources[0]!.frontmatter, sources)
}

const HEAD = `---
talk:
  variants:
    20: { buffer: 1 }
    30: { buffer: 2 }
  agenda:
    - { id: start, title: Start }
    - { id: end, title: End }
  sections:
    - { id: intro, title: Intro }
    - { id: essay, title: The essay, essay: true }
slideId: title
section: intro
block: start
minutes: { 20: 4, 30: 5 }
---

# Welcome
`

describe('readTalk', () => {
  it('reads lengths, agenda, sections, and each slide\'s minutes, section and block (kept until changed)', () => {
    const { talk, problems } = read(`${HEAD}
---
slideId: poll-one
minutes: 5
poll:
  id: one
  kind: words
  question: One word?
---

# A poll

<LivePoll />

---
slideId: later
section: essay
block: end
minutes: { 20: 10, 30: 18 }
---

# Later on
`)
    expect(problems).toEqual([])
    expect(talk.variants).toEqual([{ length: 20, buffer: 1 }, { length: 30, buffer: 2 }])
    expect(talk.slides.map(s => [s.id, s.section, s.block, s.label])).toEqual([
      ['title', 'intro', 'start', 'title'],
      ['poll-one', 'intro', 'start', 'A poll'],
      ['later', 'essay', 'end', 'Later on'],
    ])
    expect(totalMinutes(talk, 20)).toBe(20)
    expect(slideMinutes(talk, 30)).toBe(28)
    // A poll's shorthands are filled in: one word unless it says otherwise.
    expect(talkPolls(talk)).toEqual([{ id: 'one', kind: 'words', question: 'One word?', maxWords: 1 }])
  })

  it('leaves a slide out of a length it gives no minutes', () => {
    const { talk } = read(`${HEAD}
---
slideId: only-long
minutes: { 30: 25 }
---

# Only in the 30
`)
    expect(slidesInVariant(talk, 20).map(s => s.id)).toEqual(['title'])
    expect(slidesInVariant(talk, 30).map(s => s.id)).toEqual(['title', 'only-long'])
  })

  it('points at the line of the poll\'s kind when the kind is unknown, and says which kinds exist', () => {
    const markdown = `${HEAD}
---
slideId: bad
minutes: { 20: 15, 30: 23 }
poll:
  id: bad
  kind: ranking
  question: Rank these
---
`
    const { problems } = read(markdown)
    const kind = problems.find(p => /kind/.test(p.message))!
    expect(markdown.split('\n')[kind.line - 1]).toBe('  kind: ranking')
    expect(kind.fix).toMatch(/choice, multi, scale, estimate, words, text/)
  })

  it('says by how much a length\'s minutes miss it', () => {
    const { problems } = read(HEAD)
    const sums = problems.filter(p => /variant plans/.test(p.message)).map(p => p.message)
    expect(sums).toEqual([
      'The 20-minute variant plans 5 min (slides plus a 1-minute buffer): 15 min too few.',
      'The 30-minute variant plans 7 min (slides plus a 2-minute buffer): 23 min too few.',
    ])
  })

  it('pairs a poll with the earlier one it repeats', () => {
    const { talk } = read(`${HEAD}
---
slideId: before
minutes: { 20: 7, 30: 11 }
poll: { id: before, kind: text, question: How? }
---
---
slideId: after
minutes: { 20: 8, 30: 12 }
poll: { id: after, kind: text, question: How?, repeats: before }
---
`)
    expect(findPairOf(talk, 'before')).toEqual({ before: 'before', after: 'after' })
    expect(talkPolls(talk).map(p => Object.keys(p))).not.toContainEqual(expect.arrayContaining(['repeats']))
  })

  it('finds nested keys on their own line or inline', () => {
    const slide = { frontmatter: {}, start: 10, frontmatterRaw: 'slideId: x\nminutes: { 60: 1, 90: 2 }\npoll:\n  id: a\n  kind: scale\n' }
    expect(lineOf(slide)).toBe(12)
    expect(lineOf(slide, ['minutes', '90'])).toBe(13)
    expect(lineOf(slide, ['poll', 'kind'])).toBe(16)
    expect(lineOf(slide, ['poll', 'nothing'])).toBe(14)
  })
})

describe('the shipped deck', () => {
  it('reads without a problem, and every length adds up exactly', () => {
    const deck = loadDeck()
    expect(deck.problems).toEqual([])
    expect(deck.talk.variants.length).toBeGreaterThan(0)
    for (const { length } of deck.talk.variants)
      expect(totalMinutes(deck.talk, length)).toBe(length)
    expect(talkPolls(deck.talk).length).toBeGreaterThanOrEqual(5)
  })
})
