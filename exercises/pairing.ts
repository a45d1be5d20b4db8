import type { GroupToken, TokenColour } from './tokens'
import { mixSeed, mulberry32, shuffled } from './random'
import { paletteFor, tokenAt } from './tokens'

/**
 * Pairing for a round: pure and deterministic for a given seed.
 *
 * - Entries that share an id or a device key are one person (two tabs, or a
 *   phone and a laptop): they land in the same group, never in two.
 * - Asks are matched to offers by topic: a pair scores one point per topic
 *   where one's ask meets the other's offer, both ways.
 * - Partners from earlier rounds are avoided; a repeat happens only when no
 *   fresh grouping was found (small rooms late in a round-robin).
 * - Pairs, with exactly one trio when the count is odd; one person alone is
 *   reported as `alone` for the face to explain.
 *
 * Rooms of up to EXACT_LIMIT people are searched exhaustively (fewest repeats,
 * then best topic fit); larger rooms are paired greedily in O(n·k), repaired by
 * swapping members out of groups with repeats, and, up to 30 people, searched
 * for a repeat-free grouping within a fixed budget when a repeat remains.
 */

export interface PairingCandidate {
  /** Participant id. */
  id: string
  /** Shared by the tabs and devices of one person; entries sharing it are never partners. */
  deviceKey?: string
  /** Topic ids of the ask. */
  askTopics?: readonly string[]
  /** Topic ids the offers cover. */
  offerTopics?: readonly string[]
  /** Passed on asking: takes the helper role first. */
  passed?: boolean
}

/** Earlier rounds, oldest first: each round a list of groups, each group its participant ids. */
export type PairingHistory = ReadonlyArray<ReadonlyArray<readonly string[]>>

export interface PairingOptions {
  /** Same seed, same people, same history: same pairs. */
  seed: number
  /** 1-based round; part of the token colours' shuffle. @default 1 */
  round?: number
  /** @default 2 */
  groupSize?: 2 | 3
  /** @default [] */
  history?: PairingHistory
}

export interface GroupMember {
  /** The person's first participant id, in input order. */
  id: string
  /** Every participant id of this person (tabs, devices). */
  ids: string[]
  passed: boolean
}

export interface PairGroup {
  token: GroupToken
  /** Speaking order: `members[t]` holds the focus role (asks) in turn `t`. */
  members: GroupMember[]
  /** Topic fit: one point per topic where a member's ask meets another member's offer. */
  score: number
  /** Member pairs who were partners in an earlier round; 0 unless no fresh grouping was found. */
  repeats: number
}

export interface Pairing {
  round: number
  seed: number
  groupSize: 2 | 3
  groups: PairGroup[]
  /** The only person present, who cannot be paired: the face explains and waits for the next round. */
  alone: GroupMember | null
}

/** Rooms up to this many people are paired by exhaustive search (945 groupings of 10). */
export const EXACT_LIMIT = 10
/** Rooms up to this many people get a bounded search for a repeat-free grouping when the greedy leaves a repeat. */
const FRESH_SEARCH_LIMIT = 30
const FRESH_SEARCH_BUDGET = 200_000
/** Candidates looked at per topic, per member, when growing a group greedily. */
const TOPIC_WINDOW = 8
/** Candidates looked at in room order, whatever their topics. */
const ROOM_WINDOW = 16
/** Topics beyond this many distinct ids are ignored for scoring (the catalogue has eight). */
const MAX_TOPICS = 30

interface Person {
  member: GroupMember
  ask: number
  offer: number
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555)
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333)
  return (((v + (v >>> 4)) & 0x0F0F0F0F) * 0x01010101) >>> 24
}

function fit(a: Person, b: Person): number {
  return popcount(a.ask & b.offer) + popcount(b.ask & a.offer)
}

function bits(mask: number): number[] {
  const out: number[] = []
  for (let bit = 0; mask !== 0; bit++, mask >>>= 1) {
    if (mask & 1)
      out.push(bit)
  }
  return out
}

/** Merge entries that share an id or a device key into persons, in order of first appearance. */
function toPersons(candidates: readonly PairingCandidate[]): Person[] {
  const parent = candidates.map((_, i) => i)
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!
      i = parent[i]!
    }
    return i
  }
  const firstByKey = new Map<string, number>()
  candidates.forEach((candidate, i) => {
    for (const key of [`id:${candidate.id}`, candidate.deviceKey === undefined ? null : `device:${candidate.deviceKey}`]) {
      if (key === null)
        continue
      const seen = firstByKey.get(key)
      if (seen === undefined) {
        firstByKey.set(key, i)
      }
      else {
        const [a, b] = [find(seen), find(i)]
        // Keep the earliest entry as the root so the person's id is stable.
        if (a !== b)
          parent[Math.max(a, b)] = Math.min(a, b)
      }
    }
  })

  const topicBit = new Map<string, number>()
  const mask = (topics: readonly string[] | undefined): number => {
    let m = 0
    for (const topic of topics ?? []) {
      let bit = topicBit.get(topic)
      if (bit === undefined && topicBit.size < MAX_TOPICS) {
        bit = topicBit.size
        topicBit.set(topic, bit)
      }
      if (bit !== undefined)
        m |= 1 << bit
    }
    return m
  }

  const byRoot = new Map<number, Person>()
  candidates.forEach((candidate, i) => {
    const root = find(i)
    const passed = candidate.passed === true
    const person = byRoot.get(root)
    if (!person) {
      byRoot.set(root, { member: { id: candidate.id, ids: [candidate.id], passed }, ask: passed ? 0 : mask(candidate.askTopics), offer: mask(candidate.offerTopics) })
      return
    }
    if (!person.member.ids.includes(candidate.id))
      person.member.ids.push(candidate.id)
    person.member.passed &&= passed
    if (!passed)
      person.ask |= mask(candidate.askTopics)
    person.offer |= mask(candidate.offerTopics)
  })
  return [...byRoot.values()]
}

/** Group sizes for `n` people: pairs with one trio, or trios with a pair or one or two fours. */
export function groupSizes(n: number, size: 2 | 3): number[] {
  if (n < 2)
    return []
  const times = (count: number, value: number): number[] => Array.from<number>({ length: count }).fill(value)
  if (size === 2)
    return n % 2 === 0 ? times(n / 2, 2) : [3, ...times((n - 3) / 2, 2)]
  const trios = (count: number) => times(count, 3)
  switch (n % 3) {
    case 0: return trios(n / 3)
    case 1: return [4, ...trios((n - 4) / 3)]
    default: return n < 8 ? [...trios((n - 2) / 3), 2] : [4, 4, ...trios((n - 8) / 3)]
  }
}

/** Who met whom, over person indices. */
class MetSet {
  private readonly edges = new Set<number>()
  constructor(private readonly n: number) {}
  add(a: number, b: number): void {
    if (a !== b)
      this.edges.add(a < b ? a * this.n + b : b * this.n + a)
  }

  has(a: number, b: number): boolean {
    return this.edges.has(a < b ? a * this.n + b : b * this.n + a)
  }

  get size(): number {
    return this.edges.size
  }
}

function metFromHistory(persons: readonly Person[], history: PairingHistory): MetSet {
  const personOf = new Map<string, number>()
  persons.forEach((person, i) => person.member.ids.forEach(id => personOf.set(id, i)))
  const met = new MetSet(persons.length)
  for (const round of history) {
    for (const group of round) {
      const present = [...new Set(group.map(id => personOf.get(id)).filter((i): i is number => i !== undefined))]
      for (let x = 0; x < present.length; x++) {
        for (let y = x + 1; y < present.length; y++)
          met.add(present[x]!, present[y]!)
      }
    }
  }
  return met
}

/** An ordered set of person indices with O(1) removal, walked in the room's shuffled order. */
class Pool {
  private readonly next: Int32Array
  private readonly prev: Int32Array
  private head = -1
  readonly size: number
  constructor(order: readonly number[], n: number) {
    this.size = order.length
    this.next = new Int32Array(n).fill(-2)
    this.prev = new Int32Array(n).fill(-2)
    let last = -1
    for (const p of order) {
      this.prev[p] = last
      this.next[p] = -1
      if (last === -1)
        this.head = p
      else
        this.next[last] = p
      last = p
    }
  }

  first(): number {
    return this.head
  }

  after(p: number): number {
    return this.next[p] ?? -1
  }

  remove(p: number): void {
    const before = this.prev[p]!
    const after = this.next[p]!
    if (after === -2)
      return
    if (before === -1)
      this.head = after
    else
      this.next[before] = after
    if (after !== -1)
      this.prev[after] = before
    this.next[p] = -2
    this.prev[p] = -2
  }
}

function conflicts(group: readonly number[], met: MetSet): number {
  let count = 0
  for (let x = 0; x < group.length; x++) {
    for (let y = x + 1; y < group.length; y++) {
      if (met.has(group[x]!, group[y]!))
        count++
    }
  }
  return count
}

function groupFit(group: readonly number[], persons: readonly Person[]): number {
  let score = 0
  for (let x = 0; x < group.length; x++) {
    for (let y = x + 1; y < group.length; y++)
      score += fit(persons[group[x]!]!, persons[group[y]!]!)
  }
  return score
}

/** Greedy: seed each group with the next person in room order, then add the best-fitting fresh candidate. */
function greedy(persons: readonly Person[], order: readonly number[], sizes: readonly number[], met: MetSet): number[][] {
  const n = persons.length
  const room = new Pool(order, n)
  // Every pool is built before anyone is taken, so taking someone removes them everywhere.
  const poolsBy = (key: (p: Person) => number): Map<number, Pool> => {
    const members = new Map<number, number[]>()
    for (const p of order) {
      for (const bit of bits(key(persons[p]!))) {
        const list = members.get(bit)
        if (list)
          list.push(p)
        else
          members.set(bit, [p])
      }
    }
    return new Map([...members].map(([bit, list]) => [bit, new Pool(list, n)]))
  }
  const offering = poolsBy(person => person.offer)
  const asking = poolsBy(person => person.ask)
  const take = (p: number): void => {
    room.remove(p)
    const person = persons[p]!
    for (const bit of bits(person.offer)) offering.get(bit)?.remove(p)
    for (const bit of bits(person.ask)) asking.get(bit)?.remove(p)
  }

  // Topic pools per person, looked up once: `best` runs for every group and must not allocate much.
  const nearby = persons.map(person => [
    ...bits(person.ask).map(bit => offering.get(bit)),
    ...bits(person.offer).map(bit => asking.get(bit)),
  ].filter((pool): pool is Pool => pool !== undefined))

  let members: readonly number[] = []
  let bestP = -1
  let bestScore = -1
  const consider = (p: number): void => {
    let score = 0
    for (const m of members) {
      if (met.has(m, p))
        return
      score += fit(persons[m]!, persons[p]!)
    }
    if (score > bestScore) {
      bestScore = score
      bestP = p
    }
  }
  const walk = (pool: Pool, limit: number): void => {
    for (let p = pool.first(), seen = 0; p !== -1 && seen < limit; p = pool.after(p), seen++)
      consider(p)
  }
  const best = (group: readonly number[]): number => {
    members = group
    bestP = -1
    bestScore = -1
    for (const m of group) {
      for (const pool of nearby[m]!)
        walk(pool, TOPIC_WINDOW)
    }
    walk(room, ROOM_WINDOW)
    if (bestP === -1)
      walk(room, Number.POSITIVE_INFINITY)
    // Everyone left has met a member already: a repeat is the only way to keep nobody alone.
    return bestP === -1 ? room.first() : bestP
  }

  // Scarcest asks first: someone asking about a topic few can offer picks before the crowd takes those few.
  const offerers = (bit: number) => offering.get(bit)?.size ?? 0
  const scarcity = (p: number) => Math.min(Number.POSITIVE_INFINITY, ...bits(persons[p]!.ask).map(offerers))
  const seeds = order.map(p => ({ p, key: scarcity(p) })).sort((a, b) => a.key - b.key).map(entry => entry.p)
  const taken = new Uint8Array(n)
  let cursor = 0

  const groups: number[][] = []
  for (const size of sizes) {
    while (taken[seeds[cursor]!])
      cursor++
    const first = seeds[cursor]!
    take(first)
    taken[first] = 1
    const members = [first]
    while (members.length < size) {
      const p = best(members)
      take(p)
      taken[p] = 1
      members.push(p)
    }
    groups.push(members)
  }
  return groups
}

/** Try one swap of member `x` of `group` with a member of another group that leaves both free of repeats. */
function swapOut(group: number[], x: number, groups: readonly number[][], met: MetSet): boolean {
  for (const other of groups) {
    if (other === group)
      continue
    for (let y = 0; y < other.length; y++) {
      const mine = group[x]!
      const theirs = other[y]!
      group[x] = theirs
      other[y] = mine
      if (conflicts(group, met) === 0 && conflicts(other, met) === 0)
        return true
      group[x] = mine
      other[y] = theirs
    }
  }
  return false
}

/** Swap members between groups so that no group holds a repeat, where a single swap can fix it. */
function repairRepeats(groups: number[][], met: MetSet): void {
  if (met.size === 0)
    return
  for (const group of groups) {
    for (let x = 0; x < group.length && conflicts(group, met) > 0; x++)
      swapOut(group, x, groups, met)
  }
}

/**
 * Search the groupings of a small room into the planned sizes, on positions in
 * `order` with bit masks and precomputed pair tables.
 * - `best`: all of them; fewest repeats first, then the best topic fit, ties to
 *   the first found in the seeded order.
 * - `fresh`: the first grouping with no repeat at all, pruning every clash, or
 *   null when none exists or the budget of search steps runs out.
 */
function search(persons: readonly Person[], order: readonly number[], sizes: readonly number[], met: MetSet, mode: 'best' | 'fresh', budget = Number.POSITIVE_INFINITY): number[][] | null {
  const n = order.length
  const clash = new Uint8Array(n * n)
  const gain = new Uint8Array(n * n)
  for (let x = 0; x < n; x++) {
    for (let y = 0; y < n; y++) {
      clash[x * n + y] = met.has(order[x]!, order[y]!) ? 1 : 0
      gain[x * n + y] = fit(persons[order[x]!]!, persons[order[y]!]!)
    }
  }
  const kinds = [...new Set(sizes)]
  const left = kinds.map(size => sizes.filter(s => s === size).length)
  const full = (1 << n) - 1
  const stack: number[] = []
  const bounds: number[] = []
  let best: { positions: number[], bounds: number[], repeats: number, score: number } | null = null
  let steps = 0

  const descend = (used: number, repeats: number, score: number): void => {
    if (best && (repeats > best.repeats || mode === 'fresh'))
      return
    if (used === full) {
      if (!best || repeats < best.repeats || score > best.score)
        best = { positions: [...stack], bounds: [...bounds], repeats, score }
      return
    }
    let first = 0
    while (used & (1 << first))
      first++
    for (let k = 0; k < kinds.length; k++) {
      if (left[k] === 0)
        continue
      left[k]!--
      const size = kinds[k]!
      stack.push(first)
      const grow = (from: number, mask: number, r: number, sc: number): void => {
        if (stack.length - (bounds.at(-1) ?? 0) === size) {
          bounds.push(stack.length)
          descend(mask, r, sc)
          bounds.pop()
          return
        }
        if (++steps > budget)
          return
        const start = bounds.at(-1) ?? 0
        for (let y = from; y < n; y++) {
          if (mask & (1 << y))
            continue
          let addR = 0
          let addS = 0
          for (let i = start; i < stack.length; i++) {
            addR += clash[stack[i]! * n + y]!
            addS += gain[stack[i]! * n + y]!
          }
          if (mode === 'fresh' && addR > 0)
            continue
          stack.push(y)
          grow(y + 1, mask | (1 << y), r + addR, sc + addS)
          stack.pop()
        }
      }
      grow(first + 1, used | (1 << first), repeats, score)
      stack.pop()
      left[k]!++
    }
  }
  descend(0, 0, 0)
  const found = best as { positions: number[], bounds: number[] } | null
  if (!found || steps > budget)
    return null
  return found.bounds.map((end, i) => found.positions.slice(found.bounds[i - 1] ?? 0, end).map(position => order[position]!))
}

/** Speaking order: people who passed go last; the rest in seeded order. */
function speakingOrder(group: readonly number[], persons: readonly Person[], random: () => number): number[] {
  const mixed = shuffled(group, random)
  return [...mixed.filter(p => !persons[p]!.member.passed), ...mixed.filter(p => persons[p]!.member.passed)]
}

/** Pair the people present at the start of a round. */
export function pair(candidates: readonly PairingCandidate[], options: PairingOptions): Pairing {
  const round = options.round ?? 1
  const groupSize = options.groupSize ?? 2
  const persons = toPersons(candidates)
  const base = { round, seed: options.seed, groupSize }
  if (persons.length === 0)
    return { ...base, groups: [], alone: null }
  if (persons.length === 1)
    return { ...base, groups: [], alone: persons[0]!.member }

  const random = mulberry32(mixSeed(options.seed, round))
  const order = shuffled(persons.map((_, i) => i), random)
  const met = metFromHistory(persons, options.history ?? [])
  const sizes = groupSizes(persons.length, groupSize)
  let groups = persons.length <= EXACT_LIMIT ? search(persons, order, sizes, met, 'best') : null
  if (!groups) {
    groups = greedy(persons, order, sizes, met)
    repairRepeats(groups, met)
    // Late rounds of a small room can corner the greedy: look for a fresh grouping, within a budget.
    if (persons.length <= FRESH_SEARCH_LIMIT && groups.some(group => conflicts(group, met) > 0))
      groups = search(persons, order, sizes, met, 'fresh', FRESH_SEARCH_BUDGET) ?? groups
  }

  const palette = paletteFor(options.seed, round)
  return {
    ...base,
    groups: groups.map((group, i) => ({
      token: tokenAt(palette, i),
      members: speakingOrder(group, persons, random).map(p => persons[p]!.member),
      score: groupFit(group, persons),
      repeats: conflicts(group, met),
    })),
    alone: null,
  }
}

/** The history `pair` reads, from earlier pairings. */
export function historyOf(pairings: readonly Pairing[]): PairingHistory {
  return pairings.map(pairing => pairing.groups.map(group => group.members.flatMap(member => member.ids)))
}

/** Where a participant is in a pairing: their group and their place in its speaking order. */
export function groupOf(pairing: Pairing, participantId: string): { group: PairGroup, member: GroupMember, position: number } | null {
  for (const group of pairing.groups) {
    const position = group.members.findIndex(member => member.ids.includes(participantId))
    if (position >= 0)
      return { group, member: group.members[position]!, position }
  }
  return null
}

function haveMet(a: GroupMember, b: GroupMember, history: PairingHistory): boolean {
  return history.some(round => round.some(group => a.ids.some(id => group.includes(id)) && b.ids.some(id => group.includes(id))))
}

function unusedToken(pairing: Pairing, used: ReadonlySet<string>): GroupToken {
  const palette: readonly TokenColour[] = paletteFor(pairing.seed, pairing.round)
  for (let i = 0; ; i++) {
    const token = tokenAt(palette, i)
    if (!used.has(token.label))
      return token
  }
}

export interface RepairResult {
  pairing: Pairing
  /** Participant ids whose group changed and who should be told (a new partner or token). */
  affected: string[]
}

/**
 * Someone left mid-round. Their tab closing while another of their tabs stays
 * changes nothing. Otherwise a trio becomes a pair; an orphaned partner pairs
 * with someone waiting alone, or takes the third member of the trio (in a
 * pair exercise that member had no turn to ask yet), or joins another group
 * as a trio; with nobody else left, they are alone. Pairs stay pairs, with at
 * most one trio.
 */
export function repairAfterLeave(pairing: Pairing, leftId: string, options: { history?: PairingHistory } = {}): RepairResult {
  const history = options.history ?? []
  const groups = pairing.groups.map(group => ({ ...group, members: [...group.members] }))
  let alone = pairing.alone
  const unchanged: RepairResult = { pairing, affected: [] }
  const without = (member: GroupMember): GroupMember | null => {
    const ids = member.ids.filter(id => id !== leftId)
    return ids.length === 0 ? null : { ...member, id: ids.includes(member.id) ? member.id : ids[0]!, ids }
  }
  const finish = (affected: GroupMember[]): RepairResult => ({
    pairing: { ...pairing, groups: groups.filter(group => group.members.length > 0), alone },
    affected: affected.flatMap(member => member.ids),
  })

  if (alone?.ids.includes(leftId)) {
    alone = without(alone)
    return finish([])
  }
  const g = groups.findIndex(group => group.members.some(member => member.ids.includes(leftId)))
  const group = groups[g]
  if (!group)
    return unchanged
  const position = group.members.findIndex(member => member.ids.includes(leftId))
  const still = without(group.members[position]!)
  if (still) {
    group.members[position] = still
    return finish([])
  }
  group.members.splice(position, 1)
  if (group.members.length >= 2)
    return finish(group.members)

  const orphan = group.members[0]
  if (!orphan)
    return finish([])

  if (alone) {
    group.members.push(alone)
    const joined = alone
    alone = null
    return finish([orphan, joined])
  }

  if (pairing.groupSize === 2) {
    const trio = groups.find(other => other !== group && other.members.length >= 3)
    if (trio) {
      const spare = trio.members.slice(2).findIndex(member => !haveMet(member, orphan, history))
      const [moved] = trio.members.splice(spare >= 0 ? 2 + spare : trio.members.length - 1, 1)
      group.members.push(moved!)
      return finish([orphan, ...trio.members, moved!])
    }
  }

  const hosts = groups
    .filter(other => other !== group && other.members.length > 0 && other.members.length <= pairing.groupSize)
    .map((other, i) => ({ other, i, met: other.members.some(member => haveMet(member, orphan, history)) }))
    .sort((a, b) => Number(a.met) - Number(b.met) || a.other.members.length - b.other.members.length || a.i - b.i)
  const host = hosts[0]?.other
  group.members = []
  if (!host) {
    alone = orphan
    return finish([orphan])
  }
  host.members.push(orphan)
  return finish(host.members)
}

/** A token for a new group in an existing round, distinct from the round's tokens. */
export function nextToken(pairing: Pairing): GroupToken {
  return unusedToken(pairing, new Set(pairing.groups.map(group => group.token.label)))
}
