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
    const flat = pdf.text.replace(/\s+/g, ' ')
    for (const section of sections)
      expect(flat, section.title).toContain(section.title)
  })
})
