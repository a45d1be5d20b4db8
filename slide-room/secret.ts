/**
 * The presenter secret in the browser. `npm start` prints
 * `/presenter/?room=<secret>`; the first page that sees it keeps it in
 * localStorage (so the projector window of the same browser has it too) and
 * takes it out of the address bar, so it never shows on the projector.
 * Phones never get it: the server does not send it, and `/join` runs on
 * their own devices with their own storage.
 */

export const SECRET_QUERY = 'room'
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

/**
 * Take the secret out of the current URL (if there) into storage, then
 * return the stored one. Safe to call often; the URL is read each time so a
 * newly pasted presenter link (new server, new secret) wins.
 */
export function capturePresenterSecret(env: SecretEnvironment | null = browserEnvironment()): string | null {
  if (!env)
    return inMemory
  const { secret, cleanHref } = splitSecret(env.location.href)
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
