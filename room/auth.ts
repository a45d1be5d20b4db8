import type { Buffer } from 'node:buffer'
import { createHash, timingSafeEqual } from 'node:crypto'

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest()
}

/**
 * Compare a presented secret with the room's in constant time. Both sides are
 * hashed first so `timingSafeEqual` always sees equal lengths and the
 * secret's length does not leak either.
 */
export function secretMatches(given: unknown, expected: string): boolean {
  if (typeof given !== 'string' || given.length === 0)
    return false
  return timingSafeEqual(digest(given), digest(expected))
}

/** The token from `Authorization: Bearer <token>`, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '')
  return match?.[1] ?? null
}

/**
 * The key new-participant limits are counted under: the IPv4 address, or the
 * /64 prefix of an IPv6 one (a phone may rotate through its /64 at will).
 */
export function addressKey(address: string | undefined): string {
  if (!address)
    return 'unknown'
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped)
    return mapped[1]!
  if (!address.includes(':'))
    return address
  const [head = '', tail = ''] = address.split('%')[0]!.split('::')
  const left = head ? head.split(':') : []
  const right = address.includes('::') && tail ? tail.split(':') : []
  const groups = address.includes('::')
    ? [...left, ...Array.from<string>({ length: Math.max(0, 8 - left.length - right.length) }).fill('0'), ...right]
    : left
  return `${groups.slice(0, 4).map(g => g.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`
}
