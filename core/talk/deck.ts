import type { PollDefinition } from '../polls/definition'
import * as v from 'valibot'
import { pollDefinitionSchema } from '../polls/definition'

/**
 * The talk as slides.md writes it, read from Slidev's own parse of the file
 * (`@slidev/parser` in Node, the routes' frontmatter in the browser). This is
 * the one reading of the talk's structure: its lengths, agenda, sections,
 * every slide's minutes and every poll. Nothing keeps a second copy.
 *
 * `readTalk` never throws: a facilitator mid-edit gets what could be read and
 * a list of problems, each with the line in slides.md and how to fix it.
 */

/** What Slidev's parser (or its client) knows of one slide. */
export interface SourceSlide {
  frontmatter: Record<string, unknown>
  /** The slide's first heading (the parser's `title`). */
  title?: string
  content?: string
  note?: string
  /** 0-based line of the slide's opening `---` (the parser's `start`). */
  start?: number
  /** The frontmatter's YAML text, for pointing at the line of one key. */
  frontmatterRaw?: string
}

export interface DeckProblem {
  level: 'error' | 'warning'
  /** 1-based slide number in the file. */
  slide: number
  /** 1-based line in the deck file; 0 when unknown. */
  line: number
  message: string
  fix: string
}

export interface TalkVariant {
  /** Minutes; also the variant's name ("the 60"). */
  length: number
  /** Spare minutes held before the close. */
  buffer: number
}

export interface TalkBlock { id: string, title: string }
export interface TalkSection { id: string, title: string, essay: boolean }

export interface TalkSlide {
  /** 1-based position in the file. */
  number: number
  /** 1-based line of the slide's frontmatter (0 when unknown). */
  line: number
  id: string
  section: string
  block: string
  /** The slide's name in the agenda and the run of show. */
  label: string
  /** Minutes per length; a length absent (or 0) leaves the slide out of that variant. */
  minutes: Readonly<Record<number, number>>
  poll: PollDefinition | null
  /** Id of the earlier poll this one asks again (before/after). */
  repeats: string | null
}

export interface Talk {
  variants: TalkVariant[]
  agenda: TalkBlock[]
  buffer: { title: string, before: string }
  sections: TalkSection[]
  slides: TalkSlide[]
}

export const POLL_KINDS = ['choice', 'multi', 'scale', 'estimate', 'words', 'text'] as const

/** Shorthands a facilitator may leave out of a poll; the stored definition always has them. */
const POLL_DEFAULTS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  words: { maxWords: 1 },
  text: { maxLength: 280 },
}

const DEFAULT_BUFFER_TITLE = 'Buffer: questions, overruns, a late start'

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function text(value: unknown): string | null {
  if (typeof value === 'string' && value.trim() !== '')
    return value.trim()
  if (typeof value === 'number')
    return String(value)
  return null
}

/**
 * The 1-based line of a key in a slide's frontmatter: `path` walks nested keys
 * (`['poll', 'kind']`); falls back to the deepest key found, then to the
 * frontmatter's first line.
 */
export function lineOf(slide: SourceSlide, path: readonly string[] = []): number {
  if (slide.start === undefined)
    return 0
  // The frontmatter starts on the line after the slide's `---`.
  const first = slide.start + 2
  const lines = (slide.frontmatterRaw ?? '').split('\n')
  let found = first
  let from = 0
  for (const key of path) {
    const name = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    const own = new RegExp(`^\\s*(?:- )?${name}\\s*:`)
    // Inline maps (`minutes: { 60: 1, 90: 2 }`) keep a nested key on its parent's line.
    const inline = new RegExp(`[{,]\\s*${name}\\s*:`)
    let hit = from > 0 && inline.test(lines[from - 1]!) ? from - 1 : -1
    for (let i = from; hit < 0 && i < lines.length; i++) {
      if (own.test(lines[i]!))
        hit = i
    }
    if (hit < 0)
      return found
    found = first + hit
    from = hit + 1
  }
  return found
}

export function readTalk(headmatter: Record<string, unknown>, slides: readonly SourceSlide[]): { talk: Talk, problems: DeckProblem[] } {
  const problems: DeckProblem[] = []
  const first = slides[0] ?? { frontmatter: headmatter, start: 0 }
  const problem = (level: DeckProblem['level'], slide: number, line: number, message: string, fix: string): void => {
    problems.push({ level, slide, line, message, fix })
  }

  const block = isRecord(headmatter.talk) ? headmatter.talk : {}
  if (!isRecord(headmatter.talk))
    problem('error', 1, lineOf(first), 'The headmatter has no `talk:` block, so the deck has no lengths, agenda or sections.', 'Add a `talk:` block with `variants`, `agenda` and `sections` (see docs/authoring.md).')

  const variants = readVariants(block.variants, first, problem)
  const agenda = readList(block.agenda, 'agenda', first, problem).map(({ id, entry }) => ({ id, title: text(entry.title) ?? id }))
  const sections = readList(block.sections, 'sections', first, problem).map(({ id, entry }) => ({ id, title: text(entry.title) ?? id, essay: entry.essay === true }))
  const bufferBlock = isRecord(block.buffer) ? block.buffer : {}
  const buffer = { title: text(bufferBlock.title) ?? DEFAULT_BUFFER_TITLE, before: text(bufferBlock.before) ?? agenda.at(-1)?.id ?? '' }
  if (agenda.length > 0 && !agenda.some(b => b.id === buffer.before))
    problem('error', 1, lineOf(first, ['talk', 'buffer']), `talk.buffer.before names "${buffer.before}", which is not an agenda block.`, `Use one of: ${agenda.map(b => b.id).join(', ')}.`)

  const lengths = variants.map(variant => variant.length)
  const talkSlides: TalkSlide[] = []
  const slideIds = new Map<string, number>()
  const pollIds = new Map<string, number>()
  let section = ''
  let agendaBlock = ''

  slides.forEach((source, index) => {
    const number = index + 1
    const fm = source.frontmatter
    const line = lineOf(source)

    const id = text(fm.slideId)
    if (!id)
      problem('error', number, line, `Slide ${number} has no slideId.`, 'Give it `slideId: a-short-name` (lowercase, words joined by dashes).')
    else if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id))
      problem('error', number, lineOf(source, ['slideId']), `slideId "${id}" is not lowercase kebab-case.`, 'Use lowercase letters, digits and dashes, e.g. `slideId: poll-safety`.')
    else if (slideIds.has(id))
      problem('error', number, lineOf(source, ['slideId']), `slideId "${id}" is already used by slide ${slideIds.get(id)}.`, 'Give every slide its own slideId.')
    if (id && !slideIds.has(id))
      slideIds.set(id, number)

    section = text(fm.section) ?? section
    if (!section)
      problem('error', number, line, `Slide ${number} is in no section.`, 'Add `section: <id>` naming one of talk.sections; later slides keep it until another `section:`.')
    else if (sections.length > 0 && !sections.some(s => s.id === section))
      problem('error', number, lineOf(source, ['section']), `Section "${section}" is not in talk.sections.`, `Use one of: ${sections.map(s => s.id).join(', ')}, or add it to talk.sections.`)

    agendaBlock = text(fm.block) ?? agendaBlock
    if (!agendaBlock)
      problem('error', number, line, `Slide ${number} is in no agenda block.`, 'Add `block: <id>` naming one of talk.agenda; later slides keep it until another `block:`.')
    else if (agenda.length > 0 && !agenda.some(b => b.id === agendaBlock))
      problem('error', number, lineOf(source, ['block']), `Agenda block "${agendaBlock}" is not in talk.agenda.`, `Use one of: ${agenda.map(b => b.id).join(', ')}, or add it to talk.agenda.`)

    const minutes = readMinutes(fm.minutes, lengths, source, number, problem)
    const { poll, repeats } = readPoll(fm.poll, source, number, problem)
    if (poll) {
      if (pollIds.has(poll.id))
        problem('error', number, lineOf(source, ['poll', 'id']), `Poll id "${poll.id}" is already used on slide ${pollIds.get(poll.id)}.`, 'Give every poll its own id: answers are stored under it.')
      else
        pollIds.set(poll.id, number)
    }

    talkSlides.push({
      number,
      line,
      id: id ?? `slide-${number}`,
      section,
      block: agendaBlock,
      label: text(fm.label) ?? (index > 0 ? text(source.title) : null) ?? id ?? `Slide ${number}`,
      minutes,
      poll,
      repeats,
    })
  })

  for (const variant of variants) {
    const planned = talkSlides.reduce((sum, slide) => sum + (slide.minutes[variant.length] ?? 0), 0) + variant.buffer
    if (Math.abs(planned - variant.length) > 1e-9) {
      const off = planned - variant.length
      problem('error', 1, lineOf(first, ['talk', 'variants']), `The ${variant.length}-minute variant plans ${formatMinutes(planned)} min (slides plus a ${formatMinutes(variant.buffer)}-minute buffer): ${formatMinutes(Math.abs(off))} min ${off > 0 ? 'too many' : 'too few'}.`, `${off > 0 ? 'Take' : 'Give'} ${formatMinutes(Math.abs(off))} min ${off > 0 ? 'from' : 'to'} the slides' \`minutes: { ${variant.length}: … }\` or change talk.variants.${variant.length}.buffer.`)
    }
  }

  return { talk: { variants, agenda, buffer, sections, slides: talkSlides }, problems }
}

type Report = (level: DeckProblem['level'], slide: number, line: number, message: string, fix: string) => void

function formatMinutes(minutes: number): string {
  return String(Math.round(minutes * 100) / 100)
}

function readVariants(raw: unknown, first: SourceSlide, problem: Report): TalkVariant[] {
  const line = lineOf(first, ['talk', 'variants'])
  if (!isRecord(raw) || Object.keys(raw).length === 0) {
    problem('error', 1, line, 'talk.variants declares no length.', 'Write e.g. `variants: { 60: { buffer: 2 }, 90: { buffer: 3 } }`: each key is a length in minutes.')
    return []
  }
  const variants: TalkVariant[] = []
  for (const [key, value] of Object.entries(raw)) {
    const length = Number(key)
    if (!Number.isInteger(length) || length < 5 || length > 480) {
      problem('error', 1, lineOf(first, ['talk', 'variants', key]), `talk.variants has "${key}", which is not a length in whole minutes (5-480).`, 'Name each variant by its length, e.g. `45: { buffer: 2 }`.')
      continue
    }
    const buffer = isRecord(value) ? value.buffer ?? 0 : value ?? 0
    if (typeof buffer !== 'number' || !Number.isFinite(buffer) || buffer < 0 || buffer >= length) {
      problem('error', 1, lineOf(first, ['talk', 'variants', key]), `talk.variants.${key}.buffer is ${JSON.stringify(buffer)}, not a number of spare minutes.`, `Write e.g. \`${key}: { buffer: 2 }\` (0 for none).`)
      variants.push({ length, buffer: 0 })
      continue
    }
    variants.push({ length, buffer })
  }
  return variants.sort((a, b) => a.length - b.length)
}

function readList(raw: unknown, name: 'agenda' | 'sections', first: SourceSlide, problem: Report): Array<{ id: string, entry: Record<string, unknown> }> {
  const line = lineOf(first, ['talk', name])
  if (!Array.isArray(raw) || raw.length === 0) {
    problem('error', 1, line, `talk.${name} is missing or empty.`, `List them in order, e.g. \`- { id: welcome, title: Welcome }\`.`)
    return []
  }
  const seen = new Set<string>()
  const out: Array<{ id: string, entry: Record<string, unknown> }> = []
  raw.forEach((entry, i) => {
    const id = isRecord(entry) ? text(entry.id) : null
    if (!isRecord(entry) || !id) {
      problem('error', 1, line, `Entry ${i + 1} of talk.${name} has no id.`, 'Write each entry as `- { id: some-id, title: Its title }`.')
      return
    }
    if (seen.has(id)) {
      problem('error', 1, line, `talk.${name} lists "${id}" twice.`, 'Give each entry its own id.')
      return
    }
    seen.add(id)
    out.push({ id, entry })
  })
  return out
}

function readMinutes(raw: unknown, lengths: readonly number[], source: SourceSlide, number: number, problem: Report): Record<number, number> {
  const line = lineOf(source, ['minutes'])
  const ok = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 480
  if (raw === undefined || raw === null) {
    problem('error', number, lineOf(source), `Slide ${number} has no minutes.`, `Add \`minutes: { ${lengths.map(l => `${l}: 1`).join(', ')} }\` (0, or leaving a length out, skips the slide in it), or \`minutes: 1\` for every length.`)
    return {}
  }
  if (ok(raw))
    return Object.fromEntries(lengths.map(length => [length, raw]))
  if (!isRecord(raw)) {
    problem('error', number, line, `minutes is ${JSON.stringify(raw)}, not a number or a map of lengths to minutes.`, `Write e.g. \`minutes: { ${lengths.map(l => `${l}: 1.5`).join(', ')} }\`.`)
    return {}
  }
  const minutes: Record<number, number> = {}
  for (const [key, value] of Object.entries(raw)) {
    const length = Number(key)
    if (!lengths.includes(length)) {
      problem('error', number, line, `minutes has a length ${key}, which talk.variants does not declare.`, `Use the deck's lengths (${lengths.join(', ')}) or add ${key} to talk.variants.`)
      continue
    }
    if (!ok(value)) {
      problem('error', number, line, `minutes.${key} is ${JSON.stringify(value)}, not a number of minutes.`, `Write e.g. \`${key}: 1.5\` (0 skips the slide in that length).`)
      continue
    }
    minutes[length] = value
  }
  return minutes
}

function readPoll(raw: unknown, source: SourceSlide, number: number, problem: Report): { poll: PollDefinition | null, repeats: string | null } {
  if (raw === undefined || raw === null)
    return { poll: null, repeats: null }
  if (!isRecord(raw)) {
    problem('error', number, lineOf(source, ['poll']), 'poll must be a block of keys (id, kind, question, …).', 'See docs/authoring.md for every poll kind written out.')
    return { poll: null, repeats: null }
  }
  const { repeats, ...fields } = raw
  const kind = fields.kind
  if (typeof kind !== 'string' || !(POLL_KINDS as readonly string[]).includes(kind)) {
    problem('error', number, lineOf(source, ['poll', 'kind']), kind === undefined ? 'The poll has no kind.' : `Poll kind ${JSON.stringify(kind)} is not one the room runs.`, `Use one of: ${POLL_KINDS.join(', ')}.`)
    return { poll: null, repeats: null }
  }
  const parsed = v.safeParse(pollDefinitionSchema, { ...POLL_DEFAULTS[kind], ...fields })
  if (!parsed.success) {
    for (const issue of parsed.issues) {
      const path = (issue.path ?? []).map(item => String(item.key))
      const where = path.length > 0 ? `poll.${path.join('.')}` : 'poll'
      problem('error', number, lineOf(source, ['poll', ...path.slice(0, 1)]), `${where}: ${issue.message}.`, 'See docs/authoring.md for this poll kind written out.')
    }
    return { poll: null, repeats: null }
  }
  const repeatsId = repeats === undefined || repeats === null ? null : text(repeats)
  if (repeats !== undefined && repeats !== null && !repeatsId)
    problem('error', number, lineOf(source, ['poll', 'repeats']), 'poll.repeats must name the id of an earlier poll.', 'Write e.g. `repeats: weakness-before`.')
  return { poll: parsed.output, repeats: repeatsId }
}

// ---- views derived from the talk ----

export function variantLengths(talk: Talk): number[] {
  return talk.variants.map(variant => variant.length)
}

export function minutesIn(slide: TalkSlide, variant: number): number {
  return slide.minutes[variant] ?? 0
}

export function slidesInVariant(talk: Talk, variant: number): TalkSlide[] {
  return talk.slides.filter(slide => minutesIn(slide, variant) > 0)
}

export function bufferMinutes(talk: Talk, variant: number): number {
  return talk.variants.find(entry => entry.length === variant)?.buffer ?? 0
}

/** Minutes the slides of a variant plan, without the buffer. */
export function slideMinutes(talk: Talk, variant: number): number {
  return talk.slides.reduce((sum, slide) => sum + minutesIn(slide, variant), 0)
}

/** The session's length: every slide plus the buffer. */
export function totalMinutes(talk: Talk, variant: number): number {
  return slideMinutes(talk, variant) + bufferMinutes(talk, variant)
}

/** Every poll in deck order. */
export function talkPolls(talk: Talk): PollDefinition[] {
  return talk.slides.flatMap(slide => slide.poll ? [slide.poll] : [])
}

export function findPoll(talk: Talk, id: string): PollDefinition | undefined {
  return talkPolls(talk).find(poll => poll.id === id)
}

/** The same question asked at the start and the end, so the room can see whether it moved. */
export function pollPairs(talk: Talk): Array<{ before: string, after: string }> {
  return talk.slides.flatMap(slide => slide.poll && slide.repeats ? [{ before: slide.repeats, after: slide.poll.id }] : [])
}

export function findPairOf(talk: Talk, id: string): { before: string, after: string } | undefined {
  return pollPairs(talk).find(pair => pair.before === id || pair.after === id)
}

export function findSection(talk: Talk, id: string): TalkSection | undefined {
  return talk.sections.find(section => section.id === id)
}
