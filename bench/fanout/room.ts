/**
 * Fan-out and vote latency of the room: N simulated phones join a room server
 * running alone in a child process; the presenter opens a poll; every phone
 * votes once, the votes spread evenly over a few seconds.
 *
 * Measured: poll open (presenter sends) -> each phone has the question;
 * vote sent -> its ack; vote sent -> the presenter's screen shows a tally
 * that includes it; votes lost (acks vs rows in SQLite vs /api/results);
 * server RSS and CPU (from /proc); the generator's own CPU.
 */
import type { Worker } from 'node:worker_threads'
import type { PollDefinition } from '../../core/polls/definition'
import type { ResultsExport } from '../../core/protocol'
import type { RoomConnection } from '../../room-client/connection'
import type { Summary } from '../lib/stats'
import type { FromWorker, ToWorker, WorkerSetup } from './protocol'
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import Database from 'better-sqlite3'
import { createRoomConnection } from '../../room-client/connection'
import { sharedNow } from '../lib/clock'
import { procSample, startChild } from '../lib/proc'
import { summarize } from '../lib/stats'
import { nextMessage, startWorker } from '../lib/threads'
import { NodeSocket } from '../lib/ws'

export interface RoomBenchOptions {
  participants: number
  /** Votes are spread evenly over this window. */
  spreadMs: number
  /** Load-generator threads. */
  workers: number
  /** Results batching of the server under test. @default 100 (the server's default) */
  batchIntervalMs?: number
  joinPerSecond?: number
  /** The server's cap on live identities per address; every simulated phone is 127.0.0.1. @default 0 (no cap) */
  maxPerAddress?: number
  log?: (line: string) => void
}

/** The 1-, 5- and 15-minute load averages at a moment of the run, so each figure carries the load it was measured under. */
export type LoadAverage = [number, number, number]

function load(): LoadAverage {
  const [a, b, c] = loadavg().map(x => Math.round(x * 100) / 100)
  return [a!, b!, c!]
}

export interface RoomBenchResult {
  system: 'room'
  participants: number
  spreadMs: number
  workers: number
  batchIntervalMs: number
  joinMs: number
  fanoutMs: Summary
  ackMs: Summary
  tallyMs: Summary
  votes: { sent: number, acked: number, failed: number, dbRows: number, apiTotal: number, lostAcked: number, notInTally: number, pendingAtEnd: number }
  server: { rssIdleMb: number, rssJoinedMb: number, rssPeakMb: number, rssPerConnectionKb: number, cpuJoinMs: number, cpuVotePhaseMs: number, votePhaseWallMs: number }
  generatorCpuMs: number
  /** Load average when each phase began: join, poll open (fan-out), votes; and at the end. */
  loadAverage: { join: LoadAverage, fanout: LoadAverage, votes: LoadAverage, end: LoadAverage }
  errors: string[]
}

const SECRET = 'bench-secret-0123456789'
const mb = (bytes: number): number => Math.round(bytes / 1024 / 1024 * 10) / 10

function waitFor<T>(conn: RoomConnection, event: 'ack' | 'status', match: (payload: any) => boolean, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    let off = (): void => {}
    const timer = setTimeout(() => {
      off()
      reject(new Error(`timed out waiting for ${event}`))
    }, ms)
    off = conn.on(event, (payload) => {
      if (match(payload)) {
        clearTimeout(timer)
        off()
        resolve(payload as T)
      }
    })
  })
}

export async function benchRoom(options: RoomBenchOptions): Promise<RoomBenchResult> {
  const log = options.log ?? (() => {})
  const n = options.participants
  const batchIntervalMs = options.batchIntervalMs ?? 100
  const dir = mkdtempSync(join(tmpdir(), 'bench-room-'))
  const dbPath = join(dir, 'room.sqlite')
  const errors: string[] = []
  const server = await startChild('bench/servers/room.ts', [JSON.stringify({
    secret: SECRET,
    dbPath,
    batchIntervalMs,
    // Every simulated phone comes from 127.0.0.1: lift the per-address limits on new ids
    // and on live identities (`--max-per-address 0`) for this run only. The server's defaults stay as they are.
    newParticipantRate: { capacity: 1_000_000, perSecond: 1_000_000 },
    maxPerAddress: options.maxPerAddress ?? 0,
  })])
  const url = `http://127.0.0.1:${server.port}`
  let peakRss = 0
  const sampler = setInterval(() => {
    const s = procSample(server.pid)
    if (s)
      peakRss = Math.max(peakRss, s.rss)
  }, 100)
  const workers: Worker[] = []
  const cpuStart = process.cpuUsage()
  let presenter: RoomConnection | null = null
  try {
    const poll: PollDefinition = { id: 'bench-estimate', kind: 'estimate', question: 'How many people in this room asked for help this week?', min: 0, max: n }
    for (let w = 0; w < options.workers; w++) {
      const indices: number[] = []
      for (let i = w; i < n; i += options.workers)
        indices.push(i)
      const setup: WorkerSetup = { url, secret: SECRET, pollId: poll.id, indices, workers: options.workers, joinPerSecond: options.joinPerSecond ?? 1000 }
      workers.push(startWorker(new URL('./room-worker.ts', import.meta.url), setup))
    }
    const send = (message: ToWorker): void => workers.forEach(w => w.postMessage(message))
    await Promise.all(workers.map(w => nextMessage<FromWorker>(w, m => m.type === 'ready', 30_000, 'worker ready')))
    await new Promise(resolve => setTimeout(resolve, 500))
    const idle = procSample(server.pid)!

    // ---- join ----
    const loadAtJoin = load()
    const joinStart = sharedNow()
    const joined = Promise.all(workers.map(w => nextMessage<FromWorker>(w, m => m.type === 'joined', 60_000 + n * 20, 'all phones welcomed')))
    send({ type: 'join' })
    await joined
    const joinMs = sharedNow() - joinStart
    log(`  ${n} phones joined in ${(joinMs / 1000).toFixed(1)} s`)
    // Let the participant-count broadcasts settle and garbage be collected before sampling.
    await new Promise(resolve => setTimeout(resolve, 1500))
    const afterJoin = procSample(server.pid)!

    // ---- open the poll ----
    presenter = createRoomConnection({ url, WebSocket: NodeSocket, role: { kind: 'screen', secret: SECRET } })
    if (presenter.state.status !== 'open')
      await waitFor(presenter, 'status', s => s === 'open', 10_000)
    const loadAtFanout = load()
    const fanoutDone = Promise.all(workers.map(w => nextMessage<Extract<FromWorker, { type: 'fanout' }>>(w, m => m.type === 'fanout', 60_000, 'every phone has the question')))
    const openedAt = sharedNow()
    const requestId = presenter.control({ kind: 'open', poll })
    await waitFor(presenter, 'ack', a => a.requestId === requestId, 30_000)
    const fanout = (await fanoutDone).flatMap(m => m.at.map(t => t - openedAt))

    // ---- vote ----
    await new Promise(resolve => setTimeout(resolve, 500))
    const beforeVotes = procSample(server.pid)!
    const loadAtVotes = load()
    const startAt = sharedNow() + 200
    const votesDone = Promise.all(workers.map(w => nextMessage<Extract<FromWorker, { type: 'votes' }>>(w, m => m.type === 'votes', options.spreadMs + 90_000, 'votes')))
    send({ type: 'vote', startAt, spreadMs: options.spreadMs, total: n, timeoutMs: 60_000 })
    const votes = await votesDone
    const voteWall = sharedNow() - startAt
    const afterVotes = procSample(server.pid)!
    const generatorCpu = process.cpuUsage(cpuStart)

    // ---- count: acks vs SQLite rows vs the results API ----
    const db = new Database(dbPath, { readonly: true })
    // Each phone's estimate is its own index (the room issues the participant ids), so rows are found by value.
    const rows = db.prepare('SELECT value FROM votes WHERE poll_id = ?').all(poll.id) as Array<{ value: string }>
    db.close()
    const stored = new Set(rows.map(r => r.value))
    const acked = votes.flatMap(v => v.acked)
    const lostAcked = acked.filter(i => !stored.has(JSON.stringify(i))).length
    const api = await (await fetch(`${url}/api/results`, { headers: { authorization: `Bearer ${SECRET}` } })).json() as ResultsExport
    const apiTotal = api.polls.find(p => p.poll.id === poll.id)?.total ?? 0
    const failed = votes.flatMap(v => v.failed)
    if (failed.length)
      errors.push(`refused votes: ${failed.slice(0, 5).join(', ')}${failed.length > 5 ? ', …' : ''}`)

    return {
      system: 'room',
      participants: n,
      spreadMs: options.spreadMs,
      workers: options.workers,
      batchIntervalMs,
      joinMs: Math.round(joinMs),
      fanoutMs: summarize(fanout),
      ackMs: summarize(votes.flatMap(v => v.ackMs)),
      tallyMs: summarize(votes.flatMap(v => v.tallyMs)),
      votes: {
        sent: votes.reduce((s, v) => s + v.sent, 0),
        acked: acked.length,
        failed: failed.length,
        dbRows: rows.length,
        apiTotal,
        lostAcked,
        notInTally: votes.reduce((s, v) => s + v.notInTally, 0),
        pendingAtEnd: votes.reduce((s, v) => s + v.pendingAtEnd, 0),
      },
      server: {
        rssIdleMb: mb(idle.rss),
        rssJoinedMb: mb(afterJoin.rss),
        rssPeakMb: mb(Math.max(peakRss, afterVotes.rss)),
        rssPerConnectionKb: Math.round((afterJoin.rss - idle.rss) / n / 1024 * 10) / 10,
        cpuJoinMs: Math.round(afterJoin.cpuMs - idle.cpuMs),
        cpuVotePhaseMs: Math.round(afterVotes.cpuMs - beforeVotes.cpuMs),
        votePhaseWallMs: Math.round(voteWall),
      },
      generatorCpuMs: Math.round((generatorCpu.user + generatorCpu.system) / 1000),
      loadAverage: { join: loadAtJoin, fanout: loadAtFanout, votes: loadAtVotes, end: load() },
      errors,
    }
  }
  finally {
    clearInterval(sampler)
    presenter?.close()
    await Promise.all(workers.map(async (w) => {
      w.postMessage({ type: 'close' } satisfies ToWorker)
      await Promise.race([new Promise(resolve => w.once('exit', resolve)), new Promise(resolve => setTimeout(resolve, 5000))])
      await w.terminate()
    }))
    await server.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}
