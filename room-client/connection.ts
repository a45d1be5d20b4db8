import type { AnswerValue, ClientMessage, ControlAction, ExerciseAction, ExercisePhoneView, ExerciseScreenView, PublicPoll, ServerMessage, WS_PATH } from '../core/protocol'
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

export type Role
  = | { kind: 'participant', participantId: string, nickname?: string }
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
  /** Votes sent (or waiting to be sent) without an acknowledgement yet. */
  pending: readonly PendingVote[]
  participants: number | null
  /** `serverTime - Date.now()` from the last welcome or pong. */
  clockOffset: number | null
  /** This participant's view of the live exercise (participants only); null or absent when none runs. */
  exercise?: ExercisePhoneView | null
}

type Msg<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>

export interface RoomEvents {
  state: RoomState
  /** A new poll, a status change, or a resync after (re)connecting. */
  poll: { current: PublicPoll | null, myAnswer: AnswerValue | null }
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
  /**
   * Unacknowledged votes saved by an earlier page load, sent after the first
   * welcome like any other queued vote (the server upserts, so never twice).
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
  on: <K extends keyof RoomEvents>(event: K, listener: (payload: RoomEvents[K]) => void) => () => void
  /** Queue a vote and send it as soon as the link is up; returns its request id. */
  vote: (pollId: string, value: AnswerValue) => string
  /** Send a presenter action with the role's secret; `null` when offline (never queued). */
  control: (action: ControlAction) => string | null
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
  const url = socketUrl(options.url ?? globalThis.location.origin)
  let role = options.role

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
    pending: [],
    participants: null,
    clockOffset: null,
    exercise: null,
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
        send({ type: 'hello', participantId: role.participantId, ...(role.nickname ? { nickname: role.nickname } : {}) })
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

  function flush(): void {
    for (const vote of queue.list())
      send({ type: 'vote', requestId: vote.requestId, pollId: vote.pollId, value: vote.value })
  }

  function handle(message: ServerMessage): void {
    if (!ready) {
      if (role.kind === 'participant' && message.type === 'error' && message.requestId === undefined) {
        // The server refused our hello (e.g. rate-limited): try again later, with backoff.
        emit('error', message)
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
        state.participantId = message.participantId
        state.clockOffset = message.serverTime - now()
        state.current = message.current
        state.myAnswer = message.myAnswer
        // Only now is the connection bound to the participant: resend what is unacknowledged.
        flush()
        emit('poll', { current: message.current, myAnswer: message.myAnswer })
        break
      case 'poll':
        state.current = message.current
        state.myAnswer = message.myAnswer
        emit('poll', { current: message.current, myAnswer: message.myAnswer })
        break
      case 'ack': {
        const vote = queue.settle(message.requestId)
        if (vote && state.current?.poll.id === vote.pollId)
          state.myAnswer = vote.value
        emit('ack', vote ? { ...message, vote } : message)
        break
      }
      case 'error': {
        const vote = message.requestId === undefined ? undefined : queue.settle(message.requestId)
        emit('error', vote ? { ...message, vote } : message)
        break
      }
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
      queue.add({ requestId, pollId, value })
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
    setNickname(nickname) {
      if (role.kind !== 'participant' || role.nickname === nickname)
        return
      role = { ...role, nickname }
      restart()
    },
    reconnect: restart,
    close() {
      retryTimer = clear(retryTimer)
      detach()
      setStatus('closed')
      changed()
    },
  }
}
