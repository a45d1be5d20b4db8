import type { ExerciseGroupView, ExercisePhoneView } from '../core/protocol'
import type { TimelineView } from '../exercises/timeline'
import type { GroupStepView } from '../exercises/turn-plan'
import type { CommitmentField, DebriefQuestion, ExerciseDefinition, RoleSide, TopicTag } from '../exercises/types'
import type { SubmissionIssue } from '../exercises/validate'
import type { ExerciseConnection, RoomConnection, RoomState } from '../room-client/connection'
import { formatDay, fromIsoDay, isoDay, parseByWhen } from '../exercises/by-when'
import { groupRoleAt, groupStepAt } from '../exercises/turn-plan'
import { smartHints, validateCommitment, validateSubmission } from '../exercises/validate'
import { commitmentIcs, commitmentText, loadSavedCommitment, reminderStart, saveCommitmentLocally } from './commitment-file'
import { h, replace, setText, uid } from './dom'
import { firstAskerLine, formatClock, liveStep, partnersLine, planOf, roleLine, spokenClock } from './exercise-clock'

/**
 * The exercise on the phone: prepare (ask, offers, topics or pass), find your
 * partner (token), timed turns with role prompts and a swap signal, the
 * debrief question and the commitment card. Built with `h` (text only, never
 * HTML); the countdown is read from the stored timeline on every tick.
 */

interface Screen {
  key: string
  root: HTMLElement
  /** Refresh what changes with time (the countdown); called on every tick. */
  tick?: (clock: Clock) => void
  /** Refresh from a new server view without rebuilding (forms keep their edits). */
  sync?: (view: ExercisePhoneView) => void
  /** A refusal or an ack for one of this screen's requests. */
  settle?: (outcome: Outcome) => void
}

type Outcome = { ok: true } | { ok: false, message: string, issues?: SubmissionIssue[] }

/** The room's step and, during a round, this phone's group's own step (its turns laid over the same time). */
interface Clock {
  step: TimelineView
  group: GroupStepView | null
}

export interface ExerciseUi {
  root: HTMLElement
  /** True when the exercise decides what the phone shows now (else the poll flow does). */
  render: (state: RoomState) => boolean
  tick: () => void
  /** Route an ack or error to the exercise if it answers one of its requests; true when it did. */
  settle: (requestId: string, outcome: Outcome) => boolean
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

function timerBox(): { root: HTMLElement, set: (step: Pick<TimelineView, 'status' | 'remainingMs'>) => void } {
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

/**
 * A field's error line, tied to its control: while a message shows, the
 * control is `aria-invalid` and the message is first in its description.
 */
interface FieldError {
  el: HTMLElement
  show: (message: string | undefined) => void
  /** The control to focus when this field is the first with a problem. */
  target: () => HTMLElement | null
}

function fieldError(controls: () => HTMLElement[], focusTarget?: () => HTMLElement | null): FieldError {
  const el = h('p', { id: uid('err'), class: 'ex-field-error', hidden: true })
  const base = new Map<HTMLElement, string>()
  return {
    el,
    show(message) {
      el.hidden = !message
      setText(el, message ?? '')
      for (const control of controls()) {
        if (!base.has(control))
          base.set(control, control.getAttribute('aria-describedby') ?? '')
        const rest = base.get(control)!
        const ids = message ? `${el.id} ${rest}`.trim() : rest
        if (ids)
          control.setAttribute('aria-describedby', ids)
        else
          control.removeAttribute('aria-describedby')
        // aria-invalid belongs on form controls, not on a fieldset.
        if (control.tagName !== 'FIELDSET') {
          if (message)
            control.setAttribute('aria-invalid', 'true')
          else
            control.removeAttribute('aria-invalid')
        }
      }
    },
    target: () => focusTarget?.() ?? controls()[0] ?? null,
  }
}

/** The message for `field` or any part of it (`offers` covers `offers.1`). */
function issueFor(issues: readonly SubmissionIssue[], field: string): string | undefined {
  return issues.find(i => i.field === field || i.field.startsWith(`${field}.`))?.message
}

// ---- prepare ----

function prepareScreen(definition: ExerciseDefinition, view: ExercisePhoneView, send: (submission: Record<string, unknown>) => boolean): Screen {
  const rules = definition.submission
  const timer = timerBox()
  const askId = uid('ask')
  const ask = h('textarea', { 'id': askId, 'class': 'text-input', 'rows': 4, 'maxlength': rules.ask.max * 2, 'aria-describedby': `${askId}-count ${askId}-hints` })
  const askCount = h('p', { id: `${askId}-count`, class: 'counter' })
  const hints = h('ul', { id: `${askId}-hints`, class: 'ex-hints' })
  const askError = fieldError(() => [ask])
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
  const topicsError = fieldError(() => [askTopics.root], () => askTopics.root.querySelector('input'))
  askTopics.root.appendChild(topicsError.el)

  const hasOffers = rules.offers.count.max > 0
  const offerInputs = Array.from({ length: rules.offers.count.max }, (_, i) => h('input', { 'type': 'text', 'class': 'text-input', 'maxlength': rules.offers.length.max * 2, 'enterkeyhint': 'next', 'aria-label': `Offer ${i + 1}`, 'placeholder': i === 0 ? 'e.g. an hour of pairing, an introduction' : '' }))
  const offerErrors = offerInputs.map(input => fieldError(() => [input]))
  const offerRows = offerInputs.map((input, i) => h('div', { class: 'ex-offer', hidden: i > 0 }, input, offerErrors[i]!.el))
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
  const offersError = fieldError(() => offerInputs.filter((_, i) => !offerRows[i]!.hidden))
  const offerTopics = chips(definition.topics, rules.topics.max, 'You can help with', uid('ot'))
  const offerTopicsError = fieldError(() => [offerTopics.root], () => offerTopics.root.querySelector('input'))
  offerTopics.root.appendChild(offerTopicsError.el)

  const save = h('button', { type: 'submit', class: 'button primary' }, 'Save my ask')
  const pass = h('button', { type: 'button', class: 'button quiet' }, 'Pass — I’ll only offer help')
  const feedback = h('p', { 'class': 'feedback', 'role': 'status', 'aria-live': 'polite' })

  const form = h('form', { class: 'ex-form', novalidate: true }, h('div', { class: 'field' }, h('label', { for: askId, class: 'field-label' }, rules.ask.label, h('span', { class: 'ex-label-note' }, ' · one real ask: what, and by when')), starterRow, ask, askCount, askError.el, hints), askTopics.root, hasOffers && h('div', { class: 'field ex-offers' }, h('p', { class: 'field-label' }, rules.offers.label, h('span', { class: 'ex-label-note' }, ` · ${rules.offers.count.min} to ${rules.offers.count.max}: what you know, who you know, what you can do`)), ...offerRows, addOffer, offerCount, offersError.el), hasOffers && offerTopics.root, h('div', { class: 'actions ex-actions' }, save, rules.allowPass && pass), feedback)

  let dirty = false
  let sending = false
  let filledFrom = ''
  /** The last refusal (ours or the server's), shown until the next save. */
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
      message = 'You passed ✓ — that’s fine: you’ll be a helper. You can still write an ask until pairs are formed.'
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

  /** Put each message on its field; focus the first field with one. */
  function showIssues(issues: readonly SubmissionIssue[]): void {
    // Offers are collected without blanks, so `offers.1` is the second filled-in box.
    const filled = offerInputs.map((input, i) => ({ input, i })).filter(o => o.input.value.trim())
    const perOffer = new Map<number, string>()
    for (const issue of issues) {
      const m = /^offers\.(\d+)/.exec(issue.field)
      const at = m ? filled[Number(m[1])]?.i : undefined
      if (at !== undefined && !perOffer.has(at))
        perOffer.set(at, issue.message)
    }
    const wholeOffers = issues.find(i => i.field === 'offers')?.message
    const errors: Array<[FieldError, string | undefined]> = [
      [askError, issueFor(issues, 'ask')],
      [topicsError, issueFor(issues, 'askTopics')],
      ...offerErrors.map((e, i): [FieldError, string | undefined] => [e, perOffer.get(i)]),
      [offersError, wholeOffers ?? (perOffer.size === 0 ? issueFor(issues, 'offers') : undefined)],
      [offerTopicsError, issueFor(issues, 'offerTopics')],
    ]
    for (const [error, message] of errors)
      error.show(message)
    const first = errors.find(([, message]) => message)?.[0]
    first?.target()?.focus()
    // A starter's gap left in: select it, so typing replaces it.
    const gap = ask.value.search(/…|\.{3}/)
    if (first === askError && gap >= 0)
      ask.setSelectionRange(gap, gap + (ask.value[gap] === '…' ? 1 : 3))
  }

  function submit(passing: boolean): void {
    refused = null
    const submission = collect(passing)
    // The server checks the same rules; checking here puts the message on the field at once.
    const check = validateSubmission(definition, submission)
    if (!check.ok) {
      showIssues(check.issues)
      refused = check.issues.length > 1 ? 'Please fix the marked fields, then save again.' : (check.issues[0]?.message ?? 'Please check your ask.')
      feedback.dataset.tone = 'error'
      setText(feedback, refused)
      return
    }
    showIssues([])
    sending = send(submission)
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
    tick: c => timer.set(c.step),
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
      showIssues(outcome.issues ?? [])
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

function partnerScreen(definition: ExerciseDefinition, view: ExercisePhoneView, group: ExerciseGroupView): Screen {
  const timer = timerBox()
  const table = group.format === 'ring'
  const many = group.members.length > 2
  const lead = `${group.joined === 'placed' ? 'The facilitator added you to this group. ' : group.joined === 'moved' ? 'Your partner left, so you have a new group. ' : ''}Look for the other phone${many ? 's' : ''} showing ${group.token.label}: the same colour and number.`
  const root = h('section', { class: 'ex ex-partner' }, h('div', { class: 'ex-head' }, h('p', { class: 'kicker' }, `Round ${group.round} · ${table ? 'Find your table' : 'Pair up'}`), timer.root), h('h1', { class: 'question', tabindex: -1 }, `Find ${group.token.label}`), tokenBlock(group, true), h('p', { class: 'ex-lead' }, lead), h('p', { class: 'ex-partners' }, partnersLine(group)), h('p', { class: 'ex-first' }, firstAskerLine(group)), view.submission?.ask ? h('div', { class: 'ex-my-ask' }, h('p', { class: 'ex-small-label' }, 'Your ask'), h('p', {}, view.submission.ask)) : null)
  return { key: `partner:${view.run}:${group.round}:${group.token.label}:${group.members.length}:${group.turns.join('-')}`, root, tick: c => timer.set(c.step) }
}

/** This group's moment in the round, as every phone of the group sees it. */
interface GroupMoment {
  stepIndex: number
  stepsInRound: number
  label: string
  instruction: string
  cues: Partial<Record<RoleSide, string>>
  /** Position in `members` of the person whose ask is on the table; null outside turns. */
  focus: number | null
  swap: boolean
  /** Who asks after the change-over, and the next step's label. */
  nextFocus: number | null
  nextLabel: string | null
}

function momentOf(g: GroupStepView): GroupMoment {
  return {
    stepIndex: g.stepIndex,
    stepsInRound: g.stepsInRound,
    label: g.step.label,
    instruction: g.step.instruction,
    cues: g.step.cues,
    focus: g.focus,
    swap: g.swap,
    nextFocus: g.next?.focus ?? null,
    nextLabel: g.next?.label ?? null,
  }
}

function roundScreen(definition: ExerciseDefinition, view: ExercisePhoneView, group: ExerciseGroupView, g: GroupStepView): Screen {
  const timer = timerBox()
  const m = momentOf(g)
  const side = groupRoleAt(g.step, group.position)
  const nextFocus = m.nextFocus === null ? undefined : group.members[m.nextFocus]
  const swapLine = nextFocus ? (nextFocus.self ? 'You ask next: have your ask ready.' : `${nextFocus.nickname ?? (group.members.length > 2 ? 'The next person' : 'Your partner')} asks next; you help.`) : ''
  const cue = (side && m.cues[side]) || m.instruction
  const prompts = side ? definition.roles[side].prompts : []
  // The asker reads their own words out: keep them on the phone for the whole turn.
  const ownAsk = side === 'focus' && view.submission?.ask ? h('div', { class: 'ex-my-ask' }, h('p', { class: 'ex-small-label' }, 'Your ask'), h('p', {}, view.submission.ask)) : null
  const heading = m.swap
    ? h('div', { class: 'ex-swap', role: 'alert' }, h('h1', { class: 'ex-swap-title', tabindex: -1 }, '⇄ Swap roles'), swapLine ? h('p', {}, swapLine) : null)
    : h('h1', { class: 'question', tabindex: -1 }, roleLine(definition, side, group, m.focus))
  const kicker = `Round ${group.round}${group.format === 'ring' ? ' · Table' : ''} · Step ${m.stepIndex + 1} of ${m.stepsInRound}`
  const root = h('section', { 'class': `ex ex-round${m.swap ? ' is-swap' : ''}`, 'data-role': side ?? 'none' }, h('div', { class: 'ex-head' }, h('p', { class: 'ex-token-chip' }, h('span', { 'class': 'swatch', 'aria-hidden': 'true' }), group.token.label), timer.root), h('p', { class: 'kicker' }, kicker), heading, h('div', { class: 'ex-step' }, h('p', { class: 'ex-step-label' }, m.label), h('p', { class: 'ex-cue' }, cue)), ownAsk, prompts.length ? h('details', { class: 'ex-prompts' }, h('summary', {}, `Prompts for the ${definition.roles[side!].label.toLowerCase()}`), h('ul', {}, ...prompts.map(p => h('li', {}, p)))) : null, m.nextLabel ? h('p', { class: 'ex-next' }, `Next: ${m.nextLabel}`) : null)
  const swatch = root.querySelector<HTMLElement>('.swatch')
  if (swatch)
    swatch.style.background = group.token.hex
  return { key: roundKey(view, group, g), root, tick: c => timer.set(c.group ?? c.step) }
}

function roundKey(view: ExercisePhoneView, group: ExerciseGroupView, g: GroupStepView): string {
  return `round:${view.run}:${group.round}:${group.token.label}:${group.members.length}:${group.turns.join('-')}:${g.stepIndex}:${g.focus}:${g.swap}`
}

function waitingScreen(view: ExercisePhoneView, phase: string): Screen {
  const late = view.waiting !== 'alone'
  const moreRounds = view.clock.round < view.clock.rounds
  const root = h('section', { class: 'ex ex-waiting waiting' }, h('div', { 'class': 'waiting-art', 'aria-hidden': 'true' }, h('span'), h('span'), h('span')), h('h1', { class: 'waiting-title', tabindex: -1 }, late ? 'Pairs are already formed' : 'Waiting for a partner'), h('p', { class: 'waiting-text' }, late
    ? `Pairs for this round were formed before you arrived. Tell the facilitator: they can add you to a group nearby, and this phone will show its token.${moreRounds ? ' Otherwise you get a partner in the next round.' : ''}`
    : 'There is nobody free to pair with right now. Tell the facilitator: they can add you to a group nearby, and this phone will show its token.'))
  return { key: `waiting:${view.run}:${phase}:${view.clock.round}:${view.waiting}`, root }
}

function debriefScreen(definition: ExerciseDefinition, view: ExercisePhoneView, step: TimelineView): Screen {
  const timer = timerBox()
  const question: DebriefQuestion | undefined = definition.debrief.find(d => d.id === step.step?.id)
  const root = h('section', { class: 'ex ex-debrief' }, h('div', { class: 'ex-head' }, h('p', { class: 'kicker' }, `Debrief · ${question?.label ?? step.step?.label ?? ''}`), timer.root), h('h1', { class: 'question', tabindex: -1 }, question?.question ?? step.step?.instruction ?? 'Debrief'), h('p', { class: 'ex-lead' }, question?.instruction ?? ''), question ? h('ul', { class: 'ex-list' }, ...question.prompts.map(p => h('li', {}, p))) : null)
  return { key: `debrief:${view.run}:${step.step?.id}`, root, tick: c => timer.set(c.step) }
}

// ---- commitment ----

type CommitMode = 'timed' | 'ended'

/** Today on the phone's own calendar (the reminder is for the person's own days). */
function today(now: Date): { year: number, month: number, day: number } {
  return { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() }
}

/**
 * The reminder's day: read from "by when" when it names one, and always shown
 * as a date the person can change; when it names none, the box is empty and
 * the .ics button asks for a day instead of guessing.
 */
function reminderPicker(): { root: HTMLElement, input: HTMLInputElement, error: FieldError, setFrom: (byWhen: string) => void } {
  const id = uid('remind')
  const input = h('input', { 'id': id, 'type': 'date', 'class': 'text-input ex-date', 'aria-describedby': `${id}-note` })
  const note = h('p', { id: `${id}-note`, class: 'ex-remind-note' })
  const error = fieldError(() => [input])
  let readFrom = ''
  const describe = () => {
    const day = fromIsoDay(input.value)
    if (!day) {
      setText(note, readFrom ? `We couldn’t read a date from “${readFrom}”. Pick the day you want the reminder.` : 'Pick the day you want the reminder.')
    }
    else {
      const at = reminderStart(day, new Date())
      setText(note, `The reminder rings on ${formatDay(day)} at ${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}.`)
    }
  }
  input.addEventListener('input', () => {
    error.show(undefined)
    describe()
  })
  const root = h('div', { class: 'field ex-remind' }, h('label', { for: id, class: 'field-label' }, 'Reminder on'), input, error.el, note)
  return {
    root,
    input,
    error,
    setFrom(byWhen) {
      const now = new Date()
      input.min = isoDay(today(now))
      const found = parseByWhen(byWhen, today(now))
      input.value = found ? isoDay(found.date) : ''
      readFrom = byWhen.trim()
      describe()
    },
  }
}

function commitmentScreen(definition: ExerciseDefinition, view: ExercisePhoneView, send: (values: Record<string, string>, shared: boolean) => boolean, mode: CommitMode): Screen {
  const timer = timerBox()
  const template = definition.commitment
  const stored = view.commitment?.values ?? loadSavedCommitment() ?? {}
  const inputs = new Map<string, HTMLInputElement>()
  const errors = new Map<string, FieldError>()
  const field = (f: CommitmentField) => {
    const id = uid('commit')
    const input = h('input', { id, type: 'text', class: 'text-input', maxlength: f.maxLength, placeholder: f.placeholder, autocomplete: 'off' })
    input.value = stored[f.id] ?? ''
    inputs.set(f.id, input)
    const error = fieldError(() => [input])
    errors.set(f.id, error)
    input.addEventListener('input', () => error.show(undefined))
    return h('div', { class: 'field' }, h('label', { for: id, class: 'field-label' }, f.label), input, error.el)
  }
  const shareId = uid('share')
  const share = h('input', { id: shareId, type: 'checkbox', class: 'ex-check' })
  share.checked = view.commitment?.shared ?? false
  const save = h('button', { type: 'submit', class: 'button primary' }, view.commitment ? 'Update my commitment' : 'Save my commitment')
  const feedback = h('p', { 'class': 'feedback', 'role': 'status', 'aria-live': 'polite' })
  const sentence = h('p', { class: 'ex-sentence' })
  const card = h('div', { class: 'ex-card', hidden: true }, h('p', { class: 'ex-small-label' }, 'My commitment'), sentence)
  const reminder = reminderPicker()
  const ics = h('button', { type: 'button', class: 'button secondary' }, 'Add a reminder (.ics)')
  const txt = h('button', { type: 'button', class: 'button secondary' }, 'Save as text')
  const print = h('button', { type: 'button', class: 'button secondary' }, 'Print')
  const keep = h('div', { class: 'ex-keep', hidden: true }, reminder.root, h('div', { class: 'ex-keep-buttons' }, ics, txt, print))

  const read = (): Record<string, string> => Object.fromEntries([...inputs].map(([id, input]) => [id, input.value.trim()]))
  /** The card and its buttons appear only for a complete commitment. */
  const showCard = (text: string | null, values: Record<string, string>) => {
    card.hidden = keep.hidden = !text
    setText(sentence, text ?? '')
    if (text)
      reminder.setFrom(values.when ?? '')
  }
  const note = () => ({ sentence: sentence.textContent ?? '', title: definition.title })
  ics.addEventListener('click', () => {
    const day = fromIsoDay(reminder.input.value)
    if (!day) {
      reminder.error.show('Pick a day for the reminder first.')
      reminder.input.focus()
      return
    }
    const now = new Date()
    download('my-commitment.ics', 'text/calendar', commitmentIcs(note(), now, `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`, reminderStart(day, now)))
  })
  txt.addEventListener('click', () => download('my-commitment.txt', 'text/plain', commitmentText(note(), new Date())))
  print.addEventListener('click', () => window.print())

  const form = h('form', { class: 'ex-form', novalidate: true }, ...template.fields.map(field), h('label', { class: 'ex-share', for: shareId }, share, h('span', {}, 'Share it anonymously with the facilitator (no name attached)')), h('div', { class: 'actions' }, save), feedback)
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const values = read()
    // The server checks the same rules; an incomplete commitment gets its messages and no card.
    const check = validateCommitment(template, values)
    for (const [id, error] of errors)
      error.show(check.ok ? undefined : issueFor(check.issues, id))
    if (!check.ok) {
      const first = template.fields.find(f => issueFor(check.issues, f.id))
      inputs.get(first?.id ?? '')?.focus()
      feedback.dataset.tone = 'error'
      setText(feedback, check.issues.length > 1 ? 'Fill in each part of the sentence, then save.' : (check.issues[0]?.message ?? 'Fill in each part of the sentence.'))
      return
    }
    saveCommitmentLocally(check.values)
    const sent = send(check.values, share.checked)
    feedback.dataset.tone = sent ? 'pending' : 'hint'
    setText(feedback, sent ? 'Saving…' : 'Saved on this phone; it will reach the room when you’re back online.')
    showCard(check.sentence, check.values)
  })
  if (view.commitment?.sentence)
    showCard(view.commitment.sentence, view.commitment.values)

  const ended = mode === 'ended'
  const heading = ended ? 'The exercise has ended' : 'Your commitment'
  const lead = ended
    ? (view.commitment ? 'Thank you. Your commitment is below: keep it with a reminder or a note. Look up at the screen for what comes next.' : 'Thank you. Look up at the screen for what comes next. You can still write a commitment for yourself.')
    : `${template.blank}. One small, concrete ask for the coming days. Only you see it unless you choose to share it.`
  // After the end the form folds away under the card, so the ending is what the phone says first.
  const body = ended ? h('details', { class: 'ex-more', open: !view.commitment }, h('summary', {}, view.commitment ? 'Change my commitment' : 'Write a commitment'), form) : form
  const root = h('section', { class: `ex ex-commit${ended ? ' ex-ended' : ''}` }, h('div', { class: 'ex-head' }, h('p', { class: 'kicker' }, ended ? `${definition.title} · Ended` : 'Commitment'), mode === 'timed' ? timer.root : null), h('h1', { class: 'question', tabindex: -1 }, heading), h('p', { class: 'ex-lead' }, lead), card, keep, body)
  return {
    key: `commit:${view.run}:${mode}`,
    root,
    tick: c => timer.set(c.step),
    sync(v) {
      if (v.commitment?.sentence)
        showCard(v.commitment.sentence, v.commitment.values)
    },
    settle(outcome) {
      if (!outcome.ok) {
        for (const [id, error] of errors)
          error.show(issueFor(outcome.issues ?? [], id))
      }
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
  function choose(v: ExercisePhoneView, clock: Clock, pollOpen: boolean): Screen | null {
    const plan = planOf(v)
    if (!plan)
      return null
    const { definition } = plan
    const { step } = clock
    const key = (s: string) => screen?.key === s
    switch (step.phase) {
      case 'prepare':
        return key(`prepare:${v.run}`) ? screen : prepareScreen(definition, v, sendSubmission)
      case 'pairing':
      case 'rounds': {
        const group = v.group
        if (!group)
          return key(`waiting:${v.run}:${step.phase}:${v.clock.round}:${v.waiting}`) ? screen : waitingScreen(v, step.phase)
        if (step.phase === 'pairing' || !clock.group)
          return key(`partner:${v.run}:${group.round}:${group.token.label}:${group.members.length}:${group.turns.join('-')}`) ? screen : partnerScreen(definition, v, group)
        return key(roundKey(v, group, clock.group)) ? screen : roundScreen(definition, v, group, clock.group)
      }
      case 'debrief':
        return pollOpen ? null : debriefScreen(definition, v, step)
      case 'commitment':
        return key(`commit:${v.run}:timed`) ? screen : commitmentScreen(definition, v, sendCommitment, 'timed')
      case 'done':
        // A poll after the exercise (the closing "My ask") takes the phone; otherwise it says the exercise ended.
        if (pollOpen)
          return null
        return key(`commit:${v.run}:ended`) ? screen : commitmentScreen(definition, v, sendCommitment, 'ended')
    }
  }

  let pollOpen = false

  function clockOf(v: ExercisePhoneView, serverNow: number): Clock | null {
    const step = liveStep(v, serverNow)
    const plan = planOf(v)
    if (!step || !plan)
      return null
    const group = step.phase === 'rounds' && v.group && v.group.round === step.round ? groupStepAt(plan.schedule, v.clock.timeline, v.group.turns, serverNow) : null
    return { step, group }
  }

  function refresh(fromServer: boolean): boolean {
    const v = view
    if (!v) {
      screen = null
      replace(root)
      return false
    }
    const clock = clockOf(v, Date.now() + offset)
    if (!clock)
      return false
    const next = choose(v, clock, pollOpen)
    if (!next) {
      screen = null
      replace(root)
      return false
    }
    const { step, group } = clock
    // During a round the group's own steps count: a pair with one ask has no swap.
    const stepKey = group ? `rounds:${group.round}:${group.stepIndex}:${group.swap}` : `${step.phase}:${step.round}:${step.step?.id}:${step.turn}:${step.swap}`
    if (next.key !== screen?.key) {
      const phaseChanged = !screen || screen.key.split(':')[0] !== next.key.split(':')[0]
      show(next, phaseChanged)
      if (stepKey !== lastStepKey && lastStepKey !== '') {
        if (group?.swap ?? step.swap) {
          buzz()
          announce('Swap roles')
        }
        else if (group) {
          announce(`${group.step.label} — ${formatClock(group.remainingMs)}`)
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
    next.tick?.(clock)
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
