import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { sections, slidesInVariant } from '../../core/talk/outline'
import { exportSlides } from '../../kit/export-slides'
import { readPdfText } from '../support/pdf'

describe('slides export with the system Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'export-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('writes a PDF whose text holds every section title, one page per slide of the variant', async () => {
    const output = join(dir, 'slides.pdf')
    await exportSlides({ output, variant: 60 })
    const pdf = await readPdfText(output)
    expect(pdf.numPages).toBe(slidesInVariant(60).length)
    // Kickers are letter-spaced capitals, which pdf.js extracts as "T H E  C O N F E S S I O N":
    // compare without spaces, case or apostrophe style.
    const squash = (text: string) => text.replace(/\s+/g, '').replace(/[’']/g, '\'').toLowerCase()
    const flat = squash(pdf.text)
    for (const section of sections.filter(s => s.kind === 'essay'))
      expect(flat, section.title).toContain(squash(section.title))
  })
})
