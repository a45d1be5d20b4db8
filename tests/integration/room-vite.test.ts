import type { ViteDevServer } from 'vite'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { TestClient } from '../../room/testing'
import { roomPlugin } from '../../room/vite-plugin'

const dir = mkdtempSync(join(tmpdir(), 'room-vite-'))
let vite: ViteDevServer
let base: string

beforeAll(async () => {
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>deck</title>')
  vite = await createServer({
    root: dir,
    configFile: false,
    logLevel: 'silent',
    server: { port: 0, host: '127.0.0.1', strictPort: false },
    plugins: [roomPlugin({ secret: 'vite-secret', dbPath: join(dir, 'room.sqlite'), phonePage: async () => ({ html: '<p>phone</p>' }) })],
  })
  await vite.listen()
  const address = vite.httpServer?.address()
  base = `127.0.0.1:${address && typeof address === 'object' ? address.port : 0}`
})

afterAll(async () => {
  await vite?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('roomPlugin in a Vite dev server', () => {
  it('serves the room endpoints ahead of Vite and leaves the rest to Vite', async () => {
    expect(await (await fetch(`http://${base}/api/health`)).json()).toEqual({ ok: true })
    expect(await (await fetch(`http://${base}/join`)).text()).toBe('<p>phone</p>')
    expect(await (await fetch(`http://${base}/`)).text()).toContain('<title>deck</title>')
  })

  it('takes WebSocket upgrades on its path, and Vite keeps its HMR socket', async () => {
    const c = await TestClient.connect(`ws://${base}/api/ws`)
    expect(await c.control({ kind: 'open', poll: { id: 'v', kind: 'choice', question: 'Q?', options: ['a', 'b'] } }, 'vite-secret')).toMatchObject({ type: 'ack' })
    await c.close()
    const hmr = new WebSocket(`ws://${base}/`, 'vite-hmr')
    const first = await new Promise<string>((resolve, reject) => {
      hmr.once('message', data => resolve(String(data)))
      hmr.once('error', reject)
      setTimeout(() => reject(new Error('no HMR message')), 5000)
    })
    expect(JSON.parse(first)).toMatchObject({ type: 'connected' })
    hmr.close()
  })
})
