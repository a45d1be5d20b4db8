import type { IncomingMessage, ServerResponse } from 'node:http'
import type { PublicPoll, ResultsExport } from '../core/protocol'
import type { ExerciseRoom } from './exercise'
import type { Room } from './room'
import type { Storage } from './storage'
import { Buffer } from 'node:buffer'
import { createHash } from 'node:crypto'
import { promisify } from 'node:util'
import { gzip } from 'node:zlib'
import { resultsToCsv } from '../core/polls/csv'
import { WS_PATH } from '../core/protocol'
import { bearerToken, PRESENTER_COOKIE, presenterCookieToken, secretMatches } from './auth'
import { roomHealth } from './health'
import { qrSvg } from './qr'
import { isPhoneAssetPath } from './request-policy'
import { pathnameOf } from './sockets'

const gzipAsync = promisify(gzip)

/** Largest request body we would ever accept; no endpoint takes one today. */
export const MAX_BODY_BYTES = 16 * 1024

export type Next = (error?: unknown) => void
export type Handler = (req: IncomingMessage, res: ServerResponse, next?: Next) => void

/**
 * The phone page, built by whoever owns it (phone/) and injected here, with the
 * files it loads later (its exercise chunk), served by name at `/join/<name>`.
 */
export type PhonePageProvider = () => Promise<{ html: string, assets?: Readonly<Record<string, string>> }>

export interface HttpOptions {
  room: Room
  exercise?: ExerciseRoom
  storage: Storage
  secret: string
  session: string
  joinUrl: (req: IncomingMessage) => string
  phonePage?: PhonePageProvider
  /** Build the phone page once and keep it (false: ask the provider on every request). */
  cachePhonePage: boolean
  now: () => number
}

const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
}

function send(res: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string>, head = false): void {
  res.statusCode = status
  for (const [name, value] of Object.entries({ ...SECURITY_HEADERS, ...headers }))
    res.setHeader(name, value)
  res.setHeader('Content-Length', Buffer.byteLength(body))
  res.end(head ? undefined : body)
}

function sendJson(res: ServerResponse, status: number, data: unknown, head = false, headers: Record<string, string> = {}): void {
  send(res, status, JSON.stringify(data), { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers }, head)
}

/** Host header values we are willing to echo into a CSP: host names, IPv4, [IPv6], optional port. */
const SAFE_HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i

function phoneCsp(host: string | undefined): string {
  // 'self' covers same-origin ws: in current browsers; older Safari needs the explicit origin.
  const ws = host && SAFE_HOST.test(host) ? ` ws://${host} wss://${host}` : ''
  return [
    `default-src 'self'`,
    `script-src 'self' 'unsafe-inline'`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data:`,
    `font-src 'self' data:`,
    `connect-src 'self'${ws}`,
    `base-uri 'none'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
    `object-src 'none'`,
  ].join('; ')
}

function acceptsGzip(header: string | undefined): boolean {
  return (header ?? '').split(',').some((part) => {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';')
    if (coding.trim() !== 'gzip')
      return false
    const q = params.map(p => p.trim()).find(p => p.startsWith('q='))
    return q === undefined || Number(q.slice(2)) > 0
  })
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header)
    return false
  return header.split(',').some(tag => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*')
}

/** A page or one of its later files: the bytes, gzipped once, and their ETag. */
interface PreparedPage { html: Buffer, gz: Buffer, etag: string }

async function preparePage(html: string): Promise<PreparedPage> {
  const bytes = Buffer.from(html, 'utf8')
  const hash = createHash('sha256').update(bytes).digest('base64url').slice(0, 22)
  return { html: bytes, gz: await gzipAsync(bytes, { level: 9 }), etag: `"${hash}"` }
}

/** 304 when the browser holds this version, else the body, gzipped when the browser takes it. */
function sendPrepared(req: IncomingMessage, res: ServerResponse, prepared: PreparedPage, headers: Record<string, string>, head: boolean): void {
  const gz = acceptsGzip(req.headers['accept-encoding'])
  const etag = gz ? `${prepared.etag.slice(0, -1)}-gz"` : prepared.etag
  const all: Record<string, string> = { ...headers, ETag: etag, Vary: 'Accept-Encoding' }
  if (etagMatches(req.headers['if-none-match'], etag)) {
    res.statusCode = 304
    for (const [name, value] of Object.entries({ ...SECURITY_HEADERS, ...all }))
      res.setHeader(name, value)
    res.removeHeader('Content-Type')
    res.end()
    return
  }
  if (gz)
    all['Content-Encoding'] = 'gzip'
  send(res, 200, gz ? prepared.gz : prepared.html, all, head)
}

/** The query parameter `npm start` prints the presenter link with, and the one a refused link comes back with. */
export const PRESENTER_LINK_PARAM = 'room'
export const REFUSED_LINK_PARAM = 'room-refused'

/**
 * A page opened with `?room=<secret>` is answered with a redirect to the same
 * address without it, and, when the secret is the room's, an HttpOnly,
 * SameSite=Strict cookie derived from it: the deck's script never sees the
 * secret, and no other site's page can send the cookie. A wrong secret comes
 * back as `?room-refused=1`, so the page can say so, and ends any old cookie.
 */
function exchangePresenterLink(req: IncomingMessage, res: ServerResponse, secret: string): boolean {
  const method = req.method ?? 'GET'
  const url = req.url ?? '/'
  if ((method !== 'GET' && method !== 'HEAD') || !url.includes(`${PRESENTER_LINK_PARAM}=`) || pathnameOf(url).startsWith('/api/'))
    return false
  const dest = req.headers['sec-fetch-dest']
  if (dest !== undefined && dest !== 'document')
    return false
  const parsed = new URL(url, 'http://room.invalid')
  const given = parsed.searchParams.get(PRESENTER_LINK_PARAM)
  if (given === null)
    return false
  parsed.searchParams.delete(PRESENTER_LINK_PARAM)
  parsed.searchParams.delete(REFUSED_LINK_PARAM)
  const ok = secretMatches(given.trim(), secret)
  if (!ok)
    parsed.searchParams.set(REFUSED_LINK_PARAM, '1')
  const cookie = ok
    ? `${PRESENTER_COOKIE}=${presenterCookieToken(secret)}; Path=/; HttpOnly; SameSite=Strict`
    : `${PRESENTER_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`
  res.writeHead(303, { ...SECURITY_HEADERS, 'Location': `${parsed.pathname}${parsed.search}${parsed.hash}`, 'Set-Cookie': cookie, 'Cache-Control': 'no-store', 'Content-Length': 0 })
  res.end()
  return true
}

/**
 * The room's HTTP endpoints as one Connect-style handler: usable as Vite
 * middleware and inside a plain `http.createServer`. Paths it does not own go
 * to `next()`.
 */
export function createRoomHttp(options: HttpOptions): Handler {
  const { room, storage } = options
  let page: Promise<PreparedPage> | null = null
  const qrCache = new Map<string, string>()

  // The page's later files by name. Kept across rebuilds (cachePhonePage false), a few of them,
  // so a page served before an edit still finds the chunk it names.
  const assets = new Map<string, Promise<PreparedPage>>()
  function loadPage(provider: PhonePageProvider): Promise<PreparedPage> {
    if (page && options.cachePhonePage)
      return page
    const loading = provider().then((p) => {
      for (const [name, text] of Object.entries(p.assets ?? {})) {
        if (!assets.has(name))
          assets.set(name, preparePage(text))
      }
      for (const name of [...assets.keys()].slice(0, Math.max(0, assets.size - 16)))
        assets.delete(name)
      return preparePage(p.html)
    })
    // A failed build is retried on the next request rather than cached.
    loading.catch(() => {
      if (page === loading)
        page = null
    })
    page = loading
    return loading
  }

  // The page with the open poll written in, so a phone on a slow link can answer before its
  // socket is up. One variant is kept: the poll changes a few times an hour, phones join by the hundred.
  let withPoll: { key: string, page: Promise<PreparedPage> } | null = null
  function withCurrentPoll(base: PreparedPage, current: PublicPoll | null): Promise<PreparedPage> {
    if (!current)
      return Promise.resolve(base)
    // `<` escaped so no text in a question can close the element early.
    const json = JSON.stringify(current).replace(/</g, '\\u003c')
    const key = base.etag + json
    if (withPoll?.key !== key) {
      const html = base.html.toString('utf8').replace('<script>', `<script type="application/json" id="room-initial">${json}</script><script>`)
      withPoll = { key, page: preparePage(html) }
    }
    return withPoll.page
  }

  function authorized(req: IncomingMessage): boolean {
    return secretMatches(bearerToken(req.headers.authorization), options.secret)
  }

  function unauthorized(res: ServerResponse, head: boolean): void {
    sendJson(res, 401, { error: 'unauthorized', message: 'Send the presenter secret as `Authorization: Bearer <secret>`.' }, head, {
      'WWW-Authenticate': 'Bearer realm="room"',
    })
  }

  function exportResults(): ResultsExport {
    const exercise = options.exercise?.summary()
    return { session: options.session, exportedAt: options.now(), polls: room.history(), ...(exercise ? { exercise } : {}) }
  }

  async function route(req: IncomingMessage, res: ServerResponse, path: string, head: boolean): Promise<void> {
    switch (path) {
      case '/api/health': {
        const health = roomHealth(storage, room)
        sendJson(res, health.ok ? 200 : 503, health, head)
        return
      }
      case '/api/room':
        sendJson(res, 200, room.info(options.joinUrl(req)), head)
        return
      case '/api/join-qr.svg': {
        const url = options.joinUrl(req)
        let svg = qrCache.get(url)
        if (svg === undefined) {
          svg = qrSvg(url)
          qrCache.clear()
          qrCache.set(url, svg)
        }
        send(res, 200, svg, {
          'Content-Type': 'image/svg+xml; charset=utf-8',
          'Cache-Control': 'no-cache',
          'Content-Security-Policy': `default-src 'none'; style-src 'unsafe-inline'`,
          'Cross-Origin-Resource-Policy': 'cross-origin',
        }, head)
        return
      }
      case '/api/public-results':
        // What the projector already showed: revealed polls, moderated answers removed.
        // The slide export reads this, since the exporter's browser has no secret.
        sendJson(res, 200, { polls: room.results({ authorized: false }) }, head, { 'Cache-Control': 'no-store' })
        return
      case '/api/results':
        if (!authorized(req))
          return unauthorized(res, head)
        sendJson(res, 200, exportResults(), head)
        return
      case '/api/results.csv': {
        if (!authorized(req))
          return unauthorized(res, head)
        const name = options.session.replace(/[^\w-]/g, '_').slice(0, 64) || 'session'
        send(res, 200, resultsToCsv(exportResults().polls), {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="results-${name}.csv"`,
          'Cache-Control': 'no-store',
        }, head)
        return
      }
      case WS_PATH:
        sendJson(res, 426, { error: 'upgrade-required', message: 'This endpoint speaks WebSocket.' }, head, { Upgrade: 'websocket' })
        return
      case '/join':
      case '/join/': {
        if (!options.phonePage) {
          sendJson(res, 503, { error: 'no-phone-page', message: 'The phone page is not configured on this server.' }, head)
          return
        }
        const prepared = await withCurrentPoll(await loadPage(options.phonePage), room.current())
        sendPrepared(req, res, prepared, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache', 'Content-Security-Policy': phoneCsp(req.headers.host) }, head)
        return
      }
      default: {
        const name = isPhoneAssetPath(path) && options.phonePage ? path.slice('/join/'.length) : null
        if (name && !assets.has(name))
          await loadPage(options.phonePage!)
        const asset = name ? assets.get(name) : undefined
        if (asset) {
          // The name carries the content's hash: a new build is a new name, so this one never changes.
          sendPrepared(req, res, await asset, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=31536000, immutable' }, head)
          return
        }
        sendJson(res, 404, { error: 'not-found', message: 'No such endpoint.' }, head)
      }
    }
  }

  return (req, res, next) => {
    const path = pathnameOf(req.url)
    if (exchangePresenterLink(req, res, options.secret))
      return
    if (!path.startsWith('/api/') && path !== '/join' && path !== '/join/' && !isPhoneAssetPath(path)) {
      if (next)
        next()
      else
        sendJson(res, 404, { error: 'not-found', message: 'No such endpoint.' })
      return
    }
    const method = req.method ?? 'GET'
    if (method !== 'GET' && method !== 'HEAD') {
      sendJson(res, 405, { error: 'method-not-allowed', message: 'Only GET and HEAD are served here.' }, false, { Allow: 'GET, HEAD', Connection: 'close' })
      return
    }
    const length = Number(req.headers['content-length'] ?? 0)
    if (req.headers['transfer-encoding'] !== undefined || length > 0) {
      // We never read it; closing afterwards means no unread body lingers on a kept-alive socket.
      const tooLarge = !Number.isFinite(length) || length > MAX_BODY_BYTES
      sendJson(res, tooLarge ? 413 : 400, { error: tooLarge ? 'too-large' : 'bad-request', message: 'These endpoints take no request body.' }, false, { Connection: 'close' })
      return
    }
    route(req, res, path, method === 'HEAD').catch((error: unknown) => {
      console.error('[room] request failed:', error)
      if (!res.headersSent)
        sendJson(res, 500, { error: 'server-error', message: 'The server could not answer this request.' })
      else
        res.destroy()
    })
  }
}
