import type { Buffer } from 'node:buffer'
import type { Browser } from 'playwright-chromium'
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import process from 'node:process'
import { countPdfPages } from './pdf-pages'

export const PAPERS = ['a4', 'letter'] as const
export type Paper = typeof PAPERS[number]

export interface RenderPdfOptions {
  browser: Browser
  html: string
  output: string
  paper: Paper
  /** Left side of the footer on every page, e.g. the document's name. */
  footer: string
}

export interface WrittenFile {
  path: string
  bytes: number
  /** Pages, for PDFs. */
  pages?: number
  /** Seconds from the start of this document's work to the file being written (the kit export's timings). */
  seconds?: number
}

/** The output folder cannot be created or written; nothing was left behind in it. */
export class OutputError extends Error {
  override name = 'OutputError'
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, ch => `&#${ch.charCodeAt(0)};`)
}

/** Creates the folder (and checks it can be written) before any work, with an error a person can act on. */
export function prepareOutputFolder(folder: string): string {
  const path = resolve(folder)
  try {
    mkdirSync(path, { recursive: true })
    const probe = join(path, `.write-test-${process.pid}`)
    rmSync(probe, { force: true })
    mkdirSync(probe)
    rmSync(probe, { recursive: true, force: true })
  }
  catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error'
    throw new OutputError(`Cannot write to the output folder ${path} (${code}). Choose another with --out <folder>.`)
  }
  return path
}

/** Writes `data` next to `output` under a temporary name, then renames it into place. */
export function writeAtomically(output: string, data: string | Buffer): WrittenFile {
  const partial = join(dirname(output), `.${basename(output)}.partial`)
  try {
    mkdirSync(dirname(output), { recursive: true })
    writeFileSync(partial, data)
    renameSync(partial, output)
  }
  catch (error) {
    rmSync(partial, { force: true })
    const code = (error as NodeJS.ErrnoException).code ?? 'error'
    throw new OutputError(`Cannot write ${output} (${code}). Choose another folder with --out <folder>.`)
  }
  return { path: output, bytes: statSync(output).size }
}

/**
 * Prints an HTML document to PDF with Chromium: bookmarks from the headings,
 * a tagged (accessible) PDF, page numbers in the footer, the page size asked for.
 */
export async function renderPdf(options: RenderPdfOptions): Promise<WrittenFile> {
  const output = resolve(options.output)
  const page = await options.browser.newPage()
  try {
    await page.setContent(options.html, { waitUntil: 'load' })
    await page.evaluate(async () => {
      await document.fonts.ready
    })
    const pdf = await page.pdf({
      format: options.paper === 'a4' ? 'A4' : 'Letter',
      printBackground: true,
      outline: true,
      tagged: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: `<div style="width:100%;margin:0 16mm;display:flex;justify-content:space-between;font-family:'Nunito Sans',sans-serif;font-size:7.5pt;color:#5e5468;"><span>${escapeHtml(options.footer)}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
      margin: { top: '16mm', bottom: '18mm', left: '16mm', right: '16mm' },
    })
    const written = writeAtomically(output, pdf)
    return { ...written, pages: await countPdfPages(readFileSync(output)) }
  }
  finally {
    await page.close()
  }
}
