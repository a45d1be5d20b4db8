import type { Buffer } from 'node:buffer'
import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import type { TokenBucketOptions } from '../core/polls/rate-limit'
import type { Handler, PhonePageProvider } from './http'
import { networkInterfaces } from 'node:os'
import { ExerciseRoom } from './exercise'
import { createRoomHttp } from './http'
import { lanAddress } from './lan'
import { Room } from './room'
import { createRoomSockets } from './sockets'
import { DEFAULT_DB_PATH, DEFAULT_SESSION, Storage } from './storage'

export interface RoomServerOptions {
  /**
   * Presenter secret: control messages, full results over WebSocket and the
   * results API all require it. Required; see `resolveRoomOptions` to read it
   * from the environment or generate one.
   */
  secret: string
  /**
   * SQLite file holding every session's data.
   * @default 'data/room.sqlite'
   */
  dbPath?: string
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
   * Results go to watching screens at most this often (milliseconds), and only when something changed.
   * @default 25
   */
  batchIntervalMs?: number
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
  dbPath: DEFAULT_DB_PATH,
  session: DEFAULT_SESSION,
  cachePhonePage: true,
  synchronous: 'NORMAL',
  messageRate: { capacity: 20, perSecond: 5 },
  floodTolerance: { capacity: 50, perSecond: 1 },
  newParticipantRate: { capacity: 30, perSecond: 0.1 },
  // 25 ms keeps a 1,000-phone burst under 40 ms p99 to the presenter (docs/performance.md)
  // while still folding hundreds of votes into one results message.
  batchIntervalMs: 25,
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
  const storage = new Storage({ path: o.dbPath, synchronous: o.synchronous })
  const room = new Room({ storage, session: o.session, now })
  const exercise = new ExerciseRoom({ db: storage.db, session: o.session, now, presence: room, graceMs: o.exerciseGraceMs })
  const sockets = createRoomSockets({
    room,
    exercise,
    secret: o.secret,
    now,
    batchIntervalMs: o.batchIntervalMs,
    messageRate: o.messageRate,
    floodTolerance: o.floodTolerance,
    newParticipantRate: o.newParticipantRate,
    heartbeatMs: o.heartbeatMs,
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
      })()
      return closing
    },
  }
}
