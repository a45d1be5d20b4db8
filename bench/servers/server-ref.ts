/**
 * The naive baseline in its own process: a Vite dev server with
 * vite-plugin-vue-server-ref holding one shared `poll` object, configured
 * the way slidev-component-poll configures Slidev (`serverRef.state.poll`).
 * Clients POST the whole object to /@server-reactive/poll and the plugin
 * rebroadcasts it on Vite's HMR socket.
 *
 *   tsx bench/servers/server-ref.ts
 *
 * Prints `READY <port>` once listening on 127.0.0.1.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { createServer } from 'vite'
import ServerRef from 'vite-plugin-vue-server-ref'

const root = mkdtempSync(join(tmpdir(), 'bench-server-ref-'))
writeFileSync(join(root, 'index.html'), '<!doctype html><title>server-ref baseline</title>')
const vite = await createServer({
  root,
  configFile: false,
  logLevel: 'silent',
  clearScreen: false,
  server: { port: 0, host: '127.0.0.1', strictPort: false, watch: null },
  plugins: [ServerRef({ state: { poll: {} } })],
})
await vite.listen()
const address = vite.httpServer?.address()
console.log(`READY ${address && typeof address === 'object' ? address.port : 0}`)

let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping)
      process.exit(1)
    stopping = true
    void vite.close().finally(() => {
      rmSync(root, { recursive: true, force: true })
      process.exit(0)
    })
  })
}
