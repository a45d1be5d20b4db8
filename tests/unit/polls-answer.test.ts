import type { PollDefinition } from '../../core/polls/definition'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { validateAnswer } from '../../core/polls/answer'

const choice: PollDefinition = { id: 'c', kind: 'choice', question: 'Q?', options: ['a', 'b', 'c'] }
const multi: PollDefinition = { id: 'm', kind: 'multi', question: 'Q?', options: ['a', 'b', 'c', 'd'] }
const scale: PollDefinition = { id: 's', kind: 'scale', question: 'Q?', min: 1, max: 5, minLabel: 'no', maxLabel: 'yes' }
const estimate: PollDefinition = { id: 'e', kind: 'estimate', question: 'Q?', min: -10, max: 100 }
const words: PollDefinition = { id: 'w', kind: 'words', question: 'Q?', maxWords: 3 }
const oneWord: PollDefinition = { id: 'w1', kind: 'words', question: 'Q?', maxWords: 1 }
const text: PollDefinition = { id: 't', kind: 'text', question: 'Q?', maxLength: 10 }

function ok(def: PollDefinition, value: unknown) {
  const r = validateAnswer(def, value)
  if (!r.ok)
    throw new Error(`expected ok, got ${r.message}`)
  return r.value
}

function refused(def: PollDefinition, value: unknown): string {
  const r = validateAnswer(def, value)
  expect(r.ok).toBe(false)
  if (r.ok)
    throw new Error('unreachable')
  expect(r.code).toBe('invalid-answer')
  return r.message
}

describe('choice', () => {
  it('accepts indices in range, edges included', () => {
    expect(ok(choice, 0)).toBe(0)
    expect(ok(choice, 2)).toBe(2)
  })
  it.each([-1, 3, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '1', [1], null, undefined, true])('refuses %s', (value) => {
    refused(choice, value)
  })
})

describe('multi', () => {
  it('accepts unique indices and sorts them', () => {
    expect(ok(multi, [3, 0])).toEqual([0, 3])
    expect(ok(multi, [0, 1, 2, 3])).toEqual([0, 1, 2, 3])
  })
  it.each([
    ['empty', []],
    ['duplicates', [1, 1]],
    ['out of range', [0, 4]],
    ['negative', [-1]],
    ['fractions', [0.5]],
    ['NaN', [Number.NaN]],
    ['a bare number', 1],
    ['strings', ['0']],
    ['too many', [0, 1, 2, 3, 0]],
  ])('refuses %s', (_, value) => {
    refused(multi, value)
  })
})

describe('scale', () => {
  it('accepts integers from min to max', () => {
    expect(ok(scale, 1)).toBe(1)
    expect(ok(scale, 5)).toBe(5)
  })
  it.each([0, 6, 2.5, Number.NaN, '3'])('refuses %s', (value) => {
    refused(scale, value)
  })
})

describe('estimate', () => {
  it('accepts finite numbers in range, fractions and edges included', () => {
    expect(ok(estimate, -10)).toBe(-10)
    expect(ok(estimate, 100)).toBe(100)
    expect(ok(estimate, 3.25)).toBe(3.25)
    expect(Object.is(ok(estimate, -0), 0)).toBe(true)
  })
  it.each([-10.0001, 100.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, '5', null])('refuses %s', (value) => {
    refused(estimate, value)
  })
  it('never accepts a value outside [min, max]', () => {
    fc.assert(fc.property(fc.double(), (x) => {
      const r = validateAnswer(estimate, x)
      return r.ok === (Number.isFinite(x) && x >= -10 && x <= 100)
    }))
  })
})

describe('words', () => {
  it('normalizes: trims and collapses whitespace, keeping the writer\'s capitals', () => {
    expect(ok(words, ['  Brave  ', 'ASK\tfor   help'])).toEqual(['Brave', 'ASK for help'])
  })
  it('merges entries equal up to case and spacing, keeping the first spelling', () => {
    expect(ok(words, ['Help', ' help ', 'HELP'])).toEqual(['Help'])
  })
  it('accepts a single string as one entry, as typed ("Scary" reads back as "Scary")', () => {
    expect(ok(oneWord, ' Scary ')).toEqual(['Scary'])
  })
  it('refuses emoji, which the projector cannot draw, and says so', () => {
    for (const word of ['🙂', 'happy😀', '❤️', '1️⃣', '🇬🇧']) {
      const r = validateAnswer(oneWord, [word])
      expect(r).toMatchObject({ ok: false, message: 'The projector can’t show emoji: please write your word in words.' })
    }
    expect(validateAnswer({ id: 't', kind: 'text', question: 'q', maxLength: 100 }, 'I will ask 🙂')).toMatchObject({ ok: false, message: 'The projector can’t show emoji: please write your answer in words.' })
    // Symbols every text font has stay: arrows, the heart suit without the emoji selector, ©.
    expect(ok(words, ['→', '♥', '©'])).toEqual(['→', '♥', '©'])
  })
  it('keeps markup as literal text', () => {
    expect(ok(words, ['<b>bold</b>'])).toEqual(['<b>bold</b>'])
  })
  it('allows 24 characters, counting an astral character as one', () => {
    expect(ok(oneWord, ['x'.repeat(24)])).toEqual(['x'.repeat(24)])
    expect(ok(oneWord, ['𝒜'.repeat(24)])).toEqual(['𝒜'.repeat(24)])
  })
  it.each([
    ['empty list', []],
    ['empty word', ['ok', '   ']],
    ['too long', ['x'.repeat(25)]],
    ['too many', ['a', 'b', 'c', 'd']],
    ['not strings', [1]],
    ['a number', 3],
    ['control characters', ['a\u0000b']],
  ])('refuses %s', (_, value) => {
    refused(words, value)
  })
  it('refuses more than maxWords entries', () => {
    refused(oneWord, ['a', 'b'])
  })
})

describe('text', () => {
  it('trims and keeps the wording', () => {
    expect(ok(text, '  Hi there ')).toBe('Hi there')
  })
  it('keeps markup and script as literal text', () => {
    expect(ok(text, '<script>')).toBe('<script>')
  })
  it('allows exactly maxLength characters', () => {
    expect(ok(text, 'x'.repeat(10))).toBe('x'.repeat(10))
  })
  it.each([['empty', ''], ['blank', ' \n\t '], ['too long', 'x'.repeat(11)], ['a number', 5], ['NUL', 'a\u0000']])('refuses %s', (_, value) => {
    refused(text, value)
  })
})

describe('messages', () => {
  it('never echo the submitted value', () => {
    const evil = '<img src=x onerror=alert(1)>'
    for (const def of [choice, multi, scale, estimate, words, text])
      expect(refused(def, def.kind === 'text' ? evil.repeat(5) : [evil, evil, evil, evil])).not.toContain('<img')
  })
})
