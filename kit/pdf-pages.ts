import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

/**
 * Reads a PDF with pdf.js and returns its page count. Both Chromium's output
 * and pdf-lib's (Slidev's exporter, which packs pages into compressed object
 * streams) are parsed the way a PDF reader parses them.
 */
export async function countPdfPages(pdf: Uint8Array): Promise<number> {
  // pdf.js may take ownership of the buffer it is given: hand it a copy.
  const task = getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, stopAtErrors: true, verbosity: 0 })
  try {
    const document = await task.promise
    return document.numPages
  }
  finally {
    await task.destroy()
  }
}
