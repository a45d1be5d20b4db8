import { describe, expect, it } from 'vitest'
import { judgePrint, PRINT_ATTEMPTS } from '../../kit/blank-slides'

describe('judgePrint: whether a slides print came out before the slides were drawn', () => {
  it('keeps a print on which every page carries text', () => {
    expect(judgePrint([[]], 18)).toEqual({ kind: 'keep' })
    expect(judgePrint([[0, 1, 2], []], 3)).toEqual({ kind: 'keep' })
  })

  it('prints again when every page came out empty', () => {
    const all = Array.from({ length: 18 }, (_, i) => i)
    expect(judgePrint([all], 18)).toEqual({ kind: 'again' })
    // The same all-empty print twice is still the race, never a deck of pictures.
    expect(judgePrint([all, all], 18)).toEqual({ kind: 'again' })
  })

  it('keeps a picture-only slide once it comes out textless twice, the same pages each time', () => {
    expect(judgePrint([[4]], 18)).toEqual({ kind: 'again' })
    expect(judgePrint([[4], [4]], 18)).toEqual({ kind: 'keep' })
    // A print that raced in between does not hide the match.
    const all = Array.from({ length: 18 }, (_, i) => i)
    expect(judgePrint([[4], all, [4]], 18)).toEqual({ kind: 'keep' })
    expect(judgePrint([[4], [4, 5]], 18)).toEqual({ kind: 'again' })
  })

  it('gives up after the last try and says which slides, counted from 1, and that nothing was written', () => {
    const all = [0, 1, 2]
    const verdict = judgePrint(Array.from<number[]>({ length: PRINT_ATTEMPTS }).fill(all), 3)
    expect(verdict.kind).toBe('fail')
    expect(verdict.kind === 'fail' && verdict.message).toMatch(/every slide without any text.*nothing was written/)
    const some = judgePrint([[1], [1, 3], [3, 6]], 8)
    expect(some.kind === 'fail' && some.message).toMatch(/After 3 tries .* slides 4, 7 without any text/)
  })
})
