import type { TalkSlide } from '../../core/talk/deck'
import type { LoadedDeck } from '../../room/deck-file'
import type { RouteLike } from '../../slide-room/talk-routes'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import process from 'node:process'
import { parse, parseSync } from '@slidev/parser'
import { beforeAll, describe, expect, it } from 'vitest'
import { minutesIn, readTalk, slidesInVariant, variantLengths } from '../../core/talk/deck'
import { loadDeck } from '../../room/deck-file'
import preparser from '../../setup/preparser'
import { slidePoll, whereInDeck } from '../../slide-room/slide-poll'
import { deckFileOf, headmatterOf, sourceSlideOf } from '../../slide-room/talk-routes'

/**
 * The browser reads the talk from Slidev's routes, which hold only the running
 * length's slides (the preparser hides the rest). It must read what
 * `npm run check` reads from the whole file. The routes are made here as
 * Slidev makes them: the file parsed with the project's own preparser for that
 * length, hidden slides dropped (@slidev/parser/fs), `meta.slide` as
 * node/virtual/slides.ts fills it.
 */
const deck = loadDeck()
const examples = join(import.meta.dirname, '..', '..', 'examples')
/** slides.md and every example deck: each must read the same in the browser. */
const decks: LoadedDeck[] = [deck, ...readdirSync(examples).filter(name => name.endsWith('.md')).map(name => loadDeck(join(examples, name)))]
const runs = decks.flatMap(d => variantLengths(d.talk).map(length => ({ deck: d, name: d.shownPath, length })))

/** Slidev's routes while `length` runs. */
async function routesWhile(length: number, markdown: string, path: string): Promise<RouteLike[]> {
  const headmatter = parseSync(markdown, path).slides[0]?.frontmatter ?? {}
  const saved = process.env.WORKSHOP_VARIANT
  process.env.WORKSHOP_VARIANT = String(length)
  try {
    const parsed = await parse(markdown, path, await preparser({ filepath: path, headmatter, mode: 'dev' }))
    return parsed.slides
      .filter(slide => !slide.frontmatter.hide && !slide.frontmatter.disabled)
      .map((slide, index) => ({ no: index + 1, meta: { slide: { frontmatter: slide.frontmatter, title: slide.title, start: slide.start, frontmatterRaw: slide.frontmatterRaw, filepath: path, content: '', note: '', no: index + 1, id: index } } }))
  }
  finally {
    if (saved === undefined)
      delete process.env.WORKSHOP_VARIANT
    else
      process.env.WORKSHOP_VARIANT = saved
  }
}

/** What the browser reads while `length` runs: its slides only. */
async function browserTalk(length: number, from: LoadedDeck = deck) {
  const sources = (await routesWhile(length, readFileSync(from.path, 'utf8'), from.path)).map(sourceSlideOf)
  return readTalk(headmatterOf({}, sources[0]), sources)
}

describe('the talk read from Slidev\'s routes', () => {
  it.each(runs)('$name: reads the same slides, blocks, minutes and polls as the check while the $length runs', async ({ deck: from, length }) => {
    const { talk, problems } = await browserTalk(length, from)
    const expected = slidesInVariant(from.talk, length)
    const pick = (slide: typeof expected[number]) => ({ id: slide.id, line: slide.line, section: slide.section, block: slide.block, label: slide.label, minutes: minutesIn(slide, length), poll: slide.poll, repeats: slide.repeats })
    expect(talk.slides.map(pick)).toEqual(expected.map(pick))
    expect(talk.agenda).toEqual(from.talk.agenda)
    expect(talk.variants).toEqual(from.talk.variants)
    // The slides of the other lengths are missing here, so only their sums may be off.
    expect(problems.filter(problem => !/-minute variant plans/.test(problem.message))).toEqual([])
  })

  it('keeps the section and block a hidden slide starts for the slides after it', async () => {
    // The 30 skips the slide that opens block `two`; the slide after it inherits the block.
    const markdown = [
      '---',
      'talk:',
      '  variants: { 30: { buffer: 0 }, 45: { buffer: 0 } }',
      '  agenda: [{ id: one, title: One }, { id: two, title: Two }]',
      '  sections: [{ id: a, title: A }, { id: b, title: B }]',
      'workshop: { variant: 45 }',
      'slideId: first',
      'section: a',
      'block: one',
      'minutes: { 30: 20, 45: 25 }',
      '---',
      '# First',
      '',
      '---',
      'slideId: opener',
      'section: b',
      'block: two',
      'minutes: { 45: 10 }',
      '---',
      '# Opener',
      '',
      '---',
      'slideId: after',
      'minutes: { 30: 10, 45: 10 }',
      '---',
      '# After',
      '',
    ].join('\n')
    const sources = (await routesWhile(30, markdown, '/decks/short.md')).map(sourceSlideOf)
    expect(sources.map(source => source.frontmatter.slideId)).toEqual(['first', 'after'])
    const { talk } = readTalk(headmatterOf({}, sources[0]), sources)
    expect(talk.slides.map(slide => [slide.id, slide.section, slide.block])).toEqual([['first', 'a', 'one'], ['after', 'b', 'two']])
  })

  it('numbers slides as Slidev\'s routes do, and keeps the line in slides.md', async () => {
    const shortest = Math.min(...variantLengths(deck.talk))
    const { talk } = await browserTalk(shortest)
    expect(talk.slides.map(slide => slide.number)).toEqual(talk.slides.map((_, index) => index + 1))
    const first = deck.talk.slides.find(slide => minutesIn(slide, shortest) === 0)
    if (first) {
      // A hidden slide shifts the numbers that follow, never the lines.
      const after = deck.talk.slides.filter(slide => slide.number > first.number && minutesIn(slide, shortest) > 0)[0]!
      const seen = talk.slides.find(slide => slide.id === after.id)!
      expect(seen.number).toBeLessThan(after.number)
      expect(seen.line).toBe(after.line)
    }
  })

  it('reads a route whose slide info is missing or odd as an empty slide, not a crash', () => {
    expect(sourceSlideOf({ no: 1, meta: {} })).toEqual({ frontmatter: {} })
    expect(sourceSlideOf({ no: 1, meta: { slide: { frontmatter: ['x'], title: 3, start: '4' } } })).toEqual({ frontmatter: {} })
  })

  it('names the deck file as the dev server gives it, slides.md when a build leaves it out', () => {
    expect(deckFileOf([{ no: 1, meta: { slide: { filepath: '/work/deck/examples/team-huddle.md' } } }])).toBe('team-huddle.md')
    expect(deckFileOf([{ no: 1, meta: { slide: { filepath: 'C:\\decks\\talk.md' } } }])).toBe('talk.md')
    expect(deckFileOf([{ no: 1, meta: { slide: { filepath: '' } } }])).toBe('slides.md')
    expect(deckFileOf([])).toBe('slides.md')
  })

  it('takes the headmatter from slide 1 when it holds talk:, else from Slidev\'s configs', () => {
    const configs = { talk: { variants: { 30: {} } }, workshop: { variant: 30 } }
    expect(headmatterOf(configs, { frontmatter: { talk: { variants: {} } } })).toEqual({ talk: { variants: {} } })
    expect(headmatterOf(configs, { frontmatter: { slideId: 'a' } })).toBe(configs)
    expect(headmatterOf(null, undefined)).toEqual({})
  })
})

describe('the poll a slide shows', () => {
  const longest = Math.max(...variantLengths(deck.talk))
  let routes: RouteLike[]
  let read: ReturnType<typeof readTalk>
  const slide = (find: (slide: TalkSlide) => boolean) => read.talk.slides.find(find)!
  const frontmatterOf = (number: number) => sourceSlideOf(routes[number - 1]!).frontmatter
  const facts = (number: number, compare = false) => ({ talk: read.talk, problems: read.problems, page: number, frontmatter: frontmatterOf(number), compare })

  beforeAll(async () => {
    routes = await routesWhile(longest, readFileSync(deck.path, 'utf8'), deck.path)
    const sources = routes.map(sourceSlideOf)
    read = readTalk(headmatterOf({}, sources[0]), sources)
  })

  it('is the slide\'s own poll: block, validated, without the deck-only repeats', () => {
    const pollSlide = slide(s => !!s.poll && !s.repeats)
    const state = slidePoll(facts(pollSlide.number))
    expect(state).toEqual({ ok: true, poll: pollSlide.poll, repeats: null, compareWith: null })
    const raw = frontmatterOf(pollSlide.number).poll as Record<string, unknown>
    expect(state.ok && state.poll.question).toBe(raw.question)
  })

  it('compares with the poll repeats: names, only when the slide asks to', () => {
    const repeatSlide = slide(s => !!s.repeats)
    expect(slidePoll(facts(repeatSlide.number, true))).toMatchObject({ ok: true, repeats: repeatSlide.repeats, compareWith: repeatSlide.repeats })
    expect(slidePoll(facts(repeatSlide.number))).toMatchObject({ ok: true, compareWith: null })
  })

  it('says which line of slides.md to fix when a save breaks the poll', () => {
    const pollSlide = slide(s => !!s.poll && !s.repeats)
    const sources = routes.map(sourceSlideOf).map((source, index) => index + 1 === pollSlide.number
      ? { ...source, frontmatter: { ...source.frontmatter, poll: { ...(source.frontmatter.poll as object), kind: 'ranking' } } }
      : source)
    const broken = readTalk(headmatterOf({}, sources[0]), sources)
    const state = slidePoll({ talk: broken.talk, problems: broken.problems, page: pollSlide.number, frontmatter: sources[pollSlide.number - 1]!.frontmatter, compare: false })
    expect(state.ok).toBe(false)
    if (state.ok)
      return
    expect(state.message).toContain('"ranking"')
    expect(state.fix).toContain('choice')
    // The line of `kind:` inside this slide's frontmatter.
    expect(state.line).toBeGreaterThan(pollSlide.line)
    expect(readFileSync(deck.path, 'utf8').split('\n')[state.line - 1]).toMatch(/^\s*kind:/)
    expect(whereInDeck(state.line)).toBe(`slides.md:${state.line}`)
  })

  it('explains a <LivePoll /> on a slide without poll:, and compare without repeats:', () => {
    const plainSlide = slide(s => !s.poll)
    const missing = slidePoll(facts(plainSlide.number))
    expect(missing).toMatchObject({ ok: false, line: plainSlide.line })
    expect(!missing.ok && missing.message).toContain('no `poll:` block')
    const compare = slidePoll(facts(slide(s => !!s.poll && !s.repeats).number, true))
    expect(!compare.ok && compare.fix).toContain('repeats:')
    expect(whereInDeck(0)).toBe('slides.md')
    // Another deck's messages name that deck.
    const elsewhere = slidePoll({ ...facts(plainSlide.number), file: 'team-huddle.md' })
    expect(!elsewhere.ok && elsewhere.fix).toContain('in team-huddle.md')
    expect(whereInDeck(12, 'team-huddle.md')).toBe('team-huddle.md:12')
  })
})
