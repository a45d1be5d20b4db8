import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { RawData } from 'ws'
import type { TokenBucketOptions } from '../core/polls/rate-limit'
import type { ClientMessage, ErrorCode, RoomIntegrity, ServerMessage } from '../core/protocol'
import type { ExerciseEvent, ExerciseOutcome, ExerciseRoom } from './exercise'
import type { Room, RoomEvent } from './room'
import type { StorageHealth } from './storage-health'
import { Buffer } from 'node:buffer'
import { STATUS_CODES } from 'node:http'
import { performance } from 'node:perf_hooks'
import * as v from 'valibot'
import { WebSocket, WebSocketServer } from 'ws'
import { batchGap, typicalCost } from '../core/polls/batch-gap'
import { KeyedRateLimiter, TokenBucket } from '../core/polls/rate-limit'
import { MAX_MESSAGE_BYTES, parseClientMessage, requestIdSchema, WS_PATH } from '../core/protocol'
import { AddressCap } from './address-cap'
import { addressKey, originAllowed, presenterCookieMatches, secretMatches } from './auth'
import { isSqliteError } from './storage-errors'

export interface SocketOptions {
  room: Room
  /** The live exercise; without it, exercise messages are refused. */
  exercise?: ExerciseRoom
  secret: string
  now: () => number
  /**
   * The longest gap between results batches (ms); the first change after a
   * quiet gap leaves at once, and a cheap batch may follow sooner (`batchGap`).
   */
  batchIntervalMs: number
  /** The shortest gap between results batches (ms). */
  minBatchGapMs: number
  /** Messages per connection. */
  messageRate: TokenBucketOptions
  /** Messages dropped by `messageRate` a connection may send before it is cut off. */
  floodTolerance: TokenBucketOptions
  /** New participant ids per remote address (IPv4, or IPv6 /64). */
  newParticipantRate: TokenBucketOptions
  /** Live identities one remote address may hold at once; 0 = no cap. */
  maxPerAddress: number
  /** Origins besides the request's own host whose pages may open the socket, in `URL.origin` form. */
  allowedOrigins: ReadonlySet<string>
  /** Server-side ws ping interval; a socket that missed the previous pong is terminated. */
  heartbeatMs: number
  /** Whether writes land: a failed one answers `storage-failed`, and everyone hears when saving works again. */
  health?: StorageHealth
}

interface Connection {
  ws: WebSocket
  address: string
  participantId: string | null
  release: (() => void) | null
  /** Frees this connection's place under the per-address cap. */
  releaseAddress: (() => void) | null
  watching: boolean
  authorized: boolean
  /** The upgrade carried the presenter cookie (a browser that opened the presenter link). */
  presenterCookie: boolean
  alive: boolean
  /** Which of the heartbeat's slices pings this socket (see HEARTBEAT_SLICES). */
  heartbeatSlice: number
  messages: TokenBucket
  tolerance: TokenBucket
  lastRateError: number
}

/** A watcher this far behind (bytes queued) skips result batches until it catches up. */
const SLOW_CLIENT_BYTES = 1024 * 1024

/**
 * The heartbeat pings one slice of the sockets at a time, a slice every
 * heartbeatMs / HEARTBEAT_SLICES: pinging 10,000 sockets in one tick held the
 * event loop for 100-300 ms, and every vote arriving meanwhile waited for it.
 * Each socket is still pinged once per heartbeatMs.
 */
const HEARTBEAT_SLICES = 20

/**
 * Phones show "N here"; a second's lag is invisible there, while sending the
 * count to every phone every batch while thousands join costs N sends per
 * batch. Screens get the count with every results batch as well.
 */
const COUNT_INTERVAL_MS = 1000

const CLOSE_FLOOD = 1008
/**
 * An address holding this many live identities shows in the presenter's
 * warning: a phone and a laptop per person is normal, a third is worth a look.
 */
const CROWDED_AT = 3
const CLOSE_GOING_AWAY = 1001

/**
 * Leading edge: the first call after a quiet gap runs `run` as soon as the
 * messages already read are handled (setImmediate); calls during the gap
 * after a run wait for its end and are served by one run. `gapMs` gets the
 * typical cost of recent runs (`typicalCost`).
 */
function leadingEdge(gapMs: (typicalCostMs: number) => number, run: () => void) {
  let pending: { cancel: () => void } | null = null
  /** When `run` last started (monotonic ms), and what recent runs typically took. */
  let lastAt = Number.NEGATIVE_INFINITY
  let cost = 0
  const fire = (): void => {
    pending = null
    lastAt = performance.now()
    try {
      run()
    }
    finally {
      const took = performance.now() - lastAt
      cost = typicalCost(cost, took)
    }
  }
  return {
    schedule(): void {
      if (pending !== null)
        return
      const wait = lastAt + gapMs(cost) - performance.now()
      if (wait <= 0) {
        const immediate = setImmediate(fire)
        pending = { cancel: () => clearImmediate(immediate) }
      }
      else {
        const timer = setTimeout(fire, wait)
        timer.unref?.()
        pending = { cancel: () => clearTimeout(timer) }
      }
    },
    cancel(): void {
      pending?.cancel()
      pending = null
    },
  }
}

function rawToText(data: RawData): string {
  if (Array.isArray(data))
    return Buffer.concat(data).toString('utf8')
  if (data instanceof ArrayBuffer)
    return Buffer.from(data).toString('utf8')
  return data.toString('utf8')
}

/**
 * The requestId of a message that failed validation, if it has a valid one,
 * so the client can settle that request instead of waiting for a timeout.
 * Only a value that passes the requestId schema (a short token) is echoed.
 */
function salvageRequestId(text: string): string | undefined {
  try {
    const data: unknown = JSON.parse(text)
    if (data && typeof data === 'object' && 'requestId' in data) {
      const id = v.safeParse(requestIdSchema, data.requestId)
      return id.success ? id.output : undefined
    }
  }
  catch {}
  return undefined
}

/** Answer an upgrade with a plain HTTP error, before any WebSocket exists. */
function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.on('error', () => {})
  if (!socket.writable) {
    socket.destroy()
    return
  }
  socket.once('finish', () => socket.destroy())
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`)
}

export function pathnameOf(url: string | undefined): string {
  const raw = url ?? '/'
  const end = raw.search(/[?#]/)
  return end === -1 ? raw : raw.slice(0, end)
}

/**
 * The room's WebSocket endpoint: `ws` in noServer mode, so whoever owns the
 * HTTP server (Vite, bin/serve) routes upgrades for WS_PATH here and keeps the
 * rest (Vite's HMR) for itself.
 */
export function createRoomSockets(options: SocketOptions) {
  const { room, now } = options
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false, clientTracking: false })
  const connections = new Set<Connection>()
  let nextHeartbeatSlice = 0
  const newIds = new KeyedRateLimiter(options.newParticipantRate)
  const cap = new AddressCap(options.maxPerAddress)

  let resultsDirty = false
  let participantsDirty = false
  let exerciseDirty = false
  let closed = false
  // Where the presenter is, for screens that follow; a view of the moment, so it is not stored.
  let slide: string | null = null

  function send(conn: Connection, message: ServerMessage | string): void {
    if (conn.ws.readyState !== WebSocket.OPEN)
      return
    conn.ws.send(typeof message === 'string' ? message : JSON.stringify(message))
  }

  function sendError(conn: Connection, code: ErrorCode, message: string, requestId?: string): void {
    send(conn, requestId === undefined ? { type: 'error', code, message } : { type: 'error', requestId, code, message })
  }

  // ---- broadcasts ----

  /**
   * Nicknames are for the presenter's eyes: an audience screen (or anyone on the Wi-Fi watching) gets the
   * same view with the tokens' and the waiting list's names taken out.
   */
  function exerciseScreenMessage(authorized: boolean): string {
    const view = options.exercise?.screenView() ?? null
    const shown = view && !authorized
      ? { ...view, tokens: view.tokens.map(token => ({ ...token, nicknames: [] })), waiting: view.waiting.map(person => ({ ...person, nickname: null })) }
      : view
    return JSON.stringify({ type: 'exercise-screen', serverTime: now(), exercise: shown } satisfies ServerMessage)
  }

  /** Each phone its own view; one snapshot of the run for all of them. */
  function broadcastExercise(onlyFor?: string): void {
    const exercise = options.exercise
    if (!exercise)
      return
    const viewOf = exercise.phoneViews()
    const t = now()
    for (const conn of connections) {
      if (conn.participantId !== null && (onlyFor === undefined || conn.participantId === onlyFor))
        send(conn, { type: 'exercise', serverTime: t, exercise: viewOf(conn.participantId) })
    }
  }

  function sendExerciseScreens(): void {
    const messages: { presenter?: string, audience?: string } = {}
    for (const conn of connections) {
      if (conn.watching && conn.ws.bufferedAmount <= SLOW_CLIENT_BYTES) {
        send(conn, conn.authorized
          ? messages.presenter ??= exerciseScreenMessage(true)
          : messages.audience ??= exerciseScreenMessage(false))
      }
    }
  }

  /**
   * One snapshot of the poll for everyone: the round's answers are read once,
   * and the many phones that have not answered share one serialized message.
   */
  function broadcastPoll(): void {
    const snapshot = room.pollSnapshot()
    const { current } = snapshot
    let blank: string | undefined
    let blankAfterReset: string | undefined
    for (const conn of connections) {
      if (conn.participantId !== null) {
        const myAnswer = snapshot.myAnswer(conn.participantId)
        // answeredBeforeReset is present only when true, so phones built before it see the message they know.
        const reset = snapshot.answeredBeforeReset(conn.participantId)
        if (myAnswer !== null)
          send(conn, { type: 'poll', current, myAnswer, ...(reset ? { answeredBeforeReset: true } : {}) })
        else if (reset)
          send(conn, blankAfterReset ??= JSON.stringify({ type: 'poll', current, myAnswer: null, answeredBeforeReset: true } satisfies ServerMessage))
        else
          send(conn, blank ??= JSON.stringify({ type: 'poll', current, myAnswer: null } satisfies ServerMessage))
      }
      // Screens too, so an audience screen can say "answer on your phone" while a poll is open.
      else if (conn.watching) {
        send(conn, blank ??= JSON.stringify({ type: 'poll', current, myAnswer: null } satisfies ServerMessage))
      }
    }
  }

  function integrity(): RoomIntegrity {
    return { crowded: cap.crowded(CROWDED_AT), crowdedAt: CROWDED_AT, maxPerAddress: cap.max, refusedAddresses: cap.refusedAddresses(now()) }
  }

  /** Screens without the secret get no integrity figures: they may be on the projector for anyone to read. */
  function resultsMessage(authorized: boolean): string {
    const message: ServerMessage = authorized
      ? { type: 'results', polls: room.results({ authorized }), progress: room.progress(), participants: room.participants, authorized, integrity: integrity() }
      : { type: 'results', polls: room.results({ authorized }), progress: room.progress(), participants: room.participants, authorized }
    return JSON.stringify(message)
  }

  function sendCount(): void {
    if (closed || !participantsDirty)
      return
    participantsDirty = false
    try {
      const message = JSON.stringify({ type: 'room', participants: room.participants } satisfies ServerMessage)
      for (const conn of connections)
        send(conn, message)
    }
    catch (error) {
      console.error('[room] could not send the participant count:', error)
    }
  }

  /** Results and exercise screens: the first change at once, later ones together after a gap (`batchGap`). */
  function flush(): void {
    if (closed)
      return
    try {
      if (exerciseDirty) {
        exerciseDirty = false
        sendExerciseScreens()
      }
      if (resultsDirty) {
        resultsDirty = false
        // Serialize each view once, however many screens watch.
        let full: string | undefined
        let open: string | undefined
        for (const conn of connections) {
          if (!conn.watching || conn.ws.bufferedAmount > SLOW_CLIENT_BYTES)
            continue
          if (conn.authorized)
            send(conn, full ??= resultsMessage(true))
          else
            send(conn, open ??= resultsMessage(false))
        }
      }
    }
    catch (error) {
      console.error('[room] could not send results:', error)
    }
  }

  // A vote in a quiet room reaches the screens in a few ms; a burst of thousands costs one batch per gap,
  // and the gap grows with what a batch costs, up to batchIntervalMs.
  const gap = { minMs: options.minBatchGapMs, maxMs: options.batchIntervalMs }
  const batches = leadingEdge(cost => batchGap(cost, gap), flush)
  const counts = leadingEdge(() => Math.max(options.batchIntervalMs, COUNT_INTERVAL_MS), sendCount)

  function scheduleFlush(): void {
    if (closed)
      return
    batches.schedule()
    if (participantsDirty)
      counts.schedule()
  }

  const unsubscribe = room.on((event: RoomEvent) => {
    if (event === 'poll')
      broadcastPoll()
    else if (event === 'participants')
      participantsDirty = exerciseDirty = true
    resultsDirty = true
    scheduleFlush()
  })

  // Saving failed: the presenter (authorised watchers) sees why. Saving works again: everyone
  // hears, so phones resend what is still waiting instead of sitting on "Sending…".
  const unsubscribeHealth = options.health?.on((problem) => {
    const message = JSON.stringify((problem ? { type: 'storage', ok: false, problem } : { type: 'storage', ok: true }) satisfies ServerMessage)
    for (const conn of connections) {
      if (!problem || (conn.watching && conn.authorized))
        send(conn, message)
    }
  }) ?? (() => {})

  const unsubscribeExercise = options.exercise?.on((event: ExerciseEvent) => {
    if (event.kind === 'state') {
      // Phase, step or groups changed: phones and screens hear at once, not batched.
      broadcastExercise()
      sendExerciseScreens()
      return
    }
    if (event.kind === 'mine')
      broadcastExercise(event.participantId)
    else
      exerciseDirty = true
    scheduleFlush()
  }) ?? (() => {})

  function answer(conn: Connection, requestId: string, outcome: ExerciseOutcome): void {
    if (outcome.ok)
      send(conn, { type: 'ack', requestId })
    else
      send(conn, { type: 'error', requestId, code: outcome.code, message: outcome.message, ...(outcome.issues ? { issues: outcome.issues } : {}) })
  }

  // ---- messages ----

  /**
   * Bind the connection to a participant: a new one the server issues (its
   * token sent once, in this welcome), or one the phone proves with its token.
   * A refused hello binds nothing, so the connection never sees that
   * participant's answer, submission, commitment or group.
   */
  function hello(conn: Connection, message: Extract<ClientMessage, { type: 'hello' }>): void {
    const { participantId: claimed, token, nickname } = message
    if (claimed === undefined ? token !== undefined : !room.verify(claimed, token)) {
      sendError(conn, 'identity-refused', 'The room did not recognise this phone (unknown participant or wrong token). Join again as a new participant.')
      return
    }
    if (conn.participantId !== null && conn.participantId !== claimed) {
      sendError(conn, 'already-joined', 'This connection already belongs to another participant. Open a new connection to join as someone else.')
      return
    }
    const first = conn.participantId === null
    let id: string
    let issued: string | undefined
    if (conn.participantId !== null) {
      // The same participant again on this connection (a retry): welcome it again.
      id = conn.participantId
    }
    else {
      // The cap before the rate limit: a phone turned away keeps its address's budget of new ids.
      if (!cap.admits(conn.address, claimed ?? null)) {
        cap.refused(conn.address, now())
        resultsDirty = true
        scheduleFlush()
        sendError(conn, 'too-many-phones', `Too many phones are using this network address (at most ${cap.max} at once). Close the room on another device here, or tell the facilitator.`)
        return
      }
      if (claimed !== undefined) {
        id = claimed
      }
      else {
        if (!newIds.take(conn.address, now())) {
          sendError(conn, 'rate-limited', 'Too many new participants from this network just now. Try again in a minute.')
          return
        }
        const identity = room.join(nickname)
        id = identity.participantId
        issued = identity.token
      }
      conn.participantId = id
      conn.releaseAddress = cap.add(conn.address, id)
      conn.release = room.connect(id)
    }
    const state = room.hello(id, nickname)
    send(conn, { type: 'welcome', participantId: id, ...(issued ? { token: issued } : {}), serverTime: now(), current: state.current, myAnswer: state.myAnswer, ...(state.answeredBeforeReset ? { answeredBeforeReset: true as const } : {}) })
    if (options.exercise) {
      if (first)
        options.exercise.presenceChanged(id)
      const view = options.exercise.phoneView(id)
      if (view)
        send(conn, { type: 'exercise', serverTime: now(), exercise: view })
    }
  }

  /** The presenter's authority: the secret in the message, or the presenter cookie on the upgrade. */
  function presenter(conn: Connection, secret: string | undefined): boolean {
    return conn.presenterCookie || secretMatches(secret, options.secret)
  }

  function handle(conn: Connection, message: ClientMessage): void {
    switch (message.type) {
      case 'ping':
        send(conn, { type: 'pong', serverTime: now() })
        return
      case 'hello':
        hello(conn, message)
        return
      case 'exercise-submit':
      case 'exercise-commit': {
        if (conn.participantId === null) {
          sendError(conn, 'not-joined', 'Send hello first.', message.requestId)
          return
        }
        if (!options.exercise) {
          sendError(conn, 'no-exercise', 'This room runs no exercise.', message.requestId)
          return
        }
        const outcome = message.type === 'exercise-submit'
          ? options.exercise.submit(conn.participantId, message.submission)
          : options.exercise.commit(conn.participantId, message.commitment, message.shared === true)
        answer(conn, message.requestId, outcome)
        return
      }
      case 'exercise-control': {
        if (!presenter(conn, message.secret)) {
          sendError(conn, 'unauthorized', 'The presenter secret is missing or wrong.', message.requestId)
          return
        }
        if (!options.exercise) {
          sendError(conn, 'no-exercise', 'This room runs no exercise.', message.requestId)
          return
        }
        answer(conn, message.requestId, options.exercise.control(message.action))
        return
      }
      case 'vote': {
        if (conn.participantId === null) {
          sendError(conn, 'not-joined', 'Send hello before voting.', message.requestId)
          return
        }
        // room.vote commits before it returns; only then do we acknowledge.
        const outcome = room.vote(conn.participantId, message.pollId, message.value)
        if (outcome.ok)
          send(conn, { type: 'ack', requestId: message.requestId, pollId: outcome.pollId, round: outcome.round })
        else
          sendError(conn, outcome.code, outcome.message, message.requestId)
        return
      }
      case 'control': {
        if (!presenter(conn, message.secret)) {
          sendError(conn, 'unauthorized', 'The presenter secret is missing or wrong.', message.requestId)
          return
        }
        const outcome = room.control(message.action)
        if (outcome.ok)
          send(conn, { type: 'ack', requestId: message.requestId, pollId: outcome.pollId, round: outcome.round })
        else
          sendError(conn, outcome.code, outcome.message, message.requestId)
        return
      }
      case 'slide': {
        if (!presenter(conn, message.secret)) {
          sendError(conn, 'unauthorized', 'The presenter secret is missing or wrong.', message.requestId)
          return
        }
        slide = JSON.stringify({ type: 'slide', page: message.page, clicks: message.clicks } satisfies ServerMessage)
        for (const other of connections) {
          if (other.watching && other !== conn)
            send(other, slide)
        }
        send(conn, { type: 'ack', requestId: message.requestId })
        return
      }
      case 'watch': {
        const authorized = presenter(conn, message.secret)
        conn.watching = true
        conn.authorized = authorized
        if (message.secret !== undefined && message.secret !== '' && !authorized)
          sendError(conn, 'unauthorized', 'The presenter secret is wrong; showing revealed results only.', message.requestId)
        else
          send(conn, { type: 'ack', requestId: message.requestId })
        send(conn, resultsMessage(authorized))
        send(conn, { type: 'poll', current: room.current(), myAnswer: null })
        if (options.exercise?.status())
          send(conn, exerciseScreenMessage(authorized))
        if (slide)
          send(conn, slide)
        const problem = options.health?.problem
        if (authorized && problem)
          send(conn, { type: 'storage', ok: false, problem })
      }
    }
  }

  /**
   * Handle one message; a SQLite error (disk full, read-only, I/O) answers
   * `storage-failed` with the request's id, so the client keeps the answer
   * and sends it again instead of waiting for an ack that never comes.
   */
  function handleGuarded(conn: Connection, message: ClientMessage): void {
    try {
      if (options.health)
        options.health.guard(() => handle(conn, message))
      else
        handle(conn, message)
    }
    catch (error) {
      if (!isSqliteError(error))
        throw error
      sendError(conn, 'storage-failed', 'The room could not save this (the laptop\'s database refused the write). Try again in a moment.', 'requestId' in message ? message.requestId : undefined)
    }
  }

  function onMessage(conn: Connection, data: RawData, isBinary: boolean): void {
    if (conn.ws.readyState !== WebSocket.OPEN)
      return
    const t = now()
    if (!conn.messages.take(t)) {
      if (!conn.tolerance.take(t)) {
        conn.ws.close(CLOSE_FLOOD, 'Too many messages.')
        return
      }
      // One notice a second is enough; answering every dropped frame would amplify a flood.
      if (t - conn.lastRateError >= 1000) {
        conn.lastRateError = t
        sendError(conn, 'rate-limited', 'Too many messages; slow down.')
      }
      return
    }
    if (isBinary) {
      sendError(conn, 'bad-message', 'Messages are JSON text frames.')
      return
    }
    const text = rawToText(data)
    const parsed = parseClientMessage(text)
    if (!parsed.ok) {
      sendError(conn, parsed.code, parsed.message, parsed.code === 'bad-message' ? salvageRequestId(text) : undefined)
      return
    }
    handleGuarded(conn, parsed.message)
  }

  function onConnection(ws: WebSocket, req: IncomingMessage): void {
    const t = now()
    const conn: Connection = {
      ws,
      address: addressKey(req.socket.remoteAddress),
      participantId: null,
      release: null,
      releaseAddress: null,
      watching: false,
      authorized: false,
      presenterCookie: presenterCookieMatches(req.headers.cookie, options.secret),
      alive: true,
      heartbeatSlice: nextHeartbeatSlice++ % HEARTBEAT_SLICES,
      messages: new TokenBucket(options.messageRate, t),
      tolerance: new TokenBucket(options.floodTolerance, t),
      lastRateError: Number.NEGATIVE_INFINITY,
    }
    connections.add(conn)
    ws.on('pong', () => {
      conn.alive = true
    })
    ws.on('message', (data, isBinary) => {
      conn.alive = true
      try {
        onMessage(conn, data, isBinary)
      }
      catch (error) {
        console.error('[room] message handler failed:', error)
        try {
          sendError(conn, 'server-error', 'The server could not handle this message.')
        }
        catch {}
      }
    })
    // Oversized frames, bad UTF-8, resets: ws closes the socket itself; we only must not crash.
    ws.on('error', () => {})
    ws.on('close', () => {
      connections.delete(conn)
      conn.releaseAddress?.()
      conn.release?.()
      if (conn.participantId !== null)
        options.exercise?.presenceChanged(conn.participantId)
    })
  }

  let heartbeatTick = 0
  const heartbeat = setInterval(() => {
    const slice = heartbeatTick++ % HEARTBEAT_SLICES
    for (const conn of connections) {
      if (conn.heartbeatSlice !== slice)
        continue
      if (!conn.alive) {
        conn.ws.terminate()
        continue
      }
      conn.alive = false
      try {
        conn.ws.ping()
      }
      catch {}
    }
    if (slice !== 0)
      return
    newIds.prune(now())
    // Forgets refusals older than the warning's window, watched or not.
    cap.refusedAddresses(now())
  }, options.heartbeatMs / HEARTBEAT_SLICES)
  heartbeat.unref?.()

  return {
    /** Take the upgrade if it is for WS_PATH; return false (socket untouched) otherwise. */
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
      if (pathnameOf(req.url) !== WS_PATH)
        return false
      if (closed) {
        socket.destroy()
        return true
      }
      if (!originAllowed(req.headers.origin, req.headers.host, options.allowedOrigins)) {
        refuseUpgrade(socket, 403, 'This page may not connect to the room: it comes from another site.')
        return true
      }
      wss.handleUpgrade(req, socket, head, ws => onConnection(ws, req))
      return true
    },
    get connections(): number {
      return connections.size
    },
    async close(): Promise<void> {
      if (closed)
        return
      closed = true
      unsubscribe()
      unsubscribeExercise()
      unsubscribeHealth()
      clearInterval(heartbeat)
      batches.cancel()
      counts.cancel()
      const pending = [...connections].map(conn => new Promise<void>((resolve) => {
        if (conn.ws.readyState === WebSocket.CLOSED)
          return resolve()
        const timer = setTimeout(() => {
          conn.ws.terminate()
          resolve()
        }, 1000)
        conn.ws.once('close', () => {
          clearTimeout(timer)
          resolve()
        })
        conn.ws.close(CLOSE_GOING_AWAY, 'The room is closing.')
      }))
      await Promise.all(pending)
      await new Promise<void>(resolve => wss.close(() => resolve()))
    },
  }
}

export type RoomSockets = ReturnType<typeof createRoomSockets>
