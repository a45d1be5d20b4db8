import type { AnswerValue } from '../protocol'
import type { TextField } from '../text'
import type { PollDefinition } from './definition'
import { charLength, cleanText } from '../text'
import { LIMITS } from './definition'
import { mergeWords } from './words'

/** The normalized value stored for a vote. */
export type NormalizedAnswer = number | number[] | string | string[]

export type AnswerCheck
  = | { ok: true, value: NormalizedAnswer }
    | { ok: false, code: 'invalid-answer', message: string }

const WORD: TextField = { noun: 'word', collapse: true, projected: true }
const TEXT: TextField = { noun: 'answer', multiline: true, projected: true }

function fail(message: string): AnswerCheck {
  return { ok: false, code: 'invalid-answer', message }
}

function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value)
}

/**
 * Decide whether a raw answer fits its poll and return the value to store.
 * Messages describe the rule, never the submitted value.
 */
export function validateAnswer(def: PollDefinition, value: AnswerValue | unknown): AnswerCheck {
  switch (def.kind) {
    case 'choice': {
      if (!isInteger(value))
        return fail('Pick one option by its number.')
      if (value < 0 || value >= def.options.length)
        return fail(`Pick an option from 0 to ${def.options.length - 1}.`)
      return { ok: true, value }
    }
    case 'multi': {
      if (!Array.isArray(value) || value.length === 0)
        return fail('Pick at least one option.')
      if (value.length > def.options.length)
        return fail('Too many options picked.')
      if (!value.every(isInteger))
        return fail('Options are picked by their number.')
      if (value.some(i => i < 0 || i >= def.options.length))
        return fail(`Pick options from 0 to ${def.options.length - 1}.`)
      if (new Set(value).size !== value.length)
        return fail('Each option can be picked only once.')
      return { ok: true, value: [...value].sort((a, b) => a - b) }
    }
    case 'scale': {
      if (!isInteger(value))
        return fail('A scale answer is a whole number.')
      if (value < def.min || value > def.max)
        return fail(`Answer between ${def.min} and ${def.max}.`)
      return { ok: true, value }
    }
    case 'estimate': {
      if (typeof value !== 'number' || !Number.isFinite(value))
        return fail('An estimate is a number.')
      if (value < def.min || value > def.max)
        return fail(`Estimate between ${def.min} and ${def.max}.`)
      // -0 would print as "0" but compare oddly in sorts; store plain 0.
      return { ok: true, value: value === 0 ? 0 : value }
    }
    case 'words': {
      const entries = typeof value === 'string' ? [value] : value
      if (!Array.isArray(entries) || entries.length === 0 || !entries.every(e => typeof e === 'string'))
        return fail('Send one or more words.')
      if (entries.length > def.maxWords)
        return fail(`Send at most ${def.maxWords} word${def.maxWords === 1 ? '' : 's'}.`)
      const cleaned: string[] = []
      for (const entry of entries) {
        const check = cleanText(entry, WORD)
        if (!check.ok)
          return fail(check.message)
        cleaned.push(check.text)
      }
      const words = mergeWords(cleaned)
      if (words.includes(''))
        return fail('Words cannot be empty.')
      if (words.some(w => charLength(w) > LIMITS.wordLength))
        return fail(`Each word is at most ${LIMITS.wordLength} characters.`)
      return { ok: true, value: words }
    }
    case 'text': {
      if (typeof value !== 'string')
        return fail('An answer is text.')
      const check = cleanText(value, TEXT)
      if (!check.ok)
        return fail(check.message)
      const text = check.text
      if (text.length === 0)
        return fail('The answer is empty.')
      if (charLength(text) > def.maxLength)
        return fail(`Answers are at most ${def.maxLength} characters.`)
      return { ok: true, value: text }
    }
  }
}
