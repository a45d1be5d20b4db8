/**
 * `npm run export -- --host <address[:port]>`: the address phones will use
 * when the room runs, so the printed join slide can carry the real link.
 * Pure: the value in, the join URL or a message a facilitator can act on out.
 */

/** The port `npm start` listens on unless told otherwise (its `--port`, default 3030). */
export const DEFAULT_ROOM_PORT = 3030

export type JoinHostResult = { ok: true, url: string } | { ok: false, message: string }

const HOST_PORT = /^(?<host>\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)(?::(?<port>\d{1,5}))?$/i

const HINT = 'Give the address phones use to reach this laptop, as `npm start` prints it, e.g. --host 192.168.1.20:3030.'

/** A printed link on one of these reaches only the phone that scans it. */
function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase()
  return bare === 'localhost' || bare.endsWith('.localhost') || /^127(?:\.\d{1,3}){3}$/.test(bare)
    || bare === '::1' || bare === '0.0.0.0' || bare === '::' || bare === '0:0:0:0:0:0:0:1'
}

function fromUrl(raw: string): JoinHostResult {
  let url: URL
  try {
    url = new URL(raw)
  }
  catch {
    return { ok: false, message: `--host ${JSON.stringify(raw)} is not a web address. ${HINT}` }
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, message: `--host ${JSON.stringify(raw)} must start with http:// or https://, or be just an address. ${HINT}` }
  if (url.username || url.password || url.search || url.hash)
    return { ok: false, message: `--host ${JSON.stringify(raw)} has a user name, a query or a fragment; the join link needs none. ${HINT}` }
  if (isLoopbackHost(url.hostname))
    return { ok: false, message: `--host ${JSON.stringify(raw)} is this laptop's own loopback address: no phone can reach it. ${HINT}` }
  if (url.pathname === '/')
    url.pathname = '/join'
  return { ok: true, url: url.href }
}

/**
 * `192.168.1.20`, `192.168.1.20:4000`, `workshop.example.org`, `[fd00::5]:3030`,
 * or a whole `http(s)://…` link for anything else (a proxy, another path).
 * Without a port, npm start's default is assumed.
 */
export function parseJoinHost(value: string): JoinHostResult {
  const raw = value.trim()
  if (!raw)
    return { ok: false, message: `--host needs an address. ${HINT}` }
  if (raw.includes('://'))
    return fromUrl(raw)
  const match = HOST_PORT.exec(raw)
  if (!match?.groups)
    return { ok: false, message: `--host ${JSON.stringify(raw)} is not an address with an optional port. ${HINT}` }
  const { host, port } = match.groups as { host: string, port?: string }
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535))
    return { ok: false, message: `--host ${JSON.stringify(raw)} has port ${port}; a port is a number from 1 to 65535. ${HINT}` }
  if (isLoopbackHost(host))
    return { ok: false, message: `--host ${JSON.stringify(raw)} is this laptop's own loopback address: no phone can reach it. ${HINT}` }
  return fromUrl(`http://${host}:${port ?? DEFAULT_ROOM_PORT}/join`)
}
