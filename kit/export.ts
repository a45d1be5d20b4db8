import type { ListrRendererValue } from 'listr2'
import type { Browser } from 'playwright-chromium'
import type { SlidesFormat } from './export-slides'
import type { Paper, WrittenFile } from './render-pdf'
import type { SessionResults } from './results-data'
import type { DeckSources } from './sources'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { Listr } from 'listr2'
import { slidesInVariant } from '../core/talk/deck'
import { askOffer } from '../exercises/ask-offer'
import { DEFAULT_PEOPLE, paperCards } from '../exercises/paper-cards'
import { findBrowser, launchBrowser } from './browser'
import { guideContent } from './content/guide'
import { handoutContent } from './content/handout'
import { reportCsv, resultsReport } from './content/results'
import { guideDocument } from './documents/guide'
import { handoutDocument } from './documents/handout'
import { paperCardsDocument } from './documents/paper-cards'
import { renderHtml } from './documents/render-html'
import { resultsDocument } from './documents/results'
import { slidePagesForGuide } from './documents/slide-pages'
import { printStyles } from './documents/styles'
import { exportSlides } from './export-slides'
import { parseJoinHost } from './join-host'
import { countPdfPages } from './pdf-pages'
import { describePlaceholders, findPlaceholders } from './placeholders'
import { prepareOutputFolder, renderPdf, writeAtomically } from './render-pdf'
import { loadSessionResults, NoSessionError } from './results-data'
import { DeckNotReadyError, readDeck } from './sources'

export const KIT_DOCUMENTS = ['slides', 'guide', 'handout', 'cards', 'results'] as const
export type KitDocument = typeof KIT_DOCUMENTS[number]

export const DEFAULT_OUT = 'dist/kit'

export interface ExportKitOptions {
  /** @default 'dist/kit' */
  out?: string
  /** Minutes, one of the deck's `talk.variants` (e.g. '60'); unset uses the deck's `workshop.variant`. Checked like the deck checks it. */
  variant?: string
  /** @default 'a4' */
  paper?: Paper
  /** Which documents. When unset, all of them; results are then skipped (with a note) if no session ran. */
  only?: KitDocument[]
  /** Formats for the slides. @default ['pdf'] */
  formats?: SlidesFormat[]
  session?: string
  db?: string
  /** listr2's renderer: 'default' draws the live progress, 'simple' prints lines, 'silent' nothing. */
  renderer?: 'default' | 'simple' | 'silent'
  /** The deck file, e.g. `examples/team-huddle.md`; relative to the working folder. @default the project's slides.md */
  deck?: string
  /** Head count the paper cards are printed for (one card each). @default 30 */
  people?: number
  /** `address[:port]` (or a whole link) phones will use: printed on the join slide. Unset, the slide says where the link will appear. */
  host?: string
  /** Stop, writing nothing, when the `workshop:` block still holds sample values. Otherwise they are only warned about. */
  strict?: boolean
}

/** `--host` is not an address phones could use. */
export class JoinHostError extends Error {
  override name = 'JoinHostError'
}

/** `--strict` and the `workshop:` block still holds sample values; the message names each field. */
export class PlaceholderError extends Error {
  override name = 'PlaceholderError'
}

export interface KitSummary {
  out: string
  /** The deck file the kit was made from, as the facilitator names it (e.g. `slides.md`). */
  deck: string
  files: WrittenFile[]
  /** Documents left out, with why. */
  skipped: Array<{ document: KitDocument, reason: string }>
  /** Things to fix before printing, one line each (sample values left in the `workshop:` block). */
  warnings: string[]
  /** Seconds the whole export took, from reading the deck to the last file. */
  seconds: number
}

interface Context {
  deck?: DeckSources
  results?: SessionResults
}

function folderSize(path: string): WrittenFile {
  const files = readdirSync(path)
  return { path, bytes: files.reduce((sum, file) => sum + statSync(join(path, file)).size, 0), pages: files.filter(file => file.endsWith('.png')).length }
}

/**
 * Writes the facilitator kit into one folder: the slides through Slidev's
 * exporter, and the guide, handout, paper cards and results report printed by Chromium.
 */
export async function exportKit(options: ExportKitOptions = {}): Promise<KitSummary> {
  const only = options.only ?? [...KIT_DOCUMENTS]
  const resultsExplicit = options.only?.includes('results') ?? false
  const paper = options.paper ?? 'a4'
  const formats = options.formats ?? ['pdf']
  const started = performance.now()
  const summary: KitSummary = { out: options.out ?? DEFAULT_OUT, deck: 'slides.md', files: [], skipped: [], warnings: [], seconds: 0 }
  /** A written file with the seconds since its document's work began. */
  const timed = (file: WrittenFile, since: number): WrittenFile => ({ ...file, seconds: secondsSince(since) })
  const wants = (document: KitDocument) => only.includes(document)
  const css = () => printStyles()

  // Fail before any work: a bad --host, a broken or unfinished headmatter (with --strict), a missing
  // browser or an unwritable folder is not worth a progress bar, and leaves nothing behind.
  let joinUrl: string | undefined
  if (options.host !== undefined) {
    const parsed = parseJoinHost(options.host)
    if (!parsed.ok)
      throw new JoinHostError(parsed.message)
    joinUrl = parsed.url
  }
  const deck = await readDeck({ path: options.deck, variant: options.variant })
  if (deck.problems.some(problem => problem.level === 'error'))
    throw new DeckNotReadyError(deck.file, deck.problems)
  const variant = deck.settings.variant
  summary.deck = deck.file
  const placeholders = only.some(document => document !== 'results' && document !== 'cards') ? findPlaceholders(deck.settings) : []
  if (placeholders.length) {
    const lines = describePlaceholders(placeholders)
    if (options.strict)
      throw new PlaceholderError(`The workshop: block in ${deck.file} still holds sample values, so nothing was written:\n${lines.map(line => `  ${line}`).join('\n')}\nFill them in at the top of ${deck.file} (or run without --strict to print them as they are).`)
    summary.warnings.push(...lines)
  }
  const author = placeholders.some(entry => entry.field === 'facilitator') ? undefined : deck.settings.facilitator || undefined
  findBrowser()
  const out = prepareOutputFolder(summary.out)
  summary.out = out

  // One browser for all documents, held here (listr2 may hand tasks a copy of the context).
  let browser: Promise<Browser> | undefined
  const renderDocument = async (name: string, footer: string, root: () => ReturnType<typeof guideDocument>, since = performance.now()) => {
    browser ??= launchBrowser()
    const html = await renderHtml(root)
    summary.files.push(timed(await renderPdf({ browser: await browser, html, output: join(out, name), paper, footer }), since))
  }
  // The guide prints every slide as the audience sees it, so it waits for this export's slides.pdf
  // (or, when slides.pdf is not asked for, exports one into a temporary folder of its own).
  const slidesPdf = { resolve: (_path: string) => {}, reject: (_error: unknown) => {}, promise: Promise.resolve('') }
  slidesPdf.promise = new Promise<string>((resolve, reject) => Object.assign(slidesPdf, { resolve, reject }))
  slidesPdf.promise.catch(() => {})
  const guideWaitsForSlides = wants('slides') && formats.includes('pdf')

  const tasks = new Listr<Context, ListrRendererValue, ListrRendererValue>([
    {
      title: `Reading ${deck.file}`,
      task: (ctx, task) => {
        ctx.deck = deck
        task.title = `Read ${deck.file}: ${slidesInVariant(deck.talk, variant).length} slides in the ${variant}-minute run`
      },
    },
    {
      title: 'Reading the live session',
      enabled: () => wants('results'),
      task: (ctx, task) => {
        try {
          ctx.results = loadSessionResults({ db: options.db, session: options.session })
          const exercise = ctx.results.exercise ? `, an exercise with ${ctx.results.exercise.submissions} asks or passes` : ''
          task.title = `Read session "${ctx.results.session}": ${ctx.results.polls.length} polls, ${ctx.results.participants} participants${exercise}`
        }
        catch (error) {
          if (!(error instanceof NoSessionError) || resultsExplicit)
            throw error
          summary.skipped.push({ document: 'results', reason: error.message })
          task.skip('Results skipped: no live session to report')
        }
      },
    },
    {
      title: 'Writing the kit',
      task: (_ctx, task) => task.newListr([
        {
          title: `Slides (${formats.join(', ')}) through Slidev's exporter`,
          enabled: () => wants('slides'),
          task: (ctx, sub) => sub.newListr(formats.map(format => ({
            title: `slides.${format === 'png' ? 'png (one file per slide)' : format}`,
            task: async (_inner: Context, step) => {
              const since = performance.now()
              const output = join(out, format === 'png' ? 'slides-png' : `slides.${format}`)
              await exportSlides({
                output,
                format,
                deck: deck.path,
                variant,
                joinUrl,
                pdfInfo: { title: deck.title, talk: deck.talk, variant, author },
                onProgress: (line) => {
                  step.output = line
                },
              }).catch((error: unknown) => {
                slidesPdf.reject(error)
                throw error
              })
              if (format === 'pdf')
                slidesPdf.resolve(output)
              if (format === 'png')
                summary.files.push(timed(folderSize(output), since))
              else
                summary.files.push(timed({ ...writtenStat(output), pages: format === 'pdf' ? await countPdfPages(readFileSync(output)) : undefined }, since))
            },
          })), { concurrent: false }),
        },
        {
          title: 'Documents printed with Chromium',
          enabled: () => wants('guide') || wants('handout') || wants('cards') || (wants('results') && summary.skipped.every(entry => entry.document !== 'results')),
          // Side by side in one browser, a page each: the guide waits for slides.pdf while the others print.
          task: (_ctx, sub) => sub.newListr([
            {
              title: 'facilitator-guide.pdf',
              enabled: () => wants('guide'),
              task: async (ctx) => {
                const since = performance.now()
                const deck = ctx.deck!
                browser ??= launchBrowser()
                const pages = await slidePagesForGuide({
                  browser: await browser,
                  slidesPdf: guideWaitsForSlides ? slidesPdf.promise : undefined,
                  exportSlidesTo: output => exportSlides({ output, format: 'pdf', deck: deck.path, variant: deck.settings.variant, joinUrl }),
                })
                await renderDocument('facilitator-guide.pdf', `Facilitator guide · ${deck.settings.variant} minutes`, () => guideDocument(guideContent({ ...deck, pages }), css()), since)
              },
            },
            {
              title: 'participant-handout.pdf',
              enabled: () => wants('handout'),
              task: async (ctx) => {
                const deck = ctx.deck!
                await renderDocument('participant-handout.pdf', 'Participant handout', () => handoutDocument(handoutContent(deck), css()))
              },
            },
            {
              title: 'paper-cards.pdf',
              enabled: () => wants('cards'),
              task: async (ctx) => {
                const variant = ctx.deck!.settings.variant
                await renderDocument('paper-cards.pdf', `Paper cards · ${variant} minutes · ${options.people ?? DEFAULT_PEOPLE} people`, () => paperCardsDocument(paperCards(askOffer, variant, { people: options.people }), css()))
              },
            },
            {
              title: 'results.pdf, results.csv, results.json',
              enabled: ctx => wants('results') && ctx.results !== undefined,
              task: async (ctx) => {
                const since = performance.now()
                const results = ctx.results!
                const report = resultsReport({ ...results, talk: ctx.deck!.talk, title: ctx.deck!.title, exportedAt: new Date() })
                summary.files.push(timed(writeAtomically(join(out, 'results.csv'), reportCsv(report)), since))
                summary.files.push(timed(writeAtomically(join(out, 'results.json'), `${JSON.stringify(report, null, 2)}\n`), since))
                await renderDocument('results.pdf', `Results · session ${report.session}`, () => resultsDocument(report, css()), since)
              },
            },
          ], { concurrent: true, exitOnError: true }),
        },
      ], { concurrent: true, exitOnError: true }),
    },
  ], {
    renderer: options.renderer ?? 'default',
    fallbackRenderer: 'simple',
    exitOnError: true,
  })

  try {
    await tasks.run({})
  }
  finally {
    await (await browser?.catch(() => undefined))?.close()
  }
  const order = ['slides', 'facilitator-guide', 'participant-handout', 'paper-cards', 'results']
  const rank = (path: string) => order.findIndex(prefix => path.slice(out.length + 1).startsWith(prefix))
  summary.files.sort((a, b) => rank(a.path) - rank(b.path) || a.path.localeCompare(b.path))
  summary.seconds = secondsSince(started)
  return summary
}

function secondsSince(start: number): number {
  return Math.round((performance.now() - start) / 100) / 10
}

function writtenStat(path: string): WrittenFile {
  return { path, bytes: statSync(path).size }
}
