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
import { SettingsError, VARIANTS } from '../core/talk/settings'
import { BrowserNotFoundError } from '../kit/browser'
import { DEFAULT_OUT, exportKit, KIT_DOCUMENTS } from '../kit/export'
import { OutputError, PAPERS } from '../kit/render-pdf'
import { NoSessionError } from '../kit/results-data'

const FORMATS = ['pdf', 'png', 'pptx'] as const

const USAGE = `Usage: npm run export -- [options]

  --variant <${VARIANTS.join('|')}>          workshop length (default: workshop.variant in slides.md)
  --paper <${PAPERS.join('|')}>        paper size for the guide, handout, cards and results (default a4)
  --only <list>              documents, comma-separated: ${KIT_DOCUMENTS.join(',')} (default: all;
                             results are skipped when no session ran, unless asked for by name)
  --formats <list>           slide formats, comma-separated: ${FORMATS.join(',')} (default pdf)
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
        variant: { type: 'string' },
        paper: { type: 'string' },
        only: { type: 'string' },
        formats: { type: 'string' },
        out: { type: 'string' },
        session: { type: 'string' },
        db: { type: 'string' },
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
  return {
    help: values.help ?? false,
    variant: values.variant,
    paper: paper as Paper | undefined,
    only: list<KitDocument>(values.only, KIT_DOCUMENTS, '--only'),
    formats: list<SlidesFormat>(values.formats, FORMATS, '--formats'),
    out: values.out,
    session: values.session,
    db: values.db,
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
  const rows = summary.files.map(file => [displayPath(file.path), file.pages === undefined ? '' : `${file.pages} ${file.path.endsWith('png') ? 'slides' : 'pages'}`, size(file.bytes)])
  const widths = [0, 1].map(i => Math.max(...rows.map(row => row[i]!.length)))
  console.log(`\nWrote ${summary.files.length} ${summary.files.length === 1 ? 'file' : 'files'} to ${summary.out}:\n`)
  for (const [file, pages, bytes] of rows)
    console.log(`  ${file!.padEnd(widths[0]!)}  ${pages!.padStart(widths[1]!)}  ${bytes!.padStart(7)}`)
  for (const skipped of summary.skipped)
    console.log(`\n  Skipped ${skipped.document}: ${skipped.reason}`)
  console.log('')
}

async function main(): Promise<void> {
  const options = readOptions()
  if (options.help) {
    console.log(USAGE)
    return
  }
  const summary = await exportKit({ ...options, renderer: process.stdout.isTTY ? 'default' : 'simple' })
  printSummary(summary)
}

main().catch((error: unknown) => {
  const known = error instanceof UsageError || error instanceof SettingsError || error instanceof BrowserNotFoundError || error instanceof NoSessionError || error instanceof OutputError
  const message = error instanceof Error ? error.message : String(error)
  console.error(`\n  ${message.replaceAll('\n', '\n  ')}${error instanceof UsageError ? `\n\n${USAGE}` : ''}\n`)
  if (!known && error instanceof Error && error.stack)
    console.error(error.stack)
  process.exitCode = 1
})
