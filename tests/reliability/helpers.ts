import type { ChildProcess } from 'node:child_process'
import type { RoomConnection, RoomConnectionOptions, RoomEvents, SocketConstructor } from '../../room-client/connection'
import type { RoomServerOptions } from '../../room/server'
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import process from 'node:process'
import { WebSocket } from 'ws'
import { createRoomConnection } from '../../room-client/connection'
import { projectRoot } from '../support/processes'

export const SECRET = 'reliability-secret-0123456789'

/**
 * `ws` for room-client, with a permanent no-op 'error' listener: room-client
 * drops its handlers and calls `close()` on a socket it gives up on, and on a
 * socket still connecting `ws` then emits 'error' with no listener, an
 * uncaught exception in Node (browsers do not throw there).
 */
class NodeWebSocket extends WebSocket {
  constructor(url: string) {
    super(url)
    this.on('error', () => {})
  }
}
const NodeSocket = NodeWebSocket as unknown as SocketConstructor

export interface RoomProcess {
  child: ChildProcess
  pid: number
  port: number
  url: string
  output: () => string
  /** SIGKILL: no shutdown code runs, as when a laptop process crashes. */
  kill9: () => Promise<void>
  stop: () => Promise<void>
}

/** The room in its own process (tests/reliability/fixtures/room-process.ts), on 127.0.0.1. */
export async function startRoomProcess(options: Partial<RoomServerOptions> & { dbPath: string }, port = 0): Promise<RoomProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(projectRoot, 'tests/reliability/fixtures/room-process.ts'), JSON.stringify({ secret: SECRET, ...options }), String(port)], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let text = ''
  const exited = new Promise<void>(done => child.once('exit', () => done()))
  const actual = await new Promise<number>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`room process did not start:\n${text}`)), 30_000)
    child.stdout!.on('data', (chunk) => {
      text += String(chunk)
      const match = /READY (\d+)/.exec(text)
      if (match) {
        clearTimeout(timer)
        done(Number(match[1]))
      }
    })
    child.stderr!.on('data', chunk => text += String(chunk))
    void exited.then(() => {
      clearTimeout(timer)
      fail(new Error(`room process exited early:\n${text}`))
    })
  })
  const alive = (): boolean => child.exitCode === null && child.signalCode === null
  return {
    child,
    pid: child.pid!,
    port: actual,
    url: `http://127.0.0.1:${actual}`,
    output: () => text,
    async kill9() {
      if (alive())
        child.kill('SIGKILL')
      await exited
    },
    async stop() {
      if (!alive())
        return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(timer)
    },
  }
}

/** Resident memory of a process, bytes (Linux /proc). */
export function rssOf(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1])
  return kb * 1024
}

export function connect(url: string, options: Omit<RoomConnectionOptions, 'url' | 'WebSocket'>): RoomConnection {
  return createRoomConnection({ url, WebSocket: NodeSocket, ...options })
}

export function waitFor<K extends keyof RoomEvents>(conn: RoomConnection, event: K, match: (payload: RoomEvents[K]) => boolean = () => true, ms = 10_000): Promise<RoomEvents[K]> {
  return new Promise((resolveEvent, reject) => {
    let off = (): void => {}
    const timer = setTimeout(() => {
      off()
      reject(new Error(`timed out waiting for ${event}`))
    }, ms)
    off = conn.on(event, (payload) => {
      if (match(payload)) {
        clearTimeout(timer)
        off()
        resolveEvent(payload)
      }
    })
  })
}

/** Poll a condition until it holds or time runs out (then throw with `what`). */
export async function until(check: () => boolean | Promise<boolean>, ms: number, what: string, every = 50): Promise<void> {
  const deadline = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${ms} ms: ${what}`)
    await new Promise(r => setTimeout(r, every))
  }
}

/** A presenter screen that sends one control action and waits for its ack. */
export async function control(url: string, action: Parameters<RoomConnection['control']>[0]): Promise<void> {
  const screen = connect(url, { role: { kind: 'screen', secret: SECRET } })
  try {
    await until(() => screen.state.status === 'open', 10_000, 'presenter connected')
    const requestId = screen.control(action)
    if (requestId === null)
      throw new Error('presenter offline')
    const reply = await Promise.race([
      waitFor(screen, 'ack', a => a.requestId === requestId).then(() => null),
      waitFor(screen, 'error', e => e.requestId === requestId).then(e => e.message),
    ])
    if (reply !== null)
      throw new Error(`control ${action.kind} refused: ${reply}`)
  }
  finally {
    screen.close()
  }
}
