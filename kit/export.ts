import type { ListrRendererValue } from 'listr2'
import type { Browser } from 'playwright-chromium'
import type { SlidesFormat } from './export-slides'
import type { Paper, WrittenFile } from './render-pdf'
import type { SessionResults } from './results-data'
import type { DeckSources } from './sources'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { Listr } from 'listr2'
import { askOffer } from '../exercises/ask-offer'
import { paperCards } from '../exercises/paper-cards'
import { findBrowser, launchBrowser } from './browser'
import { guideContent } from './content/guide'
import { handoutContent } from './content/handout'
import { reportCsv, resultsReport } from './content/results'
import { guideDocument } from './documents/guide'
import { handoutDocument } from './documents/handout'
import { paperCardsDocument } from './documents/paper-cards'
import { renderHtml } from './documents/render-html'
import { resultsDocument } from './documents/results'
import { printStyles } from './documents/styles'
import { exportSlides } from './export-slides'
import { countPdfPages } from './pdf-pages'
import { prepareOutputFolder, renderPdf, writeAtomically } from './render-pdf'
import { loadSessionResults, NoSessionError } from './results-data'
import { readDeck } from './sources'

export const KIT_DOCUMENTS = ['slides', 'guide', 'handout', 'cards', 'results'] as const
export type KitDocument = typeof KIT_DOCUMENTS[number]

export const DEFAULT_OUT = 'dist/kit'

export interface ExportKitOptions {
  /** @default 'dist/kit' */
  out?: string
  /** '60' or '90'; unset uses `workshop.variant` from slides.md. Checked like the deck checks it. */
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
  /** Path of slides.md. @default the project's */
  slidesPath?: string
}

export interface KitSummary {
  out: string
  files: WrittenFile[]
  /** Documents left out, with why. */
  skipped: Array<{ document: KitDocument, reason: string }>
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
  const summary: KitSummary = { out: options.out ?? DEFAULT_OUT, files: [], skipped: [] }
  const wants = (document: KitDocument) => only.includes(document)
  const css = () => printStyles()

  // Fail before any work: a missing browser or an unwritable folder is not worth a progress bar.
  findBrowser()
  const out = prepareOutputFolder(summary.out)
  summary.out = out

  // One browser for all documents, held here (listr2 may hand tasks a copy of the context).
  let browser: Promise<Browser> | undefined
  const renderDocument = async (name: string, footer: string, root: () => ReturnType<typeof guideDocument>) => {
    browser ??= launchBrowser()
    const html = await renderHtml(root)
    summary.files.push(await renderPdf({ browser: await browser, html, output: join(out, name), paper, footer }))
  }

  const tasks = new Listr<Context, ListrRendererValue, ListrRendererValue>([
    {
      title: 'Reading slides.md',
      task: async (ctx, task) => {
        ctx.deck = await readDeck({ path: options.slidesPath, variant: options.variant })
        task.title = `Read slides.md: ${ctx.deck.sources.length} slides, ${ctx.deck.settings.variant}-minute run`
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
              const output = join(out, format === 'png' ? 'slides-png' : `slides.${format}`)
              await exportSlides({ output, format, variant: ctx.deck?.settings.variant, onOutput: (line) => {
                step.output = line
              } })
              if (format === 'png')
                summary.files.push(folderSize(output))
              else
                summary.files.push({ ...writtenStat(output), pages: format === 'pdf' ? await countPdfPages(readFileSync(output)) : undefined })
            },
          })), { concurrent: false }),
        },
        {
          title: 'Documents printed with Chromium',
          enabled: () => wants('guide') || wants('handout') || wants('cards') || (wants('results') && summary.skipped.every(entry => entry.document !== 'results')),
          task: (_ctx, sub) => sub.newListr([
            {
              title: 'facilitator-guide.pdf',
              enabled: () => wants('guide'),
              task: async (ctx) => {
                const deck = ctx.deck!
                await renderDocument('facilitator-guide.pdf', `Facilitator guide · ${deck.settings.variant} minutes`, () => guideDocument(guideContent(deck), css()))
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
                await renderDocument('paper-cards.pdf', `Paper cards · ${variant} minutes`, () => paperCardsDocument(paperCards(askOffer, variant), css()))
              },
            },
            {
              title: 'results.pdf, results.csv, results.json',
              enabled: ctx => wants('results') && ctx.results !== undefined,
              task: async (ctx) => {
                const results = ctx.results!
                const report = resultsReport({ ...results, exportedAt: new Date() })
                summary.files.push(writeAtomically(join(out, 'results.csv'), reportCsv(report)))
                summary.files.push(writeAtomically(join(out, 'results.json'), `${JSON.stringify(report, null, 2)}\n`))
                await renderDocument('results.pdf', `Results · session ${report.session}`, () => resultsDocument(report, css()))
              },
            },
          ]),
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
  return summary
}

function writtenStat(path: string): WrittenFile {
  return { path, bytes: statSync(path).size }
}
