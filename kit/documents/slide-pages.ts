import type { Browser, Route } from 'playwright-chromium'
import type { SlidePage } from '../content/guide'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, normalize } from 'node:path'

const require = createRequire(import.meta.url)

// A made-up origin the page never leaves: every request to it is answered by `page.route`
// from node_modules and the PDF on disk, so nothing is fetched off the machine.
const ORIGIN = 'http://slides.kit.invalid'

const TYPES: Record<string, string> = {
  '.mjs': 'text/javascript',
  '.js': 'text/javascript',
  '.html': 'text/html',
  '.pdf': 'application/pdf',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
}

function typeOf(path: string): string {
  return TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream'
}

/** Thumbnail width in CSS pixels: sharp at the guide's printed size (about 60 mm) and a modest file. */
const THUMB_WIDTH = 640

// Runs inside the page, so it is plain JavaScript in a string: a bundler's helpers
// (which tsx and Vite add to compiled functions) do not exist there.
const READ_PAGES = `async (width) => {
  const pdfjs = await import('/build/pdf.mjs')
  pdfjs.GlobalWorkerOptions.workerSrc = '/build/pdf.worker.mjs'
  const task = pdfjs.getDocument({ url: '/slides.pdf', cMapUrl: '/cmaps/', cMapPacked: true, standardFontDataUrl: '/standard_fonts/', wasmUrl: '/wasm/' })
  const pdf = await task.promise
  const pages = []
  for (let number = 1; number <= pdf.numPages; number++) {
    const slide = await pdf.getPage(number)
    const viewport = slide.getViewport({ scale: width / slide.getViewport({ scale: 1 }).width })
    const canvas = document.createElement('canvas')
    canvas.width = Math.round(viewport.width)
    canvas.height = Math.round(viewport.height)
    await slide.render({ canvas, canvasContext: canvas.getContext('2d'), viewport }).promise
    const content = await slide.getTextContent()
    const lines = []
    let line = ''
    for (const item of content.items) {
      if (!('str' in item))
        continue
      line += item.str
      if (item.hasEOL) {
        lines.push(line)
        line = ''
      }
    }
    lines.push(line)
    pages.push({
      number,
      lines: lines.map(text => text.replace(/\\s+/g, ' ').trim()).filter(text => text !== ''),
      image: canvas.toDataURL('image/jpeg', 0.86),
    })
    slide.cleanup()
  }
  await task.destroy()
  return pages
}`

/**
 * Reads the exported slides PDF the way the audience sees it: each page's text
 * (pdf.js, line by line) and a JPEG thumbnail rendered by pdf.js inside Chromium.
 */
export async function readSlidePages(browser: Browser, pdfPath: string): Promise<SlidePage[]> {
  const pdfjsRoot = dirname(require.resolve('pdfjs-dist/package.json'))
  const pdf = await readFile(pdfPath)
  const context = await browser.newContext()
  try {
    await context.route('**/*', async (route: Route) => {
      const url = new URL(route.request().url())
      if (url.origin !== ORIGIN)
        return route.abort()
      if (url.pathname === '/')
        return route.fulfill({ contentType: 'text/html', body: '<!doctype html><meta charset="utf-8"><title>slides</title>' })
      if (url.pathname === '/slides.pdf')
        return route.fulfill({ contentType: 'application/pdf', body: pdf })
      const path = normalize(join(pdfjsRoot, decodeURIComponent(url.pathname)))
      if (!path.startsWith(pdfjsRoot))
        return route.abort()
      try {
        return route.fulfill({ contentType: typeOf(path), body: await readFile(path) })
      }
      catch {
        return route.fulfill({ status: 404, body: '' })
      }
    })
    const page = await context.newPage()
    await page.goto(`${ORIGIN}/`)
    return await page.evaluate(`(${READ_PAGES})(${THUMB_WIDTH})`) as SlidePage[]
  }
  finally {
    await context.close()
  }
}

export interface GuidePagesOptions {
  browser: Browser
  /** The slides PDF this export is writing anyway, when it is. */
  slidesPdf?: Promise<string>
  /** Exports the variant's slides PDF to a path, when the export does not write one. */
  exportSlidesTo: (output: string) => Promise<unknown>
}

/**
 * The slide pages the guide prints: read from the export's own slides.pdf, or
 * from one exported into a temporary folder that is removed afterwards.
 */
export async function slidePagesForGuide(options: GuidePagesOptions): Promise<SlidePage[]> {
  if (options.slidesPdf)
    return readSlidePages(options.browser, await options.slidesPdf)
  const folder = await mkdtemp(join(tmpdir(), 'guide-slides-'))
  try {
    const output = join(folder, 'slides.pdf')
    await options.exportSlidesTo(output)
    return await readSlidePages(options.browser, output)
  }
  finally {
    await rm(folder, { recursive: true, force: true })
  }
}
