/**
 * How long pairing a room takes: 50, 500 and 5,000 participants, a first round
 * and a second round that must avoid the first round's partners.
 *
 *   npx tsx bench/pairing.ts
 *
 * Prints a table and writes bench/results/pairing.json. Rooms are generated
 * from a fixed seed (1-3 ask topics, 1-3 offer topics, 1 in 10 passing, 1 in 20
 * with a second tab), so runs on different machines pair the same rooms.
 */
import type { PairingCandidate } from '../exercises/pairing'
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { historyOf, pair } from '../exercises/pairing'
import { mulberry32, shuffled } from '../exercises/random'
import { TOPICS } from '../exercises/topics'

const SIZES = [50, 500, 5000]
const RUNS: Record<number, number> = { 50: 41, 500: 21, 5000: 11 }
const WARMUP = 3

interface Result {
  participants: number
  round: 1 | 2
  runs: number
  medianMs: number
  minMs: number
  maxMs: number
  groups: number
  repeats: number
  /** Average topic fit per group. */
  meanScore: number
}

function room(size: number, seed: number): PairingCandidate[] {
  const random = mulberry32(seed)
  const ids = TOPICS.map(topic => topic.id)
  const some = () => shuffled(ids, random).slice(0, 1 + Math.floor(random() * 3))
  const people: PairingCandidate[] = []
  for (let i = 0; people.length < size; i++) {
    const person = { id: `p${i}`, deviceKey: `d${i}`, askTopics: some(), offerTopics: some(), passed: random() < 0.1 }
    people.push(person)
    if (random() < 0.05 && people.length < size)
      people.push({ ...person, id: `p${i}-tab2` })
  }
  return people
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

const round2 = (ms: number) => Math.round(ms * 100) / 100

function measure(people: readonly PairingCandidate[], round: 1 | 2, runs: number): Result {
  const history = round === 2 ? historyOf([pair(people, { seed: 1, round: 1 })]) : []
  const times: number[] = []
  let last = pair(people, { seed: 0, round, history })
  for (let i = 0; i < WARMUP + runs; i++) {
    const started = performance.now()
    last = pair(people, { seed: 100 + i, round, history })
    if (i >= WARMUP)
      times.push(performance.now() - started)
  }
  return {
    participants: people.length,
    round,
    runs,
    medianMs: round2(median(times)),
    minMs: round2(Math.min(...times)),
    maxMs: round2(Math.max(...times)),
    groups: last.groups.length,
    repeats: last.groups.reduce((sum, group) => sum + group.repeats, 0),
    meanScore: round2(last.groups.reduce((sum, group) => sum + group.score, 0) / Math.max(1, last.groups.length)),
  }
}

const results: Result[] = []
for (const size of SIZES) {
  const people = room(size, size)
  for (const round of [1, 2] as const)
    results.push(measure(people, round, RUNS[size] ?? 11))
}

const machine = {
  cpus: cpus().length,
  model: cpus()[0]?.model ?? 'unknown',
  node: process.version,
  // A busy machine slows every number down; the load says how busy it was.
  loadavg: loadavg().map(round2),
}

const out = join(dirname(fileURLToPath(import.meta.url)), 'results', 'pairing.json')
mkdirSync(dirname(out), { recursive: true })
writeFileSync(out, `${JSON.stringify({ machine, date: new Date().toISOString(), results }, null, 2)}\n`)

console.log(`pairing on ${machine.cpus} × ${machine.model}, node ${machine.node}, load ${machine.loadavg.join(' ')}`)
console.table(results.map(r => ({ 'people': r.participants, 'round': r.round, 'median ms': r.medianMs, 'min ms': r.minMs, 'max ms': r.maxMs, 'groups': r.groups, 'repeats': r.repeats, 'fit/group': r.meanScore })))
console.log(`written to ${out}`)
