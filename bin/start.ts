/**
 * `npm start`: the live room and our listener on the LAN, the deck on this
 * laptop. The room (SQLite, sockets, the phone page) runs in this process
 * behind room/front-door.ts, which lets the network reach /join and the
 * participant socket only; Slidev's dev server runs as a child on 127.0.0.1
 * and is reached through the same port from this machine alone. This command
 * checks the settings first, picks the LAN address phones can reach, makes
 * the presenter secret and prints the URLs a facilitator needs.
 */
import type { WorkshopSettings } from '../core/talk/settings'
import type { RoomServer } from '../room/server'
import type { CheckedDeck } from './deck-gate'
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { constants, networkInterfaces } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { childOutcome } from '../core/child-exit'
import { variantLengths } from '../core/talk/deck'
import { resolveWorkshop, SettingsError } from '../core/talk/settings'
import { buildPhonePage } from '../phone/build'
import { isInside, resolveDbPath } from '../room/data-dir'
import { createFrontDoor } from '../room/front-door'
import { lanAddress } from '../room/lan'
import { parseMaxPerAddress, resolveRoomOptions } from '../room/options'
import { sessionSecret } from '../room/presenter-secret'
import { SCREENS_PREFIX } from '../room/request-policy'
import { createRoomServer, roomServerDefaults } from '../room/server'
import { gateDeck, warningsLine } from './deck-gate'
import { staticDeck } from './static-deck'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const slidevBin = join(dirname(fileURLToPath(import.meta.resolve('@slidev/cli/package.json'))), 'bin', 'slidev.mjs')

const USAGE = `Usage: npm start -- [options]

  --port <n>         port to serve on (default 3030)
  --deck <file>      the deck to run (default slides.md), e.g. examples/team-huddle.md
  --variant <minutes>  workshop length, one of the deck's talk.variants (default: workshop.variant)
  --secret <text>    presenter secret (default: the session's own, made on its first start
                     and kept beside the database, mode 0600, so a restart keeps it)
  --session <name>   room session to record into (default "default")
  --db <path>        SQLite file for the room (default: $ROOM_DB, else room.sqlite in your data
                     folder: ~/.local/share/asking-for-help-workshop/ on Linux,
                     ~/Library/Application Support/asking-for-help-workshop/ on macOS,
                     %APPDATA%\\asking-for-help-workshop\\ on Windows)
  --host <address>   address to print for phones (default: this machine's LAN IPv4)
  --max-per-address <n>
                     phones one network address may have in the room at once
                     (default 4; 0 = no cap, for a venue whose Wi-Fi puts every
                     phone behind one address, for kiosks and rehearsals)
  --screens          also build the deck for audience screens on other devices (a room PC
                     driving the projector): served at /screen/, following your slide`

function fail(message: string): never {
  console.error(`\n  ${message.replaceAll('\n', '\n  ')}\n`)
  process.exit(1)
}

function readArgs() {
  try {
    return parseArgs({
      options: {
        'port': { type: 'string', default: process.env.PORT ?? '3030' },
        'deck': { type: 'string' },
        'variant': { type: 'string' },
        'secret': { type: 'string', default: process.env.ROOM_SECRET },
        'session': { type: 'string', default: process.env.ROOM_SESSION ?? 'default' },
        'db': { type: 'string' },
        'host': { type: 'string' },
        'max-per-address': { type: 'string', default: process.env.ROOM_MAX_PER_ADDRESS },
        'screens': { type: 'boolean' },
        'help': { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values
  }
  catch (error) {
    fail(`${(error as Error).message}\n\n${USAGE}`)
  }
}

function readSettings(deck: CheckedDeck, variantFlag: string | undefined): WorkshopSettings {
  const env = { WORKSHOP_VARIANT: variantFlag ?? process.env.WORKSHOP_VARIANT }
  return resolveWorkshop(deck.headmatter.workshop, env, variantLengths(deck.talk))
}

/** A free port on loopback for Slidev's dev server, which nobody but our listener talks to. */
function loopbackPort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen({ port: 0, host: '127.0.0.1' }, () => {
      const address = probe.address()
      probe.close(() => typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no loopback port')))
    })
  })
}

function portInUse(port: number): string {
  return `Port ${port} is already in use. Stop what uses it, or choose another: npm start -- --port ${port + 1}`
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolvePort) => {
    const probe = createServer()
    probe.once('error', () => resolvePort(false))
    probe.listen({ port, host: '0.0.0.0' }, () => probe.close(() => resolvePort(true)))
  })
}

async function waitForDeck(url: string, child: { exitCode: number | null }): Promise<void> {
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const response = await fetch(url)
      if (response.ok)
        return
    }
    catch {}
    await new Promise(r => setTimeout(r, 250))
  }
  if (child.exitCode === null)
    fail('The deck did not become ready within two minutes.')
}

/**
 * A static build of the deck for screens on other devices, under /screen/. It
 * has no editor and no dev server, holds no secret, and follows the presenter's
 * slide through the room (slide-room/use-follow.ts).
 */
async function buildScreens(variant: number, entry: string): Promise<string> {
  const out = join(root, '.slidev', 'screens')
  const child = spawn(process.execPath, [slidevBin, 'build', entry, '--base', `${SCREENS_PREFIX}/`, '--out', out], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, WORKSHOP_VARIANT: String(variant), VITE_WORKSHOP_SCREEN: '1', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
  })
  const end = await new Promise<{ code: number | null, signal: NodeJS.Signals | null }>(done => child.once('exit', (code, signal) => done({ code, signal })))
  const outcome = childOutcome('Building the deck for screens', end, null, name => constants.signals[name as NodeJS.Signals])
  if (outcome.exitCode !== 0)
    fail(`${outcome.message ?? 'Building the deck for screens failed.'} Start without --screens, or fix the error above.`)
  return out
}

async function main() {
  const args = readArgs()
  if (args.help) {
    console.log(USAGE)
    return
  }
  const port = Number(args.port)
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    fail(`--port must be a whole number from 1 to 65535.\n\n${USAGE}`)
  const cap = args['max-per-address'] === undefined ? null : parseMaxPerAddress(args['max-per-address'])
  if (cap && !cap.ok)
    fail(`--max-per-address: ${cap.message}\n\n${USAGE}`)

  // The same check as `npm run check`: a deck with an error stops here, before anything starts.
  const deck = gateDeck(args.deck, 'npm start', { announceWarnings: false })
  let settings: WorkshopSettings
  try {
    settings = readSettings(deck, args.variant)
  }
  catch (error) {
    if (error instanceof SettingsError)
      fail(error.message)
    throw error
  }
  if (!(await portIsFree(port)))
    fail(portInUse(port))

  const host = args.host ?? lanAddress(networkInterfaces()) ?? '127.0.0.1'
  const dbPath = resolveDbPath(args.db)
  const lan = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  const local = `http://127.0.0.1:${port}`
  const deckPort = await loopbackPort()

  // The room lives here, behind our own listener, so only what it allows faces the LAN.
  // A damaged, read-only or locked database stops here with one message, before Slidev starts.
  let room: RoomServer
  let stored: ReturnType<typeof sessionSecret> | null = null
  try {
    stored = args.secret ? null : sessionSecret(dbPath, args.session)
    room = createRoomServer(resolveRoomOptions({ secret: args.secret || stored!.secret, dbPath, port, session: args.session, joinUrl: `${lan}/join`, maxPerAddress: cap?.value, phonePage: buildPhonePage }, { env: { ...process.env, ROOM_QUIET: '1' } }))
  }
  catch (error) {
    fail((error as Error).message)
  }
  const secret = args.secret || stored!.secret
  let screens: ReturnType<typeof staticDeck> | undefined
  if (args.screens) {
    console.log('\n  Building the deck for screens on other devices…')
    screens = staticDeck(await buildScreens(settings.variant, deck.path), { prefix: SCREENS_PREFIX })
  }
  const door = createFrontDoor({ room, upstream: { host: '127.0.0.1', port: deckPort }, screens })
  await new Promise<void>((done) => {
    door.once('error', (error: NodeJS.ErrnoException) => fail(error.code === 'EADDRINUSE'
      ? portInUse(port)
      : `Could not listen on port ${port}: ${error.message}`))
    door.listen(port, '0.0.0.0', done)
  })

  // Slidev's dev server is the author's tool: it listens on 127.0.0.1 only, and only
  // our listener (for requests from this machine) passes anything on to it.
  // Its banner and keyboard shortcuts name its own loopback port, where the room is not:
  // stdout and stdin stay closed, warnings and errors (stderr) still reach the terminal.
  const child = spawn(process.execPath, [slidevBin, deck.path, '--port', String(deckPort), '--bind', '127.0.0.1', '--log', 'warn'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      WORKSHOP_VARIANT: String(settings.variant),
      WORKSHOP_ROOM: 'external',
      // Our imports omit extensions like the rest of the TypeScript; Vite's native loader only warns about it.
      VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true',
    },
  })

  let stoppedBy: NodeJS.Signals | null = null
  async function shutDown(exitCode: number): Promise<never> {
    door.close()
    door.closeAllConnections()
    await room.close()
    process.exit(exitCode)
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stoppedBy)
        process.exit(1)
      stoppedBy = signal
      child.kill(signal)
    })
  }
  child.on('exit', (code, signal) => {
    const outcome = childOutcome('Slidev\'s dev server', { code, signal }, stoppedBy, name => constants.signals[name as NodeJS.Signals])
    if (outcome.message)
      console.error(`\n  ${outcome.message}\n`)
    void shutDown(outcome.exitCode)
  })

  await waitForDeck(`http://127.0.0.1:${deckPort}/`, child)
  console.log([
    '',
    `  Workshop ready: ${settings.variant}-minute variant${settings.organization ? ` for ${settings.organization}` : ''}`,
    '',
    `  Presenter (this laptop)   ${local}/presenter/?room=${secret}`,
    `  Audience (this laptop)    ${local}/`,
    `  Phones join at            ${lan}/join`,
    ...screens ? [`  Screens (other devices)   ${lan}${SCREENS_PREFIX}/   follows your slide`] : [],
    `  Presenter secret          ${secret}${stored ? ` (${stored.created ? 'new; ' : ''}kept in ${stored.file})` : ''}`,
    '',
    '  Keep the presenter URL off the projector: it carries the secret.',
    '  Only the phone page and the room are reachable from the network; the deck,',
    '  its presenter view and its editor answer on this laptop only.',
    `  Room data: ${dbPath} (session "${args.session}")`,
    ...isInside(dbPath, root) ? ['  Warning: the room database is inside the project folder; keep it outside (the default) so no server can hand it out.'] : [],
    ...existsSync(join(root, 'data', 'room.sqlite')) && dbPath !== join(root, 'data', 'room.sqlite') ? [`  Note: an older room database is still at ${join(root, 'data', 'room.sqlite')}; read it with --db, or move it out of the project.`] : [],
    `  Phones per network address: ${cap?.value === 0 ? 'no cap' : `at most ${cap?.value ?? roomServerDefaults.maxPerAddress}`} (--max-per-address)`,
    ...deck.warnings > 0 ? [`  Deck: ${warningsLine(deck)}`] : [],
    '',
  ].join('\n'))
}

await main()
