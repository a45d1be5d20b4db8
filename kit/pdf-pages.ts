import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

/**
 * Reads a PDF with pdf.js and returns its page count. Both Chromium's output
 * and pdf-lib's (Slidev's exporter, which packs pages into compressed object
 * streams) are parsed the way a PDF reader parses them.
 */
export async function countPdfPages(pdf: Uint8Array): Promise<number> {
  return withPdf(pdf, async document => document.numPages)
}

/** Each page's text as pdf.js extracts it (what a reader's copy-paste sees), runs of white space as one space. */
export async function pdfPageTexts(pdf: Uint8Array): Promise<string[]> {
  return withPdf(pdf, async (document) => {
    const pages: string[] = []
    for (let n = 1; n <= document.numPages; n++) {
      const content = await (await document.getPage(n)).getTextContent()
      pages.push(content.items.map(item => ('str' in item ? item.str : '')).join(' ').replace(/\s+/g, ' '))
    }
    return pages
  })
}

/** The 0-based indices of the pages on which pdf.js finds no text at all, and the page count. */
export async function textlessPdfPages(pdf: Uint8Array): Promise<{ textless: number[], pages: number }> {
  const pages = await pdfPageTexts(pdf)
  return { textless: pages.flatMap((text, i) => text.trim() ? [] : [i]), pages: pages.length }
}

async function withPdf<T>(pdf: Uint8Array, read: (document: PDFDocumentProxy) => Promise<T>): Promise<T> {
  // pdf.js may take ownership of the buffer it is given: hand it a copy.
  const task = getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, stopAtErrors: true, verbosity: 0 })
  try {
    return await read(await task.promise)
  }
  finally {
    await task.destroy()
  }
}
