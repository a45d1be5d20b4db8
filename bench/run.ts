/**
 * `npm run bench`: the room under load next to Slidev's own sync, the phone
 * page in a throttled Chromium, and the kit export. Loopback only; every
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
import { machine, projectRoot } from './lib/proc'
import { formatMs } from './lib/stats'
import { benchPhone } from './phone'

const PARTS = ['fanout', 'serverref', 'phone', 'export'] as const
type Part = typeof PARTS[number]

const USAGE = `Usage: npm run bench -- [options]

  --only <list>        parts, comma-separated: ${PARTS.join(',')} (default: all)
  --sizes <list>       participants per run (default 100,1000,5000)
  --naive-sizes <list> sizes for the server-ref baseline (default: --sizes)
  --batch <list>       the room's batchIntervalMs, one run per value (default 25, the server default)
  --workers <n>        load-generator threads (default 2)
  --spread <ms>        spread the votes over this long (default: 2000, or N/1000 s if longer)
  --phone-runs <n>     cold page loads per network profile (default 5)
  --wait-quiet <s>     first wait up to this long for the 1-minute load average to drop below 1.5
  -h, --help

Everything runs on 127.0.0.1. The room runs in a child process with explicit
options; its per-address limit on new participants is lifted for the run
(every simulated phone comes from 127.0.0.1). Nothing in room/ changes.`

function numbers(raw: string | undefined, fallback: number[]): number[] {
  if (!raw)
    return fallback
  const list = raw.split(',').map(s => Number(s.trim()))
  if (list.some(n => !Number.isFinite(n) || n <= 0))
    throw new Error(`not a list of positive numbers: ${raw}`)
  return list
}

async function waitQuiet(seconds: number): Promise<void> {
  const until = Date.now() + seconds * 1000
  while (loadavg()[0]! >= 1.5 && Date.now() < until) {
    console.log(`  load average ${loadavg()[0]!.toFixed(2)}; waiting for a quieter machine…`)
    await new Promise(resolve => setTimeout(resolve, 15_000))
  }
}

function write(name: string, data: unknown): void {
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
      'spread': { type: 'string' },
      'phone-runs': { type: 'string' },
      'wait-quiet': { type: 'string' },
      'help': { type: 'boolean', short: 'h' },
    },
    strict: true,
  })
  if (values.help) {
    console.log(USAGE)
    return
  }
  const only = values.only ? values.only.split(',').map(s => s.trim()) : [...PARTS]
  const unknown = only.filter(p => !(PARTS as readonly string[]).includes(p))
  if (unknown.length)
    throw new Error(`unknown part(s) ${unknown.join(', ')}; choose from ${PARTS.join(', ')}\n\n${USAGE}`)
  const want = (part: Part): boolean => only.includes(part)
  const sizes = numbers(values.sizes, [100, 1000, 5000])
  const naiveSizes = numbers(values['naive-sizes'], sizes)
  const batches = numbers(values.batch, [25])
  const workers = numbers(values.workers, [2])[0]!
  const spreadFor = (n: number): number => values.spread ? Number(values.spread) : Math.max(2000, n)
  if (values['wait-quiet'])
    await waitQuiet(Number(values['wait-quiet']))

  const env = { machine: machine(), startedAt: new Date().toISOString() }
  console.log(`Machine: ${env.machine.cores} × ${env.machine.cpuModel}, ${env.machine.memoryGb} GB, Node ${env.machine.node}, load ${env.machine.loadAverage.join(' ')}`)

  if (want('fanout') || want('serverref')) {
    const runs: Array<RoomBenchResult | NaiveBenchResult | { system: string, participants: number, error: string }> = []
    for (const n of sizes) {
      if (want('fanout')) {
        for (const batchIntervalMs of batches) {
          console.log(`room: ${n} participants, votes over ${spreadFor(n)} ms, batchIntervalMs ${batchIntervalMs}`)
          try {
            const r = await benchRoom({ participants: n, spreadMs: spreadFor(n), workers, batchIntervalMs, log: console.log })
            runs.push(r)
            console.log(`  question to every phone p99 ${formatMs(r.fanoutMs.p99)} ms; vote->ack p99 ${formatMs(r.ackMs.p99)} ms; vote->tally p99 ${formatMs(r.tallyMs.p99)} ms; lost ${r.votes.lostAcked}, rows ${r.votes.dbRows}/${n}; ${r.server.rssPerConnectionKb} KB/conn`)
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
    write('fanout', { ...env, finishedAt: new Date().toISOString(), loadAverageAfter: loadavg(), runs })
  }

  if (want('phone')) {
    console.log('phone page in Chromium')
    const results = await benchPhone({ runs: numbers(values['phone-runs'], [5])[0]!, log: console.log })
    write('phone', { ...env, finishedAt: new Date().toISOString(), loadAverageAfter: loadavg(), results })
  }

  if (want('export')) {
    console.log('kit export')
    const result = await benchExport({ log: console.log })
    console.log(`  ${result.what}: ${result.seconds} s, ${result.files.length} file(s)${result.note ? ` (${result.note})` : ''}`)
    write('export', { ...env, finishedAt: new Date().toISOString(), loadAverageAfter: loadavg(), result })
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
})
