import type { AnswerValue, ClientMessage, ControlAction, ErrorCode, ExerciseAction, ExercisePhoneView, ExerciseScreenView, ParticipantIdentity, PublicPoll, ServerMessage, WS_PATH } from '../core/protocol'
import type { BackoffOptions } from './backoff'
import type { PendingVote } from './vote-queue'
import { backoffDelay } from './backoff'
import { randomId } from './ids'
import { parseServerMessage } from './parse'
import { VoteQueue } from './vote-queue'

export type { PendingVote } from './vote-queue'

/**
 * Kept as a literal instead of imported: importing a value from
 * core/protocol.ts drags its valibot schemas (~3 KB gzipped) into the phone
 * bundle. The type annotation makes TypeScript fail if the two ever differ.
 */
const SOCKET_PATH: typeof WS_PATH = '/api/ws'

/** The parts of a WebSocket the client uses: the browser's and the `ws` package's both fit. */
export interface SocketLike {
  readonly readyState: number
  send: (data: string) => void
  close: (code?: number, reason?: string) => void
  onopen: ((event: any) => void) | null
  onclose: ((event: any) => void) | null
  onerror: ((event: any) => void) | null
  onmessage: ((event: any) => void) | null
}
export type SocketConstructor = new (url: string) => SocketLike

export interface Timers {
  setTimeout: (fn: () => void, ms: number) => unknown
  clearTimeout: (handle: unknown) => void
}

/**
 * A participant starts without an identity (the server issues one in its
 * first welcome, see the `identity` event) or with the one it kept; a screen
 * only watches.
 */
export type Role
  = | { kind: 'participant', identity?: ParticipantIdentity | null, nickname?: string }
    | { kind: 'screen', secret?: string }

/**
 * `connecting`: first attempt (or a deliberate restart); `open`: the server
 * has answered on the current socket; `reconnecting`: the link was lost and
 * the client is retrying; `closed`: `close()` was called.
 */
export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'closed'

export interface RoomState {
  status: ConnectionStatus
  /** The id the server bound this connection to (participants only). */
  participantId: string | null
  current: PublicPoll | null
  /** The answer the server holds for the current poll and round. */
  myAnswer: AnswerValue | null
  /**
   * The facilitator reset the current poll after this participant had
   * answered it, and they have not answered the new round yet.
   */
  answeredBeforeReset?: boolean
  /** Votes sent (or waiting to be sent) without an acknowledgement yet. */
  pending: readonly PendingVote[]
  participants: number | null
  /** `serverTime - Date.now()` from the last welcome or pong. */
  clockOffset: number | null
  /** This participant's view of the live exercise (participants only); null or absent when none runs. */
  exercise?: ExercisePhoneView | null
  /** Why the server turned our hello down (too many phones on this address, too many new ones); cleared by a welcome. */
  refusal?: { code: ErrorCode, message: string } | null
  /**
   * The server could not save one of our answers (its disk is full, its
   * database read-only): the answer stays pending and is sent again on a
   * timer, and at once when the server says saving works again.
   */
  storageFailed?: boolean
}

type Msg<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>

export interface RoomEvents {
  state: RoomState
  /** A new poll, a status change, or a resync after (re)connecting. */
  poll: { current: PublicPoll | null, myAnswer: AnswerValue | null, answeredBeforeReset: boolean }
  /** `vote` is set when the acknowledged request was one of our votes. */
  ack: Msg<'ack'> & { vote?: PendingVote }
  /** `vote` is set when the server refused one of our votes (it is not retried). */
  error: Msg<'error'> & { vote?: PendingVote }
  results: Msg<'results'>
  room: { participants: number }
  status: ConnectionStatus
  /** A participant's own exercise view changed. */
  exercise: ExercisePhoneView | null
  /** The screen view of the exercise (screens). */
  exerciseScreen: { exercise: ExerciseScreenView | null, serverTime: number }
  /** The server issued this participant's identity (keep it), or refused the one we had (`null`: forget it). */
  identity: ParticipantIdentity | null
  /** Saving works again on the server (everyone), or failed, with the file and cause (presenter screens only). */
  storage: Msg<'storage'>
  /** The presenter moved to this slide (screens). */
  slide: { page: number, clicks: number }
}

/** A filled-in prepare-phase submission, as `validateSubmission` takes it. */
export interface ExerciseSubmissionInput {
  pass?: boolean
  ask?: string | null
  askTopics?: string[]
  offers?: string[]
  offerTopics?: string[]
}

export interface RoomConnectionOptions {
  role: Role
  /**
   * The page's origin or a full ws(s) URL. http(s) becomes ws(s) and the
   * protocol's socket path is added when the URL has none.
   * @default globalThis.location.origin
   */
  url?: string
  /** @default globalThis.WebSocket */
  WebSocket?: SocketConstructor
  /** @default globalThis.setTimeout / clearTimeout */
  timers?: Timers
  /** @default Math.random */
  random?: () => number
  /** @default Date.now */
  now?: () => number
  backoff?: BackoffOptions
  /** Send a ping after this long without traffic. @default 20_000 */
  heartbeatMs?: number
  /** A link with no answer this long after a ping is dead. @default 10_000 */
  pongTimeoutMs?: number
  /** Give up on a socket that has not opened after this long. @default 10_000 */
  connectTimeoutMs?: number
  /** After the server could not save an answer, send what is pending again after about this long (±25 %). @default 5_000 */
  resendMs?: number
  /**
   * Unacknowledged votes saved by an earlier page load, sent after the first
   * welcome like any other queued vote (the server upserts, so never twice).
   * Votes cast as another participant than the one welcomed are dropped.
   * @default []
   */
  pending?: readonly PendingVote[]
  /**
   * The poll the server put into the page it served, shown before the socket
   * is up; the welcome replaces it.
   * @default null
   */
  current?: PublicPoll | null
}

export interface RoomConnection {
  readonly state: RoomState
  /** The participant's id and token (participants only), null until the server issues them. */
  readonly identity: ParticipantIdentity | null
  on: <K extends keyof RoomEvents>(event: K, listener: (payload: RoomEvents[K]) => void) => () => void
  /** Queue a vote and send it as soon as the link is up; returns its request id. */
  vote: (pollId: string, value: AnswerValue) => string
  /** Send a presenter action with the role's secret; `null` when offline (never queued). */
  control: (action: ControlAction) => string | null
  /** Tell screens that follow the presenter which slide is showing (role's secret); `null` when offline. */
  presentSlide: (page: number, clicks: number) => string | null
  /** Change the nickname; reconnects because `hello` is once per connection. */
  setNickname: (nickname: string | undefined) => void
  /** Drop the current link (if any) and try again now, skipping the backoff wait. */
  reconnect: () => void
  close: () => void
}

/** The live exercise's messages; each settles through the `ack`/`error` events by request id. */
export interface ExerciseConnection {
  /** Send the prepare-phase submission (write, edit or pass); `null` when offline. */
  submitExercise: (submission: ExerciseSubmissionInput) => string | null
  /** Save a commitment; `null` when offline. */
  commitExercise: (commitment: Record<string, string>, shared?: boolean) => string | null
  /** Send a facilitator action on the exercise with the role's secret; `null` when offline. */
  exerciseControl: (action: ExerciseAction) => string | null
}

/** Where to connect: the socket path on the page's origin, ws:// or wss:// to match. */
export function socketUrl(base: string): string {
  const url = new URL(base)
  url.protocol = url.protocol === 'https:' || url.protocol === 'wss:' ? 'wss:' : 'ws:'
  if (url.pathname === '/' || url.pathname === '')
    url.pathname = SOCKET_PATH
  url.hash = ''
  return url.toString()
}

const OPEN = 1

export function createRoomConnection(options: RoomConnectionOptions): RoomConnection & ExerciseConnection {
  const Socket: SocketConstructor = options.WebSocket ?? globalThis.WebSocket
  if (!Socket)
    throw new Error('No WebSocket implementation: pass options.WebSocket (for example the `ws` package).')
  const timers: Timers = options.timers ?? {
    setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
    clearTimeout: handle => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  }
  const random = options.random ?? Math.random
  const now = options.now ?? Date.now
  const heartbeatMs = options.heartbeatMs ?? 20_000
  const pongTimeoutMs = options.pongTimeoutMs ?? 10_000
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000
  const resendMs = options.resendMs ?? 5_000
  const url = socketUrl(options.url ?? globalThis.location.origin)
  let role = options.role
  /** Kept together and only here: the token goes out in hello and nowhere else. */
  let identity: ParticipantIdentity | null = role.kind === 'participant' ? role.identity ?? null : null

  const queue = new VoteQueue()
  for (const vote of options.pending ?? [])
    queue.add(vote)
  // Typed at `on` and `emit`; the map itself only routes by name.
  const listeners = new Map<keyof RoomEvents, Set<(payload: any) => void>>()
  const state: RoomState = {
    status: 'connecting',
    participantId: null,
    current: options.current ?? null,
    myAnswer: null,
    answeredBeforeReset: false,
    pending: [],
    participants: null,
    clockOffset: null,
    exercise: null,
    refusal: null,
    storageFailed: false,
  }

  let socket: SocketLike | null = null
  /**
   * True once the current socket is usable: a participant has been welcomed,
   * a screen has heard anything back from the server.
   */
  let ready = false
  let attempt = 0
  let retryTimer: unknown = null
  let connectTimer: unknown = null
  let idleTimer: unknown = null
  let pongTimer: unknown = null
  let resendTimer: unknown = null

  function emit<K extends keyof RoomEvents>(event: K, payload: RoomEvents[K]): void {
    for (const listener of listeners.get(event) ?? []) {
      try {
        listener(payload)
      }
      catch (error) {
        // One broken listener must not stop the others or the socket.
        console.error(error)
      }
    }
  }

  function changed(): void {
    state.pending = queue.list()
    emit('state', { ...state })
  }

  function setStatus(status: ConnectionStatus): void {
    if (state.status === status)
      return
    state.status = status
    emit('status', status)
  }

  function clear(handle: unknown): null {
    if (handle !== null)
      timers.clearTimeout(handle)
    return null
  }

  function send(message: ClientMessage): boolean {
    if (!socket || socket.readyState !== OPEN)
      return false
    try {
      socket.send(JSON.stringify(message))
      return true
    }
    catch {
      return false
    }
  }

  /** (Re)arm the heartbeat: after `heartbeatMs` of silence, ping and expect an answer. */
  function armHeartbeat(): void {
    idleTimer = clear(idleTimer)
    pongTimer = clear(pongTimer)
    idleTimer = timers.setTimeout(() => {
      idleTimer = null
      send({ type: 'ping' })
      pongTimer = timers.setTimeout(() => {
        pongTimer = null
        lost()
      }, pongTimeoutMs)
    }, heartbeatMs)
  }

  function detach(): void {
    connectTimer = clear(connectTimer)
    idleTimer = clear(idleTimer)
    pongTimer = clear(pongTimer)
    const old = socket
    socket = null
    ready = false
    if (!old)
      return
    old.onopen = old.onclose = old.onmessage = null
    // Closing a socket that is still connecting reports an error afterwards; with
    // Node's `ws` an error nobody listens to would crash the process, so keep a no-op.
    old.onerror = () => {}
    // A dead link may never finish the close handshake; we do not wait for it.
    try {
      old.close()
    }
    catch {}
  }

  function hello(): void {
    if (role.kind !== 'participant')
      return
    send({
      type: 'hello',
      ...(identity ? { participantId: identity.participantId, token: identity.token } : {}),
      ...(role.nickname ? { nickname: role.nickname } : {}),
    })
  }

  function connect(): void {
    retryTimer = clear(retryTimer)
    detach()
    let ws: SocketLike
    try {
      ws = new Socket(url)
    }
    catch {
      lost()
      return
    }
    socket = ws
    connectTimer = timers.setTimeout(lost, connectTimeoutMs)
    ws.onopen = () => {
      connectTimer = clear(connectTimer)
      if (role.kind === 'participant')
        hello()
      else
        send({ type: 'watch', requestId: randomId(), ...(role.secret ? { secret: role.secret } : {}) })
      armHeartbeat()
    }
    ws.onmessage = (event: { data?: unknown }) => {
      const data = event.data
      const message = parseServerMessage(typeof data === 'string' ? data : String(data))
      armHeartbeat()
      if (message)
        handle(message)
    }
    ws.onclose = () => lost()
    ws.onerror = () => lost()
  }

  /** The link is gone (or never came up): schedule the next attempt. */
  function lost(): void {
    detach()
    if (state.status === 'closed')
      return
    setStatus('reconnecting')
    changed()
    retryTimer = clear(retryTimer)
    retryTimer = timers.setTimeout(connect, backoffDelay(attempt++, options.backoff, random))
  }

  /** Try the pending answers again a little later; jittered so a room full of phones does not resend in step. */
  function armResend(): void {
    if (resendTimer !== null)
      return
    resendTimer = timers.setTimeout(() => {
      resendTimer = null
      // Not ready: the next welcome sends them anyway.
      if (ready && state.storageFailed)
        flush()
    }, resendMs * (0.75 + random() / 2))
  }

  function flush(): void {
    for (const vote of queue.list())
      send({ type: 'vote', requestId: vote.requestId, pollId: vote.pollId, value: vote.value })
  }

  function handle(message: ServerMessage): void {
    if (!ready) {
      if (role.kind === 'participant' && message.type === 'error' && message.requestId === undefined) {
        state.refusal = { code: message.code, message: message.message }
        emit('error', message)
        if (message.code === 'bad-nickname' && role.kind === 'participant' && role.nickname) {
          // Join without the nickname rather than retrying a hello the room will refuse again;
          // the error event lets the page say what to change.
          role = { ...role, nickname: undefined }
          hello()
          changed()
          return
        }
        if (message.code === 'identity-refused' && identity) {
          // Our id and token are not this room's (a new database, another session):
          // forget them and join as a new phone on this same socket.
          identity = null
          state.participantId = null
          emit('identity', null)
          hello()
          changed()
          return
        }
        // Refused for now (too many phones on this address, too many new ones): try again later, with backoff.
        lost()
        return
      }
      if (role.kind === 'screen' || message.type === 'welcome') {
        ready = true
        attempt = 0
        setStatus('open')
      }
    }
    switch (message.type) {
      case 'welcome':
        if (message.token) {
          identity = { participantId: message.participantId, token: message.token }
          emit('identity', identity)
        }
        state.participantId = message.participantId
        state.refusal = null
        state.clockOffset = message.serverTime - now()
        state.current = message.current
        state.myAnswer = message.myAnswer
        state.answeredBeforeReset = message.answeredBeforeReset === true
        for (const vote of queue.adopt(message.participantId))
          emit('error', { type: 'error', requestId: vote.requestId, code: 'identity-refused', message: 'This phone joined again as a new participant, so an answer it had saved was not sent. Please answer again.', vote })
        // Only now is the connection bound to the participant: resend what is unacknowledged.
        flush()
        emit('poll', { current: message.current, myAnswer: message.myAnswer, answeredBeforeReset: state.answeredBeforeReset })
        break
      case 'poll':
        state.current = message.current
        state.myAnswer = message.myAnswer
        state.answeredBeforeReset = message.answeredBeforeReset === true
        emit('poll', { current: message.current, myAnswer: message.myAnswer, answeredBeforeReset: state.answeredBeforeReset })
        break
      case 'ack': {
        const vote = queue.settle(message.requestId)
        if (vote && state.current?.poll.id === vote.pollId) {
          state.myAnswer = vote.value
          state.answeredBeforeReset = false
        }
        if (vote)
          state.storageFailed = false
        emit('ack', vote ? { ...message, vote } : message)
        break
      }
      case 'error': {
        if (message.code === 'storage-failed' && queue.list().some(v => v.requestId === message.requestId)) {
          // Nothing was saved: keep the answer (unsettled) and send it again.
          state.storageFailed = true
          armResend()
          emit('error', message)
          break
        }
        const vote = message.requestId === undefined ? undefined : queue.settle(message.requestId)
        emit('error', vote ? { ...message, vote } : message)
        break
      }
      case 'storage':
        // Resent even without a failure of our own: the upsert makes a duplicate harmless.
        if (message.ok) {
          state.storageFailed = false
          if (ready && queue.size > 0)
            flush()
        }
        emit('storage', message)
        break
      case 'results':
        state.participants = message.participants
        emit('results', message)
        break
      case 'room':
        state.participants = message.participants
        emit('room', { participants: message.participants })
        break
      case 'pong':
        state.clockOffset = message.serverTime - now()
        break
      case 'exercise':
        state.exercise = message.exercise
        state.clockOffset ??= message.serverTime - now()
        emit('exercise', message.exercise)
        break
      case 'exercise-screen':
        state.clockOffset = message.serverTime - now()
        emit('exerciseScreen', { exercise: message.exercise, serverTime: message.serverTime })
        break
      case 'slide':
        emit('slide', { page: message.page, clicks: message.clicks })
        break
    }
    changed()
  }

  function restart(): void {
    if (state.status === 'closed')
      return
    attempt = 0
    if (state.status === 'open')
      setStatus('connecting')
    connect()
    changed()
  }

  connect()

  return {
    get state() {
      return { ...state, pending: queue.list() }
    },
    get identity() {
      return identity
    },
    on(event, listener) {
      let set = listeners.get(event)
      if (!set)
        listeners.set(event, set = new Set())
      set.add(listener)
      return () => {
        set.delete(listener)
      }
    },
    vote(pollId, value) {
      const requestId = randomId()
      // Tagged with who casts it, so it is never resent as somebody else (see VoteQueue.adopt).
      const voter = identity?.participantId ?? state.participantId
      queue.add({ requestId, pollId, value, ...(voter === null ? {} : { participantId: voter }) })
      if (ready)
        send({ type: 'vote', requestId, pollId, value })
      changed()
      return requestId
    },
    control(action) {
      if (!ready)
        return null
      const requestId = randomId()
      const secret = role.kind === 'screen' ? role.secret ?? '' : ''
      return send({ type: 'control', requestId, secret, action }) ? requestId : null
    },
    submitExercise(submission) {
      const requestId = randomId()
      return ready && send({ type: 'exercise-submit', requestId, submission }) ? requestId : null
    },
    commitExercise(commitment, shared) {
      const requestId = randomId()
      return ready && send({ type: 'exercise-commit', requestId, commitment, ...(shared ? { shared } : {}) }) ? requestId : null
    },
    exerciseControl(action) {
      const requestId = randomId()
      const secret = role.kind === 'screen' ? role.secret ?? '' : ''
      return ready && send({ type: 'exercise-control', requestId, secret, action }) ? requestId : null
    },
    presentSlide(page, clicks) {
      const requestId = randomId()
      const secret = role.kind === 'screen' ? role.secret ?? '' : ''
      return ready && send({ type: 'slide', requestId, secret, page, clicks }) ? requestId : null
    },
    setNickname(nickname) {
      if (role.kind !== 'participant' || role.nickname === nickname)
        return
      role = { ...role, nickname }
      restart()
    },
    reconnect: restart,
    close() {
      retryTimer = clear(retryTimer)
      resendTimer = clear(resendTimer)
      detach()
      setStatus('closed')
      changed()
    },
  }
}
