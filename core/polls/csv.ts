import type { PollResult } from '../protocol'

export type CsvCell = string | number | boolean | null

// Spreadsheets run cells starting with these as formulas (OWASP "CSV injection").
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * One CSV cell. Strings that a spreadsheet would run as a formula get a
 * leading `'`; numbers we produced ourselves are written as they are, so a
 * negative estimate stays a number.
 */
export function csvCell(cell: CsvCell): string {
  if (cell === null)
    return ''
  if (typeof cell === 'number')
    return Number.isFinite(cell) ? String(cell) : ''
  if (typeof cell === 'boolean')
    return cell ? 'true' : 'false'
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/**
 * Excel on Windows reads a CSV file as the machine's legacy code page unless
 * it starts with a UTF-8 byte-order mark; without it ’ and — print as â€™.
 */
export const UTF8_BOM = '\uFEFF'

/** A CSV file's text: a UTF-8 byte-order mark, then RFC 4180 rows (comma-separated, CRLF line ends). */
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
