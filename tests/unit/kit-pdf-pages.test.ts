import { Buffer } from 'node:buffer'
import { deflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { countPdfPages } from '../../kit/render-pdf'

describe('countPdfPages', () => {
  it('counts plain page objects and not the /Pages tree', () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Pages /Count 2>> endobj\n2 0 obj <</Type /Page>> endobj\n3 0 obj <</Type/Page/Parent 1 0 R>> endobj\n', 'latin1')
    expect(countPdfPages(pdf)).toBe(2)
  })

  it('counts pages packed in compressed object streams, as pdf-lib writes them', () => {
    const packed = deflateSync(Buffer.from('4 0 5 30 <</Type /Page>> <</Type /Page /Parent 1 0 R>> <</Type /Pages /Count 2>>', 'latin1'))
    const pdf = Buffer.concat([
      Buffer.from(`%PDF-1.7\n6 0 obj\n<</Type /ObjStm /N 3 /First 8 /Filter /FlateDecode /Length ${packed.length}>>\nstream\n`, 'latin1'),
      packed,
      Buffer.from('\nendstream\nendobj\n', 'latin1'),
    ])
    expect(countPdfPages(pdf)).toBe(2)
  })
})
