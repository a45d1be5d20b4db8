import { WS_PATH } from '../core/protocol'

/**
 * Who may ask what of the laptop. Pure decisions over a request's method,
 * path, headers and remote address, shared by the LAN listener (front-door.ts)
 * and the guard inside Slidev's dev server (dev-server/guard.ts), so both
 * refuse the same things for the same reasons.
 */

export interface RequestFacts {
  method: string
  /** The path without the query string. */
  path: string
  headers: Record<string, string | string[] | undefined>
  /** True for a WebSocket (or other) upgrade. */
  upgrade?: boolean
}

export interface Refusal {
  status: number
  reason: string
}

/** The only things someone else on the Wi-Fi may reach: the phone page, the participant socket, public room info and the QR code. */
const LAN_PATHS = new Set(['/join', '/join/', '/api/room', '/api/join-qr.svg', '/api/health'])

/** A file the phone page loads after itself (its exercise chunk): `/join/<name>.<content hash>.js`. */
export function isPhoneAssetPath(path: string): boolean {
  return /^\/join\/[a-z][a-z-]*\.[0-9a-f]{8,64}\.js$/.test(path)
}

function header(facts: RequestFacts, name: string): string | undefined {
  const value = facts.headers[name]
  return Array.isArray(value) ? value[0] : value
}

/** 127.0.0.0/8, ::1 and their IPv4-mapped forms: connections that started on this machine. */
export function isLoopback(address: string | undefined): boolean {
  if (!address)
    return false
  const ip = address.replace(/^::ffff:/i, '')
  return ip === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ip)
}

/** Where `npm start -- --screens` serves the static build of the deck for audience screens on other devices. */
export const SCREENS_PREFIX = '/screen'

/** True for the screens build's own paths: `/screen`, `/screen/`, `/screen/3`, `/screen/assets/…`. */
export function isScreensPath(path: string): boolean {
  return path === SCREENS_PREFIX || path.startsWith(`${SCREENS_PREFIX}/`)
}

/**
 * What a connection from another machine may ask for; everything else is 404,
 * as if it did not exist. With `screens`, also the static build of the deck
 * (no editor, no dev server, no secret in it).
 */
export function lanRefusal(facts: RequestFacts, { screens = false }: { screens?: boolean } = {}): Refusal | null {
  if (facts.upgrade)
    return facts.path === WS_PATH ? null : { status: 404, reason: 'Not found.' }
  if (facts.method !== 'GET' && facts.method !== 'HEAD')
    return { status: 405, reason: 'Method not allowed.' }
  return LAN_PATHS.has(facts.path) || isPhoneAssetPath(facts.path) || (screens && isScreensPath(facts.path)) ? null : { status: 404, reason: 'Not found.' }
}

const LOOPBACK_NAMES = /^(?:localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])(?::\d{1,5})?$/i

/**
 * The dev server answers only to the names of this machine. A page on a
 * hostile site can point its own hostname at 127.0.0.1 (DNS rebinding); the
 * Host header it then sends is that hostname, so it is refused here.
 */
export function hostRefusal(facts: RequestFacts): Refusal | null {
  const host = header(facts, 'host') ?? ''
  return LOOPBACK_NAMES.test(host) ? null : { status: 403, reason: 'This server answers on 127.0.0.1 and localhost only.' }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Refuses requests that another site's page made the facilitator's browser
 * send. A plain `text/plain` POST needs no CORS preflight, so the browser
 * delivers it and only hides the answer; the server must refuse it itself.
 * Tools that send neither `Origin` nor `Sec-Fetch-Site` (curl, tests) pass.
 */
export function crossSiteRefusal(facts: RequestFacts): Refusal | null {
  const site = header(facts, 'sec-fetch-site')
  const origin = header(facts, 'origin')
  const host = header(facts, 'host') ?? ''
  const changesState = facts.upgrade === true || !SAFE_METHODS.has(facts.method)
  const foreignOrigin = origin !== undefined && origin !== `http://${host}` && origin !== `https://${host}`
  if (changesState) {
    if (foreignOrigin || (site !== undefined && site !== 'same-origin' && site !== 'none'))
      return { status: 403, reason: 'Cross-site request refused: this server only takes changes from its own pages.' }
    return null
  }
  // A GET that acts (opening a file in the editor) is as dangerous as a POST.
  if (facts.path === '/__open-in-editor' && (foreignOrigin || site !== 'same-origin'))
    return { status: 403, reason: 'Opening files in the editor is only possible from the deck itself.' }
  return null
}

/** Paths the dev server never answers, to anyone. */
export function devOnlyRefusal(facts: RequestFacts): Refusal | null {
  if (facts.path === '/__mcp' || facts.path.startsWith('/__mcp/'))
    return { status: 404, reason: 'Not found.' }
  // vite-plugin-vue-server-ref writes to state[segment]: these would reach Object.prototype.
  if (/^\/@server-(?:reactive|ref)\//.test(facts.path) && /(?:^|\/)(?:__proto__|constructor|prototype)(?:\/|$)/.test(decodeSafely(facts.path)))
    return { status: 400, reason: 'Bad request.' }
  return null
}

function decodeSafely(path: string): string {
  try {
    return decodeURIComponent(path)
  }
  catch {
    return path
  }
}

/** Bodies larger than this never reach the dev server; the deck's own writes (a slide's text, a drawing) are far smaller. */
export const MAX_DEV_BODY_BYTES = 2 * 1024 * 1024

/** A body we would not read to the end: too large, or of unknown length on a method that writes. */
export function bodyRefusal(facts: RequestFacts, limit = MAX_DEV_BODY_BYTES): Refusal | null {
  if (SAFE_METHODS.has(facts.method) || facts.upgrade)
    return null
  const length = header(facts, 'content-length')
  if (length === undefined)
    return header(facts, 'transfer-encoding') ? { status: 411, reason: 'Send a Content-Length.' } : null
  const bytes = Number(length)
  if (!Number.isSafeInteger(bytes) || bytes < 0)
    return { status: 400, reason: 'Bad Content-Length.' }
  return bytes > limit ? { status: 413, reason: 'Request body too large.' } : null
}

/** Everything the dev server checks, first refusal wins. */
export function devServerRefusal(facts: RequestFacts): Refusal | null {
  return hostRefusal(facts) ?? devOnlyRefusal(facts) ?? crossSiteRefusal(facts) ?? bodyRefusal(facts)
}
