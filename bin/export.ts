/**
 * `npm run export`: writes the facilitator kit (slides, guide, handout, the
 * exercise's paper cards and, after a live session, the results report) into
 * one folder and lists what it wrote.
 */
import type { KitDocument, KitSummary } from '../kit/export'
import type { SlidesFormat } from '../kit/export-slides'
import type { Paper } from '../kit/render-pdf'
import { relative } from 'node:path'
import process from 'node:process'
import { parseArgs } from 'node:util'
import { SettingsError } from '../core/talk/settings'
import { DEFAULT_PEOPLE, MAX_PEOPLE } from '../exercises/paper-cards'
import { BrowserNotFoundError } from '../kit/browser'
import { DEFAULT_OUT, exportKit, JoinHostError, KIT_DOCUMENTS, PlaceholderError } from '../kit/export'
import { SlidesExportError } from '../kit/export-slides'
import { DEFAULT_ROOM_PORT } from '../kit/join-host'
import { OutputError, PAPERS } from '../kit/render-pdf'
import { NoSessionError } from '../kit/results-data'
import { DeckNotReadyError } from '../kit/sources'
import { DeckFileError } from '../room/deck-file'
import { gateDeck } from './deck-gate'

const FORMATS = ['pdf', 'png', 'pptx'] as const

const USAGE = `Usage: npm run export -- [options]

  --deck <file>              the deck to export (default slides.md), e.g. examples/team-huddle.md
  --variant <minutes>        workshop length, one of the deck's talk.variants (default: workshop.variant)
  --paper <${PAPERS.join('|')}>        paper size for the guide, handout, cards and results (default a4)
  --only <list>              documents, comma-separated: ${KIT_DOCUMENTS.join(',')} (default: all;
                             results are skipped when no session ran, unless asked for by name)
  --formats <list>           slide formats, comma-separated: ${FORMATS.join(',')} (default pdf)
  --people <N>               head count for the paper cards: one card each, no token twice
                             (default ${DEFAULT_PEOPLE}; a whole number from 2 to ${MAX_PEOPLE})
  --host <address[:port]>    where phones will reach the room (as npm start prints it, port
                             default ${DEFAULT_ROOM_PORT}): the join slide prints that link and its QR code.
                             Without it the slide says the link appears when the room runs
  --strict                   stop, writing nothing, if the workshop: block in the deck still
                             holds sample values ("Your name"…); without it they are a warning
  --out <folder>             where to write (default ${DEFAULT_OUT})
  --session <name>           room session for the results (default "default")
  --db <path>                room database for the results (default: $ROOM_DB, else the one npm start uses, in your data folder)
  -h, --help                 show this help`

class UsageError extends Error {}

function list<T extends string>(raw: string | undefined, valid: readonly T[], option: string): T[] | undefined {
  if (raw === undefined)
    return undefined
  const items = raw.split(',').map(item => item.trim().toLowerCase()).filter(Boolean)
  const bad = items.filter(item => !(valid as readonly string[]).includes(item))
  if (items.length === 0 || bad.length)
    throw new UsageError(`${option} ${bad.length ? `has ${bad.map(item => JSON.stringify(item)).join(', ')}, which is not` : 'needs at least'} one of: ${valid.join(', ')}.`)
  return [...new Set(items)] as T[]
}

function readOptions() {
  let values
  try {
    values = parseArgs({
      options: {
        deck: { type: 'string' },
        variant: { type: 'string' },
        paper: { type: 'string' },
        only: { type: 'string' },
        formats: { type: 'string' },
        out: { type: 'string' },
        session: { type: 'string' },
        db: { type: 'string' },
        people: { type: 'string' },
        host: { type: 'string' },
        strict: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values
  }
  catch (error) {
    throw new UsageError((error as Error).message)
  }
  const paper = values.paper?.trim().toLowerCase()
  if (paper !== undefined && !(PAPERS as readonly string[]).includes(paper))
    throw new UsageError(`--paper ${JSON.stringify(values.paper)} is not a paper size. Valid choices: ${PAPERS.join(', ')}.`)
  const people = values.people === undefined ? undefined : Number(values.people.trim())
  if (people !== undefined && (!/^\d+$/.test(values.people!.trim()) || people < 2 || people > MAX_PEOPLE))
    throw new UsageError(`--people ${JSON.stringify(values.people)} is not a head count. Give a whole number from 2 to ${MAX_PEOPLE}, e.g. --people 30.`)
  return {
    help: values.help ?? false,
    deck: values.deck,
    variant: values.variant,
    paper: paper as Paper | undefined,
    only: list<KitDocument>(values.only, KIT_DOCUMENTS, '--only'),
    formats: list<SlidesFormat>(values.formats, FORMATS, '--formats'),
    out: values.out,
    session: values.session,
    db: values.db,
    people,
    host: values.host,
    strict: values.strict ?? false,
  }
}

function size(bytes: number): string {
  if (bytes >= 1024 * 1024)
    return `${(bytes / 1024 / 1024).toFixed(1)} MB`
  return `${Math.max(1, Math.round(bytes / 1024))} kB`
}

function displayPath(path: string): string {
  const near = relative(process.cwd(), path)
  return near && !near.startsWith('..') ? near : path
}

function printSummary(summary: KitSummary): void {
  const rows = summary.files.map(file => [
    displayPath(file.path),
    file.pages === undefined ? '' : `${file.pages} ${file.path.endsWith('png') ? 'slides' : 'pages'}`,
    size(file.bytes),
    file.seconds === undefined ? '' : `${file.seconds.toFixed(1)} s`,
  ])
  const widths = [0, 1, 2, 3].map(i => Math.max(...rows.map(row => row[i]!.length)))
  console.log(`\nWrote ${summary.files.length} ${summary.files.length === 1 ? 'file' : 'files'} to ${summary.out} in ${summary.seconds.toFixed(1)} s:\n`)
  for (const [file, pages, bytes, seconds] of rows)
    console.log(`  ${file!.padEnd(widths[0]!)}  ${pages!.padStart(widths[1]!)}  ${bytes!.padStart(Math.max(7, widths[2]!))}  ${seconds!.padStart(widths[3]!)}`.trimEnd())
  for (const skipped of summary.skipped)
    console.log(`\n  Skipped ${skipped.document}: ${skipped.reason}`)
  if (summary.warnings.length) {
    console.log(`\n  Check before you print: the workshop: block in ${summary.deck} still has sample values.`)
    for (const warning of summary.warnings)
      console.log(`    ${warning}`)
    console.log('  They are printed as they are. Fill them in, or use --strict to stop on them.')
  }
  console.log('')
}

async function main(): Promise<void> {
  const options = readOptions()
  if (options.help) {
    console.log(USAGE)
    return
  }
  // The same check as `npm run check`: a deck with an error stops here, before anything is written.
  gateDeck(options.deck, 'npm run export')
  const summary = await exportKit({ ...options, renderer: process.stdout.isTTY ? 'default' : 'simple' })
  printSummary(summary)
}

main().catch((error: unknown) => {
  const known = error instanceof UsageError || error instanceof SettingsError || error instanceof BrowserNotFoundError || error instanceof NoSessionError || error instanceof OutputError
    || error instanceof JoinHostError || error instanceof PlaceholderError || error instanceof SlidesExportError
    || error instanceof DeckFileError || error instanceof DeckNotReadyError
  const message = error instanceof Error ? error.message : String(error)
  console.error(`\n  ${message.replaceAll('\n', '\n  ')}${error instanceof UsageError ? `\n\n${USAGE}` : ''}\n`)
  // Slidev's own words are kept quiet while it works and shown only when they explain a failure.
  if (error instanceof SlidesExportError && error.output.length)
    console.error(`  Its last lines were:\n${error.output.map(line => `    ${line}`).join('\n')}\n`)
  if (!known && error instanceof Error && error.stack)
    console.error(error.stack)
  process.exitCode = 1
})
