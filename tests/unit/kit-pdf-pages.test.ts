import { Buffer } from 'node:buffer'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { countPdfPages, textlessPdfPages } from '../../kit/pdf-pages'

/** A minimal, valid PDF with `pages` blank pages and a correct cross-reference table. */
function blankPdf(pages: number): Buffer {
  const kids = Array.from({ length: pages }, (_, i) => `${i + 3} 0 R`).join(' ')
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`,
    ...Array.from({ length: pages }).fill('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>'),
  ]
  let body = '%PDF-1.7\n'
  const offsets: number[] = []
  objects.forEach((object, i) => {
    offsets.push(body.length)
    body += `${i + 1} 0 obj\n${object}\nendobj\n`
  })
  const xref = body.length
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  body += offsets.map(offset => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(body, 'latin1')
}

describe('countPdfPages', () => {
  it('reads the page count from the page tree, not from the word /Page', async () => {
    expect(await countPdfPages(blankPdf(1))).toBe(1)
    expect(await countPdfPages(blankPdf(3))).toBe(3)
  })

  it('refuses bytes that are not a PDF instead of reporting zero pages', async () => {
    await expect(countPdfPages(Buffer.from('<html>not a pdf</html>'))).rejects.toThrow()
  })
})

describe('textlessPdfPages', () => {
  it('names the pages with no text, counting a page with only spaces as empty', async () => {
    const pdf = await PDFDocument.create()
    const font = await pdf.embedFont(StandardFonts.Helvetica)
    const lines = ['Asking for help', '', '   ', 'Isolation is the enemy']
    for (const line of lines) {
      const page = pdf.addPage([400, 300])
      if (line)
        page.drawText(line, { x: 20, y: 150, size: 18, font })
    }
    expect(await textlessPdfPages(await pdf.save())).toEqual({ textless: [1, 2], pages: 4 })
  })

  it('finds every page empty in a print made before anything was drawn', async () => {
    expect(await textlessPdfPages(blankPdf(3))).toEqual({ textless: [0, 1, 2], pages: 3 })
  })
})
