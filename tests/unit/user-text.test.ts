import type { TextField } from '../../core/text'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { validateAnswer } from '../../core/polls/answer'
import { tally } from '../../core/polls/tally'
import { textKey } from '../../core/polls/text-key'
import { parseClientMessage } from '../../core/protocol'
import { charLength, cleanText, matchKey } from '../../core/text'
import { askOffer } from '../../exercises/ask-offer'
import { validateCommitment, validateSubmission } from '../../exercises/validate'

const LINE: TextField = { noun: 'nickname', collapse: true }
const LINES: TextField = { noun: 'answer', multiline: true }

function clean(raw: string, field: TextField = LINES): string {
  const check = cleanText(raw, field)
  if (!check.ok)
    throw new Error(`expected clean text, got: ${check.message}`)
  return check.text
}

function refusal(raw: string, field: TextField = LINES) {
  const check = cleanText(raw, field)
  if (check.ok)
    throw new Error(`expected a refusal, got ${JSON.stringify(check.text)}`)
  return check
}

const BIDI = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069']
const HIDDEN = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u200E', '\u200F', '\u061C', '\u180E', '\u3164', '\u{E0041}']

describe('cleanText', () => {
  it('stores NFC: composed and decomposed accents are one spelling', () => {
    expect(clean('Cafe\u0301')).toBe('Caf\u00E9')
  })

  it.each(HIDDEN)('removes the invisible %j', (ch) => {
    expect(clean(`Ad${ch}min`)).toBe('Admin')
  })

  it('removes a zero-width space that fakes a staff label', () => {
    expect(clean('Admin\u200B(facilitator)', LINE)).toBe('Admin(facilitator)')
  })

  it('keeps the joiners that change what a reader sees: emoji sequences and Persian', () => {
    expect(clean('🧑\u200D💻')).toBe('🧑\u200D💻')
    expect(clean('🏳\uFE0F\u200D🌈')).toBe('🏳\uFE0F\u200D🌈')
    expect(clean('می\u200Cخواهم')).toBe('می\u200Cخواهم')
    expect(clean('je\u200Drk')).toBe('jerk')
    expect(clean('a\u200D🙂')).toBe('a🙂')
  })

  it.each(BIDI)('refuses the direction control %j with a message a participant understands', (ch) => {
    const check = refusal(`Admin ${ch}rotcafilicaf`, LINE)
    expect(check.problem).toBe('direction')
    expect(check.message).toBe('Remove the hidden direction-control characters from your nickname.')
  })

  it.each(['\u0000', '\u0007', '\u001B', '\u007F', '\u009B', '\v', '\f'])('refuses the control character %j', (ch) => {
    expect(refusal(`a${ch}b`).problem).toBe('control')
  })

  it('refuses lone surrogates, keeps paired ones', () => {
    expect(refusal('half \uD83D of an emoji').problem).toBe('broken')
    expect(refusal('\uDE00').problem).toBe('broken')
    expect(clean('\uD83D\uDE00')).toBe('😀')
  })

  it('allows line breaks only where the field does, as LF', () => {
    expect(clean('one\r\ntwo\rthree\u2028four\u0085five')).toBe('one\ntwo\nthree\nfour\nfive')
    expect(refusal('one\ntwo', LINE)).toMatchObject({ problem: 'line-break', message: 'Your nickname must be one line.' })
    expect(refusal('one\u2029two', LINE).problem).toBe('line-break')
  })

  it('treats a tab as a space, trims, and collapses where the field does', () => {
    expect(clean('  Sam \t  Lee  ', LINE)).toBe('Sam Lee')
    expect(clean('  keep  these\tspaces  ')).toBe('keep  these spaces')
  })

  it('makes text of nothing visible empty, so callers refuse it as empty', () => {
    expect(clean('\u200B\u3164\uFE0F ')).toBe('')
  })

  it('never echoes the text in a message', () => {
    for (const raw of ['<img src=x>\u202E', '<img src=x>\u0000', '<img src=x>\uD800', '<img src=x>\n'])
      expect(refusal(raw, LINE).message).not.toContain('img')
  })

  const anyText = fc.string({ unit: fc.oneof(
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    fc.constantFrom(...BIDI, ...HIDDEN, '\n', '\r', '\t', '\u0000', '\u0085', '\u2028', '\uD800', '\uDC00', 'a', 'ｊ', ' ', '🧑', '\u0301'),
  ), maxLength: 40 })

  it('property: cleaned text has no bidi, control or format characters but the joiners it keeps on purpose', () => {
    fc.assert(fc.property(anyText, fc.boolean(), (raw, multiline) => {
      const check = cleanText(raw, { noun: 'answer', multiline, collapse: !multiline })
      if (!check.ok)
        return true
      const text = check.text
      const joinersAllowed = text.replace(/[\u200C\u200D](?=[\p{L}\p{M}\p{Extended_Pictographic}])/gu, '')
      return !/[\u202A-\u202E\u2066-\u2069\u200B\u2060\uFEFF\u00AD]/.test(text)
        && !/\p{Cf}/u.test(joinersAllowed)
        && !/[\u200C\u200D][\0-\x7F]|[\0-\x7F][\u200C\u200D]/.test(text)
        && !/\p{Cs}/u.test(text)
        && !(multiline ? /(?!\n)\p{Cc}/u : /\p{Cc}/u).test(text)
        && text === text.trim()
        && text === text.normalize('NFC')
    }), { numRuns: 2000 })
  })

  it('property: cleaning is idempotent', () => {
    fc.assert(fc.property(anyText, (raw) => {
      const once = cleanText(raw, LINES)
      return !once.ok || clean(once.text) === once.text
    }), { numRuns: 2000 })
  })
})

describe('matchKey', () => {
  it('makes jerk, JERK, full-width and zero-width-split spellings one word', () => {
    const keys = ['jerk', 'JERK', 'Jerk', 'ｊｅｒｋ', 'ＪＥＲＫ', 'je\u200Brk', 'je\u00ADrk', ' jerk ', 'j\u2060e\uFEFFrk']
    expect(new Set(keys.map(matchKey))).toEqual(new Set(['jerk']))
    expect(matchKey('jerks')).not.toBe('jerk')
  })

  it('folds case fully and ignores variation selectors and joiners', () => {
    expect(matchKey('STRASSE')).toBe(matchKey('straße'))
    expect(matchKey('\u1E9E')).toBe('ss')
    expect(matchKey('❤\uFE0F')).toBe(matchKey('❤'))
    expect(matchKey('🧑\u200D💻')).toBe(matchKey('🧑💻'))
  })

  it('keeps accents apart: résumé is not resume', () => {
    expect(matchKey('Résumé')).toBe(matchKey('re\u0301sume\u0301'))
    expect(matchKey('résumé')).not.toBe(matchKey('resume'))
  })

  it('property: a key is its own key (idempotent)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), s => matchKey(matchKey(s)) === matchKey(s)), { numRuns: 5000 })
  })

  it('property: a key has no invisible, control or surrogate characters and no outer spaces', () => {
    fc.assert(fc.property(fc.string({ unit: fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), fc.constantFrom(...BIDI, ...HIDDEN, '\uD800', '\t', '\n')), maxLength: 40 }), (s) => {
      const key = matchKey(s)
      return !/[\p{Cf}\p{Cc}\p{Cs}\p{Default_Ignorable_Code_Point}]/u.test(key) && key === key.trim() && !key.includes('  ')
    }), { numRuns: 3000 })
  })
})

describe('every user text goes through it', () => {
  const words = { id: 'w', kind: 'words', question: 'Word?', maxWords: 3 } as const
  const text = { id: 't', kind: 'text', question: 'Why?', maxLength: 10 } as const

  it('poll words: cleaned, one entry per key, the bidi override refused', () => {
    expect(validateAnswer(words, ['je\u200Brk', 'ｊｅｒｋ', 'Brave'])).toEqual({ ok: true, value: ['jerk', 'Brave'] })
    expect(validateAnswer(words, ['a\u202Eb'])).toMatchObject({ ok: false, message: 'Remove the hidden direction-control characters from your word.' })
    expect(validateAnswer(words, ['one\ntwo'])).toMatchObject({ ok: false, message: 'Your word must be one line.' })
    expect(validateAnswer(words, ['\u200B'])).toMatchObject({ ok: false, message: 'Words cannot be empty.' })
  })

  it('open text: line breaks kept, length counted after cleaning', () => {
    expect(validateAnswer(text, 'ab\r\ncd')).toEqual({ ok: true, value: 'ab\ncd' })
    expect(validateAnswer(text, `0123456789${'\u200B'.repeat(20)}`)).toEqual({ ok: true, value: '0123456789' })
    expect(validateAnswer(text, 'a\u2067b')).toMatchObject({ ok: false, message: 'Remove the hidden direction-control characters from your answer.' })
  })

  it('word cloud: spellings with one key count as one word, hidden by any of them', () => {
    const votes = [['jerk'], ['ｊｅｒｋ'], ['je\u200Brk'], ['nice']].map((value, at) => ({ value, at }))
    const result = tally(words, votes, new Set(['JERK']))
    expect(result.tally).toEqual({ kind: 'words', words: [{ word: 'jerk', count: 3, hidden: true }, { word: 'nice', count: 1, hidden: false }] })
  })

  it('open text: the same answer in other spellings shares one key', () => {
    expect(textKey('Ask ｅａｒｌｙ')).toBe(textKey('ask\u200B early'))
    const votes = [{ value: 'jerk', at: 1 }, { value: 'ＪＥＲＫ', at: 2 }]
    expect(tally(text, votes, new Set([textKey('jerk')])).tally).toEqual({ kind: 'text', answers: [{ key: textKey('jerk'), text: 'jerk', count: 2, hidden: true }] })
  })

  it('exercise asks, offers and commitments: cleaned, and refused with the same messages', () => {
    const good = { ask: 'I am\u200B working on a talk and could use feedback by Friday', askTopics: ['career'], offers: ['Code\u00ADreviews'] }
    const check = validateSubmission(askOffer, good)
    expect(check).toMatchObject({ ok: true, submission: { ask: 'I am working on a talk and could use feedback by Friday', offers: ['Codereviews'] } })
    const bidi = validateSubmission(askOffer, { ...good, ask: 'I need help \u202Ewith the plan by Friday' })
    expect(bidi).toMatchObject({ ok: false, issues: [{ field: 'ask', message: 'Remove the hidden direction-control characters from your ask.' }] })
    const offer = validateSubmission(askOffer, { ...good, offers: ['Code\u2066reviews'] })
    expect(offer).toMatchObject({ ok: false, issues: [{ field: 'offers.0', message: 'Remove the hidden direction-control characters from your offer.' }] })
    const commitment = validateCommitment(askOffer.commitment, { who: 'Pri\u200Bya', what: 'a review', when: 'Fri\u202Eday' })
    expect(commitment).toMatchObject({ ok: false, issues: [{ field: 'when', message: 'Remove the hidden direction-control characters from your commitment.' }] })
    expect(validateCommitment(askOffer.commitment, { who: 'Pri\u200Bya', what: 'a review', when: 'Friday' })).toMatchObject({ ok: true, values: { who: 'Priya' } })
  })

  it('nicknames: cleaned by the protocol schema, a bidi override refused with its message', () => {
    const hello = (nickname: string) => parseClientMessage(JSON.stringify({ type: 'hello', participantId: 'abcdefgh', nickname }))
    const ok = hello('  Admin\u200B(facilitator) ')
    expect(ok.ok && ok.message.type === 'hello' && ok.message.nickname).toBe('Admin(facilitator)')
    expect(hello('Sam \u202Egnp.exe')).toEqual({ ok: false, code: 'bad-nickname', message: 'Remove the hidden direction-control characters from your nickname.' })
    expect(hello('x'.repeat(25))).toMatchObject({ ok: false, message: 'A nickname can be at most 24 characters.' })
    // The limit counts code points after cleaning: 24 astral letters fit, zero-width padding does not count.
    expect(hello('𝒜'.repeat(24)).ok).toBe(true)
    // Nicknames can go on the projector's pair table, which has no emoji font.
    expect(hello('Sam 🙂')).toEqual({ ok: false, code: 'bad-nickname', message: 'The projector can’t show emoji: please write your nickname in words.' })
    expect(hello(`${'x'.repeat(24)}${'\u200B'.repeat(10)}`).ok).toBe(true)
    expect(charLength('🙂'.repeat(24))).toBe(24)
  })
})
