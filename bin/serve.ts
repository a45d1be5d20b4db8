/**
 * Serve a `slidev build` output folder and the live room on one port, no
 * dev server needed:
 *
 *   npx tsx bin/serve.ts --dir dist --port 3030 --secret <secret>
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { existsSync } from 'node:fs'
import { createServer } from 'node:http'
import { networkInterfaces } from 'node:os'
import { resolve } from 'node:path'
import process from 'node:process'
import { parseArgs } from 'node:util'
import { WS_PATH } from '../core/protocol'
import { buildPhonePage } from '../phone/build'
import { normalizeOrigins } from '../room/auth'
import { isInside, resolveDbPath } from '../room/data-dir'
import { lanAddress } from '../room/lan'
import { parseMaxPerAddress, parseOriginList } from '../room/options'
import { sessionSecret } from '../room/presenter-secret'
import { createRoomServer } from '../room/server'
import { pathnameOf } from '../room/sockets'
import { DEFAULT_SESSION } from '../room/storage'
import { RoomStorageError } from '../room/storage-errors'
import { staticDeck } from './static-deck'

const USAGE = `Usage: tsx bin/serve.ts [options]
  --dir <path>       slidev build output (default dist)
  --port <n>         port (default 3030)
  --host <address>   address to listen on (default 0.0.0.0)
  --secret <s>       presenter secret (default: $ROOM_SECRET, else the session's own, made on
                     its first start and kept beside the database, mode 0600)
  --db <path>        SQLite file (default: $ROOM_DB, else room.sqlite in your data folder,
                     e.g. ~/.local/share/asking-for-help-workshop/ on Linux); never inside --dir
  --session <name>   session to record into (default "default")
  --max-per-address <n>
                     phones one network address may have in the room at once
                     (default 4, or $ROOM_MAX_PER_ADDRESS; 0 = no cap)`

function fail(message: string): never {
  console.error(message)
  process.exit(1)
}

async function main(): Promise<void> {
  let values
  try {
    ({ values } = parseArgs({
      options: {
        'dir': { type: 'string', default: 'dist' },
        'port': { type: 'string', default: '3030' },
        'host': { type: 'string', default: '0.0.0.0' },
        'secret': { type: 'string' },
        'db': { type: 'string' },
        'session': { type: 'string' },
        'max-per-address': { type: 'string', default: process.env.ROOM_MAX_PER_ADDRESS },
        'help': { type: 'boolean', short: 'h' },
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

  const cap = values['max-per-address'] === undefined ? null : parseMaxPerAddress(values['max-per-address'])
  if (cap && !cap.ok)
    fail(`--max-per-address: ${cap.message}\n\n${USAGE}`)

  const dbPath = resolveDbPath(values.db)
  const session = values.session ?? process.env.ROOM_SESSION ?? DEFAULT_SESSION
  // Everything in --dir is served: a database there is one URL away from anyone on the Wi-Fi.
  if (isInside(dbPath, dir))
    fail(`The room database ${dbPath} is inside ${dir}, which this server serves to everyone. Choose a --db outside it.`)
  const given = values.secret || process.env.ROOM_SECRET || ''
  let allowedOrigins: string[] | undefined
  if (process.env.ROOM_ALLOWED_ORIGINS) {
    allowedOrigins = parseOriginList(process.env.ROOM_ALLOWED_ORIGINS)
    try {
      normalizeOrigins(allowedOrigins)
    }
    catch (error) {
      fail(`ROOM_ALLOWED_ORIGINS: ${(error as Error).message.replace(/^allowedOrigins: /, '')}`)
    }
  }
  let stored: ReturnType<typeof sessionSecret> | null = null
  let room: ReturnType<typeof createRoomServer>
  try {
    stored = given ? null : sessionSecret(dbPath, session)
    // Without ROOM_JOIN_URL the room derives http://<LAN IPv4>:<port>/join from the server it is attached to.
    room = createRoomServer({
      secret: given || stored!.secret,
      dbPath,
      session,
      joinUrl: process.env.ROOM_JOIN_URL,
      maxPerAddress: cap?.value,
      // Pages on another origin (a TLS proxy that rewrites Host, a dev server on another port) that may open the socket.
      allowedOrigins,
      phonePage: buildPhonePage,
    })
  }
  catch (error) {
    if (error instanceof RoomStorageError)
      fail(error.message)
    throw error
  }
  const secret = given || stored!.secret

  // Listening on every interface: phones reach us on the LAN address. On one address: that one.
  const wildcard = values.host === '0.0.0.0' || values.host === '::'
  const ip = wildcard ? lanAddress(networkInterfaces()) ?? '127.0.0.1' : values.host
  const server = createServer()
  const serveStatic = staticDeck(dir)
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    room.handle(req, res, () => serveStatic(req, res))
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
    `  Presenter secret          ${secret}${stored ? ` (${stored.created ? 'new, ' : ''}kept in ${stored.file})` : ''}`,
    '',
    '  Keep the presenter URL off the projector: it carries the secret.',
    `  Room data: ${dbPath} (session "${room.room.session}")`,
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
