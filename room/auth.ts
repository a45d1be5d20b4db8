import type { Buffer } from 'node:buffer'
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'

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

/**
 * The stored form of a participant token. Only this hash is kept, so a copy of
 * the database (a backup, a results file handed around) hands out no live
 * identities; tokens are 256 random bits, so no salt or slow hash is needed.
 */
export function hashToken(token: string): Buffer {
  return digest(token)
}

/** Compare a presented participant token with the stored hash in constant time; no hash never matches. */
export function tokenMatchesHash(given: unknown, stored: Uint8Array | null | undefined): boolean {
  if (typeof given !== 'string' || given.length === 0 || !stored || stored.length !== 32)
    return false
  return timingSafeEqual(digest(given), stored)
}

/**
 * Whether a WebSocket upgrade may go ahead. Browsers always send `Origin`, so
 * a page on another site (a link posted in the workshop chat) cannot turn the
 * phones that open it into hidden voters; tools that send none (`ws` clients,
 * curl) are let in. Same origin means the same host:port the request was sent
 * to, whatever the scheme a TLS proxy may have changed; `allowed` holds extra
 * origins (`http://127.0.0.1:3031`) in `URL.origin` form.
 */
export function originAllowed(origin: string | undefined, host: string | undefined, allowed: ReadonlySet<string> = new Set()): boolean {
  if (origin === undefined)
    return true
  let url: URL
  try {
    url = new URL(origin)
  }
  catch {
    // "null" (sandboxed frames, file: pages) and anything unparsable.
    return false
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return false
  if (allowed.has(url.origin))
    return true
  if (!host)
    return false
  try {
    // Parsed with the origin's scheme, so `example.org:443` and `example.org` compare equal over https.
    return new URL(`${url.protocol}//${host}`).host === url.host
  }
  catch {
    return false
  }
}

/** Extra allowed origins in `URL.origin` form; a malformed entry is an error, not silently ignored. */
export function normalizeOrigins(origins: readonly string[]): Set<string> {
  const out = new Set<string>()
  for (const origin of origins) {
    let url: URL
    try {
      url = new URL(origin)
    }
    catch {
      throw new Error(`allowedOrigins: "${origin}" is not an origin such as http://127.0.0.1:3031.`)
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new Error(`allowedOrigins: "${origin}" must start with http:// or https://.`)
    out.add(url.origin)
  }
  return out
}

/** The token from `Authorization: Bearer <token>`, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '')
  return match?.[1] ?? null
}

/**
 * The key new-participant limits and the per-address cap are counted under: the IPv4 address, or the
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

/** The cookie that carries the presenter's authority in a browser, out of reach of page script. */
export const PRESENTER_COOKIE = 'workshop-presenter'

/**
 * The cookie's value: derived from the secret rather than the secret itself,
 * so the secret never sits in the browser at all, and a new secret ends every
 * old cookie.
 */
export function presenterCookieToken(secret: string): string {
  return createHmac('sha256', secret).update('workshop presenter cookie').digest('base64url')
}

/** One cookie's value from a `Cookie` header, or null. */
export function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name)
      return part.slice(eq + 1).trim()
  }
  return null
}

/** Whether a request's cookies include this room's presenter cookie. */
export function presenterCookieMatches(header: string | undefined, secret: string): boolean {
  return secretMatches(cookieValue(header, PRESENTER_COOKIE), presenterCookieToken(secret))
}
