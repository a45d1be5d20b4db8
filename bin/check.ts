/**
 * `npm run check [-- path/to/deck.md]` (or `-- --deck path`): reads the deck as Slidev does and
 * prints every problem with `file:LINE`, what is wrong and how to fix it, then
 * one summary line. Exits 1 when there is an error; warnings leave it at 0.
 */
import process from 'node:process'
import { parseArgs } from 'node:util'
import { DeckFileError } from '../room/deck-file'
import { checkDeckFile, formatReport } from './deck-gate'

const USAGE = `Usage: npm run check [-- path/to/deck.md]   (or -- --deck path/to/deck.md, as npm start takes it)

  Checks slides.md (or the deck you name): every poll, the minutes of every
  length, the agenda and sections, essay quotes, speaker notes and the
  workshop: block. Each problem is printed as file:LINE with how to fix it.
  Exits 1 on an error; warnings are printed and leave the exit code at 0.`

function main(): void {
  let parsed
  try {
    parsed = parseArgs({ options: { deck: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true })
  }
  catch (error) {
    console.error(`\n  ${(error as Error).message}\n\n${USAGE}\n`)
    process.exitCode = 1
    return
  }
  if (parsed.values.help) {
    console.log(USAGE)
    return
  }
  const decks = [...parsed.values.deck === undefined ? [] : [parsed.values.deck], ...parsed.positionals]
  if (decks.length > 1) {
    console.error(`\n  Give one deck at a time; got ${decks.length}: ${decks.join(' ')}\n\n${USAGE}\n`)
    process.exitCode = 1
    return
  }
  try {
    const deck = checkDeckFile(decks[0])
    console.log(formatReport(deck))
    process.exitCode = deck.errors > 0 ? 1 : 0
  }
  catch (error) {
    if (!(error instanceof DeckFileError))
      throw error
    console.error(`\n  ${error.message}\n`)
    process.exitCode = 1
  }
}

main()
