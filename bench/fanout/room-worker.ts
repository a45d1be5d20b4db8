/**
 * One load-generator thread for the room benchmark: a share of the simulated
 * phones (the real room-client, with the `ws` package's WebSocket) plus one
 * presenter screen (`watch` with the secret) of its own, so vote-to-tally
 * latency is measured send-to-receive on one thread's clock.
 */
import type { RoomConnection } from '../../room-client/connection'
import type { FromWorker, ToWorker, WorkerSetup } from './protocol'
import process from 'node:process'
import { parentPort, workerData } from 'node:worker_threads'
import { createRoomConnection } from '../../room-client/connection'
import { sharedNow } from '../lib/clock'
import { NodeSocket } from '../lib/ws'

const setup = workerData as WorkerSetup
const port = parentPort!
const post = (message: FromWorker): void => port.postMessage(message)

interface Phone {
  index: number
  conn: RoomConnection
  welcomed: boolean
  sawPoll: boolean
  requestId: string | null
  sentAt: number
  ackAt: number
  tallyAt: number
  failed: string | null
}

const phones: Phone[] = []
const pollId = setup.pollId
/** When each phone first heard of the open poll (shared clock); the main thread subtracts the open time. */
const sawPollAt: number[] = []
let welcomed = 0
let pendingTally = 0
let screen: RoomConnection | null = null
const byValue = new Map<number, Phone>()
const timers = new Set<ReturnType<typeof setTimeout>>()

function later(fn: () => void, ms: number): void {
  const t = setTimeout(() => {
    timers.delete(t)
    fn()
  }, ms)
  timers.add(t)
}

function addPhone(index: number): void {
  const conn = createRoomConnection({
    url: setup.url,
    WebSocket: NodeSocket,
    role: { kind: 'participant', nickname: `P${index}` },
    // Joining thousands at once on two cores can take a while; do not give up early.
    connectTimeoutMs: 30_000,
  })
  const phone: Phone = { index, conn, welcomed: false, sawPoll: false, requestId: null, sentAt: 0, ackAt: 0, tallyAt: 0, failed: null }
  phones.push(phone)
  byValue.set(index, phone)
  conn.on('status', (status) => {
    if (status === 'open' && !phone.welcomed) {
      phone.welcomed = true
      if (++welcomed === setup.indices.length)
        post({ type: 'joined', count: welcomed })
    }
  })
  conn.on('poll', ({ current }) => {
    if (!phone.sawPoll && current?.poll.id === pollId && current.status === 'open') {
      phone.sawPoll = true
      sawPollAt.push(sharedNow())
      if (sawPollAt.length === phones.length)
        post({ type: 'fanout', at: sawPollAt })
    }
  })
  conn.on('ack', (ack) => {
    if (ack.requestId === phone.requestId && phone.ackAt === 0)
      phone.ackAt = sharedNow()
  })
  conn.on('error', (error) => {
    if (error.requestId !== undefined && error.requestId === phone.requestId)
      phone.failed = error.code
  })
}

function join(): void {
  // Ramp: a batch every 50 ms, so the join phase is not a SYN flood.
  const batch = Math.max(1, Math.ceil(setup.joinPerSecond / 20 / setup.workers))
  let next = 0
  const step = (): void => {
    for (let k = 0; k < batch && next < setup.indices.length; k++)
      addPhone(setup.indices[next++]!)
    if (next < setup.indices.length)
      later(step, 50)
  }
  step()
  screen = createRoomConnection({ url: setup.url, WebSocket: NodeSocket, role: { kind: 'screen', secret: setup.secret } })
  screen.on('results', (message) => {
    const now = sharedNow()
    if (pendingTally === 0)
      return
    const result = message.polls.find(p => p.poll.id === pollId)
    if (!result || result.tally.kind !== 'estimate')
      return
    for (const value of result.tally.values) {
      const phone = byValue.get(value)
      if (phone && phone.sentAt > 0 && phone.tallyAt === 0) {
        phone.tallyAt = now
        pendingTally--
      }
    }
    if (pendingTally === 0)
      finish()
  })
}

let deadline: ReturnType<typeof setTimeout> | null = null
let finished = false

function vote(startAt: number, spreadMs: number, total: number, timeoutMs: number): void {
  pendingTally = phones.length
  for (const phone of phones) {
    const at = startAt + (phone.index / total) * spreadMs
    later(() => {
      phone.sentAt = sharedNow()
      // The estimate is the phone's own index: the tally lists every value, so the
      // presenter's screen can tell exactly when this vote is in it.
      phone.requestId = phone.conn.vote(pollId, phone.index)
    }, Math.max(0, at - sharedNow()))
  }
  deadline = setTimeout(finish, Math.max(0, startAt + spreadMs - sharedNow()) + timeoutMs)
}

function finish(): void {
  if (finished)
    return
  // Acks travel on other sockets than results; give stragglers a moment.
  const acked = phones.filter(p => p.ackAt > 0).length
  if (acked < phones.length && deadline !== null && pendingTally === 0) {
    later(finish, 200)
    return
  }
  finished = true
  if (deadline)
    clearTimeout(deadline)
  post({
    type: 'votes',
    ackMs: phones.filter(p => p.ackAt > 0).map(p => p.ackAt - p.sentAt),
    tallyMs: phones.filter(p => p.tallyAt > 0).map(p => p.tallyAt - p.sentAt),
    sent: phones.filter(p => p.sentAt > 0).length,
    acked: phones.filter(p => p.ackAt > 0).map(p => p.index),
    failed: phones.filter(p => p.failed !== null).map(p => `${p.index}:${p.failed}`),
    notInTally: phones.filter(p => p.sentAt > 0 && p.tallyAt === 0).length,
    pendingAtEnd: phones.reduce((n, p) => n + p.conn.state.pending.length, 0),
  })
}

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'join':
      join()
      break
    case 'vote':
      vote(message.startAt, message.spreadMs, message.total, message.timeoutMs)
      break
    case 'close':
      for (const t of timers)
        clearTimeout(t)
      for (const phone of phones)
        phone.conn.close()
      screen?.close()
      // Let the close frames go out, then end the thread.
      setTimeout(() => {
        post({ type: 'closed' })
        process.exit(0)
      }, 300)
      break
  }
})
post({ type: 'ready' })
