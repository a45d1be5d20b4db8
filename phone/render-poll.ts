import type { LIMITS, PollDefinition } from '../core/polls/definition'
import type { AnswerValue } from '../core/protocol'
import type { TextField } from '../core/text'
import { optionLetter } from '../core/polls/letters'
import { cleanText, matchKey } from '../core/text'
import { append, h, uid } from './dom'

/** Checked against core/polls/definition.ts; a literal keeps valibot out of the bundle. */
const WORD_MAX: typeof LIMITS['wordLength'] = 24

/** The same rules the server applies (core/polls/answer.ts), so a refusal shows on the field before sending. */
const WORD: TextField = { noun: 'word', collapse: true, projected: true }
const TEXT: TextField = { noun: 'answer', multiline: true, projected: true }

export type ReadResult
  = | { ok: true, value: AnswerValue }
  /** `field` is the one input at fault; without it the whole answer is. */
    | { ok: false, hint: string, field?: HTMLElement }

/** The answer controls of one poll, built once per poll and round. */
export interface AnswerControls {
  /** Goes inside the poll's `<fieldset>`, after the legend. */
  body: HTMLElement
  /** Every input that makes up the answer, in order; each is described by the poll's error message. */
  inputs: HTMLElement[]
  /** The current answer, or a sentence saying what is missing. */
  read: () => ReadResult
  /** What is wrong with the value typed so far, before anyone presses Send (a number out of range). */
  live: () => { hint: string, field: HTMLElement } | null
  fill: (value: AnswerValue) => void
  setDisabled: (disabled: boolean) => void
  /** Re-fit the layout to the width it now has (scale steps wrap into balanced rows). */
  layout?: () => void
}

/** What the poll asks for, in a few words under the question. */
export function kindHint(poll: PollDefinition): string {
  switch (poll.kind) {
    case 'choice': return 'Choose one'
    case 'multi': return 'Choose all that apply'
    case 'scale': return `Pick a number from ${poll.min} to ${poll.max}`
    case 'estimate': return 'Your best guess'
    case 'words': return poll.maxWords === 1 ? 'One word' : `Up to ${poll.maxWords} words`
    case 'text': return 'In your own words'
  }
}

/** `describedBy` is the id of the poll's error message; every input points at it. */
export function renderControls(poll: PollDefinition, describedBy: string): AnswerControls {
  switch (poll.kind) {
    case 'choice':
    case 'multi': return options(poll.options, poll.kind === 'multi', describedBy)
    case 'scale': return scale(poll, describedBy)
    case 'estimate': return estimate(poll, describedBy)
    case 'words': return words(poll.maxWords, describedBy)
    case 'text': return text(poll.maxLength, describedBy)
  }
}

function disableAll(root: HTMLElement, disabled: boolean): void {
  for (const el of root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea'))
    el.disabled = disabled
}

const noLiveProblem = (): null => null

/** Big tappable cards: the native input stays (keyboard, screen readers), the card draws the mark. */
function options(labels: readonly string[], multi: boolean, describedBy: string): AnswerControls {
  const name = uid('opt')
  // The letter is part of the name, "B, An hour or so", as the facilitator may say it; spelt out
  // here because a name pieced together from the card's flex items loses the space.
  const inputs = labels.map((label, i) => h('input', { 'type': multi ? 'checkbox' : 'radio', name, 'value': i, 'class': 'visually-hidden-input', 'aria-label': `${optionLetter(i)}, ${label}`, 'aria-describedby': describedBy }))
  const body = h('div', { class: 'options' }, ...labels.map((label, i) =>
    h('label', { class: `option ${multi ? 'is-multi' : 'is-single'}` }, inputs[i], h('span', { class: 'card' }, h('span', { 'class': 'mark', 'aria-hidden': 'true' }, optionLetter(i)), h('span', { class: 'option-text' }, label))),
  ))
  const checked = () => inputs.flatMap((input, i) => input.checked ? [i] : [])
  return {
    body,
    inputs,
    read() {
      const picked = checked()
      if (picked.length === 0)
        return { ok: false, hint: multi ? 'Pick at least one option first.' : 'Pick an option first.' }
      return { ok: true, value: multi ? picked : picked[0]! }
    },
    live: noLiveProblem,
    fill(value) {
      const picked = Array.isArray(value) ? value : [value]
      inputs.forEach((input, i) => input.checked = picked.includes(i))
    },
    setDisabled: d => disableAll(body, d),
  }
}

/** Narrowest a scale step may be (WCAG's 44 px target, with room for two digits), and the gap between steps. */
const STEP_MIN_PX = 48
const STEP_GAP_PX = 8

/**
 * Columns for `count` steps in `width` pixels: as many as fit at the
 * minimum width, then evened out so the rows differ by one step at most
 * (7 steps on a narrow phone: 4 + 3, never 6 + 1).
 */
export function scaleColumns(count: number, width: number): number {
  const fit = Math.max(1, Math.floor((width + STEP_GAP_PX) / (STEP_MIN_PX + STEP_GAP_PX)))
  const rows = Math.ceil(count / Math.min(fit, count))
  return Math.ceil(count / rows)
}

function scale(poll: Extract<PollDefinition, { kind: 'scale' }>, describedBy: string): AnswerControls {
  const name = uid('scale')
  const count = poll.max - poll.min + 1
  const inputs: HTMLInputElement[] = []
  const row = h('div', { class: 'scale' })
  // Until the row is on the page and measured: one row up to 5 steps, else two.
  row.style.setProperty('--cols', String(count <= 5 ? count : Math.ceil(count / 2)))
  for (let n = poll.min; n <= poll.max; n++) {
    const input = h('input', { 'type': 'radio', name, 'value': n, 'class': 'visually-hidden-input', 'aria-describedby': describedBy })
    inputs.push(input)
    const end = n === poll.min ? poll.minLabel : n === poll.max ? poll.maxLabel : ''
    row.append(h('label', { class: 'scale-step' }, input, h('span', { class: 'card' }, String(n), end && h('span', { class: 'visually-hidden' }, `, ${end}`))))
  }
  const ends = h('div', { 'class': 'scale-ends', 'aria-hidden': 'true' }, h('span', {}, `${poll.min} · ${poll.minLabel}`), h('span', {}, `${poll.max} · ${poll.maxLabel}`))
  const body = h('div', {}, row, ends)
  return {
    body,
    inputs,
    read() {
      const input = inputs.find(i => i.checked)
      return input ? { ok: true, value: Number(input.value) } : { ok: false, hint: 'Pick a number first.' }
    },
    live: noLiveProblem,
    fill(value) {
      for (const input of inputs)
        input.checked = Number(input.value) === value
    },
    setDisabled: d => disableAll(body, d),
    layout() {
      const width = row.clientWidth
      if (width > 0)
        row.style.setProperty('--cols', String(scaleColumns(count, width)))
    },
  }
}

/** A slider step that gives ~100-1000 positions whatever the range. */
function sliderStep(min: number, max: number): number {
  return 10 ** Math.floor(Math.log10((max - min) / 100))
}

export function formatNumber(n: number): string {
  return n.toLocaleString('en', { maximumFractionDigits: 6 })
}

function estimate(poll: Extract<PollDefinition, { kind: 'estimate' }>, describedBy: string): AnswerControls {
  const id = uid('est')
  const endsId = `${id}-ends`
  const step = sliderStep(poll.min, poll.max)
  const number = h('input', { 'id': id, 'type': 'number', 'inputmode': 'decimal', 'min': poll.min, 'max': poll.max, 'step': 'any', 'autocomplete': 'off', 'placeholder': 'Type a number', 'aria-describedby': `${endsId} ${describedBy}`, 'class': 'number' })
  const slider = h('input', { 'type': 'range', 'min': poll.min, 'max': poll.max, 'step': step, 'aria-label': 'Adjust your estimate', 'aria-describedby': `${endsId} ${describedBy}`, 'class': 'slider is-untouched' })
  slider.value = String(poll.min + (poll.max - poll.min) / 2)
  // No example value: it would anchor everyone's guess.
  const label = h('label', { for: id, class: 'field-label' }, 'Your estimate', poll.unit && h('span', { class: 'visually-hidden' }, ` in ${poll.unit}`))
  const ends = h('p', { id: endsId, class: 'range-ends' }, h('span', {}, formatNumber(poll.min)), h('span', { class: 'visually-hidden' }, ' to '), h('span', {}, `${formatNumber(poll.max)}${poll.unit ? ` ${poll.unit}` : ''}`))
  const body = h('div', { class: 'estimate' }, label, h('div', { class: 'number-row' }, number, poll.unit && h('span', { 'class': 'unit', 'aria-hidden': 'true' }, poll.unit)), slider, ends)
  const touched = () => slider.classList.remove('is-untouched')
  const rangeHint = `Enter a number from ${formatNumber(poll.min)} to ${formatNumber(poll.max)}.`
  const typed = (): number | null => number.value !== '' && Number.isFinite(number.valueAsNumber) ? number.valueAsNumber : null
  const inRange = (n: number): boolean => n >= poll.min && n <= poll.max
  slider.addEventListener('input', () => {
    number.value = slider.value
    touched()
  })
  number.addEventListener('input', () => {
    // Only a number the poll takes moves the slider: 150 in a 0-100 box stays 150
    // on screen with a message, instead of the slider silently saying 100.
    const n = typed()
    if (n !== null && inRange(n)) {
      slider.value = String(n)
      touched()
    }
  })
  return {
    body,
    inputs: [number, slider],
    read() {
      const n = typed()
      return n !== null && inRange(n) ? { ok: true, value: n } : { ok: false, hint: rangeHint, field: number }
    },
    live() {
      const n = typed()
      // Chromium reports "" for text it cannot read as a number ("1e", "--"), with badInput set.
      const unreadable = number.value === '' && number.validity.badInput
      return (n !== null && !inRange(n)) || unreadable ? { hint: rangeHint, field: number } : null
    },
    fill(value) {
      if (typeof value === 'number') {
        number.value = String(value)
        slider.value = String(value)
        touched()
      }
    },
    setDisabled: d => disableAll(body, d),
  }
}

function words(max: number, describedBy: string): AnswerControls {
  const inputs: HTMLInputElement[] = []
  const body = h('div', { class: 'words' })
  for (let i = 0; i < max; i++) {
    const id = uid('word')
    // Capitalised as typed: the room counts "Scary" and "scary" as one word anyway.
    const input = h('input', { 'id': id, 'type': 'text', 'maxlength': WORD_MAX, 'autocomplete': 'off', 'enterkeyhint': i === max - 1 ? 'send' : 'next', 'class': 'text-input', 'aria-describedby': describedBy })
    inputs.push(input)
    append(body, h('div', { class: 'field' }, h('label', { for: id, class: 'field-label' }, max === 1 ? 'Your word' : `Word ${i + 1}`, i > 0 && h('span', { class: 'optional' }, ' (optional)')), input))
  }
  return {
    body,
    inputs,
    read() {
      const value: string[] = []
      for (const input of inputs) {
        const check = cleanText(input.value, WORD)
        if (!check.ok)
          return { ok: false, hint: check.message, field: input }
        if (check.text)
          value.push(check.text)
      }
      return value.length ? { ok: true, value } : { ok: false, hint: 'Type a word first.', field: inputs[0] }
    },
    live: noLiveProblem,
    fill(value) {
      const list = Array.isArray(value) ? value : [value]
      inputs.forEach((input, i) => input.value = String(list[i] ?? ''))
    },
    setDisabled: d => disableAll(body, d),
  }
}

function text(maxLength: number, describedBy: string): AnswerControls {
  const id = uid('text')
  const counterId = `${id}-count`
  const area = h('textarea', { 'id': id, 'maxlength': maxLength, 'rows': 4, 'aria-describedby': `${counterId} ${describedBy}`, 'class': 'text-input' })
  const counter = h('p', { id: counterId, class: 'counter' })
  const update = () => {
    const left = maxLength - area.value.length
    counter.textContent = `${area.value.length} / ${maxLength} characters`
    counter.classList.toggle('is-near', left <= Math.max(10, maxLength / 10))
  }
  area.addEventListener('input', update)
  update()
  const body = h('div', { class: 'field' }, h('label', { for: id, class: 'field-label' }, 'Your answer'), area, counter)
  return {
    body,
    inputs: [area],
    read() {
      const check = cleanText(area.value, TEXT)
      if (!check.ok)
        return { ok: false, hint: check.message, field: area }
      return check.text ? { ok: true, value: check.text } : { ok: false, hint: 'Write something first.', field: area }
    },
    live: noLiveProblem,
    fill(value) {
      area.value = typeof value === 'string' ? value : ''
      update()
    },
    setDisabled: d => disableAll(body, d),
  }
}

/**
 * The words this phone typed, when the room holds the same words (it may
 * store them lowercased): "Scary" stays "Scary" on the phone that typed it.
 */
export function asTyped(typed: AnswerValue | null, server: AnswerValue): AnswerValue {
  if (!Array.isArray(typed) || !Array.isArray(server) || !typed.every(w => typeof w === 'string') || !server.every(w => typeof w === 'string'))
    return server
  const seen = new Set<string>()
  const mine = (typed as string[]).filter((word) => {
    const key = matchKey(word)
    return key !== '' && !seen.has(key) && seen.add(key)
  })
  const same = mine.length === server.length && mine.every((word, i) => matchKey(word) === matchKey(String(server[i])))
  return same ? mine : server
}

/** An answer in words, for the "Voting has closed" summary. */
export function describeAnswer(poll: PollDefinition, value: AnswerValue): string {
  const list = Array.isArray(value) ? value : [value]
  switch (poll.kind) {
    case 'choice':
    case 'multi':
      return list.map(i => typeof i === 'number' ? poll.options[i] === undefined ? '?' : `${optionLetter(i)} · ${poll.options[i]}` : String(i)).join(', ')
    case 'estimate':
      return typeof value === 'number' ? `${formatNumber(value)}${poll.unit ? ` ${poll.unit}` : ''}` : String(value)
    default:
      return list.join(', ')
  }
}
