import type { AnswerValue, PublicPoll } from '../core/protocol'
import type { RoomState } from '../room-client/connection'
import type { AnswerControls } from './render-poll'
import { COMMITMENT_TEMPLATE } from '../exercises/ask-offer'
import { createRoomConnection } from '../room-client/connection'
import { isPublicPoll } from '../room-client/parse'
import { loadSavedCommitment } from './commitment-file'
import { byId, h, replace, setText, uid } from './dom'
import { createLazyExerciseUi } from './exercise-loader'
import { cleanNickname, loadIdentity, loadPendingVotes, loadTypedAnswer, nicknameProblem, saveIdentity, saveNickname, savePendingVotes, saveTypedAnswer } from './identity'
import { asTyped, describeAnswer, kindHint, renderControls } from './render-poll'

/**
 * The closing poll (`poll: { id: my-ask }` on its slide in slides.md) asks what the exercise's
 * commitment step already asked, so a phone fills it in from the saved commitment. Matched by id:
 * the phone knows nothing else of the deck, and a deck without that poll simply never prefills.
 */
const MY_ASK_POLL = 'my-ask'

const RESET_NOTE = 'The facilitator reset this poll: you can answer again.'
const PREFILL_NOTE = 'Filled in from the commitment you saved in the exercise. Change it if you like, then send it.'

/** The DOM of the question on screen, rebuilt only when the poll or its round changes. */
interface PollView {
  key: string
  current: PublicPoll
  root: HTMLElement
  heading: HTMLElement
  controls: AnswerControls
  /** The poll's one error message, which every input points at with `aria-describedby`. */
  problem: HTMLElement
  submit: HTMLButtonElement
  feedback: HTMLElement
  closed: HTMLElement
  /** The participant edited the form since it was filled or sent. */
  dirty: boolean
  /** JSON of the server answer the form was last filled from. */
  filledFrom: string
  /** The room refused the last answer, with its reason. */
  error: string | null
  /** What to fix before sending, and the input at fault (none: the whole answer). */
  hint: { text: string, field?: HTMLElement } | null
  /** The form was filled from the exercise's saved commitment. */
  prefilled: boolean
}

/**
 * The server writes the open poll into the page it serves, so the question
 * is answerable before the socket is up (several round trips on a slow link).
 */
function pollInPage(): PublicPoll | null {
  try {
    const data: unknown = JSON.parse(document.getElementById('room-initial')?.textContent || 'null')
    return isPublicPoll(data) ? data : null
  }
  catch {
    return null
  }
}

const identity = loadIdentity()
const connection = createRoomConnection({
  current: pollInPage(),
  role: { kind: 'participant', identity: identity.credentials, nickname: identity.nickname },
  pending: loadPendingVotes(),
})
// The server issues the id and token on the first welcome; keep them for the next visit.
connection.on('identity', saveIdentity)
// An answer given offline survives a reload: it stays saved until the server confirms it.
connection.on('state', state => savePendingVotes(state.pending))

const statusBox = byId('status')
const statusText = byId('status-text')
const banner = byId('banner')
const mainBox = byId('main')
const waiting = byId('waiting')
const waitingTitle = byId('waiting-title')
const waitingText = byId('waiting-text')
const pollHost = byId('poll')
const announcer = byId('announce')
const exerciseHost = byId('exercise')

let view: PollView | null = null
let rendered = false
let lastStatus = connection.state.status
/** Poll rounds this page has shown open: a closed one it never showed open is not this phone's news. */
const seenOpen = new Set<string>()
let typed = loadTypedAnswer()

const keyOf = (current: PublicPoll): string => `${current.poll.id}:${current.round}`

/** The answer as this phone typed it, when the room holds the same one. */
function shown(current: PublicPoll, answer: AnswerValue): AnswerValue {
  return typed && `${typed.pollId}:${typed.round}` === keyOf(current) ? asTyped(typed.value, answer) : answer
}

function announce(text: string): void {
  // Clear first so the same sentence twice is still read out.
  announcer.textContent = ''
  setTimeout(() => announcer.textContent = text, 50)
}

/**
 * Where focus was last inside the page. When that element goes (a screen
 * replaced, a control disabled as the poll closes), focus would fall to
 * <body> and the next Tab would start from the top: it moves to the
 * heading on screen instead.
 */
let lastFocused: Element | null = null
/** Decided when it took focus: once removed, an element is inside nothing. */
let lastFocusedInMain = false
document.addEventListener('focusin', (event) => {
  lastFocused = event.target as Element
  lastFocusedInMain = mainBox.contains(lastFocused)
})

function isGone(el: Element): boolean {
  return !el.isConnected || (el as HTMLElement).offsetParent === null || (el as HTMLInputElement).disabled === true
}

function rescueFocus(): void {
  const active = document.activeElement
  if (!lastFocused || (active && active !== document.body) || !lastFocusedInMain || !isGone(lastFocused))
    return
  const heading = [...mainBox.querySelectorAll<HTMLElement>('h1')].find(el => el.offsetParent !== null)
  heading?.focus()
}

// The exercise screens are a second chunk, fetched when the room runs an exercise (or at idle before).
const chunkSrc = exerciseHost.dataset.chunk
const exercise = createLazyExerciseUi(connection, announce, {
  chunk: chunkSrc ? { src: chunkSrc, integrity: exerciseHost.dataset.integrity ?? '' } : null,
  rerender: () => render(connection.state),
})
exerciseHost.appendChild(exercise.root)
// Redraws the countdown from the stored timeline; the clock itself is never counted here.
setInterval(() => {
  exercise.tick()
  rescueFocus()
}, 250)

/** The commitment this phone saved in the exercise, as one sentence for the closing poll. */
function savedCommitmentSentence(state: RoomState): string | null {
  const fromRoom = state.exercise?.commitment?.sentence
  let values: Record<string, string> | null = null
  try {
    // Reading `localStorage` itself throws where the browser blocks storage.
    values = fromRoom ? null : loadSavedCommitment()
  }
  catch {}
  const sentence = fromRoom ?? (values && COMMITMENT_TEMPLATE.text.replace(/\{(\w+)\}/g, (_, id: string) => values[id] ?? '___'))
  if (!sentence || sentence.includes('___'))
    return null
  return /[.!?…]$/.test(sentence) ? sentence : `${sentence}.`
}

function buildView(current: PublicPoll): PollView {
  const { poll } = current
  const problemId = uid('problem')
  const controls = renderControls(poll, problemId)
  const heading = h('h1', { class: 'question', tabindex: -1 }, poll.question)
  // Read out as it appears (a number out of range while typing), and named by every input.
  const problem = h('p', { 'id': problemId, 'class': 'field-problem', 'aria-live': 'polite' })
  const submit = h('button', { type: 'submit', class: 'button primary' }, 'Send answer')
  const feedback = h('p', { 'class': 'feedback', 'role': 'status', 'aria-live': 'polite' })
  const closed = h('div', { class: 'closed', hidden: true, tabindex: -1 })
  const privacy = poll.private === true && h('p', { class: 'private-note' }, 'Private: your answer is never shown on the projector.')
  const legend = h('legend', {}, h('span', { class: 'kicker' }, kindHint(poll)), heading)
  const form = h('form', { class: 'poll', novalidate: true }, h('fieldset', {}, legend, privacy, controls.body, problem), h('div', { class: 'actions' }, submit), feedback, closed)
  const next: PollView = { key: keyOf(current), current, root: form, heading, controls, problem, submit, feedback, closed, dirty: false, filledFrom: 'null', error: null, hint: null, prefilled: false }
  const edited = () => {
    next.dirty = true
    next.hint = null
    render(connection.state)
  }
  form.addEventListener('input', edited)
  form.addEventListener('change', edited)
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    if (next.current.status !== 'open')
      return
    const answer = controls.read()
    next.error = null
    if (!answer.ok) {
      next.hint = { text: answer.hint, field: answer.field }
      render(connection.state)
      // To the input to fix, which names the message; the button would leave it unsaid.
      ;(answer.field ?? controls.inputs[0])?.focus()
      return
    }
    next.hint = null
    next.dirty = false
    typed = { pollId: poll.id, round: next.current.round, value: answer.value }
    saveTypedAnswer(typed)
    connection.vote(poll.id, answer.value)
    render(connection.state)
  })
  return next
}

function showWaiting(title: string, text: string): void {
  waiting.hidden = false
  setText(waitingTitle, title)
  setText(waitingText, text)
}

function renderHeader(state: RoomState): void {
  const label = state.status === 'open'
    ? state.participants ? `Connected · ${state.participants} here` : 'Connected'
    : state.status === 'closed' ? 'Disconnected' : state.status === 'reconnecting' ? 'Reconnecting…' : 'Connecting…'
  statusBox.dataset.state = state.status
  setText(statusText, label)
  const offline = state.status === 'reconnecting'
  banner.classList.toggle('is-shown', offline)
  // A refusal (too many phones on this network address) says why, rather than "reconnecting".
  const refusal = state.refusal && state.refusal.code !== 'identity-refused' ? state.refusal.message : null
  setText(banner, offline
    ? refusal ?? (state.pending.length ? 'Reconnecting… your answer is saved and will be sent' : 'Reconnecting… the room will be back in a moment')
    : '')
  if (lastStatus !== 'open' && state.status === 'open' && rendered)
    announce('Connected again')
  lastStatus = state.status
}

/** Mark the inputs at fault, or none; the message itself is in `v.problem`. */
function markInvalid(v: PollView, fields: readonly HTMLElement[]): void {
  for (const input of v.controls.inputs) {
    if (fields.includes(input))
      input.setAttribute('aria-invalid', 'true')
    else
      input.removeAttribute('aria-invalid')
  }
}

function renderPoll(state: RoomState, current: PublicPoll): void {
  const key = keyOf(current)
  const pending = state.pending.find(v => v.pollId === current.poll.id)
  if (view?.key !== key) {
    view = buildView(current)
    const prefill = pending?.value ?? (state.myAnswer === null ? null : shown(current, state.myAnswer))
    if (prefill !== null) {
      view.controls.fill(prefill)
    }
    else if (current.poll.id === MY_ASK_POLL && current.status === 'open') {
      const sentence = savedCommitmentSentence(state)
      if (sentence) {
        view.controls.fill(sentence)
        view.prefilled = true
      }
    }
    view.filledFrom = JSON.stringify(state.myAnswer)
    replace(pollHost, view.root)
    waiting.hidden = true
    if (rendered) {
      view.heading.focus()
      announce(state.answeredBeforeReset && state.myAnswer === null ? RESET_NOTE : 'New question')
    }
  }
  const v = view
  const wasOpen = v.current.status === 'open'
  v.current = current
  const open = current.status === 'open'
  if (open)
    seenOpen.add(key)
  v.controls.layout?.()

  // Another tab or a resync may bring a newer server answer; never overwrite edits.
  const server = JSON.stringify(state.myAnswer)
  if (server !== v.filledFrom && !v.dirty && !pending && state.myAnswer !== null)
    v.controls.fill(shown(current, state.myAnswer))
  v.filledFrom = server

  if (!open) {
    // Disabling a focused control drops focus to <body>: the result takes it instead.
    const hadFocus = v.root.contains(document.activeElement) && document.activeElement !== v.closed
    v.controls.setDisabled(true)
    v.submit.hidden = true
    v.root.classList.add('is-closed')
    v.feedback.hidden = true
    setText(v.problem, '')
    markInvalid(v, [])
    v.closed.hidden = false
    const answer = state.myAnswer === null
      ? v.error ? 'Your answer did not reach the room in time.' : 'You didn’t answer this one.'
      : `Your answer: ${describeAnswer(current.poll, shown(current, state.myAnswer))}`
    replace(v.closed, h('p', { class: 'closed-title' }, 'Voting has closed'), h('p', { class: 'closed-answer' }, answer), h('p', { class: 'closed-next' }, 'The next question will appear here.'))
    if (wasOpen)
      announce('Voting has closed')
    if (hadFocus)
      v.closed.focus()
    return
  }
  v.controls.setDisabled(false)
  v.submit.hidden = false
  v.root.classList.remove('is-closed')
  v.feedback.hidden = false
  v.closed.hidden = true

  // One message on the fields: the room's refusal, else what to fix before sending, else what is typed now.
  const live = v.controls.live()
  const problem = v.error ? { text: v.error, fields: v.controls.inputs } : v.hint ? { text: v.hint.text, fields: v.hint.field ? [v.hint.field] : v.controls.inputs } : live ? { text: live.hint, fields: [live.field] } : null
  setText(v.problem, problem?.text ?? '')
  markInvalid(v, problem?.fields ?? [])

  const sending = state.status === 'open' || state.status === 'connecting'
  // The laptop could not save it (disk full, say): the answer waits here and is sent again.
  const unsaved = pending && sending && state.storageFailed === true
  setText(v.submit, pending && sending && !unsaved ? 'Sending…' : state.myAnswer === null ? 'Send answer' : 'Update answer')
  let tone = ''
  let message = ''
  if (unsaved) {
    tone = 'error'
    message = 'Saving failed on the laptop — your answer will be sent again'
  }
  else if (pending) {
    tone = 'pending'
    message = sending ? 'Sending…' : 'Saved on this phone — it will be sent when you’re back online'
  }
  else if (state.myAnswer !== null) {
    tone = v.dirty ? 'hint' : 'ok'
    message = v.dirty ? 'You changed your answer — tap “Update answer” to send it' : 'Your answer is in ✓ — you can change it while the poll is open'
  }
  else if (state.answeredBeforeReset) {
    tone = 'notice'
    message = RESET_NOTE
  }
  else if (v.prefilled) {
    tone = 'notice'
    message = PREFILL_NOTE
  }
  v.feedback.dataset.tone = tone
  setText(v.feedback, message)
}

/**
 * A closed poll is shown only to phones that saw it open or answered it: a
 * phone that joins after it closed has nothing to do with it.
 */
function isForThisPhone(state: RoomState, current: PublicPoll): boolean {
  return current.status === 'open' || seenOpen.has(keyOf(current)) || state.myAnswer !== null || state.pending.some(v => v.pollId === current.poll.id)
}

function showIdle(state: RoomState): void {
  view = null
  replace(pollHost)
  if (state.answeredBeforeReset)
    showWaiting('This poll was reset', 'The facilitator reset it: you can answer again when it opens.')
  else
    showWaiting('You’re in', 'Look up at the screen — the next question will appear here.')
}

function render(state: RoomState): void {
  renderHeader(state)
  const exerciseShown = state.participantId !== null && exercise.render(state)
  exerciseHost.hidden = !exerciseShown
  pollHost.hidden = exerciseShown
  const current = state.current && isForThisPhone(state, state.current) ? state.current : null
  if (exerciseShown) {
    waiting.hidden = true
  }
  else if (state.participantId === null) {
    if (current)
      renderPoll(state, current)
    else if (state.refusal && state.refusal.code !== 'identity-refused')
      showWaiting('The room can’t let this phone in yet', `${state.refusal.message} This page keeps trying.`)
    else if (state.status === 'reconnecting')
      showWaiting('Trying to reach the room…', 'Check that you are on the workshop’s Wi-Fi. This page keeps trying.')
  }
  else if (current) {
    renderPoll(state, current)
  }
  else {
    showIdle(state)
  }
  rendered = state.participantId !== null
  rescueFocus()
}

connection.on('state', render)
if (connection.state.current)
  render(connection.state)
connection.on('ack', (ack) => {
  exercise.settle(ack.requestId, { ok: true })
})
connection.on('error', (error) => {
  // Not a refusal: the answer is still pending and the state says so.
  if (error.code === 'storage-failed' && !error.vote && connection.state.pending.some(v => v.requestId === error.requestId))
    return
  if (error.requestId !== undefined && exercise.settle(error.requestId, { ok: false, message: error.message, issues: error.issues }))
    return
  if (view && (!error.vote || error.vote.pollId === view.current.poll.id)) {
    view.error = error.message
    render(connection.state)
  }
})

// A phone that loses its network keeps the old socket "open" for a long
// time; drop it at once so the banner shows and answers are queued, and
// skip the backoff wait as soon as the network is back.
addEventListener('offline', () => connection.reconnect())
addEventListener('online', () => connection.state.status !== 'open' && connection.reconnect())
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && connection.state.status !== 'open')
    connection.reconnect()
})
// Zoom and rotation change the width the scale steps share.
addEventListener('resize', () => view?.controls.layout?.())

const nameInput = byId<HTMLInputElement>('name')
const nameStatus = byId('name-status')
nameInput.value = identity.nickname ?? ''
byId('name-form').addEventListener('submit', (event) => {
  event.preventDefault()
  const problem = nicknameProblem(nameInput.value)
  if (problem)
    nameInput.setAttribute('aria-invalid', 'true')
  else
    nameInput.removeAttribute('aria-invalid')
  nameStatus.classList.toggle('is-problem', problem !== null)
  if (problem) {
    nameStatus.textContent = problem
    nameInput.focus()
    return
  }
  const nickname = cleanNickname(nameInput.value)
  nameInput.value = nickname ?? ''
  saveNickname(nickname)
  connection.setNickname(nickname)
  nameStatus.textContent = nickname ? `Saved. Hello, ${nickname}!` : 'Name removed — you are anonymous.'
})
