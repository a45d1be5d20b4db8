import { readFileSync } from 'node:fs'
import { pdfPageTexts } from '../../kit/pdf-pages'

export interface PdfText {
  pages: string[]
  text: string
  numPages: number
}

/** Extracts each page's text with the kit's own pdf.js reader, the way a reader's copy-paste would see it. */
export async function readPdfText(path: string): Promise<PdfText> {
  const pages = await pdfPageTexts(readFileSync(path))
  return { pages, text: pages.join('\n'), numPages: pages.length }
}
