/**
 * The same poll the naive way, on Slidev's own sync: a Vite dev server with
 * vite-plugin-vue-server-ref in a child process, phones that POST their copy
 * of the shared object and listen on Vite's HMR socket (see naive-worker.ts).
 * Same sizes, same vote spread, same machine, same run as the room.
 */
import type { Worker } from 'node:worker_threads'
import type { Summary } from '../lib/stats'
import type { FromWorker, NaiveSetup, ToWorker } from './protocol'
import process from 'node:process'
import { sharedNow } from '../lib/clock'
import { procSample, startChild } from '../lib/proc'
import { summarize } from '../lib/stats'
import { nextMessage, startWorker } from '../lib/threads'

export interface NaiveBenchOptions {
  participants: number
  spreadMs: number
  workers: number
  /** Stop waiting for broadcasts this long after the last vote. @default 60_000 */
  timeoutMs?: number
  /** Kill the server if it grows past this (bytes). @default 4 GiB */
  rssLimit?: number
  joinPerSecond?: number
  log?: (line: string) => void
}

export interface NaiveBenchResult {
  system: 'server-ref'
  participants: number
  spreadMs: number
  workers: number
  joinMs: number
  fanoutMs: Summary
  /** Vote (local write) -> the presenter's copy includes it, for votes that ever showed up. */
  tallyMs: Summary
  postMs: Summary
  votes: { sent: number, posted: number, cancelledInDebounce: number, postFailed: number, neverSeenByPresenter: number, inFinalState: number, lost: number }
  server: { rssIdleMb: number, rssJoinedMb: number, rssPeakMb: number, rssPerConnectionKb: number, cpuVotePhaseMs: number }
  generatorCpuMs: number
  aborted: string | null
}

const mb = (bytes: number): number => Math.round(bytes / 1024 / 1024 * 10) / 10

export async function benchNaive(options: NaiveBenchOptions): Promise<NaiveBenchResult> {
  const log = options.log ?? (() => {})
  const n = options.participants
  const rssLimit = options.rssLimit ?? 4 * 1024 ** 3
  const server = await startChild('bench/servers/server-ref.ts', [])
  let peakRss = 0
  let aborted: string | null = null
  const sampler = setInterval(() => {
    const s = procSample(server.pid)
    if (!s)
      return
    peakRss = Math.max(peakRss, s.rss)
    if (s.rss > rssLimit && !aborted) {
      aborted = `server RSS passed ${mb(rssLimit)} MB; killed`
      server.child.kill('SIGKILL')
    }
  }, 100)
  const workers: Worker[] = []
  const cpuStart = process.cpuUsage()
  try {
    const pollId = 'bench-choice'
    const runId = Math.random().toString(36).slice(2, 8)
    for (let w = 0; w < options.workers; w++) {
      const indices: number[] = []
      for (let i = w; i < n; i += options.workers)
        indices.push(i)
      const setup: NaiveSetup = { port: server.port, runId, pollId, indices, workers: options.workers, joinPerSecond: options.joinPerSecond ?? 1000 }
      workers.push(startWorker(new URL('./naive-worker.ts', import.meta.url), setup))
    }
    const send = (message: ToWorker): void => workers.forEach(w => w.postMessage(message))
    await Promise.all(workers.map(w => nextMessage<FromWorker>(w, m => m.type === 'ready', 30_000, 'worker ready')))
    await new Promise(resolve => setTimeout(resolve, 500))
    const idle = procSample(server.pid)!

    const joinStart = sharedNow()
    const joined = Promise.all(workers.map(w => nextMessage<FromWorker>(w, m => m.type === 'joined', 60_000 + n * 20, 'all sockets open')))
    send({ type: 'join' })
    await joined
    const joinMs = sharedNow() - joinStart
    log(`  ${n} HMR sockets open in ${(joinMs / 1000).toFixed(1)} s`)
    await new Promise(resolve => setTimeout(resolve, 1500))
    const afterJoin = procSample(server.pid)!

    // The presenter opens the poll: its copy with the new poll, posted like any other change.
    // Warm up fetch (undici loads lazily) so the first POST does not carry that cost.
    await (await fetch(`http://127.0.0.1:${server.port}/`)).arrayBuffer()
    const fanoutDone = Promise.all(workers.map(w => nextMessage<Extract<FromWorker, { type: 'fanout' }>>(w, m => m.type === 'fanout', 60_000, 'every phone has the question')))
    const openedAt = sharedNow()
    const res = await fetch(`http://127.0.0.1:${server.port}/@server-reactive/poll`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ source: 'presenter', data: { [pollId]: { answers: ['A', 'B', 'C', 'D'], results: {}, status: 'open' } }, timestamp: Date.now() }),
    })
    await res.arrayBuffer()
    const fanout = (await fanoutDone).flatMap(m => m.at.map(t => t - openedAt))

    await new Promise(resolve => setTimeout(resolve, 500))
    const beforeVotes = procSample(server.pid)!
    const timeoutMs = options.timeoutMs ?? 60_000
    const startAt = sharedNow() + 200
    const votesDone = Promise.all(workers.map(w => nextMessage<Extract<FromWorker, { type: 'naive-votes' }>>(w, m => m.type === 'naive-votes', options.spreadMs + timeoutMs + 30_000, 'naive votes')))
    send({ type: 'vote', startAt, spreadMs: options.spreadMs, total: n, timeoutMs })
    const votes = await votesDone
    const afterVotes = procSample(server.pid) ?? beforeVotes
    const generatorCpu = process.cpuUsage(cpuStart)
    const sum = (pick: (v: typeof votes[number]) => number): number => votes.reduce((s, v) => s + pick(v), 0)
    const inFinal = sum(v => v.inFinalState)
    if (votes.some(v => v.timedOut) && !aborted)
      aborted = `stopped waiting ${timeoutMs / 1000} s after the last vote`
    return {
      system: 'server-ref',
      participants: n,
      spreadMs: options.spreadMs,
      workers: options.workers,
      joinMs: Math.round(joinMs),
      fanoutMs: summarize(fanout),
      tallyMs: summarize(votes.flatMap(v => v.tallyMs)),
      postMs: summarize(votes.flatMap(v => v.postMs)),
      votes: {
        sent: sum(v => v.sent),
        posted: sum(v => v.posted),
        cancelledInDebounce: sum(v => v.cancelled),
        postFailed: sum(v => v.postFailed),
        neverSeenByPresenter: sum(v => v.neverSeen),
        inFinalState: inFinal,
        lost: sum(v => v.sent) - inFinal,
      },
      server: {
        rssIdleMb: mb(idle.rss),
        rssJoinedMb: mb(afterJoin.rss),
        rssPeakMb: mb(peakRss),
        rssPerConnectionKb: Math.round((afterJoin.rss - idle.rss) / n / 1024 * 10) / 10,
        cpuVotePhaseMs: Math.round(afterVotes.cpuMs - beforeVotes.cpuMs),
      },
      generatorCpuMs: Math.round((generatorCpu.user + generatorCpu.system) / 1000),
      aborted,
    }
  }
  finally {
    clearInterval(sampler)
    await Promise.all(workers.map(async (w) => {
      w.postMessage({ type: 'close' } satisfies ToWorker)
      await Promise.race([new Promise(resolve => w.once('exit', resolve)), new Promise(resolve => setTimeout(resolve, 5000))])
      await w.terminate()
    }))
    await server.stop()
  }
}
