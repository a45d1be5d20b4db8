import { describe, expect, it } from 'vitest'
import { contentLine, hasKeyLine, keyLine } from '../../core/talk/deck-lines'

// A slide whose `---` is line 11 of the file (0-based start 10): its first key is on line 12.
const raw = [
  'info: |', // 12
  '  A line with a colon: inside the text', // 13
  '# a comment: not a key', // 14
  'talk:', // 15
  '  variants:', // 16
  '    60: { buffer: 2 }', // 17
  '    90: { buffer: 3 }', // 18
  '  agenda:', // 19
  '    - { id: welcome, title: Welcome }', // 20
  '    - id: practice', // 21
  '      title: Practice', // 22
  'poll:', // 23
  '  id: safety', // 24
  '  "kind": scale', // 25
  '  options:', // 26
  '    - A', // 27
  '    - B', // 28
  '  reveal:', // 29
  '    value: 4', // 30
  'minutes: { 60: 1, 90: 2 }', // 31
].join('\n')
const slide = { start: 10, frontmatterRaw: raw }

describe('keyLine', () => {
  it.each([
    [['talk', 'variants', '90'], 18],
    [['talk', 'agenda', 0], 20],
    [['talk', 'agenda', 1], 21],
    [['talk', 'agenda', 1, 'id'], 21],
    [['talk', 'agenda', 1, 'title'], 22],
    [['poll', 'kind'], 25],
    [['poll', 'options', 1], 28],
    [['poll', 'reveal', 'value'], 30],
    [['minutes'], 31],
  ] as const)('finds %j on line %i', (path, line) => {
    expect(keyLine(slide, path)).toBe(line)
    expect(hasKeyLine(slide, path)).toBe(true)
  })

  it('falls back to the deepest key found when the rest is missing', () => {
    expect(keyLine(slide, ['poll', 'reveal', 'source'])).toBe(29)
    expect(hasKeyLine(slide, ['poll', 'reveal', 'source'])).toBe(false)
    expect(keyLine(slide, ['minutes', '60'])).toBe(31)
  })

  it('does not take a key nested elsewhere, text inside a block scalar or a comment for the one asked', () => {
    expect(keyLine(slide, ['id'])).toBe(11)
    expect(keyLine(slide, ['A line with a colon'])).toBe(11)
    expect(keyLine(slide, ['# a comment'])).toBe(11)
    expect(keyLine(slide, ['value'])).toBe(11)
  })

  it('says 0 when the slide\'s place in the file is unknown', () => {
    expect(keyLine({ frontmatterRaw: raw }, ['poll'])).toBe(0)
  })
})

describe('contentLine', () => {
  const file = ['---', 'a: 1', '---', '', '> quoted', '---', 'b: 2', '---', '> quoted']
  it('finds a line inside the slide, not in the next one', () => {
    expect(contentLine(file, { start: 0 }, 5, line => line === '> quoted')).toBe(5)
    expect(contentLine(file, { start: 5 }, undefined, line => line === '> quoted')).toBe(9)
    expect(contentLine(file, { start: 0 }, 5, line => line === 'b: 2')).toBe(1)
  })
})
