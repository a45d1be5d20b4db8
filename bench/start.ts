/**
 * What `npm start` keeps resident: the whole process tree (npm, bin/start.ts
 * with the room, Slidev's dev server) on loopback, once it says it is ready
 * and has settled, and again after a browser has loaded the deck once (Vite
 * transforms the slides on first request, and keeps them).
 */
import type { Buffer } from 'node:buffer'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import process from 'node:process'
import { launchBrowser } from '../kit/browser'
import { descendantsOf, freePort, procSample, projectRoot, stopProcessGroup } from './lib/proc'

export interface TreeSample {
  /** Sum of every process's resident set, MB. */
  totalMb: number
  processes: Array<{ role: string, rssMb: number }>
}

export interface StartBenchResult {
  /** From spawning `npm start` to its "Workshop ready" line. */
  readySeconds: number
  /** Idle, `settleMs` after ready. */
  idle: TreeSample
  /** Idle again, `settleMs` after a browser loaded the deck's first slide and left. */
  afterDeckLoad: TreeSample
  settleMs: number
  /**
   * Vite pre-bundled the deck's dependencies during this start (its cache in node_modules/.vite
   * was missing or stale: the first start after an install, or after another config used it).
   * Slidev's process then stays about twice as large for the whole session.
   */
  preBundled: boolean
}

const READY_MS = 180_000

/** What a process in the tree is, from its command line. */
function roleOf(args: string[]): string {
  const line = args.join(' ')
  if (line.includes('slidev.mjs'))
    return 'Slidev dev server'
  if (line.includes('bin/start.ts'))
    return 'bin/start.ts (room, LAN listener)'
  if (/\bnpm(?:-cli\.js)?\b/.test(line))
    return 'npm'
  return args[0]?.split('/').pop() ?? 'process'
}

function sampleTree(root: number): TreeSample {
  const processes = [{ pid: root, args: ['npm'] }, ...descendantsOf(root)]
    .map(({ pid, args }) => ({ role: roleOf(args), rssMb: Math.round((procSample(pid)?.rss ?? 0) / 1024 / 1024) }))
    .filter(p => p.rssMb > 0)
  return { totalMb: processes.reduce((sum, p) => sum + p.rssMb, 0), processes }
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

/** When Vite last wrote its dependency cache for the deck; 0 when there is none. */
function preBundleStamp(): number {
  try {
    return statSync(join(projectRoot, 'node_modules/.vite/deps/_metadata.json')).mtimeMs
  }
  catch {
    return 0
  }
}

export async function benchStart({ settleMs = 15_000, log = () => {} }: { settleMs?: number, log?: (line: string) => void } = {}): Promise<StartBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-start-'))
  const port = await freePort()
  const stampBefore = preBundleStamp()
  const started = performance.now()
  // --host 127.0.0.1: the bench never listens on the machine's LAN address.
  const child = spawn('npm', ['start', '--', '--port', String(port), '--db', join(dir, 'room.sqlite'), '--host', '127.0.0.1'], {
    cwd: projectRoot,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let output = ''
  const exited = new Promise<void>(done => child.once('exit', () => done()))
  try {
    await new Promise<void>((ready, fail) => {
      const timer = setTimeout(() => fail(new Error(`npm start was not ready within ${READY_MS / 1000} s:\n${output}`)), READY_MS)
      const onData = (chunk: Buffer) => {
        output += chunk.toString()
        if (output.includes('Workshop ready')) {
          clearTimeout(timer)
          ready()
        }
      }
      child.stdout.on('data', onData)
      child.stderr.on('data', onData)
      void exited.then(() => fail(new Error(`npm start exited before it was ready:\n${output}`)))
    })
    const readySeconds = Math.round((performance.now() - started) / 100) / 10
    log(`  ready in ${readySeconds} s; settling ${settleMs / 1000} s`)
    await sleep(settleMs)
    const idle = sampleTree(child.pid!)
    log(`  idle: ${idle.totalMb} MB (${idle.processes.map(p => `${p.role} ${p.rssMb}`).join(', ')})`)

    const browser = await launchBrowser()
    try {
      const page = await browser.newPage()
      await page.goto(`http://127.0.0.1:${port}/1`, { waitUntil: 'load', timeout: 120_000 })
      await page.locator('[data-slidev-no="1"]').waitFor({ timeout: 120_000 })
    }
    finally {
      await browser.close()
    }
    await sleep(settleMs)
    const afterDeckLoad = sampleTree(child.pid!)
    log(`  after one deck load: ${afterDeckLoad.totalMb} MB (${afterDeckLoad.processes.map(p => `${p.role} ${p.rssMb}`).join(', ')})`)
    const preBundled = preBundleStamp() !== stampBefore
    if (preBundled)
      log('  Vite pre-bundled the dependencies during this start (no valid cache in node_modules/.vite)')
    return { readySeconds, idle, afterDeckLoad, settleMs, preBundled }
  }
  finally {
    // The whole group: npm, bin/start.ts and Slidev under it.
    await stopProcessGroup(child.pid!, exited, 10_000)
    rmSync(dir, { recursive: true, force: true })
  }
}
