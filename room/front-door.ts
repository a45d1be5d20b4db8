import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import type { Refusal, RequestFacts } from './request-policy'
import type { RoomServer } from './server'
import { Buffer } from 'node:buffer'
import { createServer, request } from 'node:http'
import { connect } from 'node:net'
import { WS_PATH } from '../core/protocol'
import { devServerRefusal, isLoopback, isScreensPath, lanRefusal } from './request-policy'
import { pathnameOf } from './sockets'

export interface FrontDoorOptions {
  room: RoomServer
  /**
   * Slidev's dev server, listening on loopback. Requests that start on this
   * machine and are not the room's go there; nobody else ever reaches it.
   */
  upstream?: { host: string, port: number }
  /** The static build of the deck for screens on other devices, served under SCREENS_PREFIX to everyone. */
  screens?: (req: IncomingMessage, res: ServerResponse) => void
}

/** Headers for every page of the deck: no other site may frame it (clickjacking Reveal or Reset). */
export const DECK_HEADERS: Record<string, string> = {
  'Content-Security-Policy': `frame-ancestors 'none'`,
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
}

/** What the request policy looks at, read off a Node request. */
export function factsOf(req: IncomingMessage, upgrade = false): RequestFacts {
  return { method: req.method ?? 'GET', path: pathnameOf(req.url), headers: req.headers, upgrade }
}

/** Answers a refused request in plain words. */
export function refuse(res: ServerResponse, refusal: Refusal): void {
  if (res.headersSent)
    return void res.destroy()
  res.writeHead(refusal.status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' })
  res.end(`${refusal.reason}\n`)
}

/** Answers a refused upgrade with an HTTP status, before any WebSocket exists. */
export function refuseUpgrade(socket: Duplex, refusal: Refusal): void {
  socket.on('error', () => {})
  const body = `${refusal.reason}\n`
  socket.end(`HTTP/1.1 ${refusal.status} Refused\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`)
}

/**
 * The one listener that faces the LAN. Someone on the Wi-Fi reaches the phone
 * page, the participant socket, public room info and the QR code, nothing
 * else. Requests from this machine also get the room's presenter endpoints
 * and, through a plain reverse proxy, Slidev's dev server — after the same
 * Host, Origin and body checks the dev server applies to itself.
 */
export function createFrontDoor(options: FrontDoorOptions): Server {
  const { room, upstream, screens } = options
  const server = createServer()

  function proxy(req: IncomingMessage, res: ServerResponse): void {
    const forward = request({ host: upstream!.host, port: upstream!.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      const isHtml = String(answer.headers['content-type'] ?? '').startsWith('text/html')
      res.writeHead(answer.statusCode ?? 502, { ...answer.headers, ...(isHtml ? DECK_HEADERS : { 'X-Frame-Options': 'DENY' }) })
      answer.pipe(res)
    })
    forward.on('error', () => refuse(res, { status: 502, reason: 'The deck is not running (Slidev\'s dev server did not answer).' }))
    res.on('close', () => forward.destroy())
    req.pipe(forward)
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const facts = factsOf(req)
    if (screens && isScreensPath(facts.path) && !lanRefusal(facts, { screens: true }))
      return screens(req, res)
    if (!isLoopback(req.socket.remoteAddress)) {
      const refusal = lanRefusal(facts)
      if (refusal)
        return refuse(res, refusal)
      return room.handle(req, res, () => refuse(res, { status: 404, reason: 'Not found.' }))
    }
    room.handle(req, res, () => {
      const refusal = upstream ? devServerRefusal(facts) : { status: 404, reason: 'Not found.' }
      if (refusal)
        return refuse(res, refusal)
      proxy(req, res)
    })
  })

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => {})
    const facts = factsOf(req, true)
    if (facts.path === WS_PATH) {
      room.handleUpgrade(req, socket, head)
      return
    }
    const refusal = !isLoopback(req.socket.remoteAddress) || !upstream
      ? { status: 404, reason: 'Not found.' }
      : devServerRefusal(facts)
    if (refusal)
      return refuseUpgrade(socket, refusal)
    // Vite's HMR socket: replay the handshake to the dev server and splice the two streams.
    const inner = connect(upstream!.port, upstream!.host, () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`]
      for (let i = 0; i < req.rawHeaders.length; i += 2)
        lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`)
      inner.write(`${lines.join('\r\n')}\r\n\r\n`)
      if (head.length > 0)
        inner.write(head)
      socket.pipe(inner).pipe(socket)
    })
    inner.on('error', () => socket.destroy())
    socket.on('close', () => inner.destroy())
  })

  server.on('clientError', (_error, socket) => {
    if (socket.writable)
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
  })
  return server
}
