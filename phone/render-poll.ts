import type { LIMITS, PollDefinition } from '../core/polls/definition'
import type { AnswerValue } from '../core/protocol'
import { append, h, uid } from './dom'

/** Checked against core/polls/definition.ts; a literal keeps valibot out of the bundle. */
const WORD_MAX: typeof LIMITS['wordLength'] = 24

/** The answer controls of one poll, built once per poll and round. */
export interface AnswerControls {
  /** Goes inside the poll's `<fieldset>`, after the legend. */
  body: HTMLElement
  /** The current answer, or a sentence saying what is missing. */
  read: () => { ok: true, value: AnswerValue } | { ok: false, hint: string }
  fill: (value: AnswerValue) => void
  setDisabled: (disabled: boolean) => void
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

export function renderControls(poll: PollDefinition): AnswerControls {
  switch (poll.kind) {
    case 'choice':
    case 'multi': return options(poll.options, poll.kind === 'multi')
    case 'scale': return scale(poll)
    case 'estimate': return estimate(poll)
    case 'words': return words(poll.maxWords)
    case 'text': return text(poll.maxLength)
  }
}

function disableAll(root: HTMLElement, disabled: boolean): void {
  for (const el of root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea'))
    el.disabled = disabled
}

/** Big tappable cards: the native input stays (keyboard, screen readers), the card draws the mark. */
function options(labels: readonly string[], multi: boolean): AnswerControls {
  const name = uid('opt')
  const inputs = labels.map((_, i) => h('input', { type: multi ? 'checkbox' : 'radio', name, value: i, class: 'visually-hidden-input' }))
  const body = h('div', { class: 'options' }, ...labels.map((label, i) =>
    h('label', { class: `option ${multi ? 'is-multi' : 'is-single'}` }, inputs[i], h('span', { class: 'card' }, h('span', { 'class': 'mark', 'aria-hidden': 'true' }), h('span', { class: 'option-text' }, label))),
  ))
  const checked = () => inputs.flatMap((input, i) => input.checked ? [i] : [])
  return {
    body,
    read() {
      const picked = checked()
      if (picked.length === 0)
        return { ok: false, hint: multi ? 'Pick at least one option first.' : 'Pick an option first.' }
      return { ok: true, value: multi ? picked : picked[0]! }
    },
    fill(value) {
      const picked = Array.isArray(value) ? value : [value]
      inputs.forEach((input, i) => input.checked = picked.includes(i))
    },
    setDisabled: d => disableAll(body, d),
  }
}

function scale(poll: Extract<PollDefinition, { kind: 'scale' }>): AnswerControls {
  const name = uid('scale')
  const count = poll.max - poll.min + 1
  const inputs: HTMLInputElement[] = []
  const row = h('div', { class: 'scale' })
  // Up to 7 per row keeps every button at least 48 px wide on a 320 px phone.
  row.style.setProperty('--cols', String(count <= 7 ? count : Math.ceil(count / 2)))
  for (let n = poll.min; n <= poll.max; n++) {
    const input = h('input', { type: 'radio', name, value: n, class: 'visually-hidden-input' })
    inputs.push(input)
    const end = n === poll.min ? poll.minLabel : n === poll.max ? poll.maxLabel : ''
    row.append(h('label', { class: 'scale-step' }, input, h('span', { class: 'card' }, String(n), end && h('span', { class: 'visually-hidden' }, `, ${end}`))))
  }
  const ends = h('div', { 'class': 'scale-ends', 'aria-hidden': 'true' }, h('span', {}, `${poll.min} · ${poll.minLabel}`), h('span', {}, `${poll.max} · ${poll.maxLabel}`))
  const body = h('div', {}, row, ends)
  return {
    body,
    read() {
      const input = inputs.find(i => i.checked)
      return input ? { ok: true, value: Number(input.value) } : { ok: false, hint: 'Pick a number first.' }
    },
    fill(value) {
      for (const input of inputs)
        input.checked = Number(input.value) === value
    },
    setDisabled: d => disableAll(body, d),
  }
}

/** A slider step that gives ~100-1000 positions whatever the range. */
function sliderStep(min: number, max: number): number {
  return 10 ** Math.floor(Math.log10((max - min) / 100))
}

export function formatNumber(n: number): string {
  return n.toLocaleString('en', { maximumFractionDigits: 6 })
}

function estimate(poll: Extract<PollDefinition, { kind: 'estimate' }>): AnswerControls {
  const id = uid('est')
  const hintId = `${id}-hint`
  const step = sliderStep(poll.min, poll.max)
  const number = h('input', { 'id': id, 'type': 'number', 'inputmode': 'decimal', 'min': poll.min, 'max': poll.max, 'step': 'any', 'autocomplete': 'off', 'placeholder': 'Type a number', 'aria-describedby': hintId, 'class': 'number' })
  const slider = h('input', { 'type': 'range', 'min': poll.min, 'max': poll.max, 'step': step, 'aria-label': 'Adjust your estimate', 'aria-describedby': hintId, 'class': 'slider is-untouched' })
  slider.value = String(poll.min + (poll.max - poll.min) / 2)
  // No example value: it would anchor everyone's guess.
  const label = h('label', { for: id, class: 'field-label' }, 'Your estimate', poll.unit && h('span', { class: 'visually-hidden' }, ` in ${poll.unit}`))
  const ends = h('p', { id: hintId, class: 'range-ends' }, h('span', {}, formatNumber(poll.min)), h('span', { class: 'visually-hidden' }, ' to '), h('span', {}, `${formatNumber(poll.max)}${poll.unit ? ` ${poll.unit}` : ''}`))
  const body = h('div', { class: 'estimate' }, label, h('div', { class: 'number-row' }, number, poll.unit && h('span', { 'class': 'unit', 'aria-hidden': 'true' }, poll.unit)), slider, ends)
  const touched = () => slider.classList.remove('is-untouched')
  slider.addEventListener('input', () => {
    number.value = slider.value
    number.removeAttribute('aria-invalid')
    touched()
  })
  number.addEventListener('input', () => {
    if (number.value !== '' && Number.isFinite(number.valueAsNumber)) {
      slider.value = number.value
      touched()
    }
  })
  return {
    body,
    read() {
      const value = number.valueAsNumber
      const ok = number.value !== '' && Number.isFinite(value) && value >= poll.min && value <= poll.max
      number.toggleAttribute('aria-invalid', !ok)
      return ok ? { ok: true, value } : { ok: false, hint: `Enter a number from ${formatNumber(poll.min)} to ${formatNumber(poll.max)}.` }
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

function words(max: number): AnswerControls {
  const inputs: HTMLInputElement[] = []
  const body = h('div', { class: 'words' })
  for (let i = 0; i < max; i++) {
    const id = uid('word')
    const input = h('input', { id, type: 'text', maxlength: WORD_MAX, autocomplete: 'off', autocapitalize: 'none', enterkeyhint: i === max - 1 ? 'send' : 'next', class: 'text-input' })
    inputs.push(input)
    append(body, h('div', { class: 'field' }, h('label', { for: id, class: 'field-label' }, max === 1 ? 'Your word' : `Word ${i + 1}`, i > 0 && h('span', { class: 'optional' }, ' (optional)')), input))
  }
  return {
    body,
    read() {
      const value = inputs.map(i => i.value.trim()).filter(Boolean)
      return value.length ? { ok: true, value } : { ok: false, hint: 'Type a word first.' }
    },
    fill(value) {
      const list = Array.isArray(value) ? value : [value]
      inputs.forEach((input, i) => input.value = String(list[i] ?? ''))
    },
    setDisabled: d => disableAll(body, d),
  }
}

function text(maxLength: number): AnswerControls {
  const id = uid('text')
  const counterId = `${id}-count`
  const area = h('textarea', { 'id': id, 'maxlength': maxLength, 'rows': 4, 'aria-describedby': counterId, 'class': 'text-input' })
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
    read() {
      const value = area.value.trim()
      return value ? { ok: true, value } : { ok: false, hint: 'Write something first.' }
    },
    fill(value) {
      area.value = typeof value === 'string' ? value : ''
      update()
    },
    setDisabled: d => disableAll(body, d),
  }
}

/** An answer in words, for the "Voting has closed" summary. */
export function describeAnswer(poll: PollDefinition, value: AnswerValue): string {
  const list = Array.isArray(value) ? value : [value]
  switch (poll.kind) {
    case 'choice':
    case 'multi':
      return list.map(i => typeof i === 'number' ? poll.options[i] ?? '?' : String(i)).join(', ')
    case 'estimate':
      return typeof value === 'number' ? `${formatNumber(value)}${poll.unit ? ` ${poll.unit}` : ''}` : String(value)
    default:
      return list.join(', ')
  }
}
