import type { PollResult } from '../../core/protocol'
import type { PollSummary } from '../../kit/content/results'
import { Buffer } from 'node:buffer'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { csvCell, neutralizeFormulas, resultsToCsv, toCsv } from '../../core/polls/csv'
import { reportCsv } from '../../kit/content/results'

/** The cell's text as a spreadsheet reads it back: quotes removed, doubled quotes undone. */
function unquote(cell: string): string {
  expect(cell).toMatch(/^"[\s\S]*"$/)
  return cell.slice(1, -1).replace(/""/g, '"')
}

/** True when some segment a spreadsheet could split off the text starts a formula. */
function startsFormula(text: string): boolean {
  return text.split(/[,;\t\r\n]/).some(segment => /^[ \u00A0"]*[=+\-@]/.test(segment))
}

describe('csvCell', () => {
  it('quotes every text cell, doubling quotes inside', () => {
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
    expect(csvCell('plain')).toBe('"plain"')
    expect(csvCell('')).toBe('""')
  })
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])('guards %j against formula injection', (cell) => {
    expect(unquote(csvCell(cell)).startsWith('\'')).toBe(true)
  })
  it.each([
    ['Nice talk;=1+1;ok', 'Nice talk;\'=1+1;ok'],
    ['fine,=1+1', 'fine,\'=1+1'],
    ['fine, =1+1', 'fine, \'=1+1'],
    ['tab\t@SUM(A1)', 'tab\t\'@SUM(A1)'],
    ['ok\n=HYPERLINK("http://x","y")', 'ok\n\'=HYPERLINK("http://x","y")'],
    ['ok\r\n-2+3', 'ok\r\n\'-2+3'],
    ['a;"=1+1"', 'a;"\'=1+1"'],
    ['\t=1', '\'\t\'=1'],
  ])('guards a formula after a separator or a line break: %j', (cell, expected) => {
    expect(unquote(csvCell(cell))).toBe(expected)
    expect(startsFormula(expected)).toBe(false)
    expect(startsFormula(cell)).toBe(true)
  })
  it('leaves formula characters inside a segment alone, so the text stays readable', () => {
    expect(unquote(csvCell('well-known, e-mail; 2+2=4 @home'))).toBe('well-known, e-mail; 2+2=4 @home')
  })
  it('never lets a segment of any text start a formula, and only adds apostrophes', () => {
    const piece = fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', ',', ';', ' ', '"', '\'', 'a', '1', '\u00A0')
    fc.assert(fc.property(fc.array(piece, { maxLength: 30 }).map(parts => parts.join('')), (text) => {
      const guarded = neutralizeFormulas(text)
      return !startsFormula(guarded) && guarded.replace(/'/g, '') === text.replace(/'/g, '')
    }))
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
    expect(toCsv([['a', 1], ['b', 2]])).toBe('\uFEFF"a",1\r\n"b",2\r\n')
    expect(toCsv([])).toBe('\uFEFF')
  })

  it('keeps curly quotes and dashes as UTF-8 bytes after the mark', () => {
    const bytes = Buffer.from(toCsv([['It’s — fine']]), 'utf8')
    expect([...bytes.subarray(0, 3)]).toEqual([0xEF, 0xBB, 0xBF])
    expect(bytes.subarray(3).toString('utf8')).toBe('"It’s — fine"\r\n')
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
    const times = '"2025-01-01T00:00:00.000Z","2025-01-01T00:05:00.000Z"'
    expect(lines[0]).toBe('"poll_id","kind","question","round","opened_at","closed_at","revealed","answered","answer","count","hidden"')
    expect(lines[1]).toBe(`"c","choice","Pick, one",1,${times},true,3,"'=evil",1,false`)
    expect(lines[2]).toBe(`"c","choice","Pick, one",1,${times},true,3,"fine",2,false`)
    expect(lines[3]).toBe(`"w","words","Word?",1,${times},true,2,"'@me",2,true`)
    // Our own numbers stay numbers: a negative estimate is -2, unquoted and unguarded.
    expect(lines[4]).toBe(`"e","estimate","How many?",1,${times},true,3,-2,2,false`)
    expect(lines[5]).toBe(`"e","estimate","How many?",1,${times},true,3,4,1,false`)
    expect(lines[6]).toBe('"t","text","Why?",2,"2025-01-01T00:00:00.000Z",,true,0,,0,false')
    expect(lines[7]).toBe('')
    expect(lines).toHaveLength(8)
  })

  it('guards text answers that hide a formula after a separator or a line break', () => {
    const answers = [
      { key: 'a', text: 'Nice talk;=1+1;ok', count: 1, hidden: false },
      { key: 'b', text: 'ok\n=HYPERLINK("http://evil","x")', count: 1, hidden: false },
    ]
    const csv = resultsToCsv([{ ...base, poll: { id: 't', kind: 'text', question: 'Why?', maxLength: 200 }, total: 2, tally: { kind: 'text', answers } }])
    expect(csv).toContain(',"Nice talk;\'=1+1;ok",1,false\r\n')
    expect(csv).toContain(',"ok\n\'=HYPERLINK(""http://evil"",""x"")",1,false\r\n')
  })
})

describe('reportCsv (the kit\'s results file)', () => {
  it('goes through the same quoting and guard, after the byte-order mark', () => {
    const poll: PollSummary = { pollId: 'w', question: 'One word?', kind: 'words', total: 2, bars: [], words: [{ word: 'ok;=1+1', count: 2, weight: 1 }], mean: null, median: null, reveal: null, unit: '', privateAnswers: null, scaleLabels: null }
    const csv = reportCsv({ title: 'Workshop', session: 'workshop', exportedAt: '2025-01-01T00:00:00.000Z', participants: 2, items: [{ type: 'single', poll }], commitments: null, commitmentQuestion: null, exercise: null })
    expect(csv.startsWith('\uFEFF"session",')).toBe(true)
    expect(csv).toContain('\r\n"workshop","w","words","One word?",2,"ok;\'=1+1",2\r\n')
  })
})
