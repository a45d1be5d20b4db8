import type { Talk } from '../../core/talk/deck'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseSync } from '@slidev/parser'
import { describe, expect, it } from 'vitest'
import { formatProblem } from '../../bin/deck-gate'
import { readTalk, slideMinutes } from '../../core/talk/deck'
import { checkDeck, deckSummary } from '../../core/talk/deck-check'
import { essayLines } from '../../core/talk/essay'
import { exerciseMinutes } from '../../core/talk/exercise'

/**
 * docs/authoring.md teaches the format by example: every Markdown example in it must pass
 * `npm run check`, and every check output it quotes must be what the check prints.
 */
const root = new URL('../../', import.meta.url)
const guide = readFileSync(fileURLToPath(new URL('docs/authoring.md', root)), 'utf8')
const slidesMd = readFileSync(fileURLToPath(new URL('slides.md', root)), 'utf8')
const exercise = { source: 'exercises/ask-offer.ts', minutes: (length: number) => exerciseMinutes(length) }

interface Fence { lang: string, body: string, marker: string | null }

// Fences at any indent (a list item's), with the `<!-- check-output: name -->` marker right above, if any.
const fences: Fence[] = [...guide.matchAll(/(?:<!-- check-output: ([\w-]+) -->\n)?( *)```(\w+)\n([\s\S]*?)\n\2```/g)].map(match => ({
  marker: match[1] ?? null,
  lang: match[3]!,
  body: match[4]!.split('\n').map(line => line.slice(match[2]!.length)).join('\n'),
}))
const markdown = fences.filter(fence => fence.lang === 'md')
const decks = markdown.filter(fence => /^talk:/m.test(fence.body))
const slides = markdown.filter(fence => !/^talk:/m.test(fence.body))
const base = decks[0]!.body

function read(text: string, file = 'deck.md'): { talk: Talk, problems: ReturnType<typeof checkDeck> } {
  const parsed = parseSync(text, file).slides
  const read = readTalk(parsed[0]!.frontmatter, parsed)
  return { talk: read.talk, problems: checkDeck({ ...read, slides: parsed, markdown: text, essayLines, exercise }) }
}

function problemsOf(text: string): string[] {
  return read(text).problems.map(problem => `${problem.level} ${problem.line}: ${problem.message}`)
}

/** The base deck with one more slide, its minutes taken from the buffer so every length still adds up. */
function withSlide(slide: string): string {
  const joined = `${base.trimEnd()}\n\n${slide.trimEnd()}\n`
  const { talk } = read(joined)
  return joined.replace(/^( {4})(\d+): \{ buffer: [\d.]+ \}$/gm, (_line, indent: string, length: string) => {
    const spare = Number(length) - slideMinutes(talk, Number(length))
    expect(spare, `the example leaves the ${length} no buffer`).toBeGreaterThanOrEqual(1)
    return `${indent}${length}: { buffer: ${spare} }`
  })
}

function quoted(marker: string): string {
  const fence = fences.find(entry => entry.marker === marker)
  expect(fence, `docs/authoring.md has no check-output: ${marker}`).toBeDefined()
  return fence!.body
}

describe('docs/authoring.md', () => {
  it('has a whole deck and an example slide for every poll kind', () => {
    expect(decks.length).toBeGreaterThanOrEqual(1)
    const kinds = new Set([...markdown.map(fence => fence.body).join('\n').matchAll(/^ {2}kind: (\w+)$/gm)].map(match => match[1]))
    expect([...kinds].sort()).toEqual(['choice', 'estimate', 'multi', 'scale', 'text', 'words'])
    const all = markdown.map(fence => fence.body).join('\n')
    for (const feature of ['private: true', 'repeats: ', '<LivePoll compare />', 'reveal:', 'source: ', '(30 only)', '<ExerciseLive />', '> I hate asking for help.'])
      expect(all, feature).toContain(feature)
  })

  it.each(decks.map((fence, index) => [index + 1, fence.body] as const))('deck %i passes the check with no problem at all', (_index, body) => {
    expect(problemsOf(body)).toEqual([])
  })

  it('says what the check says of its whole deck', () => {
    const { talk, problems } = read(base)
    const summary = deckSummary(talk, problems, 'deck.md')
    expect(guide.replace(/\s+/g, ' ')).toContain(`*${summary}*`)
  })

  it.each(slides.map(fence => [/^slideId: (.+)$/m.exec(fence.body)?.[1] ?? '?', fence.body] as const))('the %s example passes the check in the whole deck', (_id, body) => {
    expect(body.startsWith('---\n'), 'a slide example starts with its frontmatter').toBe(true)
    expect(problemsOf(withSlide(body))).toEqual([])
  })

  it('quotes what the check prints when a 45 is declared in slides.md', () => {
    const edited = slidesMd.replace('    60: { buffer: 2 }\n', '    45: { buffer: 2 }\n    60: { buffer: 2 }\n')
    expect(edited).not.toBe(slidesMd)
    const errors = read(edited, 'slides.md').problems.filter(problem => problem.level === 'error')
    // slides.md's headmatter grows and shrinks with the talk: the quoted line number may lag, the words may not.
    const anyLine = (text: string) => text.replace(/^slides\.md:\d+ /gm, 'slides.md:N ')
    expect(anyLine(errors.map(problem => formatProblem(problem, 'slides.md')).join('\n\n'))).toBe(anyLine(quoted('add-45')))
  })

  it('quotes what the check prints for its broken example, summary included', () => {
    const broken = base
      .replace('  kind: scale\n', '  kind: slider\n')
      .replace('minutes: 6\n', 'minutes: { 20: 6, 30: 7 }\n')
      .replace('minutes: { 20: 1.5, 30: 3 }\n', 'minutes: { 20: 1.5, 30: 2 }\n')
    const { talk, problems } = read(broken)
    const report = `${problems.map(problem => formatProblem(problem, 'deck.md')).join('\n\n')}\n\n${deckSummary(talk, problems, 'deck.md')}`
    expect(report).toBe(quoted('broken-example'))
  })
})
