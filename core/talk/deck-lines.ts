/**
 * Where things sit in slides.md, so every problem the deck check reports can name the line to
 * edit. Slidev's parser gives each slide's start and its raw frontmatter; a key's line is found
 * by walking that YAML's indentation, which is all a facilitator's frontmatter uses. Anything
 * this cannot place falls back to the nearest line it can: the parent key, else the slide's start.
 */

export interface SlideLines {
  /** 0-based line of the slide's opening `---` (Slidev's `start`), or undefined when unknown. */
  start?: number
  frontmatterRaw?: string
}

/** A path into the frontmatter: keys, and list positions for `- ` items. */
export type KeyPath = readonly (string | number)[]

interface YamlLine {
  /** Column of the line's first character (the dash, for a list item). */
  indent: number
  /** Column where the line's key starts (after `- ` on a list item). */
  keyColumn: number
  /** The key this line opens, without quotes; null for a line without one. */
  key: string | null
  item: boolean
}

const KEY = /^(?:"([^"]*)"|'([^']*)'|([^\s#'"{[\]][^:#]*)):(?:\s|$)/

function readLine(text: string): YamlLine | null {
  const trimmed = text.trimStart()
  if (trimmed === '' || trimmed.startsWith('#'))
    return null
  const indent = text.length - trimmed.length
  const item = /^-(?:\s|$)/.test(trimmed)
  const rest = item ? trimmed.replace(/^-\s*/, '') : trimmed
  const match = KEY.exec(rest)
  const key = match ? (match[1] ?? match[2] ?? match[3] ?? '').trim() : null
  return { indent, keyColumn: indent + trimmed.length - rest.length, key, item }
}

/** 1-based line in slides.md of the slide's first frontmatter line (just under its `---`). */
export function frontmatterLine(slide: SlideLines): number {
  return slide.start === undefined ? 0 : slide.start + 2
}

/** 1-based line of the slide's opening `---`, the place to point at when nothing nearer is known. */
export function slideLine(slide: SlideLines): number {
  return slide.start === undefined ? 0 : slide.start + 1
}

/** A set of lines one level of the path is looked up in; `head` is a list item whose own key counts. */
interface Scope {
  lines: number[]
  head: number | null
}

/**
 * 0-based offset, inside the raw frontmatter, of the deepest part of `path` found, and how many
 * segments matched, so a caller can tell "the key itself" from "its parent".
 */
function locate(raw: string, path: KeyPath): { offset: number, depth: number } | null {
  const lines = raw.split(/\r?\n/).map(readLine)
  const present = lines.flatMap((line, index) => line ? [index] : [])
  let scope: Scope = { lines: present, head: null }
  let found: { offset: number, depth: number } | null = null
  for (const [depth, segment] of path.entries()) {
    const hit = typeof segment === 'number' ? nthItem(lines, scope, segment) : keyIn(lines, scope, segment)
    if (hit === null)
      return found
    found = { offset: hit, depth: depth + 1 }
    scope = below(lines, present, hit, typeof segment === 'number')
  }
  return found
}

function columnIn(lines: readonly (YamlLine | null)[], scope: Scope, index: number): number {
  const line = lines[index]!
  return index === scope.head ? line.keyColumn : line.indent
}

function keyIn(lines: readonly (YamlLine | null)[], scope: Scope, key: string): number | null {
  if (scope.lines.length === 0)
    return null
  const level = Math.min(...scope.lines.map(index => columnIn(lines, scope, index)))
  return scope.lines.find((index) => {
    const line = lines[index]!
    return line.key === key && columnIn(lines, scope, index) === level && (!line.item || index === scope.head)
  }) ?? null
}

function nthItem(lines: readonly (YamlLine | null)[], scope: Scope, n: number): number | null {
  const items = scope.lines.filter(index => lines[index]!.item && index !== scope.head)
  if (items.length === 0)
    return null
  const level = Math.min(...items.map(index => lines[index]!.indent))
  return items.filter(index => lines[index]!.indent === level)[n] ?? null
}

/** The lines under a hit: a key's block, or a list item's own keys (its dash line included). */
function below(lines: readonly (YamlLine | null)[], present: readonly number[], hit: number, asItem: boolean): Scope {
  const line = lines[hit]!
  const edge = asItem ? line.indent : line.keyColumn
  const after: number[] = []
  for (const index of present) {
    if (index <= hit)
      continue
    if (lines[index]!.indent <= edge)
      break
    after.push(index)
  }
  return asItem ? { lines: [hit, ...after], head: hit } : { lines: after, head: null }
}

/** 1-based line in slides.md of a frontmatter key, e.g. ['poll', 'kind']; the nearest parent when the key is absent. */
export function keyLine(slide: SlideLines, path: KeyPath): number {
  if (slide.start === undefined)
    return 0
  const found = slide.frontmatterRaw === undefined ? null : locate(slide.frontmatterRaw, path)
  return found ? frontmatterLine(slide) + found.offset : slideLine(slide)
}

/** Whether the frontmatter holds this exact key path (not only a parent of it). */
export function hasKeyLine(slide: SlideLines, path: KeyPath): boolean {
  const found = slide.frontmatterRaw === undefined ? null : locate(slide.frontmatterRaw, path)
  return found !== null && found.depth === path.length
}

/**
 * 1-based line in the whole file of the first line at or after the slide's start that
 * satisfies `test`, before the next slide starts. Used for content (blockquotes, components).
 */
export function contentLine(fileLines: readonly string[] | undefined, slide: SlideLines, nextStart: number | undefined, test: (line: string) => boolean): number {
  if (!fileLines || slide.start === undefined)
    return slideLine(slide)
  const end = nextStart ?? fileLines.length
  for (let i = slide.start + 1; i < end && i < fileLines.length; i++) {
    if (test(fileLines[i]!))
      return i + 1
  }
  return slideLine(slide)
}
