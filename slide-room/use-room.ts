import type { Ref } from 'vue'
import type { ControlAction, ExerciseAction, ExerciseScreenView, PollProgress, PollResult, PublicPoll, RoomIntegrity, StorageProblem } from '../core/protocol'
import type { ConnectionStatus, ExerciseConnection, RoomConnection } from '../room-client/connection'
import { computed, getCurrentScope, onScopeDispose, shallowRef } from 'vue'
import { createRoomConnection } from '../room-client/connection'
import { progressById, resultsById } from './chart-data'
import { capturePresenterSecret, presenterLinkRefused } from './secret'

/**
 * The slides' view of the live room: one WebSocket per browser tab, shared by
 * every poll on every slide (Slidev keeps visited slides mounted), opened by
 * the first user and closed shortly after the last one goes away.
 */

export type RoomStatus = ConnectionStatus | 'idle'

/** How long a `control` waits for the server's ack before giving up. */
const CONTROL_TIMEOUT_MS = 8000
/** Slides unmount and remount on navigation; do not drop the socket in between. */
const IDLE_CLOSE_MS = 3000

const status = shallowRef<RoomStatus>('idle')
const results = shallowRef<ReadonlyMap<string, PollResult>>(new Map())
const participants = shallowRef<number | null>(null)
/** Every poll's latest round as counts (open or closed, how many answered), revealed or not. */
const progress = shallowRef<ReadonlyMap<string, PollProgress>>(new Map())
const announced = shallowRef<PublicPoll | null>(null)
const authorized = shallowRef(false)
/** Ballot-stuffing figures; the server sends them to the presenter's secret only. */
const integrity = shallowRef<RoomIntegrity | null>(null)
const exercise = shallowRef<ExerciseScreenView | null>(null)
/** `serverTime - Date.now()` from the last exercise message, for countdowns in server time. */
const serverOffset = shallowRef(0)
/** Why the room cannot save right now; the server tells authorised screens only. */
const storage = shallowRef<StorageProblem | null>(null)
/**
 * Whether this browser can run the room: `missing` (no secret here), `refused`
 * (the room does not know the one it has), `ok`, or `pending` until the room answers.
 */
export type PresenterSecretState = 'pending' | 'ok' | 'missing' | 'refused'
const presenterSecret = shallowRef<PresenterSecretState>('pending')
/** The presenter's slide as the room last announced it (screens that follow). */
const presenterSlide = shallowRef<{ page: number, clicks: number } | null>(null)

interface Pending {
  resolve: () => void
  reject: (error: Error) => void
  timer: ReturnType<typeof setTimeout>
}

let connection: RoomConnection | null = null
let connectedSecret: string | null = null
let users = 0
let closeTimer: ReturnType<typeof setTimeout> | null = null
const pending = new Map<string, Pending>()

function settle(requestId: string, error?: Error): void {
  const entry = pending.get(requestId)
  if (!entry)
    return
  pending.delete(requestId)
  clearTimeout(entry.timer)
  if (error)
    entry.reject(error)
  else
    entry.resolve()
}

type ConnectionFactory = (secret: string | null) => RoomConnection

const defaultFactory: ConnectionFactory = secret => createRoomConnection({ role: { kind: 'screen', ...(secret ? { secret } : {}) } })
let factory = defaultFactory

function open(secret: string | null): void {
  connectedSecret = secret
  presenterSecret.value = 'pending'
  const conn = factory(secret)
  connection = conn
  status.value = conn.state.status
  conn.on('status', (next) => {
    status.value = next
  })
  conn.on('results', (message) => {
    results.value = resultsById(message.polls)
    progress.value = progressById(message.progress, message.polls)
    participants.value = message.participants
    authorized.value = message.authorized
    // The room recognises the presenter by the secret here or by its HttpOnly cookie, which page script cannot see.
    presenterSecret.value = message.authorized ? 'ok' : connectedSecret || presenterLinkRefused() ? 'refused' : 'missing'
    integrity.value = message.integrity ?? null
  })
  conn.on('room', ({ participants: n }) => {
    participants.value = n
  })
  conn.on('poll', ({ current }) => {
    announced.value = current
  })
  conn.on('exerciseScreen', (message) => {
    serverOffset.value = message.serverTime - Date.now()
    exercise.value = message.exercise
  })
  conn.on('storage', (message) => {
    storage.value = message.ok ? null : message.problem
  })
  conn.on('slide', (position) => {
    presenterSlide.value = position
  })
  conn.on('ack', message => settle(message.requestId))
  conn.on('error', (message) => {
    if (message.code === 'unauthorized' && connectedSecret)
      presenterSecret.value = 'refused'
    if (message.requestId)
      settle(message.requestId, new Error(message.message))
  })
}

function shutdown(): void {
  connection?.close()
  connection = null
  status.value = 'idle'
  authorized.value = false
  presenterSecret.value = 'pending'
  integrity.value = null
  storage.value = null
  for (const id of [...pending.keys()])
    settle(id, new Error('The room connection was closed.'))
}

function acquire(): void {
  users++
  if (closeTimer) {
    clearTimeout(closeTimer)
    closeTimer = null
  }
  const secret = capturePresenterSecret()
  if (connection && secret === connectedSecret)
    return
  // A new presenter link (new server start, new secret) replaces the old connection.
  if (connection)
    shutdown()
  open(secret)
}

function release(): void {
  users = Math.max(0, users - 1)
  if (users > 0 || closeTimer)
    return
  closeTimer = setTimeout(() => {
    closeTimer = null
    if (users === 0)
      shutdown()
  }, IDLE_CLOSE_MS)
}

/** Send a presenter action; resolves on the server's ack, rejects with its error message. */
function control(action: ControlAction): Promise<void> {
  return new Promise((resolve, reject) => {
    const requestId = connection?.control(action) ?? null
    if (requestId === null) {
      reject(new Error('Not connected to the room server.'))
      return
    }
    const timer = setTimeout(() => settle(requestId, new Error('The room server did not answer in time.')), CONTROL_TIMEOUT_MS)
    pending.set(requestId, { resolve, reject, timer })
  })
}

/** Send a facilitator action on the exercise; resolves on the server's ack, rejects with its error message. */
function exerciseControl(action: ExerciseAction): Promise<void> {
  return new Promise((resolve, reject) => {
    const conn = connection as (RoomConnection & Partial<ExerciseConnection>) | null
    const requestId = conn?.exerciseControl?.(action) ?? null
    if (requestId === null) {
      reject(new Error('Not connected to the room server.'))
      return
    }
    const timer = setTimeout(() => settle(requestId, new Error('The room server did not answer in time.')), CONTROL_TIMEOUT_MS)
    pending.set(requestId, { resolve, reject, timer })
  })
}

/** The newest round the server reports as open, when it has not announced one itself. */
function openFromResults(map: ReadonlyMap<string, PollResult>): PublicPoll | null {
  let best: PollResult | null = null
  for (const r of map.values()) {
    if (r.status === 'open' && (!best || r.openedAt > best.openedAt))
      best = r
  }
  return best && { poll: best.poll, round: best.round, status: best.status, openedAt: best.openedAt }
}

export interface UseRoomOptions {
  /**
   * Connect at all. Print/export passes `false`: a PDF never opens a socket.
   * @default true
   */
  connect?: boolean
}

export interface Room {
  status: Readonly<Ref<RoomStatus>>
  /** Latest result per poll id; the map is replaced on every update, never mutated. */
  results: Readonly<Ref<ReadonlyMap<string, PollResult>>>
  participants: Readonly<Ref<number | null>>
  /** Latest round of each poll as counts only (status, answers), for every screen; replaced, never mutated. */
  progress: Readonly<Ref<ReadonlyMap<string, PollProgress>>>
  /** The poll phones are answering now, if any. */
  current: Readonly<Ref<PublicPoll | null>>
  /** True once the server accepted this browser's presenter secret. */
  authorized: Readonly<Ref<boolean>>
  /** Crowded addresses and refused phones (counts only); null unless authorized. */
  integrity: Readonly<Ref<RoomIntegrity | null>>
  control: (action: ControlAction) => Promise<void>
  /** The live exercise as screens see it (counts, themes, tokens); null before a run. */
  exercise: Readonly<Ref<ExerciseScreenView | null>>
  /** `serverTime - Date.now()`, to count down in server time. */
  serverOffset: Readonly<Ref<number>>
  exerciseControl: (action: ExerciseAction) => Promise<void>
  /** Saving fails on the server: the database file, the cause, what to do (authorised screens only). */
  storage: Readonly<Ref<StorageProblem | null>>
  /** Whether this browser holds a secret the room accepts; see `PresenterSecretState`. */
  presenterSecret: Readonly<Ref<PresenterSecretState>>
  /** Where the presenter is, for screens on other devices that follow (null until announced). */
  presenterSlide: Readonly<Ref<{ page: number, clicks: number } | null>>
  /** Announce this browser's slide to following screens (presenter only; the server checks the secret). */
  presentSlide: (page: number, clicks: number) => void
}

const current = computed(() => {
  const fromServer = announced.value
  if (fromServer && fromServer.status === 'open')
    return fromServer
  return openFromResults(results.value) ?? fromServer
})

function presentSlide(page: number, clicks: number): void {
  connection?.presentSlide(page, clicks)
}

export function useRoom(options: UseRoomOptions = {}): Room {
  const { connect = true } = options
  if (connect) {
    acquire()
    if (getCurrentScope())
      onScopeDispose(release)
  }
  return { status, results, progress, participants, current, authorized, integrity, control, exercise, serverOffset, exerciseControl, storage, presenterSecret, presenterSlide, presentSlide }
}

/** Close the shared connection at once and optionally swap how it is made (tests). */
export function resetRoomForTests(nextFactory: ConnectionFactory = defaultFactory): void {
  factory = nextFactory
  if (closeTimer)
    clearTimeout(closeTimer)
  closeTimer = null
  users = 0
  shutdown()
  results.value = new Map()
  progress.value = new Map()
  participants.value = null
  announced.value = null
  exercise.value = null
}
