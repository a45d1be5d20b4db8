import type { ExerciseGroupView, ExercisePhoneView } from '../core/protocol'
import type { TimelineView } from '../exercises/timeline'
import type { CommitmentField, DebriefQuestion, ExerciseDefinition, RoleSide, TopicTag } from '../exercises/types'
import type { ExerciseConnection, RoomConnection, RoomState } from '../room-client/connection'
import { smartHints } from '../exercises/validate'
import { commitmentIcs, commitmentText } from './commitment-file'
import { h, replace, setText, uid } from './dom'
import { formatClock, liveStep, namesOf, planOf, roleIn, spokenClock } from './exercise-clock'

/**
 * The exercise on the phone: prepare (ask, offers, topics or pass), find your
 * partner (token), timed turns with role prompts and a swap signal, the
 * debrief question and the commitment card. Built with `h` (text only, never
 * HTML); the countdown is read from the stored timeline on every tick.
 */

const COMMITMENT_KEY = 'room.commitment'

interface Screen {
  key: string
  root: HTMLElement
  /** Refresh what changes with time (the countdown); called on every tick. */
  tick?: (step: TimelineView) => void
  /** Refresh from a new server view without rebuilding (forms keep their edits). */
  sync?: (view: ExercisePhoneView) => void
  /** A refusal or an ack for one of this screen's requests. */
  settle?: (outcome: { ok: true } | { ok: false, message: string, issues?: Array<{ field: string, message: string }> }) => void
}

export interface ExerciseUi {
  root: HTMLElement
  /** True when the exercise decides what the phone shows now (else the poll flow does). */
  render: (state: RoomState) => boolean
  tick: () => void
  /** Route an ack or error to the exercise if it answers one of its requests; true when it did. */
  settle: (requestId: string, outcome: { ok: true } | { ok: false, message: string, issues?: Array<{ field: string, message: string }> }) => boolean
}

function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches
}

function buzz(): void {
  try {
    if (!prefersReducedMotion() && typeof navigator.vibrate === 'function')
      navigator.vibrate([120, 80, 120])
  }
  catch {}
}

function loadCommitment(): Record<string, string> | null {
  try {
    const data: unknown = JSON.parse(localStorage.getItem(COMMITMENT_KEY) ?? 'null')
    if (data && typeof data === 'object' && !Array.isArray(data))
      return Object.fromEntries(Object.entries(data).filter((e): e is [string, string] => typeof e[1] === 'string'))
  }
  catch {}
  return null
}

function saveCommitment(values: Record<string, string>): void {
  try {
    localStorage.setItem(COMMITMENT_KEY, JSON.stringify(values))
  }
  catch {}
}

function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const a = h('a', { href: url, download: name, hidden: true })
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** Length in code points, as the server counts. */
const count = (text: string): number => [...text.trim()].length

function timerBox(): { root: HTMLElement, set: (step: TimelineView) => void } {
  const value = h('span', { 'class': 'ex-time', 'aria-hidden': 'true' }, '0:00')
  const note = h('span', { class: 'ex-time-note' })
  const spoken = h('span', { class: 'visually-hidden' })
  const root = h('p', { class: 'ex-timer', role: 'timer' }, value, note, spoken)
  let lastSpoken = -1
  return {
    root,
    set(step) {
      const overtime = step.status === 'overtime' || (step.remainingMs === 0 && step.status !== 'paused')
      root.dataset.status = step.status
      setText(value, formatClock(step.remainingMs))
      setText(note, step.status === 'paused' ? 'Paused' : overtime ? 'Time’s up' : 'left')
      // Read out once a minute, not every second.
      const minute = Math.ceil(step.remainingMs / 60_000)
      if (minute !== lastSpoken) {
        lastSpoken = minute
        setText(spoken, step.status === 'paused' ? `Paused, ${spokenClock(step.remainingMs)}` : overtime ? 'Time is up' : spokenClock(step.remainingMs))
      }
    },
  }
}

function chips(topics: readonly TopicTag[], max: number, legend: string, name: string): { root: HTMLElement, read: () => string[], fill: (ids: readonly string[]) => void } {
  const inputs = topics.map(topic => h('input', { type: 'checkbox', name, value: topic.id, class: 'visually-hidden-input' }))
  const limit = () => {
    const full = inputs.filter(i => i.checked).length >= max
    for (const input of inputs)
      input.disabled = full && !input.checked
  }
  const root = h('fieldset', { class: 'ex-chips' }, h('legend', { class: 'field-label' }, legend, h('span', { class: 'optional' }, ` (up to ${max})`)), ...topics.map((topic, i) =>
    h('label', { class: 'chip' }, inputs[i], h('span', {}, topic.label))))
  root.addEventListener('change', limit)
  return {
    root,
    read: () => inputs.filter(i => i.checked).map(i => i.value),
    fill(ids) {
      for (const input of inputs)
        input.checked = ids.includes(input.value)
      limit()
    },
  }
}

function fieldError(): HTMLElement {
  return h('p', { class: 'ex-field-error', hidden: true })
}

function showError(el: HTMLElement, message: string | undefined): void {
  el.hidden = !message
  setText(el, message ?? '')
}

// ---- prepare ----

function prepareScreen(definition: ExerciseDefinition, view: ExercisePhoneView, send: (submission: Record<string, unknown>) => boolean): Screen {
  const rules = definition.submission
  const timer = timerBox()
  const askId = uid('ask')
  const ask = h('textarea', { 'id': askId, 'class': 'text-input', 'rows': 4, 'maxlength': rules.ask.max * 2, 'aria-describedby': `${askId}-count ${askId}-hints` })
  const askCount = h('p', { id: `${askId}-count`, class: 'counter' })
  const hints = h('ul', { id: `${askId}-hints`, class: 'ex-hints' })
  const askError = fieldError()
  const starters = definition.roles.focus.prompts.filter(p => p.includes('…')).slice(0, 3)
  const starterRow = h('div', { class: 'ex-starters' }, h('p', { class: 'ex-small-label' }, 'Start with'), ...starters.map((text) => {
    const button = h('button', { type: 'button', class: 'starter' }, text)
    button.addEventListener('click', () => {
      ask.value = ask.value.trim() ? `${ask.value.trimEnd()} ${text}` : text
      ask.focus()
      const at = ask.value.indexOf('…')
      if (at >= 0)
        ask.setSelectionRange(at, at + 1)
      update()
    })
    return button
  }))
  const askTopics = chips(definition.topics, rules.topics.max, 'Your ask is about', uid('at'))
  const topicsError = fieldError()

  const hasOffers = rules.offers.count.max > 0
  const offerInputs = Array.from({ length: rules.offers.count.max }, (_, i) => h('input', { 'type': 'text', 'class': 'text-input', 'maxlength': rules.offers.length.max * 2, 'enterkeyhint': 'next', 'aria-label': `Offer ${i + 1}`, 'placeholder': i === 0 ? 'e.g. an hour of pairing, an introduction' : '' }))
  const offerRows = offerInputs.map((input, i) => h('div', { class: 'ex-offer', hidden: i > 0 }, input))
  const offerCount = h('p', { class: 'counter' })
  const addOffer = h('button', { type: 'button', class: 'link-button' }, '+ Add another offer')
  addOffer.addEventListener('click', () => {
    const next = offerRows.find(row => row.hidden)
    if (next) {
      next.hidden = false
      next.querySelector('input')?.focus()
    }
    update()
  })
  const offersError = fieldError()
  const offerTopics = chips(definition.topics, rules.topics.max, 'You can help with', uid('ot'))

  const save = h('button', { type: 'submit', class: 'button primary' }, 'Save my ask')
  const pass = h('button', { type: 'button', class: 'button quiet' }, 'Pass — I’ll only offer help')
  const feedback = h('p', { 'class': 'feedback', 'role': 'status', 'aria-live': 'polite' })

  const form = h('form', { class: 'ex-form', novalidate: true }, h('div', { class: 'field' }, h('label', { for: askId, class: 'field-label' }, rules.ask.label, h('span', { class: 'ex-label-note' }, ' · one real ask: what, and by when')), starterRow, ask, askCount, askError, hints), askTopics.root, topicsError, hasOffers && h('div', { class: 'field ex-offers' }, h('p', { class: 'field-label' }, rules.offers.label, h('span', { class: 'ex-label-note' }, ` · ${rules.offers.count.min} to ${rules.offers.count.max}: what you know, who you know, what you can do`)), ...offerRows, addOffer, offerCount, offersError), hasOffers && offerTopics.root, h('div', { class: 'actions ex-actions' }, save, rules.allowPass && pass), feedback)

  let dirty = false
  let sending = false
  let filledFrom = ''
  /** The server's last refusal, shown until the next edit or save. */
  let refused: string | null = null

  function update(): void {
    const n = count(ask.value)
    setText(askCount, `${n} / ${rules.ask.max} characters`)
    askCount.classList.toggle('is-near', n > rules.ask.max - 30)
    askCount.classList.toggle('is-over', n > rules.ask.max)
    replace(hints, ...smartHints(ask.value).map(hint => h('li', {}, hint.message)))
    const shown = offerRows.filter(row => !row.hidden).length
    addOffer.hidden = shown >= offerRows.length
    const longest = Math.max(0, ...offerInputs.map(i => count(i.value)))
    setText(offerCount, `Up to ${rules.offers.length.max} characters each${longest > rules.offers.length.max - 20 ? ` · longest ${longest}` : ''}`)
  }

  function fill(v: ExercisePhoneView): void {
    const s = v.submission
    filledFrom = JSON.stringify(s)
    if (!s)
      return
    ask.value = s.ask ?? ''
    askTopics.fill(s.askTopics)
    offerTopics.fill(s.offerTopics)
    offerInputs.forEach((input, i) => {
      input.value = s.offers[i] ?? ''
      offerRows[i]!.hidden = i > 0 && !s.offers[i]
    })
    update()
  }

  function status(v: ExercisePhoneView): void {
    setText(save, v.submission && !v.submission.pass ? 'Update my ask' : 'Save my ask')
    if (sending)
      return
    let tone = ''
    let message = ''
    if (refused) {
      tone = 'error'
      message = refused
    }
    else if (dirty && v.submission) {
      tone = 'hint'
      message = 'You changed something — save again to update it.'
    }
    else if (v.submission?.pass) {
      tone = 'ok'
      message = 'You passed ✓ — that’s fine. You’ll help first. You can still write an ask until pairs are formed.'
    }
    else if (v.submission) {
      tone = 'ok'
      message = 'Your ask is in ✓ — you can edit it until pairs are formed.'
    }
    feedback.dataset.tone = tone
    setText(feedback, message)
  }

  function collect(passing: boolean): Record<string, unknown> {
    const offers = offerInputs.map(i => i.value.trim()).filter(Boolean)
    return passing
      ? { pass: true, offers, offerTopics: offerTopics.read() }
      : { ask: ask.value, askTopics: askTopics.read(), offers, offerTopics: offerTopics.read() }
  }

  function submit(passing: boolean): void {
    refused = null
    for (const el of [askError, topicsError, offersError])
      showError(el, undefined)
    sending = send(collect(passing))
    feedback.dataset.tone = sending ? 'pending' : 'error'
    setText(feedback, sending ? 'Saving…' : 'You’re offline — try again in a moment.')
  }

  form.addEventListener('input', () => {
    dirty = true
    update()
  })
  form.addEventListener('change', () => {
    dirty = true
  })
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    submit(false)
  })
  pass.addEventListener('click', () => submit(true))

  fill(view)
  update()
  status(view)

  const root = h('section', { class: 'ex ex-prepare' }, h('div', { class: 'ex-head' }, h('p', { class: 'kicker' }, `${definition.title} · Prepare`), timer.root), h('h1', { class: 'question', tabindex: -1 }, 'Write your ask'), h('p', { class: 'ex-lead' }, definition.steps.prepare[0]?.instruction ?? ''), form)
  return {
    key: `prepare:${view.run}`,
    root,
    tick: step => timer.set(step),
    sync(v) {
      if (!dirty && JSON.stringify(v.submission) !== filledFrom)
        fill(v)
      status(v)
    },
    settle(outcome) {
      sending = false
      if (outcome.ok) {
        dirty = false
        feedback.dataset.tone = 'ok'
        setText(feedback, 'Saved ✓')
        return
      }
      const issues = outcome.issues ?? []
      const on = (prefix: string) => issues.find(i => i.field === prefix || i.field.startsWith(`${prefix}.`))?.message
      showError(askError, on('ask'))
      showError(topicsError, on('askTopics'))
      showError(offersError, on('offers') ?? on('offerTopics'))
      refused = outcome.message
      feedback.dataset.tone = 'error'
      setText(feedback, outcome.message)
    },
  }
}

// ---- groups ----

function tokenBlock(group: ExerciseGroupView, big: boolean): HTMLElement {
  const { token } = group
  const block = h('div', { class: big ? 'ex-token is-big' : 'ex-token' }, h('span', { class: 'ex-token-colour' }, token.colour), h('span', { class: 'ex-token-number' }, String(token.number)))
  block.style.background = token.hex
  block.style.color = token.ink
  block.setAttribute('aria-label', `Your token: ${token.label}`)
  block.setAttribute('role', 'img')
  return block
}

function partners(group: ExerciseGroupView): string {
  const others = group.members.filter(m => !m.self)
  const named = others.filter(m => m.nickname)
  if (named.length === 0)
    return others.length === 1 ? 'Your partner has not added a name.' : `You are a group of ${group.members.length}; the others have not added names.`
  return `${others.length === 1 ? 'Your partner' : 'Your partners'}: ${namesOf(others.map(m => m.nickname))}`
}

function firstAsker(group: ExerciseGroupView): string {
  const first = group.members[0]
  if (!first)
    return ''
  return first.self ? 'You ask first.' : `${first.nickname ?? 'Your partner'} asks first; you help first.`
}

function partnerScreen(definition: ExerciseDefinition, view: ExercisePhoneView, group: ExerciseGroupView): Screen {
  const timer = timerBox()
  const root = h('section', { class: 'ex ex-partner' }, h('div', { class: 'ex-head' }, h('p', { class: 'kicker' }, `Round ${group.round} · Pair up`), timer.root), h('h1', { class: 'question', tabindex: -1 }, `Find ${group.token.label}`), tokenBlock(group, true), h('p', { class: 'ex-lead' }, `Look for the other phone${group.members.length > 2 ? 's' : ''} showing ${group.token.label} — the same colour and number.`), h('p', { class: 'ex-partners' }, partners(group)), h('p', { class: 'ex-first' }, firstAsker(group)), view.submission?.ask ? h('div', { class: 'ex-my-ask' }, h('p', { class: 'ex-small-label' }, 'Your ask'), h('p', {}, view.submission.ask)) : null)
  return { key: `partner:${view.run}:${group.round}:${group.token.label}:${group.members.length}`, root, tick: step => timer.set(step) }
}

function roleText(definition: ExerciseDefinition, side: RoleSide | null, group: ExerciseGroupView, turn: number | null): string {
  if (side === 'focus')
    return `Your turn: ${definition.roles.focus.label.toLowerCase()}`
  if (side === 'support') {
    const focus = turn === null ? undefined : group.members[turn]
    return `You’re the ${definition.roles.support.label.toLowerCase()}${focus?.nickname ? ` for ${focus.nickname}` : ''}`
  }
  return 'Everyone'
}

function roundScreen(definition: ExerciseDefinition, view: ExercisePhoneView, group: ExerciseGroupView, step: TimelineView): Screen {
  const timer = timerBox()
  const s = step.step
  const side = roleIn(group.position, step.turn)
  const next = step.nextStep
  const nextFocus = next?.turn === null || next?.turn === undefined ? undefined : group.members[next.turn]
  const swapLine = nextFocus ? (nextFocus.self ? 'You ask next.' : `${nextFocus.nickname ?? 'Your partner'} asks next.`) : ''
  const cue = s ? (side && s.cues[side]) || s.instruction : ''
  const prompts = side ? definition.roles[side].prompts : []
  const root = h('section', { 'class': `ex ex-round${step.swap ? ' is-swap' : ''}`, 'data-role': side ?? 'none' }, h('div', { class: 'ex-head' }, h('p', { class: 'ex-token-chip' }, h('span', { 'class': 'swatch', 'aria-hidden': 'true' }), group.token.label), timer.root), h('p', { class: 'kicker' }, `Round ${group.round} · Step ${step.stepIndex + 1} of ${step.stepsInPhase}`), step.swap
    ? h('div', { class: 'ex-swap', role: 'alert' }, h('p', { class: 'ex-swap-title' }, '⇄ Swap roles'), h('p', {}, swapLine))
    : h('h1', { class: 'question', tabindex: -1 }, roleText(definition, side, group, step.turn)), h('div', { class: 'ex-step' }, h('p', { class: 'ex-step-label' }, s?.label ?? ''), h('p', { class: 'ex-cue' }, cue)), prompts.length ? h('details', { class: 'ex-prompts' }, h('summary', {}, `Prompts for the ${definition.roles[side!].label.toLowerCase()}`), h('ul', {}, ...prompts.map(p => h('li', {}, p)))) : null, next ? h('p', { class: 'ex-next' }, `Next: ${next.label}`) : null)
  const swatch = root.querySelector<HTMLElement>('.swatch')
  if (swatch)
    swatch.style.background = group.token.hex
  return { key: `round:${view.run}:${group.round}:${group.token.label}:${group.members.length}:${s?.id}:${step.turn}:${step.swap}`, root, tick: t => timer.set(t) }
}

function waitingScreen(view: ExercisePhoneView, phase: string): Screen {
  const late = view.waiting !== 'alone'
  const root = h('section', { class: 'ex ex-waiting waiting' }, h('div', { 'class': 'waiting-art', 'aria-hidden': 'true' }, h('span'), h('span'), h('span')), h('h1', { class: 'waiting-title', tabindex: -1 }, late ? 'You’ll join the next round' : 'Waiting for a partner'), h('p', { class: 'waiting-text' }, late
    ? 'Pairs for this round were formed before you arrived. Listen in with a pair nearby, or ask the facilitator — you’ll get a partner in the next round.'
    : 'There is nobody free to pair with right now. The facilitator can pair you with a group nearby.'))
  return { key: `waiting:${view.run}:${phase}:${view.clock.round}:${view.waiting}`, root }
}

function debriefScreen(definition: ExerciseDefinition, view: ExercisePhoneView, step: TimelineView): Screen {
  const timer = timerBox()
  const question: DebriefQuestion | undefined = definition.debrief.find(d => d.id === step.step?.id)
  const root = h('section', { class: 'ex ex-debrief' }, h('div', { class: 'ex-head' }, h('p', { class: 'kicker' }, `Debrief · ${question?.label ?? step.step?.label ?? ''}`), timer.root), h('h1', { class: 'question', tabindex: -1 }, question?.question ?? step.step?.instruction ?? 'Debrief'), h('p', { class: 'ex-lead' }, question?.instruction ?? ''), question ? h('ul', { class: 'ex-list' }, ...question.prompts.map(p => h('li', {}, p))) : null)
  return { key: `debrief:${view.run}:${step.step?.id}`, root, tick: t => timer.set(t) }
}

// ---- commitment ----

function commitmentScreen(definition: ExerciseDefinition, view: ExercisePhoneView, send: (values: Record<string, string>, shared: boolean) => boolean, timed: boolean): Screen {
  const timer = timerBox()
  const template = definition.commitment
  const stored = view.commitment?.values ?? loadCommitment() ?? {}
  const inputs = new Map<string, HTMLInputElement>()
  const field = (f: CommitmentField) => {
    const id = uid('commit')
    const input = h('input', { id, type: 'text', class: 'text-input', maxlength: f.maxLength, placeholder: f.placeholder, autocomplete: 'off' })
    input.value = stored[f.id] ?? ''
    inputs.set(f.id, input)
    return h('div', { class: 'field' }, h('label', { for: id, class: 'field-label' }, f.label), input)
  }
  const shareId = uid('share')
  const share = h('input', { id: shareId, type: 'checkbox', class: 'ex-check' })
  share.checked = view.commitment?.shared ?? false
  const save = h('button', { type: 'submit', class: 'button primary' }, view.commitment ? 'Update my commitment' : 'Save my commitment')
  const feedback = h('p', { 'class': 'feedback', 'role': 'status', 'aria-live': 'polite' })
  const sentence = h('p', { class: 'ex-sentence' })
  const card = h('div', { class: 'ex-card', hidden: true }, h('p', { class: 'ex-small-label' }, 'My commitment'), sentence)
  const ics = h('button', { type: 'button', class: 'button secondary' }, 'Add a reminder (.ics)')
  const txt = h('button', { type: 'button', class: 'button secondary' }, 'Save as text')
  const print = h('button', { type: 'button', class: 'button secondary' }, 'Print')
  const keep = h('div', { class: 'ex-keep', hidden: true }, ics, txt, print)

  const read = (): Record<string, string> => Object.fromEntries([...inputs].map(([id, input]) => [id, input.value.trim()]))
  const showCard = (text: string | null) => {
    card.hidden = keep.hidden = !text
    setText(sentence, text ?? '')
  }
  const note = () => ({ sentence: sentence.textContent ?? '', title: definition.title })
  ics.addEventListener('click', () => download('my-commitment.ics', 'text/calendar', commitmentIcs(note(), new Date(), `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`)))
  txt.addEventListener('click', () => download('my-commitment.txt', 'text/plain', commitmentText(note(), new Date())))
  print.addEventListener('click', () => window.print())

  const form = h('form', { class: 'ex-form', novalidate: true }, ...template.fields.map(field), h('label', { class: 'ex-share', for: shareId }, share, h('span', {}, 'Share it anonymously with the facilitator (no name attached)')), h('div', { class: 'actions' }, save), feedback)
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const values = read()
    saveCommitment(values)
    const sent = send(values, share.checked)
    feedback.dataset.tone = sent ? 'pending' : 'hint'
    setText(feedback, sent ? 'Saving…' : 'Saved on this phone; it will reach the room when you’re back online.')
    showCard(template.text.replace(/\{(\w+)\}/g, (_, id: string) => values[id] || '___'))
  })
  showCard(view.commitment?.sentence ?? null)

  const root = h('section', { class: 'ex ex-commit' }, h('div', { class: 'ex-head' }, h('p', { class: 'kicker' }, 'Commitment'), timed ? timer.root : null), h('h1', { class: 'question', tabindex: -1 }, 'Your commitment'), h('p', { class: 'ex-lead' }, `${template.blank}. One small, concrete ask for the coming days. Only you see it unless you choose to share it.`), card, keep, form)
  return {
    key: `commit:${view.run}:${timed}`,
    root,
    tick: t => timer.set(t),
    sync(v) {
      if (v.commitment)
        showCard(v.commitment.sentence)
    },
    settle(outcome) {
      feedback.dataset.tone = outcome.ok ? 'ok' : 'error'
      setText(feedback, outcome.ok ? 'Saved ✓ — keep it with the buttons above.' : outcome.message)
      if (outcome.ok)
        setText(save, 'Update my commitment')
    },
  }
}

// ---- the controller ----

export function createExerciseUi(connection: RoomConnection & ExerciseConnection, announce: (text: string) => void): ExerciseUi {
  const root = h('div', { class: 'ex-host' })
  let screen: Screen | null = null
  let view: ExercisePhoneView | null = null
  let offset = 0
  const mine = new Set<string>()
  let lastStepKey = ''

  const sendSubmission = (submission: Record<string, unknown>): boolean => {
    const id = connection.submitExercise(submission)
    if (id)
      mine.add(id)
    return id !== null
  }
  const sendCommitment = (values: Record<string, string>, shared: boolean): boolean => {
    const id = connection.commitExercise(values, shared)
    if (id)
      mine.add(id)
    return id !== null
  }

  function show(next: Screen, focus: boolean): void {
    screen = next
    replace(root, next.root)
    if (focus)
      next.root.querySelector<HTMLElement>('h1')?.focus()
  }

  /** Which screen the view and the clock call for now, or null for the poll flow. */
  function choose(v: ExercisePhoneView, step: TimelineView, pollOpen: boolean): Screen | null {
    const plan = planOf(v)
    if (!plan)
      return null
    const { definition } = plan
    const key = (s: string) => screen?.key === s
    switch (step.phase) {
      case 'prepare':
        return key(`prepare:${v.run}`) ? screen : prepareScreen(definition, v, sendSubmission)
      case 'pairing':
      case 'rounds': {
        const group = v.group
        if (!group)
          return key(`waiting:${v.run}:${step.phase}:${v.clock.round}:${v.waiting}`) ? screen : waitingScreen(v, step.phase)
        const g = `${v.run}:${group.round}:${group.token.label}:${group.members.length}`
        if (step.phase === 'pairing')
          return key(`partner:${g}`) ? screen : partnerScreen(definition, v, group)
        return key(`round:${g}:${step.step?.id}:${step.turn}:${step.swap}`) ? screen : roundScreen(definition, v, group, step)
      }
      case 'debrief':
        return pollOpen ? null : debriefScreen(definition, v, step)
      case 'commitment':
        return key(`commit:${v.run}:true`) ? screen : commitmentScreen(definition, v, sendCommitment, true)
      case 'done':
        if (pollOpen || !v.commitment)
          return null
        return key(`commit:${v.run}:false`) ? screen : commitmentScreen(definition, v, sendCommitment, false)
    }
  }

  let pollOpen = false

  function refresh(fromServer: boolean): boolean {
    const v = view
    if (!v) {
      screen = null
      replace(root)
      return false
    }
    const step = liveStep(v, Date.now() + offset)
    if (!step)
      return false
    const next = choose(v, step, pollOpen)
    if (!next) {
      screen = null
      replace(root)
      return false
    }
    const stepKey = `${step.phase}:${step.round}:${step.step?.id}:${step.turn}:${step.swap}`
    if (next.key !== screen?.key) {
      const phaseChanged = !screen || screen.key.split(':')[0] !== next.key.split(':')[0]
      show(next, phaseChanged)
      if (stepKey !== lastStepKey && lastStepKey !== '') {
        if (step.swap) {
          buzz()
          announce('Swap roles')
        }
        else if (step.step) {
          announce(`${step.step.label}${step.phase === 'pairing' ? '' : ` — ${formatClock(step.remainingMs)}`}`)
        }
      }
    }
    else if (fromServer) {
      next.sync?.(v)
    }
    lastStepKey = stepKey
    next.tick?.(step)
    return true
  }

  return {
    root,
    render(state) {
      view = state.exercise ?? null
      offset = state.clockOffset ?? 0
      pollOpen = state.current?.status === 'open'
      return refresh(true)
    },
    tick() {
      if (view)
        refresh(false)
    },
    settle(requestId, outcome) {
      if (!mine.delete(requestId))
        return false
      screen?.settle?.(outcome)
      return true
    },
  }
}
