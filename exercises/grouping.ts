/**
 * The search behind `pair`: person indices, topic bit masks and pair tables,
 * no ids or tokens. Rooms up to a handful are searched outright; larger rooms
 * are grown greedily from linked topic pools and repaired by swaps.
 */

/** Candidates looked at per topic, per member, when growing a group greedily. */
const TOPIC_WINDOW = 8
/** Candidates looked at in room order, whatever their topics. */
const ROOM_WINDOW = 16

/** What the search knows of a person: topic bit masks, and whether they bring an ask at all. */
export interface Person {
  /** Topics of their ask. */
  ask: number
  /** Topics their offers cover. */
  offer: number
  /** Brings an ask this round (not a pass, not someone who wrote nothing). */
  asks: boolean
}

/** Groups with nobody who brings an ask. */
export function dryGroups(groups: readonly (readonly number[])[], persons: readonly Person[]): number {
  return groups.filter(group => !group.some(p => persons[p]!.asks)).length
}

/** Groups compared per move when evening out the asks: the poorest and the richest few. */
const SPREAD_WINDOW = 8

/**
 * Every group shares the same round time between its asks
 * (exercises/turn-plan.ts), so asks spread evenly give every ask the same
 * time: a pair of one ask and one helper next to a trio of three asks would
 * give one person the whole round and three people a third of it each.
 *
 * Move by move, swap an ask from a group with the most asks for someone who
 * only helps in a group with at least two fewer. A group with no ask at all
 * always gets one, even at the cost of a repeat partner; otherwise a swap may
 * not add a repeat. Among allowed swaps: fewest added repeats, then the best
 * topic fit.
 */
export function spreadAsks(groups: number[][], persons: readonly Person[], met: MetSet): void {
  const asksIn = (group: readonly number[]) => group.filter(p => persons[p]!.asks).length
  const counts = groups.map(asksIn)
  for (let moves = 0; moves < persons.length; moves++) {
    const order = groups.map((_, i) => i).sort((a, b) => counts[a]! - counts[b]!)
    const poorest = order.filter(g => counts[g]! < groups[g]!.length).slice(0, SPREAD_WINDOW)
    const richest = order.slice(-SPREAD_WINDOW).reverse()
    let best: { rich: number, poor: number, x: number, y: number, added: number, gain: number } | null = null
    for (const poor of poorest) {
      for (const rich of richest) {
        if (counts[rich]! - counts[poor]! < 2)
          continue
        const [r, d] = [groups[rich]!, groups[poor]!]
        const before = conflicts(r, met) + conflicts(d, met)
        const fitBefore = groupFit(r, persons) + groupFit(d, persons)
        for (let x = 0; x < r.length; x++) {
          if (!persons[r[x]!]!.asks)
            continue
          for (let y = 0; y < d.length; y++) {
            if (persons[d[y]!]!.asks)
              continue
            const [a, b] = [r[x]!, d[y]!]
            r[x] = b
            d[y] = a
            const added = conflicts(r, met) + conflicts(d, met) - before
            const gain = groupFit(r, persons) + groupFit(d, persons) - fitBefore
            r[x] = a
            d[y] = b
            if (added > 0 && counts[poor]! > 0)
              continue
            if (!best || added < best.added || (added === best.added && gain > best.gain))
              best = { rich, poor, x, y, added, gain }
          }
        }
      }
    }
    if (!best)
      return
    const [r, d] = [groups[best.rich]!, groups[best.poor]!]
    const moved = r[best.x]!
    r[best.x] = d[best.y]!
    d[best.y] = moved
    counts[best.rich]!--
    counts[best.poor]!++
  }
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555)
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333)
  return (((v + (v >>> 4)) & 0x0F0F0F0F) * 0x01010101) >>> 24
}

export function fit(a: Person, b: Person): number {
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

/** Who met whom, over person indices. */
export class MetSet {
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

export function conflicts(group: readonly number[], met: MetSet): number {
  let count = 0
  for (let x = 0; x < group.length; x++) {
    for (let y = x + 1; y < group.length; y++) {
      if (met.has(group[x]!, group[y]!))
        count++
    }
  }
  return count
}

export function groupFit(group: readonly number[], persons: readonly Person[]): number {
  let score = 0
  for (let x = 0; x < group.length; x++) {
    for (let y = x + 1; y < group.length; y++)
      score += fit(persons[group[x]!]!, persons[group[y]!]!)
  }
  return score
}

/** Greedy: seed each group with the next person in room order, then add the best-fitting fresh candidate. */
export function greedy(persons: readonly Person[], order: readonly number[], sizes: readonly number[], met: MetSet): number[][] {
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

/**
 * Try one swap of member `x` of `group` with a member of another group that lowers the repeats the
 * two groups hold together. Every swap taken lowers the room's total, so repeated passes end.
 */
function swapOut(group: number[], x: number, groups: readonly number[][], met: MetSet): boolean {
  for (const other of groups) {
    if (other === group)
      continue
    const before = conflicts(group, met) + conflicts(other, met)
    for (let y = 0; y < other.length; y++) {
      const mine = group[x]!
      const theirs = other[y]!
      group[x] = theirs
      other[y] = mine
      if (conflicts(group, met) + conflicts(other, met) < before)
        return true
      group[x] = mine
      other[y] = theirs
    }
  }
  return false
}

/**
 * Swap members between groups until no swap lowers the repeats. A table of four can hold two earlier
 * pairs at once; no single swap clears both, but two in turn do.
 */
export function repairRepeats(groups: number[][], met: MetSet): void {
  if (met.size === 0)
    return
  let improved = true
  for (let pass = 0; improved && pass <= groups.length; pass++) {
    improved = false
    for (const group of groups) {
      for (let x = 0; x < group.length && conflicts(group, met) > 0; x++) {
        if (swapOut(group, x, groups, met))
          improved = true
      }
    }
  }
}

/**
 * Search the groupings of a small room into the planned sizes, on positions in
 * `order` with bit masks and precomputed pair tables.
 * - `best`: all of them; fewest groups without an ask first, then fewest
 *   repeats, then the best topic fit, ties to
 *   the first found in the seeded order.
 * - `fresh`: the first grouping with no repeat at all, pruning every clash, or
 *   null when none exists or the budget of search steps runs out.
 */
export function search(persons: readonly Person[], order: readonly number[], sizes: readonly number[], met: MetSet, mode: 'best' | 'fresh', budget = Number.POSITIVE_INFINITY): number[][] | null {
  const n = order.length
  const clash = new Uint8Array(n * n)
  const gain = new Uint8Array(n * n)
  for (let x = 0; x < n; x++) {
    for (let y = 0; y < n; y++) {
      clash[x * n + y] = met.has(order[x]!, order[y]!) ? 1 : 0
      gain[x * n + y] = fit(persons[order[x]!]!, persons[order[y]!]!)
    }
  }
  const asker = order.map(p => persons[p]!.asks)
  const kinds = [...new Set(sizes)]
  const left = kinds.map(size => sizes.filter(s => s === size).length)
  const full = (1 << n) - 1
  const stack: number[] = []
  const bounds: number[] = []
  // Cost: groups without an ask first, then repeats; both only grow as groups are added, so partial costs prune.
  const DRY = n * n + 1
  let best: { positions: number[], bounds: number[], cost: number, score: number } | null = null
  let steps = 0

  const descend = (used: number, cost: number, score: number): void => {
    if (best && (cost > best.cost || mode === 'fresh'))
      return
    if (used === full) {
      if (!best || cost < best.cost || score > best.score)
        best = { positions: [...stack], bounds: [...bounds], cost, score }
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
          const dry = mode === 'best' && !stack.slice(bounds.at(-1) ?? 0).some(position => asker[position]) ? DRY : 0
          bounds.push(stack.length)
          descend(mask, r + dry, sc)
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
      grow(first + 1, used | (1 << first), cost, score)
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
