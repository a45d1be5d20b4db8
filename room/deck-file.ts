import type { DeckProblem, SourceSlide, Talk } from '../core/talk/deck'
import { readFileSync } from 'node:fs'
import { relative, resolve } from 'node:path'
import process from 'node:process'
import { parseSync } from '@slidev/parser'
import { readTalk } from '../core/talk/deck'

/** slides.md beside package.json: the deck `npm start` and `npm run export` use unless told another. */
export const DEFAULT_DECK = resolve(import.meta.dirname, '..', 'slides.md')

export interface LoadedDeck {
  /** Absolute path of the deck file. */
  path: string
  /** The path as the facilitator would type it (relative to the working folder when inside it). */
  shownPath: string
  headmatter: Record<string, unknown>
  slides: SourceSlide[]
  talk: Talk
  /** What `readTalk` found; `npm run check` adds the content rules (core/talk/deck-check.ts). */
  problems: DeckProblem[]
}

export class DeckFileError extends Error {
  override name = 'DeckFileError'
}

/** The path a message shows: short when the file sits under the working folder. */
export function shownPathOf(path: string, cwd = process.cwd()): string {
  const shown = relative(cwd, path)
  return shown && !shown.startsWith('..') ? shown : path
}

/**
 * Reads a deck file the way Slidev does (`@slidev/parser`) and reads its talk.
 * A missing or unreadable file throws a DeckFileError saying which file and why.
 */
export function loadDeck(path: string = DEFAULT_DECK): LoadedDeck {
  const absolute = resolve(path)
  let markdown: string
  try {
    markdown = readFileSync(absolute, 'utf8')
  }
  catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message
    throw new DeckFileError(`Cannot read the deck ${shownPathOf(absolute)}: ${why}. Give the path of a Slidev Markdown file, e.g. slides.md.`)
  }
  const parsed = parseSync(markdown, absolute)
  const slides: SourceSlide[] = parsed.slides.map(slide => ({
    frontmatter: slide.frontmatter ?? {},
    title: slide.title,
    content: slide.content,
    note: slide.note,
    start: slide.start,
    frontmatterRaw: slide.frontmatterRaw,
  }))
  const headmatter = slides[0]?.frontmatter ?? {}
  const { talk, problems } = readTalk(headmatter, slides)
  return { path: absolute, shownPath: shownPathOf(absolute), headmatter, slides, talk, problems }
}
