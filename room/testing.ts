import type { Server } from 'node:http'
import type { ParticipantIdentity, ServerMessage } from '../core/protocol'
import type { RoomServer, RoomServerOptions } from './server'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import WebSocket from 'ws'
import { WS_PATH } from '../core/protocol'
import { createRoomServer } from './server'

/**
 * Helpers for tests of the room and of the layers above it, and for the phone
 * page's benchmark: a real room server on a random loopback port with a real
 * SQLite file in a temp folder, and a real WebSocket client that waits for
 * messages with timeouts.
 */

export interface TestRoom {
  server: RoomServer
  http: Server
  port: number
  baseUrl: string
  wsUrl: string
  dir: string
  dbPath: string
  /** Stop the server (the database file stays until `dispose`). */
  stop: () => Promise<void>
  /** Stop and delete the temp folder. */
  dispose: () => Promise<void>
}

export const TEST_SECRET = 'test-secret-123'

/**
 * A `maxPerAddress` for tests that keep many phones open at once: every test
 * client comes from 127.0.0.1, which is not exempt from the cap (4 by default).
 */
export const MANY_PHONES = 10_000

export async function startTestRoom(options: Partial<RoomServerOptions> & { dir?: string } = {}): Promise<TestRoom> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'room-test-'))
  const dbPath = options.dbPath ?? join(dir, 'room.sqlite')
  const server = createRoomServer({ secret: TEST_SECRET, phonePage: async () => ({ html: '<!doctype html><title>phone</title><p>placeholder</p>' }), ...options, dbPath })
  const http = createServer((req, res) => server.handle(req, res, () => {
    res.statusCode = 404
    res.end('not the room')
  }))
  server.attach(http)
  await new Promise<void>(resolve => http.listen(0, '127.0.0.1', resolve))
  const address = http.address()
  const port = address && typeof address === 'object' ? address.port : 0
  let stopped: Promise<void> | null = null
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      http.closeAllConnections()
      await server.close()
      await new Promise<void>(resolve => http.close(() => resolve()))
    })()
    return stopped
  }
  return {
    server,
    http,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}${WS_PATH}`,
    dir,
    dbPath,
    stop,
    async dispose() {
      await stop()
      if (!options.dir)
        rmSync(dir, { recursive: true, force: true })
    },
  }
}

export class TestClient {
  readonly messages: ServerMessage[] = []
  private cursor = 0
  private waiters = new Set<() => void>()
  readonly closed: Promise<{ code: number, reason: string }>
  private counter = 0
  /** The identity this client was welcomed as, with its token (kept from the welcome that issued it). */
  identity: ParticipantIdentity | null = null

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      try {
        this.messages.push(JSON.parse(String(data)) as ServerMessage)
      }
      catch {}
      for (const wake of this.waiters)
        wake()
    })
    ws.on('error', () => {})
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString() })
        for (const wake of this.waiters)
          wake()
      })
    })
  }

  static async connect(url: string, options: WebSocket.ClientOptions = {}, timeoutMs = 5000): Promise<TestClient> {
    const ws = new WebSocket(url, options)
    const client = new TestClient(ws)
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('connect timed out')), timeoutMs)
      ws.once('open', () => {
        clearTimeout(timer)
        resolve()
      })
      ws.once('error', (error) => {
        clearTimeout(timer)
        reject(error)
      })
    })
    return client
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message))
  }

  /** The next message (after those already consumed) matching `match`; earlier non-matching ones are skipped. */
  next<T extends ServerMessage = ServerMessage>(match: (m: ServerMessage) => boolean = () => true, timeoutMs = 5000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        while (this.cursor < this.messages.length) {
          const m = this.messages[this.cursor++]!
          if (match(m)) {
            resolve(m as T)
            return true
          }
        }
        return false
      }
      if (check())
        return
      let timer: NodeJS.Timeout | undefined
      const wake = (): void => {
        if (check()) {
          clearTimeout(timer)
          this.waiters.delete(wake)
        }
      }
      timer = setTimeout(() => {
        this.waiters.delete(wake)
        reject(new Error(`no matching message within ${timeoutMs} ms; got ${JSON.stringify(this.messages.slice(-5))}`))
      }, timeoutMs)
      this.waiters.add(wake)
    })
  }

  /** Send a message with a fresh requestId and wait for its ack or error. */
  async request(message: Record<string, unknown>, timeoutMs = 5000): Promise<Extract<ServerMessage, { type: 'ack' | 'error' }>> {
    const requestId = `r${++this.counter}`
    this.send({ ...message, requestId })
    return this.next(m => (m.type === 'ack' || m.type === 'error') && m.requestId === requestId, timeoutMs)
  }

  /**
   * Say hello: without an identity as a new phone (the server issues one and
   * it is kept in `identity`), with one to come back as that participant.
   * Resolves with the welcome, or with the error that refused it.
   */
  async hello(identity?: ParticipantIdentity | null, nickname?: string): Promise<Extract<ServerMessage, { type: 'welcome' }>> {
    this.send({ type: 'hello', ...(identity ? { participantId: identity.participantId, token: identity.token } : {}), ...(nickname === undefined ? {} : { nickname }) })
    const reply = await this.next<Extract<ServerMessage, { type: 'welcome' }>>(m => m.type === 'welcome' || m.type === 'error')
    if (reply.type === 'welcome')
      this.identity = reply.token ? { participantId: reply.participantId, token: reply.token } : identity ?? this.identity
    return reply
  }

  control(action: Record<string, unknown>, secret = TEST_SECRET) {
    return this.request({ type: 'control', secret, action })
  }

  vote(pollId: string, value: unknown) {
    return this.request({ type: 'vote', pollId, value })
  }

  /** A facilitator action on the exercise, with the secret. */
  exercise(action: Record<string, unknown>, secret = TEST_SECRET) {
    return this.request({ type: 'exercise-control', secret, action })
  }

  submit(submission: Record<string, unknown>) {
    return this.request({ type: 'exercise-submit', submission })
  }

  commit(commitment: Record<string, string>, shared = false) {
    return this.request({ type: 'exercise-commit', commitment, shared })
  }

  /** The next exercise view for this phone (skipping older messages). */
  nextExercise(match: (view: Extract<ServerMessage, { type: 'exercise' }>['exercise']) => boolean = () => true, timeoutMs = 5000) {
    return this.next<Extract<ServerMessage, { type: 'exercise' }>>(m => m.type === 'exercise' && match(m.exercise), timeoutMs).then(m => m.exercise)
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED)
      return
    const timer = setTimeout(() => this.ws.terminate(), 2000)
    this.ws.close()
    await this.closed
    clearTimeout(timer)
  }
}
