import type { Person as Scored } from './grouping'
import type { GroupToken, TokenColour } from './tokens'
import { conflicts, greedy, groupFit, MetSet, repairRepeats, search, spreadAsks } from './grouping'
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
 * - People with no ask (a pass, or nothing written) are never grouped only
 *   with each other while someone with an ask could join them, and asks are
 *   spread so no group that has a helper holds two asks fewer than another
 *   (a group's round time is shared between its asks); in speaking order the
 *   asks come first, and only they get a turn (exercises/turn-plan.ts).
 * - Pairs, with exactly one trio when the count is odd (tables of four with a
 *   three or a five for a ring round); one person alone is reported as
 *   `alone` for the face to explain.
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
  /** Brings no ask (pressed Pass, or wrote nothing): only ever helps. */
  passed?: boolean
}

/** Earlier rounds, oldest first: each round a list of groups, each group its participant ids. */
export type PairingHistory = ReadonlyArray<ReadonlyArray<readonly string[]>>

export interface PairingOptions {
  /** Same seed, same people, same history: same pairs. */
  seed: number
  /** 1-based round; part of the token colours' shuffle. @default 1 */
  round?: number
  /** Planned group size: 2 pairs, 3 trios, 4 a ring round's tables. @default 2 */
  groupSize?: GroupSize
  /** @default [] */
  history?: PairingHistory
}

export interface GroupMember {
  /** The person's first participant id, in input order. */
  id: string
  /** Every participant id of this person (tabs, devices). */
  ids: string[]
  /** No ask this round (a pass, nothing written, or placed once turns had started): helps, never asks. */
  passed: boolean
}

export interface PairGroup {
  token: GroupToken
  /** Speaking order: members with an ask first, each asking once in this order; then those who only help. */
  members: GroupMember[]
  /** Topic fit: one point per topic where a member's ask meets another member's offer. */
  score: number
  /** Member pairs who were partners in an earlier round; 0 unless no fresh grouping was found. */
  repeats: number
}

export type GroupSize = 2 | 3 | 4

export interface Pairing {
  round: number
  seed: number
  groupSize: GroupSize
  groups: PairGroup[]
  /** The only person present, who cannot be paired: the face explains and waits for the next round. */
  alone: GroupMember | null
}

/** Rooms up to this many people are paired by exhaustive search (945 groupings of 10). */
export const EXACT_LIMIT = 10
/** Rooms up to this many people get a bounded search for a repeat-free grouping when the greedy leaves a repeat. */
const FRESH_SEARCH_LIMIT = 30
const FRESH_SEARCH_BUDGET = 200_000
interface Person extends Scored {
  member: GroupMember
}

/** Topics beyond this many distinct ids are ignored for scoring (the catalogue has eight). */
const MAX_TOPICS = 30

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
      byRoot.set(root, { member: { id: candidate.id, ids: [candidate.id], passed }, ask: passed ? 0 : mask(candidate.askTopics), offer: mask(candidate.offerTopics), asks: !passed })
      return
    }
    if (!person.member.ids.includes(candidate.id))
      person.member.ids.push(candidate.id)
    person.member.passed &&= passed
    person.asks = !person.member.passed
    if (!passed)
      person.ask |= mask(candidate.askTopics)
    person.offer |= mask(candidate.offerTopics)
  })
  return [...byRoot.values()]
}

/**
 * Group sizes for `n` people: pairs with one trio; trios with a pair or one or
 * two fours; tables of four with one five, one three or two threes.
 */
export function groupSizes(n: number, size: GroupSize): number[] {
  if (n < 2)
    return []
  const times = (count: number, value: number): number[] => Array.from<number>({ length: count }).fill(value)
  if (size === 4) {
    if (n <= 5)
      return [n]
    switch (n % 4) {
      case 0: return times(n / 4, 4)
      case 1: return [5, ...times((n - 5) / 4, 4)]
      case 2: return [...times((n - 6) / 4, 4), 3, 3]
      default: return [...times((n - 3) / 4, 4), 3]
    }
  }
  if (size === 2)
    return n % 2 === 0 ? times(n / 2, 2) : [3, ...times((n - 3) / 2, 2)]
  const trios = (count: number) => times(count, 3)
  switch (n % 3) {
    case 0: return trios(n / 3)
    case 1: return [4, ...trios((n - 4) / 3)]
    default: return n < 8 ? [...trios((n - 2) / 3), 2] : [4, 4, ...trios((n - 8) / 3)]
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

/** Speaking order: people with an ask first, in seeded order; then those who only help. */
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
  spreadAsks(groups, persons, met)

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

export interface PlaceOptions {
  /** Largest group allowed once the newcomer is in (3 in a pair round, 5 at a ring's tables). */
  maxSize: number
  /** Earlier rounds: a former partner's group is chosen last. */
  history?: PairingHistory
  /** The token label of the group the facilitator chose; otherwise the best fit is picked. */
  group?: string
}

export type PlaceResult
  = | { ok: true, pairing: Pairing, token: GroupToken, affected: string[] }
    | { ok: false, reason: 'already-grouped' | 'unknown-group' | 'full' | 'no-groups' }

/** Askers stay ahead of helpers in speaking order; a newcomer goes last among their kind. */
function withMember(members: readonly GroupMember[], member: GroupMember): GroupMember[] {
  const firstHelper = members.findIndex(m => m.passed)
  if (member.passed || firstHelper < 0)
    return [...members, member]
  return [...members.slice(0, firstHelper), member, ...members.slice(firstHelper)]
}

/**
 * Someone who arrived after pairs were formed, placed by the facilitator.
 * Someone waiting alone gets them as a partner (a new group with its own
 * token); otherwise they join an existing group: the one named, or the
 * smallest with room, avoiding former partners. Whether they bring an ask
 * this round is the caller's choice (`member.passed`): once turns have
 * started, a newcomer only helps, so nobody else's turn moves.
 */
export function placeLate(pairing: Pairing, member: GroupMember, options: PlaceOptions): PlaceResult {
  const history = options.history ?? []
  if (pairing.groups.some(group => group.members.some(m => m.ids.some(id => member.ids.includes(id)))))
    return { ok: false, reason: 'already-grouped' }
  const alone = pairing.alone && !pairing.alone.ids.some(id => member.ids.includes(id)) ? pairing.alone : null
  const base: Pairing = { ...pairing, alone: pairing.alone && !alone ? null : pairing.alone }

  if (alone && options.group === undefined) {
    const token = nextToken(base)
    const members = withMember([alone], member)
    return { ok: true, pairing: { ...base, alone: null, groups: [...base.groups, { token, members, score: 0, repeats: haveMet(alone, member, history) ? 1 : 0 }] }, token, affected: members.flatMap(m => m.ids) }
  }

  if (base.groups.length === 0)
    return { ok: false, reason: 'no-groups' }
  const ranked = base.groups
    .map((group, i) => ({ group, i, met: group.members.some(m => haveMet(m, member, history)) }))
    .filter(entry => options.group === undefined || entry.group.token.label === options.group)
  if (ranked.length === 0)
    return { ok: false, reason: 'unknown-group' }
  const open = ranked
    .filter(entry => entry.group.members.length < options.maxSize)
    .sort((a, b) => Number(a.met) - Number(b.met) || a.group.members.length - b.group.members.length || a.i - b.i)
  const host = open[0]
  if (!host)
    return { ok: false, reason: 'full' }
  const members = withMember(host.group.members, member)
  const groups = base.groups.map((group, i) => i === host.i ? { ...group, members, repeats: group.repeats + (host.met ? 1 : 0) } : group)
  return { ok: true, pairing: { ...base, groups }, token: host.group.token, affected: members.flatMap(m => m.ids) }
}
