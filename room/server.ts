import type { Buffer } from 'node:buffer'
import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import type { TokenBucketOptions } from '../core/polls/rate-limit'
import type { DbLock } from './db-lock'
import type { Handler, PhonePageProvider } from './http'
import { networkInterfaces } from 'node:os'
import { normalizeOrigins } from './auth'
import { defaultDbPath } from './data-dir'
import { acquireDbLock } from './db-lock'
import { ExerciseRoom } from './exercise'
import { createRoomHttp } from './http'
import { lanAddress } from './lan'
import { Room } from './room'
import { createRoomSockets } from './sockets'
import { DEFAULT_SESSION, Storage } from './storage'
import { isSqliteError, storageOpenError } from './storage-errors'

export interface RoomServerOptions {
  /**
   * Presenter secret: control messages, full results over WebSocket and the
   * results API all require it. Required; see `resolveRoomOptions` to read it
   * from the environment or generate one.
   */
  secret: string
  /**
   * SQLite file holding every session's data. One room server at a time: a
   * lock file beside it (`<dbPath>.lock`) refuses a second one, naming the
   * PID and port of the first.
   * @default defaultDbPath(): room.sqlite in the user's data folder (room/data-dir.ts)
   */
  dbPath?: string
  /**
   * Serve an in-memory copy of `dbPath` taken at start: the file is never
   * written and no lock is taken. The slides' exporter runs this way, so it
   * shows stored results while a live room may hold the file.
   * @default false
   */
  snapshot?: boolean
  /**
   * The port this room is served on, for the lock file, when the caller
   * listens itself (bin/start.ts's front door); otherwise `attach` learns it.
   * @default undefined
   */
  port?: number
  /**
   * Session name scoping all data (polls, votes, participants), so one file
   * can hold several workshops.
   * @default 'default'
   */
  session?: string
  /**
   * The URL phones open (shown in the QR code and `/api/room`).
   * @default `http://<LAN IPv4>:<port>/join` once attached to a listening server, else built from the request's Host header
   */
  joinUrl?: string
  /**
   * Builds the phone page served at `/join` (the phone/ package provides it).
   * @default undefined (`/join` answers 503)
   */
  phonePage?: PhonePageProvider
  /**
   * Call `phonePage` once and serve that build; set false in development to rebuild per request.
   * @default true
   */
  cachePhonePage?: boolean
  /**
   * Clock in milliseconds; inject one in tests.
   * @default Date.now
   */
  now?: () => number
  /**
   * SQLite `synchronous` level, see `StorageOptions.synchronous`.
   * @default 'NORMAL'
   */
  synchronous?: 'NORMAL' | 'FULL'
  /**
   * WebSocket messages per connection: burst and steady rate.
   * @default { capacity: 20, perSecond: 5 }
   */
  messageRate?: TokenBucketOptions
  /**
   * Over-limit messages a connection may send before it is disconnected.
   * @default { capacity: 50, perSecond: 1 }
   */
  floodTolerance?: TokenBucketOptions
  /**
   * New participant ids per remote address. A room behind one NAT is normal,
   * so the burst is generous; after it, a few per minute.
   * @default { capacity: 30, perSecond: 0.1 }
   */
  newParticipantRate?: TokenBucketOptions
  /**
   * Participant identities one network address (IPv4, or IPv6 /64) may hold
   * with an open connection at once; the next phone from there is refused
   * with a message and the presenter sees a warning. 4 fits one person's
   * phone, laptop, tablet and a spare. Loopback is not exempt (behind a
   * proxy everyone is loopback): load tests and rehearsals raise it. When a
   * venue puts every phone behind one address (a NAT between the phones and
   * this machine), use 0.
   * @default 4
   */
  maxPerAddress?: number
  /**
   * Origins, besides the page's own host, whose pages may open the room's
   * WebSocket (e.g. `http://127.0.0.1:3031` for a dev server on another
   * port). Browsers from any other site get 403 on the upgrade; clients that
   * send no `Origin` (tools, tests) are not affected.
   * @default []
   */
  allowedOrigins?: string[]
  /**
   * The longest gap between two results batches to the watching screens (milliseconds). The first
   * change after a quiet gap leaves at once; after a batch the next waits ten times what it cost,
   * at least `minBatchGapMs` and at most this (core/polls/batch-gap.ts).
   * @default 25
   */
  batchIntervalMs?: number
  /**
   * The shortest gap between two results batches (milliseconds).
   * @default 4
   */
  minBatchGapMs?: number
  /**
   * Server-side WebSocket ping interval (milliseconds); sockets that miss a pong are terminated.
   * @default 20000
   */
  heartbeatMs?: number
  /**
   * How long a participant may be gone mid-round before their group is
   * repaired without them (milliseconds); a phone back within it keeps its partner.
   * @default 20000
   */
  exerciseGraceMs?: number
}

export const roomServerDefaults = {
  session: DEFAULT_SESSION,
  cachePhonePage: true,
  synchronous: 'NORMAL',
  messageRate: { capacity: 20, perSecond: 5 },
  floodTolerance: { capacity: 50, perSecond: 1 },
  newParticipantRate: { capacity: 30, perSecond: 0.1 },
  maxPerAddress: 4,
  // A cheap batch is followed after 4 ms, so a room of 100 sees each vote in a few ms; a costly one
  // waits up to 25 ms, folding hundreds of votes into one results message (docs/performance.md).
  batchIntervalMs: 25,
  minBatchGapMs: 4,
  heartbeatMs: 20_000,
  exerciseGraceMs: 20_000,
} as const satisfies Partial<RoomServerOptions>

export interface RoomServer {
  /** Connect-style middleware for the room's HTTP endpoints; other paths go to `next`. */
  handle: Handler
  /** Take a WebSocket upgrade for WS_PATH (returns true); other paths are left alone (false). */
  handleUpgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => boolean
  /** Listen for upgrades on an HTTP server and learn its port for the join URL. */
  attach: (server: Server) => void
  room: Room
  storage: Storage
  /** The live exercise: runs, submissions, pairs, the timeline and commitments. */
  exercise: ExerciseRoom
  /** The join URL as it would be shown now. */
  joinUrl: (req?: IncomingMessage) => string
  /** Close sockets, stop timers, detach from servers and close the database. */
  close: () => Promise<void>
}

const SAFE_HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i

export function createRoomServer(options: RoomServerOptions): RoomServer {
  if (typeof options.secret !== 'string' || options.secret.length === 0)
    throw new Error('createRoomServer needs a non-empty `secret` (the presenter secret).')
  // Explicit `undefined` (e.g. from an unset env var) means "use the default".
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as RoomServerOptions
  const o = { ...roomServerDefaults, ...given }
  const now = o.now ?? Date.now
  if (!Number.isInteger(o.maxPerAddress) || o.maxPerAddress < 0)
    throw new Error(`maxPerAddress must be a whole number, 0 for no cap (got ${String(o.maxPerAddress)}).`)
  const allowedOrigins = normalizeOrigins(o.allowedOrigins ?? [])
  const dbPath = o.dbPath ?? defaultDbPath()
  const storage = new Storage({ path: dbPath, synchronous: o.synchronous, snapshot: o.snapshot })
  let lock: DbLock | null = null
  let room: Room
  let exercise: ExerciseRoom
  try {
    // Before the exercise starts its repair timers: a second server must not touch the first one's groups.
    lock = dbPath === ':memory:' || o.snapshot ? null : acquireDbLock(dbPath)
    if (o.port !== undefined)
      lock?.setPort(o.port)
    room = new Room({ storage, session: o.session, now })
    exercise = new ExerciseRoom({ db: storage.db, session: o.session, now, presence: room, graceMs: o.exerciseGraceMs, guard: fn => storage.health.guard(fn) })
  }
  catch (error) {
    lock?.release()
    storage.close()
    // A full disk shows at the first write (the session's row): say so like any other file problem.
    throw isSqliteError(error) ? storageOpenError(dbPath, error.code, error.message) : error
  }
  const sockets = createRoomSockets({
    room,
    exercise,
    secret: o.secret,
    now,
    batchIntervalMs: o.batchIntervalMs,
    minBatchGapMs: o.minBatchGapMs,
    messageRate: o.messageRate,
    floodTolerance: o.floodTolerance,
    newParticipantRate: o.newParticipantRate,
    maxPerAddress: o.maxPerAddress,
    allowedOrigins,
    heartbeatMs: o.heartbeatMs,
    health: storage.health,
  })

  const attached = new Set<Server>()
  function joinUrl(req?: IncomingMessage): string {
    if (o.joinUrl)
      return o.joinUrl
    for (const server of attached) {
      const address = server.address()
      if (address && typeof address === 'object') {
        const wildcard = address.address === '0.0.0.0' || address.address === '::'
        const ip = wildcard ? lanAddress(networkInterfaces()) ?? '127.0.0.1' : address.address
        return `http://${ip.includes(':') ? `[${ip}]` : ip}:${address.port}/join`
      }
    }
    const host = req?.headers.host
    return host && SAFE_HOST.test(host) ? `http://${host}/join` : 'http://localhost/join'
  }

  const handle = createRoomHttp({ room, exercise, storage, secret: o.secret, session: o.session, joinUrl, phonePage: o.phonePage, cachePhonePage: o.cachePhonePage, now })

  const handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): boolean => {
    try {
      return sockets.handleUpgrade(req, socket, head)
    }
    catch (error) {
      console.error('[room] upgrade failed:', error)
      socket.destroy()
      return true
    }
  }
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    handleUpgrade(req, socket, head)
  }

  let closing: Promise<void> | null = null
  return {
    handle,
    handleUpgrade,
    attach(server) {
      if (attached.has(server))
        return
      attached.add(server)
      server.on('upgrade', onUpgrade)
      const recordPort = (): void => {
        const address = server.address()
        if (address && typeof address === 'object')
          lock?.setPort(address.port)
      }
      if (server.listening)
        recordPort()
      else
        server.once('listening', recordPort)
    },
    room,
    storage,
    exercise,
    joinUrl,
    close() {
      closing ??= (async () => {
        for (const server of attached)
          server.off('upgrade', onUpgrade)
        attached.clear()
        await sockets.close()
        exercise.close()
        storage.close()
        lock?.release()
      })()
      return closing
    },
  }
}
