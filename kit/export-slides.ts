import type { Buffer } from 'node:buffer'
import type { ChildEnd } from '../core/child-exit'
import type { SlidesPdfInfo } from './slides-pdf'
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { constants, tmpdir } from 'node:os'
import { dirname, extname, isAbsolute, join, relative, resolve } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { childOutcome } from '../core/child-exit'
import { DEFAULT_DECK } from '../room/deck-file'
import { judgePrint } from './blank-slides'
import { findBrowser } from './browser'
import { textlessPdfPages } from './pdf-pages'
import { finishSlidesPdf } from './slides-pdf'

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** How Slidev is given a deck: relative to the project when it lies inside it, as `slidev examples/x.md` would be typed. */
function deckArgument(deck: string): string {
  const near = relative(projectRoot, deck)
  return near && !near.startsWith('..') && !isAbsolute(near) ? near : deck
}

export type SlidesFormat = 'pdf' | 'png' | 'pptx'

export interface ExportSlidesOptions {
  /** Where the file (or, for png, the folder) ends up. */
  output: string
  format?: SlidesFormat
  /** The deck file to export. @default the project's slides.md */
  deck?: string
  /** The session length in minutes: one of the deck's `talk.variants`. Unset, the deck's `workshop.variant`. */
  variant?: number
  /**
   * The join link to print on the join slide (see kit/join-host.ts). Without
   * one the slide says where the link will appear: the exporter's own room is
   * on a loopback port no phone will ever reach.
   */
  joinUrl?: string
  /** For a PDF: the title, bookmarks and language written into it (kit/slides-pdf.ts). */
  pdfInfo?: SlidesPdfInfo
  /** Seconds Slidev may wait for a slide to render. @default 60 */
  timeoutSeconds?: number
  /** What the exporter is doing, in a few words, for a progress line. */
  onProgress?: (step: string) => void
}

/** Slidev's exporter failed; `output` holds the last lines it printed, for the error report. */
export class SlidesExportError extends Error {
  override name = 'SlidesExportError'
  constructor(message: string, readonly output: string[]) {
    super(message)
  }
}

/** Lines of Slidev's own output kept for an error message. */
const KEPT_LINES = 40

// eslint-disable-next-line no-control-regex -- ANSI colour codes are control characters by definition
const ANSI = /\u001B\[[\d;?]*[\x20-\x2F]*[\x40-\x7E]/g

/** Slidev's progress, in the order it prints it, mapped to what the facilitator needs to know. */
const PHASES: Array<[RegExp, string]> = [
  [/optimi[sz]|bundling dependencies/i, 'preparing the deck (the first export takes longer)'],
  [/rendering/i, 'printing the slides'],
  [/exported to/i, 'saving the PDF'],
]

/**
 * Exports the deck through Slidev's own exporter with the browser we found,
 * into a temporary name first so a failed export never leaves a half file.
 */
export async function exportSlides(options: ExportSlidesOptions): Promise<string> {
  const format = options.format ?? 'pdf'
  const { executablePath } = findBrowser()
  const output = resolve(options.output)
  mkdirSync(dirname(output), { recursive: true })
  const partial = format === 'png' ? `${output}.partial` : `${output.slice(0, -extname(output).length || undefined)}.partial${extname(output)}`
  rmSync(partial, { recursive: true, force: true })

  const slidevBin = join(dirname(fileURLToPath(import.meta.resolve('@slidev/cli/package.json'))), 'bin', 'slidev.mjs')
  const args = [slidevBin, 'export', deckArgument(resolve(projectRoot, options.deck ?? DEFAULT_DECK)), '--format', format, '--output', partial, '--executable-path', executablePath, '--timeout', String((options.timeoutSeconds ?? 60) * 1000), '--wait-until', 'networkidle']
  // ROOM_SNAPSHOT: the exporter's room reads a copy of the database, so it never writes to it and
  // is not refused by the lock of a room that is running the session right now.
  // ROOM_QUIET: nothing about a presenter secret reaches the console. VITE_WORKSHOP_EXPORT tells the
  // join slide it is being printed for later, so it shows the given link or says where one will be.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true',
    ROOM_SNAPSHOT: '1',
    ROOM_QUIET: '1',
    VITE_WORKSHOP_EXPORT: '1',
    VITE_WORKSHOP_JOIN_URL: options.joinUrl ?? '',
    NO_COLOR: '1',
  }
  // The exporter's room draws the QR code for its join URL: the given link, never its own port.
  if (options.joinUrl)
    env.ROOM_JOIN_URL = options.joinUrl
  else
    delete env.ROOM_JOIN_URL
  if (options.variant)
    env.WORKSHOP_VARIANT = String(options.variant)

  // A pre-bundle cache of this export's own (vite.config.ts): a shared one is re-bundled by any other
  // Slidev server with another config (npm start, another deck's export), and the page reloading
  // under the exporter prints blank slides. Bundling afresh costs about 3 s. Waiting for the network
  // to settle costs about 0.5 s and lets the slides' modules arrive before the print.
  const cache = mkdtempSync(join(tmpdir(), 'workshop-export-cache-'))
  env.WORKSHOP_VITE_CACHE = cache

  // The pages without text of each print so far (kit/blank-slides.ts).
  const textless: number[][] = []
  try {
    for (;;) {
      options.onProgress?.(textless.length ? 'printed before the slides were drawn: starting Slidev again' : 'starting Slidev')
      await runExporter(args, env, options.onProgress)
      // A PNG or PPTX print has no text to check; the wait for the network to settle guards it.
      if (format !== 'pdf')
        break
      const print = await textlessPdfPages(readFileSync(partial))
      textless.push(print.textless)
      const verdict = judgePrint(textless, print.pages)
      if (verdict.kind === 'keep')
        break
      if (verdict.kind === 'fail')
        throw new SlidesExportError(verdict.message, [])
    }
  }
  catch (error) {
    rmSync(partial, { recursive: true, force: true })
    throw error
  }
  finally {
    rmSync(cache, { recursive: true, force: true })
  }
  if (format === 'pdf' && options.pdfInfo) {
    try {
      await finishSlidesPdf(partial, options.pdfInfo)
    }
    catch (error) {
      rmSync(partial, { force: true })
      throw error
    }
  }
  rmSync(output, { recursive: true, force: true })
  renameSync(partial, output)
  return output
}

/** One run of Slidev's exporter; throws SlidesExportError with its last lines when it fails. */
async function runExporter(args: string[], env: NodeJS.ProcessEnv, onProgress?: (step: string) => void): Promise<void> {
  const kept: string[] = []
  let phase = -1
  const end = await new Promise<ChildEnd>((resolveEnd, reject) => {
    const child = spawn(process.execPath, args, { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] })
    // Slidev's banner, Vite's optimiser notes and its advert for the browser exporter are noise
    // to a facilitator: kept for an error message, shown only as a phase.
    const forward = (chunk: Buffer) => {
      for (const raw of chunk.toString().split(/\r?\n|\r/)) {
        const line = raw.replace(ANSI, '').trimEnd()
        if (!line.trim())
          continue
        kept.push(line)
        if (kept.length > KEPT_LINES)
          kept.shift()
        const next = PHASES.findIndex(([pattern]) => pattern.test(line))
        if (next > phase) {
          phase = next
          onProgress?.(PHASES[next]![1])
        }
      }
    }
    child.stdout.on('data', forward)
    child.stderr.on('data', forward)
    child.once('error', reject)
    child.once('exit', (code, signal) => resolveEnd({ code, signal }))
  })
  const outcome = childOutcome('Slidev\'s exporter', end, null, name => constants.signals[name as NodeJS.Signals])
  if (outcome.exitCode !== 0 || end.code !== 0)
    throw new SlidesExportError(outcome.message ?? `Slidev's exporter failed (exit code ${end.code}).`, kept)
}
