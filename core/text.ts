/**
 * One rule set for all text a participant types: nicknames, poll words and
 * open answers, exercise asks, offers and commitments. Anyone on the room's
 * Wi-Fi can send these and they reach the projector, other phones and CSV
 * files, so what is stored is what a reader sees, with nothing hidden in it:
 *
 * - NFC, so "é" typed as one or two code points is stored one way.
 * - Invisible format characters (`\p{Cf}`: zero-width space, non-joiner and
 *   joiner, word joiner, BOM, soft hyphen, the LRM/RLM/ALM marks, tag
 *   characters, …) and the Hangul fillers that draw as a blank letter are
 *   removed: they change nothing a reader sees except to hide a difference
 *   (`Admin\u200B(facilitator)`). LRM/RLM are removed, not refused, because
 *   right-to-left keyboards insert them and they only nudge the punctuation
 *   next to them. Two exceptions stay, because removing them changes what the
 *   writer sees: a joiner between two emoji (🧑‍💻 is one picture) and a joiner
 *   or non-joiner between two letters (or a sign and a letter) of a script
 *   that shapes with them: Arabic and Persian, Syriac, N'Ko, Mongolian, the
 *   Indic scripts. Never in Latin, Greek or Cyrillic text.
 * - Refused with a message: direction embeddings, overrides and isolates
 *   (U+202A–U+202E, U+2066–U+2069, "Trojan Source"; removing them would
 *   silently reorder what the writer saw), C0/C1 control characters, line
 *   breaks in a one-line field, and lone surrogates (half of an emoji).
 * - Emoji, in fields the projector shows (`projected`: poll words and
 *   answers, nicknames): refused with a message. The kit bundles no emoji
 *   font (an offline colour-emoji font is ~10 MB) and the projector's
 *   fonts draw emoji as empty boxes, so the writer is asked for words instead.
 * - A tab is whitespace and becomes a space; CR LF, CR, NEL, U+2028 and
 *   U+2029 become LF where the field allows line breaks.
 *
 * Lengths are the callers' (in code points, after cleaning), and so are their
 * messages. `matchKey` is the form used to compare text, never to show it.
 */

export interface TextField {
  /** How a message names the field after "your": "nickname", "answer", "ask". */
  noun: string
  /** Keep line breaks (as LF): open answers and asks. Never nicknames or words. */
  multiline?: boolean
  /** Turn every run of whitespace into one space: nicknames and words. */
  collapse?: boolean
  /** Shown on the projector, which has no emoji font: emoji are refused. */
  projected?: boolean
}

export type TextProblem = 'broken' | 'line-break' | 'direction' | 'control' | 'emoji'

export type TextCheck
  = | { ok: true, text: string }
    | { ok: false, problem: TextProblem, message: string }

// In `u` mode a valid pair is one code point, so only broken halves match.
const LONE_SURROGATE = /\p{Cs}/u
const LINE_BREAK = /\r\n?|[\n\u0085\u2028\u2029]/g
const DIRECTION_CONTROL = /[\u202A-\u202E\u2066-\u2069]/
// C0 and C1 controls. By the time this runs tabs are spaces, CR is LF, and LF
// has been checked per field.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\v\f\u000E-\u001F\u007F-\u009F]/
// Format characters but the joiners (decided in context), and the Hangul fillers.
const INVISIBLE = /[^\P{Cf}\u200C\u200D]|[\u115F\u1160\u3164\uFFA0]/gu
const JOINER = /[\u200C\u200D]/g
// Scripts whose letters join or form conjuncts, where ZWJ/ZWNJ change the drawing.
const SHAPING_SCRIPT = /[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Nko}\p{Script=Mongolian}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}]/u
const MARK = /\p{M}/u
// Drawn as a colour picture by default, or asked to be (U+FE0F after it), or a keycap (1️⃣): what an emoji font draws.
const EMOJI = /[\p{Emoji_Presentation}\uFE0F\u20E3]/u

function refuse(problem: TextProblem, field: TextField): TextCheck {
  const noun = field.noun
  switch (problem) {
    case 'broken':
      return { ok: false, problem, message: `Your ${noun} contains a broken character; please retype it.` }
    case 'line-break':
      return { ok: false, problem, message: `Your ${noun} must be one line.` }
    case 'direction':
      return { ok: false, problem, message: `Remove the hidden direction-control characters from your ${noun}.` }
    case 'control':
      return { ok: false, problem, message: `Your ${noun} contains invisible control characters; please retype it.` }
    case 'emoji':
      return { ok: false, problem, message: `The projector can’t show emoji: please write your ${noun} in words.` }
  }
}

function isPictograph(cp: number): boolean {
  return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2190 && cp <= 0x2BFF)
}

/** The emoji presentation selector and the skin-tone modifiers, which follow an emoji. */
function isEmojiTrailer(cp: number): boolean {
  return cp === 0xFE0F || (cp >= 0x1F3FB && cp <= 0x1F3FF)
}

/** Where the code point that ends at `index` starts. */
function startBefore(text: string, index: number): number {
  const unit = text.charCodeAt(index - 1)
  const high = index >= 2 ? text.charCodeAt(index - 2) : 0
  return unit >= 0xDC00 && unit <= 0xDFFF && high >= 0xD800 && high <= 0xDBFF ? index - 2 : index - 1
}

/** Whether an emoji ends at `index`, after its presentation selector and skin tone. */
function pictographBefore(text: string, index: number): boolean {
  let i = index
  while (i > 0) {
    const start = startBefore(text, i)
    const cp = text.codePointAt(start)!
    if (!isEmojiTrailer(cp))
      return isPictograph(cp)
    i = start
  }
  return false
}

/** Whether a joiner or non-joiner at `index` changes how its neighbours draw. */
function joinsHere(text: string, index: number): boolean {
  const after = text.codePointAt(index + 1)
  if (after === undefined)
    return false
  if (text[index] === '\u200D' && isPictograph(after) && pictographBefore(text, index))
    return true
  if (index === 0)
    return false
  const before = String.fromCodePoint(text.codePointAt(startBefore(text, index))!)
  // Before may be a vowel sign or virama (a mark); after is the next letter.
  return (SHAPING_SCRIPT.test(before) || MARK.test(before)) && SHAPING_SCRIPT.test(String.fromCodePoint(after))
}

function removeInvisible(text: string): string {
  // The rest first, so a joiner is judged by the neighbours that stay.
  return text.replace(INVISIBLE, '').replace(JOINER, (ch, index: number, whole: string) => joinsHere(whole, index) ? ch : '')
}

/**
 * Clean one piece of user text for storage and display, or say in words a
 * participant understands why it is refused. The message never echoes the text.
 */
export function cleanText(raw: string, field: TextField): TextCheck {
  if (LONE_SURROGATE.test(raw))
    return refuse('broken', field)
  const text = raw.replace(/\t/g, ' ').replace(LINE_BREAK, '\n')
  if (!field.multiline && text.includes('\n'))
    return refuse('line-break', field)
  if (DIRECTION_CONTROL.test(text))
    return refuse('direction', field)
  if (CONTROL.test(text))
    return refuse('control', field)
  const clean = removeInvisible(text).normalize('NFC')
  if (field.projected && EMOJI.test(clean))
    return refuse('emoji', field)
  const out = (field.collapse ? clean.replace(/\s+/g, ' ') : clean).trim()
  // Nothing a reader can see (say, a lone variation selector) counts as empty.
  return { ok: true, text: matchKey(out) === '' ? '' : out }
}

/** Length in code points, so an emoji counts as one character. */
export function charLength(text: string): number {
  let n = 0
  for (const _ of text)
    n++
  return n
}

// Everything a reader cannot see, joiners and variation selectors included.
const KEY_DROP = /[\p{Cf}\p{Default_Ignorable_Code_Point}\p{Cs}]/gu
const KEY_SPACE = /[\p{Cc}\s]+/gu

function keyPass(text: string): string {
  // Lower, upper, lower: "ß", "SS" and "ẞ" all end as "ss", as case folding does.
  const folded = text.replace(KEY_DROP, '').normalize('NFKC').toLowerCase().toUpperCase().toLowerCase()
  return folded.normalize('NFKC').replace(KEY_DROP, '').replace(KEY_SPACE, ' ').trim()
}

/**
 * The form two texts are compared in, for moderation and for counting words:
 * compatibility-normalized (NFKC: full-width ｊｅｒｋ is jerk), case-folded,
 * with every invisible character dropped and whitespace collapsed, so `jerk`,
 * `JERK`, `ｊｅｒｋ` and `je\u200Brk` are one word. Never shown; stored text
 * keeps its NFC spelling. Idempotent: a key is its own key.
 */
export function matchKey(text: string): string {
  let key = keyPass(text)
  // Case mapping can leave text NFKC changes again (and back); a few passes settle it.
  for (let pass = 0; pass < 3; pass++) {
    const next = keyPass(key)
    if (next === key)
      break
    key = next
  }
  return key
}
