/**
 * One load-generator thread for the naive baseline: phones that behave like
 * vite-plugin-vue-server-ref's generated client as slidev-component-poll
 * uses it (`server-reactive:poll`, no `?diff`):
 *
 * - the phone holds a copy of the whole shared `poll` object, replaced by
 *   every broadcast from another client (`reactiveSet`), its own echoes ignored;
 * - to vote it writes `state[pollId].results[uid] = answer` into its copy and,
 *   after the plugin's 10 ms debounce, POSTs `{ source, data: <whole copy>,
 *   timestamp }` to /@server-reactive/poll;
 * - the server stores that copy as the state and broadcasts it to every client.
 *
 * - a broadcast from another client that lands inside that 10 ms window
 *   replaces the copy (own answer included) and its watcher clears the
 *   pending timer: that vote is never posted ("cancelled" below).
 *
 * Only the last broadcast matters for a copy that is wholly replaced, so a
 * phone parses the last one it received when it votes instead of parsing
 * each (same resulting copy, far less generator CPU). The presenter parses
 * every broadcast: that is when it would redraw.
 */
import type { Buffer } from 'node:buffer'
import type { FromWorker, NaiveSetup, ToWorker } from './protocol'
import process from 'node:process'
import { parentPort, workerData } from 'node:worker_threads'
import { WebSocket } from 'ws'
import { sharedNow } from '../lib/clock'

const setup = workerData as NaiveSetup
const port = parentPort!
const post = (message: FromWorker): void => port.postMessage(message)
const endpoint = `http://127.0.0.1:${setup.port}/@server-reactive/poll`
const DEBOUNCE_MS = 10

interface PollState { answers: string[], results: Record<string, number>, status: string }
type Shared = Record<string, PollState>

interface Phone {
  index: number
  uid: string
  source: string
  ws: WebSocket
  /** Last broadcast from another client, unparsed. */
  latest: string | null
  /** Broadcasts from others received so far. */
  received: number
  cancelled: boolean
  sawPollAt: number
  sentAt: number
  postedAt: number
  seenAt: number
  postFailed: boolean
}

const phones: Phone[] = []
const byUid = new Map<string, Phone>()
const timers = new Set<ReturnType<typeof setTimeout>>()
let opened = 0
let presenter: WebSocket | null = null
let lastBroadcastAt = 0
let finalState: Shared = {}

function later(fn: () => void, ms: number): void {
  const t = setTimeout(() => {
    timers.delete(t)
    fn()
  }, ms)
  timers.add(t)
}

const randId = (): string => Math.random().toString(36).replace(/[^a-z]+/g, '').slice(2, 12)

function socket(onText: (text: string) => void, onOpen: () => void): WebSocket {
  const ws = new WebSocket(`ws://127.0.0.1:${setup.port}/`, 'vite-hmr')
  ws.on('open', onOpen)
  ws.on('message', (data: Buffer) => onText(data.toString()))
  ws.on('error', () => {})
  return ws
}

/** The plugin's broadcast: `{"type":"custom","event":"vue-server-ref","data":{"source":"…",…}}`. */
function sourceOf(text: string): string | null {
  const match = /^\{"type":"custom","event":"vue-server-ref","data":\{"source":"([^"]*)"/.exec(text.slice(0, 120))
  return match ? match[1]! : null
}

let joined = 0
function addPhone(index: number): void {
  const phone: Phone = { index, uid: `u${setup.runId}-${index}`, source: randId(), ws: null as never, latest: null, received: 0, cancelled: false, sawPollAt: 0, sentAt: 0, postedAt: 0, seenAt: 0, postFailed: false }
  phone.ws = socket((text) => {
    const source = sourceOf(text)
    if (source === null || source === phone.source)
      return
    phone.latest = text
    phone.received++
    if (phone.sawPollAt === 0 && text.includes(`"${setup.pollId}":`)) {
      phone.sawPollAt = sharedNow()
      if (++opened === phones.length)
        post({ type: 'fanout', at: phones.map(p => p.sawPollAt) })
    }
  }, () => {
    if (++joined === setup.indices.length)
      post({ type: 'joined', count: joined })
  })
  phones.push(phone)
  byUid.set(phone.uid, phone)
}

function join(): void {
  // Warm up fetch (undici loads lazily) before the first vote is timed.
  void fetch(`http://127.0.0.1:${setup.port}/`).then(res => res.arrayBuffer()).catch(() => {})
  const batch = Math.max(1, Math.ceil(setup.joinPerSecond / 20 / setup.workers))
  let next = 0
  const step = (): void => {
    for (let k = 0; k < batch && next < setup.indices.length; k++)
      addPhone(setup.indices[next++]!)
    if (next < setup.indices.length)
      later(step, 50)
  }
  step()
  presenter = socket((text) => {
    if (sourceOf(text) === null)
      return
    const now = sharedNow()
    lastBroadcastAt = now
    const payload = JSON.parse(text) as { data: { data: Shared } }
    finalState = payload.data.data
    const results = finalState[setup.pollId]?.results ?? {}
    for (const uid of Object.keys(results)) {
      const phone = byUid.get(uid)
      if (phone && phone.sentAt > 0 && phone.seenAt === 0)
        phone.seenAt = now
    }
  }, () => {})
}

async function vote(phone: Phone): Promise<void> {
  phone.sentAt = sharedNow()
  // The phone's copy: the last state another client broadcast, plus its own answer.
  const copy: Shared = phone.latest ? (JSON.parse(phone.latest) as { data: { data: Shared } }).data.data : {}
  const poll = copy[setup.pollId] ?? { answers: ['A', 'B', 'C', 'D'], results: {}, status: 'open' }
  poll.results[phone.uid] = phone.index % 4
  copy[setup.pollId] = poll
  const before = phone.received
  await new Promise(resolve => setTimeout(resolve, DEBOUNCE_MS))
  if (phone.received !== before) {
    phone.cancelled = true
    phone.postedAt = sharedNow()
    return
  }
  try {
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ source: phone.source, data: copy, timestamp: Date.now() }),
    })
    await res.arrayBuffer()
    phone.postedAt = sharedNow()
  }
  catch {
    phone.postFailed = true
    phone.postedAt = sharedNow()
  }
}

let finished = false
function startVotes(startAt: number, spreadMs: number, total: number, timeoutMs: number): void {
  for (const phone of phones) {
    const at = startAt + (phone.index / total) * spreadMs
    later(() => void vote(phone), Math.max(0, at - sharedNow()))
  }
  const hardStop = startAt + spreadMs + timeoutMs
  // Done when every POST has returned and the broadcasts have been quiet for a second.
  const check = (): void => {
    const now = sharedNow()
    const posted = phones.every(p => p.postedAt > 0)
    if ((posted && now - lastBroadcastAt > 1000 && phones.every(p => p.seenAt > 0 || now - p.postedAt > 1000)) || now > hardStop)
      finish(now > hardStop)
    else
      later(check, 100)
  }
  later(check, Math.max(0, startAt + spreadMs - sharedNow()) + 200)
}

function finish(timedOut: boolean): void {
  if (finished)
    return
  finished = true
  const final = finalState[setup.pollId]?.results ?? {}
  post({
    type: 'naive-votes',
    tallyMs: phones.filter(p => p.seenAt > 0).map(p => p.seenAt - p.sentAt),
    postMs: phones.filter(p => p.postedAt > 0 && !p.postFailed && !p.cancelled).map(p => p.postedAt - p.sentAt),
    sent: phones.filter(p => p.sentAt > 0).length,
    posted: phones.filter(p => p.postedAt > 0 && !p.postFailed && !p.cancelled).length,
    cancelled: phones.filter(p => p.cancelled).length,
    postFailed: phones.filter(p => p.postFailed).length,
    neverSeen: phones.filter(p => p.sentAt > 0 && p.seenAt === 0).length,
    inFinalState: phones.filter(p => p.uid in final).length,
    timedOut,
  })
}

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'join':
      join()
      break
    case 'vote':
      startVotes(message.startAt, message.spreadMs, message.total, message.timeoutMs)
      break
    case 'close':
      for (const t of timers)
        clearTimeout(t)
      for (const phone of phones)
        phone.ws.terminate()
      presenter?.terminate()
      setTimeout(() => {
        post({ type: 'closed' })
        process.exit(0)
      }, 200)
      break
  }
})
post({ type: 'ready' })
