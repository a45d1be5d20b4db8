/**
 * Serve a `slidev build` output folder and the live room on one port, no
 * dev server needed:
 *
 *   npx tsx bin/serve.ts --dir dist --port 3030 --secret <secret>
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { Buffer } from 'node:buffer'
import { createReadStream, existsSync } from 'node:fs'
import { realpath, stat } from 'node:fs/promises'
import { createServer } from 'node:http'
import { networkInterfaces } from 'node:os'
import { extname, resolve, sep } from 'node:path'
import process from 'node:process'
import { parseArgs } from 'node:util'
import { WS_PATH } from '../core/protocol'
import { buildPhonePage } from '../phone/build'
import { lanAddress } from '../room/lan'
import { generateSecret } from '../room/options'
import { createRoomServer } from '../room/server'
import { pathnameOf } from '../room/sockets'

const USAGE = `Usage: tsx bin/serve.ts [options]
  --dir <path>       slidev build output (default dist)
  --port <n>         port (default 3030)
  --host <address>   address to listen on (default 0.0.0.0)
  --secret <s>       presenter secret (default: $ROOM_SECRET, else generated and printed)
  --db <path>        SQLite file (default data/room.sqlite)
  --session <name>   session to record into (default "default")`

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.pdf': 'application/pdf',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.mp3': 'audio/mpeg',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
}

function fail(message: string): never {
  console.error(message)
  process.exit(1)
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'Content-Length': Buffer.byteLength(text) })
  res.end(text)
}

/** Static files from `root`, falling back to index.html for the deck's client-side routes. */
function staticFiles(root: string) {
  const realRoot = realpath(root)

  async function file(path: string): Promise<string | null> {
    try {
      const info = await stat(path)
      if (info.isFile())
        return path
      if (info.isDirectory())
        return file(resolve(path, 'index.html'))
    }
    catch {}
    return null
  }

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD')
      return plain(res, 405, 'Method not allowed.')
    }
    let pathname: string
    try {
      pathname = decodeURIComponent(pathnameOf(req.url))
    }
    catch {
      return plain(res, 400, 'Bad request.')
    }
    if (pathname.includes('\0') || pathname.includes('\\'))
      return plain(res, 400, 'Bad request.')
    const base = await realRoot
    const target = resolve(base, `.${pathname}`)
    if (target !== base && !target.startsWith(base + sep))
      return plain(res, 403, 'Forbidden.')

    let found = await file(target)
    // Symlinks must not lead out of the folder either.
    if (found) {
      const real = await realpath(found)
      if (!real.startsWith(base + sep))
        found = null
    }
    // Client-side routes (/3, /presenter/2) have no extension: hand them the app.
    if (!found && extname(pathname) === '')
      found = await file(resolve(base, 'index.html'))
    if (!found)
      return plain(res, 404, 'Not found.')

    const info = await stat(found)
    const type = MIME[extname(found).toLowerCase()] ?? 'application/octet-stream'
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': info.size,
      // Vite puts content-hashed files under assets/; everything else may change between builds.
      'Cache-Control': pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    })
    if (req.method === 'HEAD')
      return void res.end()
    createReadStream(found).on('error', () => res.destroy()).pipe(res)
  }
}

async function main(): Promise<void> {
  let values
  try {
    ({ values } = parseArgs({
      options: {
        dir: { type: 'string', default: 'dist' },
        port: { type: 'string', default: '3030' },
        host: { type: 'string', default: '0.0.0.0' },
        secret: { type: 'string' },
        db: { type: 'string' },
        session: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }))
  }
  catch (error) {
    fail(`${(error as Error).message}\n\n${USAGE}`)
  }
  if (values.help) {
    console.warn(USAGE)
    return
  }
  const dir = resolve(values.dir)
  if (!existsSync(resolve(dir, 'index.html')))
    fail(`No ${resolve(dir, 'index.html')}. Build the deck first: npx slidev build --out ${values.dir}`)
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    fail(`--port must be a number from 0 to 65535.\n\n${USAGE}`)

  let secret = values.secret || process.env.ROOM_SECRET || ''
  const generated = !secret
  if (generated)
    secret = generateSecret()

  // Listening on every interface: phones reach us on the LAN address. On one address: that one.
  const wildcard = values.host === '0.0.0.0' || values.host === '::'
  const ip = wildcard ? lanAddress(networkInterfaces()) ?? '127.0.0.1' : values.host
  const server = createServer()
  const serveStatic = staticFiles(dir)
  // Without ROOM_JOIN_URL the room derives http://<LAN IPv4>:<port>/join from the server it is attached to.
  const room = createRoomServer({
    secret,
    dbPath: values.db ?? process.env.ROOM_DB,
    session: values.session ?? process.env.ROOM_SESSION,
    joinUrl: process.env.ROOM_JOIN_URL,
    phonePage: buildPhonePage,
  })
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    room.handle(req, res, () => {
      serveStatic(req, res).catch(() => {
        if (!res.headersSent)
          plain(res, 500, 'Server error.')
        else
          res.destroy()
      })
    })
  })
  room.attach(server)
  // The room takes WS_PATH; nobody else here speaks WebSocket.
  server.on('upgrade', (req, socket) => {
    socket.on('error', () => {})
    if (pathnameOf(req.url) !== WS_PATH)
      socket.destroy()
  })
  server.on('error', (error: NodeJS.ErrnoException) => {
    fail(error.code === 'EADDRINUSE' ? `Port ${port} is already in use; choose another with --port.` : `Could not listen: ${error.message}`)
  })
  await new Promise<void>(done => server.listen(port, values.host, done))
  const address = server.address()
  const actualPort = address && typeof address === 'object' ? address.port : port
  const base = `http://${ip.includes(':') ? `[${ip}]` : ip}:${actualPort}`
  const joinUrl = room.joinUrl()

  console.warn([
    '',
    `  Presenter (your laptop)   ${base}/presenter/?room=${secret}`,
    `  Audience screen           ${base}/`,
    `  Phones join at            ${joinUrl}`,
    `  Presenter secret          ${secret}${generated ? ' (generated; pass --secret to keep one)' : ''}`,
    '',
    '  Keep the presenter URL off the projector: it carries the secret.',
    `  Room data: ${resolve(values.db ?? process.env.ROOM_DB ?? 'data/room.sqlite')} (session "${room.room.session}")`,
    '',
  ].join('\n'))

  let stopping = false
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping)
        process.exit(1)
      stopping = true
      server.close()
      server.closeAllConnections?.()
      void room.close().then(() => process.exit(0))
    })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
