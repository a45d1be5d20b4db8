import type { PollResult } from '../protocol'

export type CsvCell = string | number | boolean | null

// Spreadsheets run a cell starting with one of these as a formula (OWASP "CSV injection").
const FORMULA = new Set(['=', '+', '-', '@', '\t', '\r'])
// Where a spreadsheet may start a new cell inside our text: a list separator
// (comma; semicolon in locales with a decimal comma; tab) or a line break, when
// the file is re-split on import or the text is pasted elsewhere.
const SEPARATOR = new Set([',', ';', '\t', '\r', '\n'])
// What a spreadsheet may trim or unquote before it looks for a formula.
const PADDING = new Set([' ', '\u00A0', '"'])

/**
 * Put `'` before every formula character that starts the text or a segment
 * after a separator (spaces or a quote may come between): `Nice talk;=1+1`
 * becomes `Nice talk;'=1+1`, `ok\n=HYPERLINK(…)` becomes `ok\n'=HYPERLINK(…)`.
 * The text stays readable and no segment starts a formula.
 */
export function neutralizeFormulas(text: string): string {
  let out = ''
  let segmentStart = true
  for (const ch of text) {
    if (segmentStart && FORMULA.has(ch))
      out += '\''
    out += ch
    if (SEPARATOR.has(ch))
      segmentStart = true
    else if (!PADDING.has(ch))
      segmentStart = false
  }
  return out
}

/**
 * One CSV cell. Every string is quoted and has its formulas neutralized
 * (`neutralizeFormulas`); numbers we produced ourselves are written as they
 * are, so a negative estimate stays the number -2.
 */
export function csvCell(cell: CsvCell): string {
  if (cell === null)
    return ''
  if (typeof cell === 'number')
    return Number.isFinite(cell) ? String(cell) : ''
  if (typeof cell === 'boolean')
    return cell ? 'true' : 'false'
  return `"${neutralizeFormulas(cell).replace(/"/g, '""')}"`
}

/**
 * Excel on Windows reads a CSV file as the machine's legacy code page unless
 * it starts with a UTF-8 byte-order mark; without it ’ and — print as â€™.
 */
export const UTF8_BOM = '\uFEFF'

/** A CSV file's text: a UTF-8 byte-order mark, then RFC 4180 rows (comma-separated, CRLF line ends, every string quoted). */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return UTF8_BOM + rows.map(row => row.map(csvCell).join(',')).join('\r\n').concat(rows.length ? '\r\n' : '')
}

export const RESULT_COLUMNS = ['poll_id', 'kind', 'question', 'round', 'opened_at', 'closed_at', 'revealed', 'answered', 'answer', 'count', 'hidden'] as const

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString()
}

/**
 * Results in long form: one row per answer option, scale value, distinct
 * estimate, word or text, for every round given. Rounds nobody answered still
 * get their option rows (with zero counts) so the file shows the question.
 */
export function resultsToCsv(results: readonly PollResult[]): string {
  const rows: CsvCell[][] = [[...RESULT_COLUMNS]]
  for (const r of results) {
    const head: CsvCell[] = [r.poll.id, r.poll.kind, r.poll.question, r.round, iso(r.openedAt), iso(r.closedAt), r.revealed, r.total]
    const t = r.tally
    switch (t.kind) {
      case 'choice':
      case 'multi': {
        const options = r.poll.kind === 'choice' || r.poll.kind === 'multi' ? r.poll.options : []
        t.counts.forEach((count, i) => rows.push([...head, options[i] ?? String(i), count, false]))
        break
      }
      case 'scale': {
        const min = r.poll.kind === 'scale' ? r.poll.min : 0
        t.counts.forEach((count, i) => rows.push([...head, min + i, count, false]))
        break
      }
      case 'estimate': {
        const counts = new Map<number, number>()
        for (const x of t.values)
          counts.set(x, (counts.get(x) ?? 0) + 1)
        for (const [value, count] of counts)
          rows.push([...head, value, count, false])
        if (counts.size === 0)
          rows.push([...head, null, 0, false])
        break
      }
      case 'words':
        for (const w of t.words)
          rows.push([...head, w.word, w.count, w.hidden])
        if (t.words.length === 0)
          rows.push([...head, null, 0, false])
        break
      case 'text':
        for (const a of t.answers)
          rows.push([...head, a.text, a.count, a.hidden])
        if (t.answers.length === 0)
          rows.push([...head, null, 0, false])
        break
    }
  }
  return toCsv(rows)
}
