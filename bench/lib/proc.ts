import type { Buffer } from 'node:buffer'
import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { cpus, loadavg, totalmem } from 'node:os'
import { dirname, resolve } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const CLOCK_TICKS = 100 // USER_HZ on Linux

export interface ProcSample {
  /** Resident set size, bytes. */
  rss: number
  /** User + system CPU time, milliseconds. */
  cpuMs: number
}

/** RSS and CPU time of any process on this machine, from /proc (Linux only). */
export function procSample(pid: number): ProcSample | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN)
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the ")" that closes the command name; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const ticks = Number(fields[11]) + Number(fields[12])
    return { rss: rssKb * 1024, cpuMs: (ticks * 1000) / CLOCK_TICKS }
  }
  catch {
    return null
  }
}

export interface Machine {
  cpuModel: string
  cores: number
  memoryGb: number
  node: string
  platform: string
  loadAverage: number[]
}

export function machine(): Machine {
  let model = cpus()[0]?.model ?? 'unknown'
  try {
    model = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? model
  }
  catch {}
  return {
    cpuModel: model,
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 1024 ** 3 * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverage: loadavg().map(x => Math.round(x * 100) / 100),
  }
}

export interface Child {
  child: ChildProcess
  pid: number
  /** The first stdout line matching /^READY (\d+)/, as a port. */
  port: number
  output: () => string
  stop: () => Promise<void>
  exited: Promise<number | null>
}

/**
 * Start a TypeScript entry point in its own process (own event loop, own
 * core if the OS gives it one) and wait until it prints `READY <port>`.
 */
export async function startChild(script: string, args: string[], { timeoutMs = 60_000, env = {} }: { timeoutMs?: number, env?: NodeJS.ProcessEnv } = {}): Promise<Child> {
  // `node --import tsx` rather than the tsx CLI: one process, so its pid is the one to measure.
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(projectRoot, script), ...args], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let text = ''
  const exited = new Promise<number | null>(done => child.once('exit', code => done(code)))
  const port = await new Promise<number>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`${script} did not start within ${timeoutMs} ms:\n${text}`)), timeoutMs)
    const onData = (chunk: Buffer): void => {
      text += chunk.toString()
      const match = /^READY (\d+)/m.exec(text)
      if (match) {
        clearTimeout(timer)
        done(Number(match[1]))
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', (chunk: Buffer) => {
      text += chunk.toString()
    })
    void exited.then((code) => {
      clearTimeout(timer)
      fail(new Error(`${script} exited (${code}) before it was ready:\n${text}`))
    })
  })
  return {
    child,
    pid: child.pid!,
    port,
    output: () => text,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null)
        return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(timer)
    },
  }
}

/** Processes below `root` in the process tree, with their command lines (Linux /proc). */
export function descendantsOf(root: number): Array<{ pid: number, args: string[] }> {
  const parents = new Map<number, number>()
  for (const entry of readdirSync('/proc').filter(name => /^\d+$/.test(name))) {
    try {
      const ppid = /^PPid:\s+(\d+)$/m.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1]
      if (ppid)
        parents.set(Number(entry), Number(ppid))
    }
    catch {}
  }
  const below = (pid: number): boolean => {
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p)) {
      if (p === root)
        return true
    }
    return false
  }
  const found: Array<{ pid: number, args: string[] }> = []
  for (const pid of parents.keys()) {
    if (!below(pid))
      continue
    try {
      found.push({ pid, args: readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean) })
    }
    catch {}
  }
  return found
}

/** A port the OS just handed out on loopback; free again by the time we use it. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')))
    })
  })
}

/** SIGTERM to a detached child's whole process group, SIGKILL after `graceMs`; resolves when it has exited. */
export async function stopProcessGroup(pid: number, exited: Promise<unknown>, graceMs: number): Promise<void> {
  try {
    process.kill(-pid, 'SIGTERM')
  }
  catch {}
  const timer = setTimeout(() => {
    try {
      process.kill(-pid, 'SIGKILL')
    }
    catch {}
  }, graceMs)
  await exited
  clearTimeout(timer)
}
