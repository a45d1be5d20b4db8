import type { PollResult, RoomInfo } from '../core/protocol'
import * as v from 'valibot'
import { pollDefinitionSchema } from '../core/polls/definition'

/**
 * The two plain HTTP reads the slides make: the join facts for the join
 * slide and the stored results for print/export. Both have a short timeout
 * and answer `null` on any failure, so a slide falls back to a calm empty
 * state instead of a spinner.
 */

const count = v.pipe(v.number(), v.integer(), v.minValue(0))
const num = v.pipe(v.number(), v.finite())

const tallySchema = v.variant('kind', [
  v.object({ kind: v.picklist(['choice', 'multi']), counts: v.array(count) }),
  v.object({ kind: v.literal('scale'), counts: v.array(count), mean: v.nullable(num) }),
  v.object({ kind: v.literal('estimate'), values: v.array(num), mean: v.nullable(num), median: v.nullable(num) }),
  v.object({ kind: v.literal('words'), words: v.array(v.object({ word: v.string(), count, hidden: v.boolean() })) }),
  v.object({ kind: v.literal('text'), answers: v.array(v.object({ key: v.string(), text: v.string(), count, hidden: v.boolean() })) }),
])

const pollResultSchema = v.object({
  poll: pollDefinitionSchema,
  round: count,
  status: v.picklist(['open', 'closed']),
  revealed: v.boolean(),
  openedAt: num,
  closedAt: v.nullable(num),
  total: count,
  tally: tallySchema,
})

const publicPollSchema = v.object({
  poll: pollDefinitionSchema,
  round: count,
  status: v.picklist(['open', 'closed']),
  openedAt: num,
})

const roomInfoSchema = v.object({
  joinUrl: v.pipe(v.string(), v.url()),
  participants: count,
  current: v.nullable(publicPollSchema),
})

async function getJson(path: string, timeoutMs: number, base?: string): Promise<unknown> {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), timeoutMs)
  try {
    const url = base ? new URL(path, base) : path
    const response = await fetch(url, { signal: controller.signal, headers: { accept: 'application/json' } })
    if (!response.ok)
      return null
    return await response.json()
  }
  catch {
    return null
  }
  finally {
    clearTimeout(timer)
  }
}

/** Results of the revealed polls' latest rounds, keyed by poll id; `null` when there are none or the server is not there. */
export async function fetchPublicResults(options: { timeoutMs?: number, base?: string } = {}): Promise<Map<string, PollResult> | null> {
  const data = await getJson('/api/public-results', options.timeoutMs ?? 2500, options.base)
  const parsed = v.safeParse(v.object({ polls: v.array(v.unknown()) }), data)
  if (!parsed.success)
    return null
  const map = new Map<string, PollResult>()
  // One malformed entry must not cost the others their page.
  for (const entry of parsed.output.polls) {
    const result = v.safeParse(pollResultSchema, entry)
    if (result.success && result.output.tally.kind === result.output.poll.kind)
      map.set(result.output.poll.id, result.output as PollResult)
  }
  return map
}

/** `GET /api/room`: the join link, who is in, and which poll is open. */
export async function fetchRoomInfo(options: { timeoutMs?: number, base?: string } = {}): Promise<RoomInfo | null> {
  const data = await getJson('/api/room', options.timeoutMs ?? 4000, options.base)
  const parsed = v.safeParse(roomInfoSchema, data)
  return parsed.success ? parsed.output : null
}

/** A join URL as short as it can be printed: no scheme, no trailing slash. */
export function shortJoinUrl(joinUrl: string): string {
  return joinUrl.replace(/^https?:\/\//, '').replace(/\/$/, '')
}

let publicResults: Promise<Map<string, PollResult> | null> | null = null

/** One request per page for all the polls of a printed deck. */
export function storedResults(): Promise<Map<string, PollResult> | null> {
  publicResults ??= fetchPublicResults()
  return publicResults
}

/**
 * The join QR code. Bound with `:src`, never a static `src="/api/…"`: Slidev
 * has Vue turn absolute static URLs into imports, which fail for a route.
 */
export const JOIN_QR_SRC = '/api/join-qr.svg'
