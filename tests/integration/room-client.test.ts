import type { Server } from 'node:http'
import type { PollDefinition } from '../../core/polls/definition'
import type { RoomConnection, RoomConnectionOptions, RoomEvents, SocketLike } from '../../room-client/connection'
import type { RoomServer } from '../../room/server'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { createRoomConnection } from '../../room-client/connection'
import { createRoomServer } from '../../room/server'

const SECRET = 'integration-secret'
const dir = mkdtempSync(join(tmpdir(), 'room-client-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface Running { http: Server, room: RoomServer, port: number }

async function startRoom(dbPath: string, port = 0): Promise<Running> {
  const room = createRoomServer({ secret: SECRET, dbPath })
  const http = createServer((req, res) => room.handle(req, res, () => {
    res.statusCode = 404
    res.end()
  }))
  room.attach(http)
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject)
    http.listen(port, '127.0.0.1', resolve)
  })
  const address = http.address()
  if (!address || typeof address !== 'object')
    throw new Error('no port')
  return { http, room, port: address.port }
}

/** Stop everything, the way a crashed or restarted laptop process would lose it. */
async function stopRoom({ http, room }: Running): Promise<void> {
  await room.close()
  http.closeAllConnections()
  await new Promise<void>(resolve => http.close(() => resolve()))
}

function waitFor<K extends keyof RoomEvents>(conn: RoomConnection, event: K, match: (payload: RoomEvents[K]) => boolean = () => true, ms = 10_000): Promise<RoomEvents[K]> {
  return new Promise((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const off = conn.on(event, (payload) => {
      if (match(payload)) {
        clearTimeout(timer)
        off()
        resolve(payload)
      }
    })
    timer = setTimeout(() => {
      off()
      reject(new Error(`timed out waiting for ${event}`))
    }, ms)
  })
}

const open: RoomConnection[] = []
function connect(port: number, options: Omit<RoomConnectionOptions, 'url'>): RoomConnection {
  const conn = createRoomConnection({ url: `http://127.0.0.1:${port}`, backoff: { initialMs: 100, maxMs: 500 }, ...options })
  open.push(conn)
  return conn
}
afterEach(() => {
  for (const conn of open.splice(0))
    conn.close()
})

const poll: PollDefinition = { id: 'how-often', kind: 'choice', question: 'How often do you ask for help?', options: ['Daily', 'Weekly', 'Rarely'] }

async function openPoll(port: number, definition: PollDefinition): Promise<void> {
  const screen = connect(port, { role: { kind: 'screen', secret: SECRET }, WebSocket })
  await waitFor(screen, 'results')
  const requestId = screen.control({ kind: 'open', poll: definition })
  expect(requestId).not.toBeNull()
  await waitFor(screen, 'ack', a => a.requestId === requestId)
  screen.close()
}

describe('room-client against a real room server', () => {
  it('joins, sees the open poll, votes and gets an ack; the vote is in the database', async () => {
    const server = await startRoom(join(dir, 'basic.sqlite'))
    try {
      await openPoll(server.port, poll)
      const phone = connect(server.port, { role: { kind: 'participant', nickname: 'Ada' }, WebSocket })
      const issued = waitFor(phone, 'identity')
      const welcome = await waitFor(phone, 'poll', p => p.current !== null)
      expect(welcome.current?.poll.id).toBe('how-often')
      expect(phone.state.status).toBe('open')
      // The room issued the id and its token; it keeps only the token's hash.
      const identity = (await issued)!
      expect(identity.participantId).toBe(phone.state.participantId)
      expect(identity.token).toMatch(/^[\w-]{43}$/)
      const row = server.room.storage.db.prepare('SELECT token_hash AS hash FROM participants WHERE participant_id = ?').get(identity.participantId) as { hash: Uint8Array }
      expect(row.hash).toHaveLength(32)
      expect(JSON.stringify(server.room.storage.db.prepare('SELECT * FROM participants').all())).not.toContain(identity.token)

      const requestId = phone.vote('how-often', 1)
      const ack = await waitFor(phone, 'ack', a => a.requestId === requestId)
      expect(ack.vote?.value).toBe(1)
      expect(phone.state).toMatchObject({ pending: [], myAnswer: 1 })

      const votes = server.room.storage.roundVotes(server.room.room.session, 'how-often', 1)
      expect(votes.map(v => [v.participantId, v.value])).toEqual([[identity.participantId, '1']])

      const refused = phone.vote('how-often', 7)
      const error = await waitFor(phone, 'error', e => e.requestId === refused)
      expect(error).toMatchObject({ code: 'invalid-answer', vote: { value: 7 } })
      expect(phone.state.pending).toEqual([])
    }
    finally {
      await stopRoom(server)
    }
  })

  it('survives a lost ack and a server restart: reconnects, resends, and the vote counts once', async () => {
    const dbPath = join(dir, 'restart.sqlite')
    let server = await startRoom(dbPath)
    const port = server.port
    await openPoll(port, poll)

    // A socket that swallows the next ack and cuts the link, as a Wi-Fi drop
    // right after the server committed the vote would.
    let dropNextAck = false
    class LossySocket implements SocketLike {
      private readonly ws: WebSocket
      onopen: ((event: unknown) => void) | null = null
      onclose: ((event: unknown) => void) | null = null
      onerror: ((event: unknown) => void) | null = null
      onmessage: ((event: { data: unknown }) => void) | null = null
      constructor(url: string) {
        this.ws = new WebSocket(url)
        this.ws.onopen = e => this.onopen?.(e)
        this.ws.onclose = e => this.onclose?.(e)
        this.ws.onerror = e => this.onerror?.(e)
        this.ws.onmessage = (e) => {
          if (dropNextAck && String(e.data).includes('"type":"ack"')) {
            dropNextAck = false
            this.ws.terminate()
            return
          }
          this.onmessage?.(e)
        }
      }

      get readyState(): number {
        return this.ws.readyState
      }

      send(data: string): void {
        this.ws.send(data)
      }

      close(code?: number, reason?: string): void {
        this.ws.close(code, reason)
      }
    }

    const phone = connect(port, { role: { kind: 'participant' }, WebSocket: LossySocket, random: () => 1, backoff: { initialMs: 400, maxMs: 1000 } })
    await waitFor(phone, 'poll', p => p.current !== null)
    const acks: string[] = []
    phone.on('ack', a => acks.push(a.requestId))

    dropNextAck = true
    const requestId = phone.vote('how-often', 2)
    await waitFor(phone, 'status', s => s === 'reconnecting')
    // The server committed the vote; the phone never heard so, and still holds it.
    expect(phone.state.pending.map(v => v.requestId)).toEqual([requestId])
    expect(server.room.storage.roundVotes(server.room.room.session, 'how-often', 1)).toHaveLength(1)

    // Kill the server before the phone's first retry (>= 400 ms away), then start a new one.
    await stopRoom(server)
    await new Promise(resolve => setTimeout(resolve, 800))
    expect(phone.state.status).toBe('reconnecting')
    server = await startRoom(dbPath, port)
    try {
      const ack = await waitFor(phone, 'ack', a => a.requestId === requestId, 15_000)
      expect(ack.vote?.value).toBe(2)
      expect(acks).toEqual([requestId])
      expect(phone.state).toMatchObject({ status: 'open', pending: [], myAnswer: 2 })

      const votes = server.room.storage.roundVotes(server.room.room.session, 'how-often', 1)
      // Resent as the same participant: the new server checked the kept token against the file.
      expect(votes.map(v => [v.participantId, v.value])).toEqual([[phone.identity!.participantId, '2']])
      expect(server.room.storage.countVotes(server.room.room.session)).toBe(1)
    }
    finally {
      phone.close()
      await stopRoom(server)
    }
  })
})
