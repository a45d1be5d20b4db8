import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { textKey } from '../../core/polls/text-key'
import { charLength, mergeWords, normalizeWord } from '../../core/polls/words'

describe('normalizeWord', () => {
  it('trims and collapses whitespace, keeping capitals as typed', () => {
    expect(normalizeWord('  Ask \n For\t\tHELP  ')).toBe('Ask For HELP')
  })
  it('treats composed and decomposed accents alike', () => {
    expect(normalizeWord('Cafe\u0301')).toBe(normalizeWord('Café'))
  })
  it('is idempotent', () => {
    fc.assert(fc.property(fc.string(), s => normalizeWord(normalizeWord(s)) === normalizeWord(s)))
  })
})

describe('mergeWords', () => {
  it('drops duplicates up to case and spacing, keeping first-seen order', () => {
    expect(mergeWords(['Brave', 'scared', ' BRAVE', 'Scared '])).toEqual(['Brave', 'scared'])
  })
})

describe('charLength', () => {
  it('counts code points', () => {
    expect(charLength('🙂ab')).toBe(3)
  })
})

describe('textKey', () => {
  it('is the same for answers equal up to case and spacing', () => {
    expect(textKey('Ask  early')).toBe(textKey(' ask early '))
  })
  it('differs for different answers', () => {
    expect(textKey('ask early')).not.toBe(textKey('ask late'))
  })
  it('is stable across runs', () => {
    expect(textKey('hello')).toMatch(/^t-[0-9a-z]+$/)
    expect(textKey('hello')).toBe(textKey('hello'))
  })
})
