import { readFileSync } from 'node:fs'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

export interface PdfText {
  pages: string[]
  text: string
  numPages: number
}

/** Extracts each page's text with pdf.js, the way a reader's copy-paste would see it. */
export async function readPdfText(path: string): Promise<PdfText> {
  const data = new Uint8Array(readFileSync(path))
  const task = getDocument({ data, useSystemFonts: false })
  const pdf = await task.promise
  const pages: string[] = []
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n)
    const content = await page.getTextContent()
    pages.push(content.items.map(item => ('str' in item ? item.str : '')).join(' ').replace(/\s+/g, ' '))
  }
  const numPages = pdf.numPages
  await task.destroy()
  return { pages, text: pages.join('\n'), numPages }
}
