import { describe, expect, it } from 'vitest'
import { asTyped, scaleColumns } from '../../phone/render-poll'

describe('scaleColumns', () => {
  it('puts a scale on one row when every step fits at 48 px, else on rows that differ by one step at most', () => {
    // 1-5 on a 320 px phone (280 px to share), 1-7 there and on a 390 px phone (350 px): two rows of 4 + 3.
    expect(scaleColumns(5, 280)).toBe(5)
    expect(scaleColumns(7, 280)).toBe(4)
    expect(scaleColumns(7, 350)).toBe(4)
    expect(scaleColumns(7, 400)).toBe(7)
    // 0-10 at 320 px: 4 + 4 + 3, never 5 + 5 + 1.
    expect(scaleColumns(11, 280)).toBe(4)
    // 200% zoom on a 320 px phone leaves 144 px: two a row.
    expect(scaleColumns(7, 144)).toBe(2)
    expect(scaleColumns(5, 10)).toBe(1)
  })

  it('never gives a step less than 48 px, whatever the width and count', () => {
    for (let count = 2; count <= 11; count++) {
      for (let width = 48; width <= 600; width += 7) {
        const cols = scaleColumns(count, width)
        expect(cols).toBeGreaterThanOrEqual(1)
        expect(cols).toBeLessThanOrEqual(count)
        if (cols > 1)
          expect((width - (cols - 1) * 8) / cols, `${count} steps in ${width} px`).toBeGreaterThanOrEqual(48)
        const rows = Math.ceil(count / cols)
        // The last row is never much shorter than the others.
        expect(cols * rows - count, `${count} steps in ${width} px`).toBeLessThan(rows)
      }
    }
  })
})

describe('asTyped', () => {
  it('shows the words as this phone typed them when the room holds the same words in another case', () => {
    expect(asTyped(['Scary', 'Brave'], ['scary', 'brave'])).toEqual(['Scary', 'Brave'])
    // The room merges repeats; so does the phone's copy.
    expect(asTyped(['Scary', 'SCARY', 'bold'], ['scary', 'bold'])).toEqual(['Scary', 'bold'])
  })

  it('shows the room\'s answer when it differs from what this phone typed', () => {
    expect(asTyped(['Scary'], ['brave'])).toEqual(['brave'])
    expect(asTyped(null, ['brave'])).toEqual(['brave'])
    expect(asTyped(3, 4)).toBe(4)
    expect(asTyped(['a', 'b'], ['a'])).toEqual(['a'])
  })
})
