import type { RunningScript } from './processes'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort, runScript } from './processes'

export interface RunningDeck {
  /** Loopback base URL, e.g. http://127.0.0.1:41234 */
  url: string
  secret: string
  dbPath: string
  process: RunningScript
  stop: () => Promise<void>
}

/** Starts the deck exactly as `npm start` does, on a free loopback port with its own SQLite file. */
export async function startDeck(options: { args?: string[], env?: NodeJS.ProcessEnv, /** Another deck file than slides.md (`--deck`). */ deck?: string } = {}): Promise<RunningDeck> {
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'deck-'))
  const dbPath = join(dir, 'room.sqlite')
  const secret = `test-secret-${port}`
  const proc = runScript('bin/start.ts', ['--port', String(port), '--db', dbPath, '--secret', secret, '--host', '127.0.0.1', ...(options.deck ? ['--deck', options.deck] : []), ...(options.args ?? [])], options.env)
  await proc.waitFor(/Workshop ready/, 150_000)
  return {
    url: `http://127.0.0.1:${port}`,
    secret,
    dbPath,
    process: proc,
    async stop() {
      await proc.stop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
