import type { PublicPoll } from '../core/protocol'
import type { RoomState } from '../room-client/connection'
import type { AnswerControls } from './render-poll'
import { createRoomConnection } from '../room-client/connection'
import { isPublicPoll } from '../room-client/parse'
import { byId, h, replace, setText } from './dom'
import { cleanNickname, loadIdentity, loadPendingVotes, nicknameProblem, saveIdentity, saveNickname, savePendingVotes } from './identity'
import { createExerciseUi } from './render-exercise'
import { describeAnswer, kindHint, renderControls } from './render-poll'

/** The DOM of the question on screen, rebuilt only when the poll or its round changes. */
interface PollView {
  key: string
  current: PublicPoll
  root: HTMLElement
  heading: HTMLElement
  controls: AnswerControls
  submit: HTMLButtonElement
  feedback: HTMLElement
  closed: HTMLElement
  /** The participant edited the form since it was filled or sent. */
  dirty: boolean
  /** JSON of the server answer the form was last filled from. */
  filledFrom: string
  error: string | null
  hint: string | null
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
const waiting = byId('waiting')
const waitingTitle = byId('waiting-title')
const waitingText = byId('waiting-text')
const pollHost = byId('poll')
const announcer = byId('announce')
const exerciseHost = byId('exercise')

let view: PollView | null = null
let rendered = false
let lastStatus = connection.state.status

function announce(text: string): void {
  // Clear first so the same sentence twice is still read out.
  announcer.textContent = ''
  setTimeout(() => announcer.textContent = text, 50)
}

const exercise = createExerciseUi(connection, announce)
exerciseHost.appendChild(exercise.root)
// Redraws the countdown from the stored timeline; the clock itself is never counted here.
setInterval(() => exercise.tick(), 250)

function buildView(current: PublicPoll): PollView {
  const { poll } = current
  const controls = renderControls(poll)
  const heading = h('h1', { class: 'question', tabindex: -1 }, poll.question)
  const submit = h('button', { type: 'submit', class: 'button primary' }, 'Send answer')
  const feedback = h('p', { 'class': 'feedback', 'role': 'status', 'aria-live': 'polite' })
  const closed = h('div', { class: 'closed', hidden: true })
  const form = h('form', { class: 'poll', novalidate: true }, h('fieldset', {}, h('legend', {}, h('span', { class: 'kicker' }, kindHint(poll)), heading), controls.body), h('div', { class: 'actions' }, submit), feedback, closed)
  const next: PollView = { key: `${poll.id}:${current.round}`, current, root: form, heading, controls, submit, feedback, closed, dirty: false, filledFrom: 'null', error: null, hint: null }
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
      next.hint = answer.hint
    }
    else {
      next.hint = null
      next.dirty = false
      connection.vote(poll.id, answer.value)
    }
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

function renderPoll(state: RoomState, current: PublicPoll): void {
  const key = `${current.poll.id}:${current.round}`
  const pending = state.pending.find(v => v.pollId === current.poll.id)
  if (view?.key !== key) {
    view = buildView(current)
    const prefill = pending?.value ?? state.myAnswer
    if (prefill !== null)
      view.controls.fill(prefill)
    view.filledFrom = JSON.stringify(state.myAnswer)
    replace(pollHost, view.root)
    waiting.hidden = true
    if (rendered) {
      view.heading.focus()
      announce('New question')
    }
  }
  const v = view
  const wasOpen = v.current.status === 'open'
  v.current = current
  const open = current.status === 'open'
  if (wasOpen && !open)
    announce('Voting has closed')

  // Another tab or a resync may bring a newer server answer; never overwrite edits.
  const server = JSON.stringify(state.myAnswer)
  if (server !== v.filledFrom && !v.dirty && !pending && state.myAnswer !== null)
    v.controls.fill(state.myAnswer)
  v.filledFrom = server

  v.controls.setDisabled(!open)
  v.submit.hidden = !open
  v.root.classList.toggle('is-closed', !open)
  v.feedback.hidden = !open
  v.closed.hidden = open
  if (!open) {
    const answer = state.myAnswer === null
      ? v.error ? 'Your answer did not reach the room in time.' : 'You didn’t answer this one.'
      : `Your answer: ${describeAnswer(current.poll, state.myAnswer)}`
    replace(v.closed, h('p', { class: 'closed-title' }, 'Voting has closed'), h('p', { class: 'closed-answer' }, answer))
    return
  }

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
  else if (v.error) {
    tone = 'error'
    message = v.error
  }
  else if (v.hint) {
    tone = 'hint'
    message = v.hint
  }
  else if (state.myAnswer !== null) {
    tone = v.dirty ? 'hint' : 'ok'
    message = v.dirty ? 'You changed your answer — tap “Update answer” to send it' : 'Your answer is in ✓ — you can change it while the poll is open'
  }
  v.feedback.dataset.tone = tone
  setText(v.feedback, message)
}

function render(state: RoomState): void {
  renderHeader(state)
  const exerciseShown = state.participantId !== null && exercise.render(state)
  exerciseHost.hidden = !exerciseShown
  pollHost.hidden = exerciseShown
  if (exerciseShown) {
    waiting.hidden = true
  }
  else if (state.participantId === null) {
    if (state.current)
      renderPoll(state, state.current)
    else if (state.refusal && state.refusal.code !== 'identity-refused')
      showWaiting('The room can’t let this phone in yet', `${state.refusal.message} This page keeps trying.`)
    else if (state.status === 'reconnecting')
      showWaiting('Trying to reach the room…', 'Check that you are on the workshop’s Wi-Fi. This page keeps trying.')
  }
  else if (state.current) {
    renderPoll(state, state.current)
  }
  else {
    view = null
    replace(pollHost)
    showWaiting('You’re in', 'Look up at the screen — the next question will appear here.')
  }
  rendered = state.participantId !== null
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

const nameInput = byId<HTMLInputElement>('name')
const nameStatus = byId('name-status')
nameInput.value = identity.nickname ?? ''
byId('name-form').addEventListener('submit', (event) => {
  event.preventDefault()
  const problem = nicknameProblem(nameInput.value)
  if (problem) {
    nameStatus.textContent = problem
    return
  }
  const nickname = cleanNickname(nameInput.value)
  nameInput.value = nickname ?? ''
  saveNickname(nickname)
  connection.setNickname(nickname)
  nameStatus.textContent = nickname ? `Saved. Hello, ${nickname}!` : 'Name removed — you are anonymous.'
})
