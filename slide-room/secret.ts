/**
 * The presenter secret in the browser. `npm start` prints
 * `/presenter/?room=<secret>`; the room's server answers that address with a
 * redirect and an HttpOnly cookie (room/http.ts), so normally the secret never
 * reaches this code at all and the room recognises the presenter by the cookie.
 * Where a page still sees `?room=` (a hash route, a server without the
 * exchange), it keeps the secret in localStorage (so the projector window of
 * the same browser has it too) and takes it out of the address bar, so it
 * never shows on the projector.
 * Phones never get it: the server does not send it, and `/join` runs on
 * their own devices with their own storage.
 */

export const SECRET_QUERY = 'room'
/** Added by the server when it refused the link's secret. */
export const REFUSED_QUERY = 'room-refused'
export const SECRET_STORAGE_KEY = 'workshop-room:presenter-secret'

/** The secret in a URL's query (or in a hash-mode route's query), and the URL without it. */
export function splitSecret(href: string): { secret: string | null, cleanHref: string } {
  const url = new URL(href)
  let secret = url.searchParams.get(SECRET_QUERY)
  if (secret !== null)
    url.searchParams.delete(SECRET_QUERY)
  // Hash-mode routers keep their query inside the hash: `#/presenter/1?room=…`.
  const q = url.hash.indexOf('?')
  if (q >= 0) {
    const params = new URLSearchParams(url.hash.slice(q + 1))
    const fromHash = params.get(SECRET_QUERY)
    if (fromHash !== null) {
      secret ??= fromHash
      params.delete(SECRET_QUERY)
      const rest = params.toString()
      url.hash = url.hash.slice(0, q) + (rest ? `?${rest}` : '')
    }
  }
  const trimmed = secret?.trim() ?? ''
  return { secret: trimmed || null, cleanHref: url.toString() }
}

export interface SecretEnvironment {
  location: { href: string }
  history: { state: unknown, replaceState: (data: unknown, unused: string, url?: string) => void }
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null
}

function browserEnvironment(): SecretEnvironment | null {
  if (typeof window === 'undefined')
    return null
  let storage: SecretEnvironment['storage'] = null
  try {
    storage = window.localStorage
  }
  catch {
    // Storage can be blocked (privacy settings); the secret then lives for this page only.
  }
  return { location: window.location, history: window.history, storage }
}

let inMemory: string | null = null
let refusedLink = false

/** True once this page was opened with a presenter link whose secret the server refused. */
export function presenterLinkRefused(): boolean {
  return refusedLink
}

/**
 * Take the secret out of the current URL (if there) into storage, then
 * return the stored one. Safe to call often; the URL is read each time so a
 * newly pasted presenter link (new server, new secret) wins.
 */
export function capturePresenterSecret(env: SecretEnvironment | null = browserEnvironment()): string | null {
  if (!env)
    return inMemory
  const refused = new URL(env.location.href).searchParams.has(REFUSED_QUERY)
  const { secret, cleanHref: withoutSecret } = splitSecret(env.location.href)
  let cleanHref = withoutSecret
  if (refused) {
    refusedLink = true
    const url = new URL(cleanHref)
    url.searchParams.delete(REFUSED_QUERY)
    cleanHref = url.toString()
    if (secret === null) {
      forgetPresenterSecret(env)
      env.history.replaceState(env.history.state, '', cleanHref)
      return null
    }
  }
  if (secret !== null) {
    inMemory = secret
    try {
      env.storage?.setItem(SECRET_STORAGE_KEY, secret)
    }
    catch {}
    // Keep the router's history state: only the address changes.
    env.history.replaceState(env.history.state, '', cleanHref)
    return secret
  }
  try {
    return env.storage?.getItem(SECRET_STORAGE_KEY) ?? inMemory
  }
  catch {
    return inMemory
  }
}

/** Forget the secret in this browser (for example after the server refused it). */
export function forgetPresenterSecret(env: SecretEnvironment | null = browserEnvironment()): void {
  inMemory = null
  try {
    env?.storage?.removeItem(SECRET_STORAGE_KEY)
  }
  catch {}
}
