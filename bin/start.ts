/**
 * `npm start`: serves the deck and the live room to the room on one port.
 * Slidev's dev server runs with the room mounted into it (vite.config.ts);
 * this wrapper checks the settings first, picks the LAN address phones can
 * reach, makes the presenter secret and prints the URLs a facilitator needs.
 */
import type { WorkshopSettings } from '../core/talk/settings'
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { constants, networkInterfaces } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { parse } from '@slidev/parser'
import { childOutcome } from '../core/child-exit'
import { resolveWorkshop, SettingsError } from '../core/talk/settings'
import { lanAddress } from '../room/lan'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')

const USAGE = `Usage: npm start -- [options]

  --port <n>         port to serve on (default 3030)
  --variant <60|90>  workshop length in minutes (default: workshop.variant in slides.md)
  --secret <text>    presenter secret (default: a new random one each start)
  --session <name>   room session to record into (default "default")
  --db <path>        SQLite file for the room (default data/room.sqlite)
  --host <address>   address to print for phones (default: this machine's LAN IPv4)`

function fail(message: string): never {
  console.error(`\n  ${message.replaceAll('\n', '\n  ')}\n`)
  process.exit(1)
}

function readArgs() {
  try {
    return parseArgs({
      options: {
        port: { type: 'string', default: process.env.PORT ?? '3030' },
        variant: { type: 'string' },
        secret: { type: 'string', default: process.env.ROOM_SECRET },
        session: { type: 'string', default: process.env.ROOM_SESSION ?? 'default' },
        db: { type: 'string', default: process.env.ROOM_DB ?? join(root, 'data', 'room.sqlite') },
        host: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values
  }
  catch (error) {
    fail(`${(error as Error).message}\n\n${USAGE}`)
  }
}

async function readSettings(variantFlag: string | undefined): Promise<WorkshopSettings> {
  const entry = join(root, 'slides.md')
  const markdown = readFileSync(entry, 'utf8')
  const headmatter = (await parse(markdown, entry)).slides[0]?.frontmatter ?? {}
  const env = { WORKSHOP_VARIANT: variantFlag ?? process.env.WORKSHOP_VARIANT }
  return resolveWorkshop(headmatter.workshop, env)
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolvePort) => {
    const probe = createServer()
    probe.once('error', () => resolvePort(false))
    probe.listen({ port, host: '0.0.0.0' }, () => probe.close(() => resolvePort(true)))
  })
}

async function waitForHealth(url: string, child: { exitCode: number | null }): Promise<void> {
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

async function main() {
  const args = readArgs()
  if (args.help) {
    console.log(USAGE)
    return
  }
  const port = Number(args.port)
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    fail(`--port must be a whole number from 1 to 65535.\n\n${USAGE}`)

  let settings: WorkshopSettings
  try {
    settings = await readSettings(args.variant)
  }
  catch (error) {
    if (error instanceof SettingsError)
      fail(error.message)
    throw error
  }
  if (!(await portIsFree(port)))
    fail(`Port ${port} is already in use. Stop what uses it, or choose another: npm start -- --port ${port + 1}`)

  // Vite refuses unknown Host headers; an IP address always passes, a hostname may not.
  const host = args.host ?? lanAddress(networkInterfaces()) ?? '127.0.0.1'
  const secret = args.secret || randomBytes(18).toString('base64url')
  const base = `http://${host}:${port}`
  const slidevBin = join(dirname(fileURLToPath(import.meta.resolve('@slidev/cli/package.json'))), 'bin', 'slidev.mjs')

  // `--remote` without a password: a password would make Slidev look up the
  // public IP on the internet, and it is only checked in the browser anyway.
  const child = spawn(process.execPath, [slidevBin, 'slides.md', '--port', String(port), '--remote', '--bind', '0.0.0.0', '--log', 'warn'], {
    cwd: root,
    stdio: ['inherit', 'inherit', 'inherit'],
    env: {
      ...process.env,
      WORKSHOP_VARIANT: String(settings.variant),
      ROOM_SECRET: secret,
      ROOM_SESSION: args.session,
      ROOM_DB: resolve(args.db!),
      ROOM_JOIN_URL: `${base}/join`,
      // Our imports omit extensions like the rest of the TypeScript; Vite's native loader only warns about it.
      VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true',
    },
  })
  let stoppedBy: NodeJS.Signals | null = null
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      stoppedBy = signal
      child.kill(signal)
    })
  }
  child.on('exit', (code, signal) => {
    const outcome = childOutcome('Slidev\'s dev server', { code, signal }, stoppedBy, name => constants.signals[name as NodeJS.Signals])
    if (outcome.message)
      console.error(`\n  ${outcome.message}\n`)
    process.exit(outcome.exitCode)
  })

  await waitForHealth(`http://127.0.0.1:${port}/api/health`, child)
  console.log([
    '',
    `  Workshop ready: ${settings.variant}-minute variant${settings.organization ? ` for ${settings.organization}` : ''}`,
    '',
    `  Presenter (your laptop)   ${base}/presenter/?room=${secret}`,
    `  Audience screen           ${base}/`,
    `  Phones join at            ${base}/join`,
    `  Presenter secret          ${secret}`,
    '',
    '  Keep the presenter URL off the projector: it carries the secret.',
    `  Room data: ${resolve(args.db!)} (session "${args.session}")`,
    '',
  ].join('\n'))
}

await main()
