import type { PollResult } from '../../core/protocol'
import { Buffer } from 'node:buffer'
import { describe, expect, it } from 'vitest'
import { csvCell, resultsToCsv, toCsv } from '../../core/polls/csv'

describe('csvCell', () => {
  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
    expect(csvCell('plain')).toBe('plain')
  })
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])('guards %j against formula injection', (cell) => {
    expect(csvCell(cell).replace(/^"/, '').startsWith('\'')).toBe(true)
  })
  it('guards and quotes together', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"')
  })
  it('writes numbers, booleans and null as values, negative numbers unguarded', () => {
    expect(csvCell(-5)).toBe('-5')
    expect(csvCell(2.5)).toBe('2.5')
    expect(csvCell(true)).toBe('true')
    expect(csvCell(null)).toBe('')
    expect(csvCell(Number.NaN)).toBe('')
  })
})

describe('toCsv', () => {
  it('starts with a UTF-8 byte-order mark, then joins with commas and CRLF', () => {
    expect(toCsv([['a', 1], ['b', 2]])).toBe('\uFEFFa,1\r\nb,2\r\n')
    expect(toCsv([])).toBe('\uFEFF')
  })

  it('keeps curly quotes and dashes as UTF-8 bytes after the mark', () => {
    const bytes = Buffer.from(toCsv([['It’s — fine']]), 'utf8')
    expect([...bytes.subarray(0, 3)]).toEqual([0xEF, 0xBB, 0xBF])
    expect(bytes.subarray(3).toString('utf8')).toBe('It’s — fine\r\n')
  })
})

describe('resultsToCsv', () => {
  const base = { round: 1, status: 'closed', revealed: true, openedAt: Date.UTC(2025, 0, 1), closedAt: Date.UTC(2025, 0, 1, 0, 5) } as const
  it('writes one row per option, word and text, with timestamps and hidden flags', () => {
    const results: PollResult[] = [
      { ...base, poll: { id: 'c', kind: 'choice', question: 'Pick, one', options: ['=evil', 'fine'] }, total: 3, tally: { kind: 'choice', counts: [1, 2] } },
      { ...base, poll: { id: 'w', kind: 'words', question: 'Word?', maxWords: 1 }, total: 2, tally: { kind: 'words', words: [{ word: '@me', count: 2, hidden: true }] } },
      { ...base, poll: { id: 'e', kind: 'estimate', question: 'How many?', min: -10, max: 10 }, total: 3, tally: { kind: 'estimate', values: [-2, -2, 4], mean: 0, median: -2 } },
      { ...base, round: 2, closedAt: null, status: 'open', poll: { id: 't', kind: 'text', question: 'Why?', maxLength: 50 }, total: 0, tally: { kind: 'text', answers: [] } },
    ]
    const csv = resultsToCsv(results)
    expect(csv.startsWith('\uFEFF')).toBe(true)
    const lines = csv.slice(1).split('\r\n')
    expect(lines[0]).toBe('poll_id,kind,question,round,opened_at,closed_at,revealed,answered,answer,count,hidden')
    expect(lines[1]).toBe('c,choice,"Pick, one",1,2025-01-01T00:00:00.000Z,2025-01-01T00:05:00.000Z,true,3,\'=evil,1,false')
    expect(lines[2]).toBe('c,choice,"Pick, one",1,2025-01-01T00:00:00.000Z,2025-01-01T00:05:00.000Z,true,3,fine,2,false')
    expect(lines[3]).toBe('w,words,Word?,1,2025-01-01T00:00:00.000Z,2025-01-01T00:05:00.000Z,true,2,\'@me,2,true')
    expect(lines[4]).toBe('e,estimate,How many?,1,2025-01-01T00:00:00.000Z,2025-01-01T00:05:00.000Z,true,3,-2,2,false')
    expect(lines[5]).toBe('e,estimate,How many?,1,2025-01-01T00:00:00.000Z,2025-01-01T00:05:00.000Z,true,3,4,1,false')
    expect(lines[6]).toBe('t,text,Why?,2,2025-01-01T00:00:00.000Z,,true,0,,0,false')
    expect(lines[7]).toBe('')
    expect(lines).toHaveLength(8)
  })
})
