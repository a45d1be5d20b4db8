/**
 * `npm run bench`: the room under load next to Slidev's own sync, the CPU
 * cost of a results batch, the phone page in a throttled Chromium, the kit export and what npm start keeps
 * resident. Loopback only; every
 * phase is bounded in count and time. Writes bench/results/*.json; the
 * numbers and the machine they came from are summarised in docs/performance.md.
 */
import type { NaiveBenchResult } from './fanout/naive'
import type { RoomBenchResult } from './fanout/room'
import { mkdirSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { parseArgs } from 'node:util'
import { benchExport } from './export'
import { benchNaive } from './fanout/naive'
import { benchRoom } from './fanout/room'
import { startBusyLoad } from './lib/busy'
import { machine, projectRoot } from './lib/proc'
import { formatMs } from './lib/stats'
import { benchPhone } from './phone'
import { benchStart } from './start'
import { benchTally } from './tally'

const PARTS = ['fanout', 'serverref', 'tally', 'phone', 'export', 'start'] as const
type Part = typeof PARTS[number]

const USAGE = `Usage: npm run bench -- [options]

  --only <list>        parts, comma-separated: ${PARTS.join(',')} (default: all)
  --sizes <list>       participants per run (default 100,1000,5000,10000)
  --naive-sizes <list> sizes for the server-ref baseline (default: those of --sizes up to 1000;
                       at 5,000 its HMR sockets never all open)
  --batch <list>       the room's batchIntervalMs, one run per value (default 25, the server default)
  --workers <n>        load-generator threads (default 2)
  --max-per-address <n> the room's cap on live identities per address (default 0: none;
                       every simulated phone connects from 127.0.0.1)
  --spread <ms>        spread the votes over this long (default: 2000, or N/1000 s if longer)
  --phone-runs <n>     cold page loads per network profile (default 5)
  --wait-quiet <s>     first wait up to this long for the 1-minute load average to drop below 1.5
                       (default 300; 0 to start at once)
  --busy <n>           run beside n processes that only spin, once the load average has reached 90% of n
                       (the "loaded machine" figures; no quiet wait then; use with --tag)
  --tag <name>         write bench/results/<part>-<name>.json instead of <part>.json
                       (a partial run then leaves the reference results alone)
  -h, --help

Everything runs on 127.0.0.1. The room runs in a child process with explicit
options; its per-address limits are lifted for the run (every simulated phone
comes from 127.0.0.1). Nothing in room/ changes. Every run records the load
average at each phase beside its figures.`

function numbers(raw: string | undefined, fallback: number[], { zero = false } = {}): number[] {
  if (!raw)
    return fallback
  const list = raw.split(',').map(s => Number(s.trim()))
  if (list.some(n => !Number.isFinite(n) || n < 0 || (n === 0 && !zero)))
    throw new Error(`not a list of ${zero ? 'non-negative' : 'positive'} numbers: ${raw}`)
  return list
}

/** Wait up to `seconds` for a quiet machine; say how it went, since a loaded one changes every latency. */
async function waitQuiet(seconds: number): Promise<{ waitedS: number, quiet: boolean, loadAverage: number }> {
  const start = Date.now()
  const until = start + seconds * 1000
  while (loadavg()[0]! >= 1.5 && Date.now() < until) {
    console.log(`  load average ${loadavg()[0]!.toFixed(2)}; waiting for a quieter machine…`)
    await new Promise(resolve => setTimeout(resolve, 15_000))
  }
  const now = loadavg()[0]!
  if (now >= 1.5)
    console.log(`  still loaded after ${seconds} s (load average ${now.toFixed(2)}): running anyway; the results record it`)
  return { waitedS: Math.round((Date.now() - start) / 1000), quiet: now < 1.5, loadAverage: Math.round(now * 100) / 100 }
}

function write(part: string, tag: string | undefined, data: unknown): void {
  const name = tag ? `${part}-${tag}` : part
  const dir = join(projectRoot, 'bench', 'results')
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(data, null, 2)}\n`)
  console.log(`  wrote bench/results/${name}.json`)
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'only': { type: 'string' },
      'sizes': { type: 'string' },
      'naive-sizes': { type: 'string' },
      'batch': { type: 'string' },
      'workers': { type: 'string' },
      'max-per-address': { type: 'string' },
      'spread': { type: 'string' },
      'phone-runs': { type: 'string' },
      'wait-quiet': { type: 'string' },
      'busy': { type: 'string' },
      'tag': { type: 'string' },
      'help': { type: 'boolean', short: 'h' },
    },
    strict: true,
  })
  if (values.help) {
    console.log(USAGE)
    return
  }
  if (values.tag !== undefined && !/^[a-z0-9-]+$/.test(values.tag))
    throw new Error(`--tag is lowercase letters, digits and dashes (got ${JSON.stringify(values.tag)})`)
  const only = values.only ? values.only.split(',').map(s => s.trim()) : [...PARTS]
  const unknown = only.filter(p => !(PARTS as readonly string[]).includes(p))
  if (unknown.length)
    throw new Error(`unknown part(s) ${unknown.join(', ')}; choose from ${PARTS.join(', ')}\n\n${USAGE}`)
  const want = (part: Part): boolean => only.includes(part)
  const sizes = numbers(values.sizes, [100, 1000, 5000, 10000])
  const naiveSizes = numbers(values['naive-sizes'], sizes.filter(n => n <= 1000))
  const maxPerAddress = numbers(values['max-per-address'], [0], { zero: true })[0]!
  const batches = numbers(values.batch, [25])
  const workers = numbers(values.workers, [2])[0]!
  const spreadFor = (n: number): number => values.spread ? Number(values.spread) : Math.max(2000, n)
  const busyProcesses = numbers(values.busy, [0], { zero: true })[0]!
  const quietS = busyProcesses > 0 ? 0 : numbers(values['wait-quiet'], [300], { zero: true })[0]!
  const waited = quietS > 0 ? await waitQuiet(quietS) : { waitedS: 0, quiet: loadavg()[0]! < 1.5, loadAverage: Math.round(loadavg()[0]! * 100) / 100 }
  const busy = busyProcesses > 0 ? await startBusyLoad(busyProcesses, { log: console.log }) : null

  const env = {
    machine: machine(),
    startedAt: new Date().toISOString(),
    waitQuiet: { ...waited, limitS: quietS },
    ...(busy ? { busy: { processes: busy.processes, loadAverage: busy.loadAverage, waitedS: busy.waitedS } } : {}),
  }
  console.log(`Machine: ${env.machine.cores} × ${env.machine.cpuModel}, ${env.machine.memoryGb} GB, Node ${env.machine.node}, load ${env.machine.loadAverage.join(' ')}`)

  if (want('fanout') || want('serverref')) {
    const runs: Array<RoomBenchResult | NaiveBenchResult | { system: string, participants: number, error: string }> = []
    for (const n of sizes) {
      if (want('fanout')) {
        for (const batchIntervalMs of batches) {
          console.log(`room: ${n} participants, votes over ${spreadFor(n)} ms, batchIntervalMs ${batchIntervalMs}`)
          try {
            const r = await benchRoom({ participants: n, spreadMs: spreadFor(n), workers, batchIntervalMs, maxPerAddress, log: console.log })
            runs.push(r)
            console.log(`  question to every phone p99 ${formatMs(r.fanoutMs.p99)} ms; vote->ack p99 ${formatMs(r.ackMs.p99)} ms; vote->tally p99 ${formatMs(r.tallyMs.p99)} ms; lost ${r.votes.lostAcked}, rows ${r.votes.dbRows}/${n}; ${r.server.rssPerConnectionKb} KB/conn; load ${r.loadAverage.votes[0]} during the votes`)
          }
          catch (error) {
            runs.push({ system: 'room', participants: n, error: String(error) })
            console.log(`  failed: ${String(error)}`)
          }
        }
      }
      if (want('serverref') && naiveSizes.includes(n)) {
        console.log(`server-ref baseline: ${n} participants, votes over ${spreadFor(n)} ms`)
        try {
          const r = await benchNaive({ participants: n, spreadMs: spreadFor(n), workers, log: console.log })
          runs.push(r)
          console.log(`  question to every phone p99 ${formatMs(r.fanoutMs.p99)} ms; vote->presenter p99 ${formatMs(r.tallyMs.p99)} ms (of ${r.tallyMs.count} seen); lost ${r.votes.lost} of ${r.votes.sent}${r.aborted ? `; ${r.aborted}` : ''}`)
        }
        catch (error) {
          runs.push({ system: 'server-ref', participants: n, error: String(error) })
          console.log(`  failed: ${String(error)}`)
        }
      }
    }
    write('fanout', values.tag, { ...env, finishedAt: new Date().toISOString(), loadAverageAfter: loadavg(), runs })
  }

  if (want('tally')) {
    console.log('results batch: live tally vs derived from rows (CPU time)')
    const runs = benchTally({ sizes, log: console.log })
    write('tally', values.tag, { ...env, finishedAt: new Date().toISOString(), loadAverageAfter: loadavg(), runs })
  }

  if (want('phone')) {
    console.log('phone page in Chromium')
    const results = await benchPhone({ runs: numbers(values['phone-runs'], [5])[0]!, log: console.log })
    write('phone', values.tag, { ...env, finishedAt: new Date().toISOString(), loadAverageAfter: loadavg(), results })
  }

  if (want('export')) {
    console.log('kit export')
    const result = await benchExport({ log: console.log })
    console.log(`  ${result.what}: ${result.seconds} s, ${result.files.length} files`)
    write('export', values.tag, { ...env, finishedAt: new Date().toISOString(), loadAverageAfter: loadavg(), result })
  }

  if (want('start')) {
    console.log('npm start, whole process tree')
    const first = await benchStart({ log: console.log })
    // A start that pre-bundled is the first after an install; a facilitator's session starts warm.
    // Both are recorded; `result` is the warm one.
    let result = first
    if (first.preBundled) {
      console.log('  again, with the cache that start left')
      result = await benchStart({ log: console.log })
    }
    write('start', values.tag, { ...env, finishedAt: new Date().toISOString(), loadAverageAfter: loadavg(), result, ...(first.preBundled ? { firstStart: first } : {}) })
  }
  busy?.stop()
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
})
