/**
 * Slidev's exporter prints the page once the body is there and the slides
 * it can see loading are done. On a busy machine it can print before Vue has
 * drawn the slides (a slide's component shows nothing for its first 300 ms),
 * and the PDF comes out with every page empty. Such a print is caught by its
 * pages carrying no text, and printed again. A slide that is only a picture
 * carries no text either: when the same pages come out textless twice, they
 * are taken as drawn.
 */

/** Prints of one deck before giving up. */
export const PRINT_ATTEMPTS = 3

export type PrintVerdict
  = | { kind: 'keep' }
    | { kind: 'again' }
    | { kind: 'fail', message: string }

/**
 * What to do after a print. `attempts` holds, for each print so far (the last
 * one last), the 0-based pages on which no text was found.
 */
export function judgePrint(attempts: ReadonlyArray<readonly number[]>, pages: number, maxAttempts = PRINT_ATTEMPTS): PrintVerdict {
  const last = attempts.at(-1)
  if (!last || last.length === 0)
    return { kind: 'keep' }
  const key = last.join(',')
  if (last.length < pages && attempts.slice(0, -1).some(earlier => earlier.join(',') === key))
    return { kind: 'keep' }
  if (attempts.length < maxAttempts)
    return { kind: 'again' }
  const slides = last.map(page => page + 1)
  const which = last.length === pages ? 'every slide' : `slide${slides.length > 1 ? 's' : ''} ${slides.join(', ')}`
  return {
    kind: 'fail',
    message: `After ${attempts.length} tries Slidev's exporter still printed ${which} without any text: it printed before the slides were drawn. Run the export again with fewer programs running; nothing was written.`,
  }
}
