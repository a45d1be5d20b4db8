import type { Buffer } from 'node:buffer'
import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { dirname, resolve } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const tsxBin = resolve(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs')

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

export interface RunningScript {
  child: ChildProcess
  output: () => string
  /** Resolves once the output matches, rejects if the process exits first or time runs out. */
  waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<RegExpMatchArray>
  exited: Promise<number | null>
  stop: () => Promise<void>
}

/** Runs one of the project's TypeScript entry points the way `npm run` does. */
export function runScript(script: string, args: string[], env: NodeJS.ProcessEnv = {}): RunningScript {
  const child = spawn(process.execPath, [tsxBin, resolve(projectRoot, script), ...args], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let text = ''
  const collect = (chunk: Buffer) => {
    text += chunk.toString()
  }
  child.stdout!.on('data', collect)
  child.stderr!.on('data', collect)
  const exited = new Promise<number | null>(r => child.once('exit', code => r(code)))

  function waitFor(pattern: RegExp, timeoutMs = 120_000): Promise<RegExpMatchArray> {
    return new Promise((resolveMatch, reject) => {
      const check = () => {
        const match = text.match(pattern)
        if (match) {
          cleanup()
          resolveMatch(match)
        }
      }
      const timer = setTimeout(() => {
        cleanup()
        reject(new Error(`Timed out waiting for ${pattern} in:\n${text}`))
      }, timeoutMs)
      const onExit = (code: number | null) => {
        cleanup()
        reject(new Error(`${script} exited (${code}) before ${pattern}:\n${text}`))
      }
      function cleanup() {
        clearTimeout(timer)
        child.stdout!.off('data', check)
        child.stderr!.off('data', check)
        child.off('exit', onExit)
      }
      child.stdout!.on('data', check)
      child.stderr!.on('data', check)
      child.once('exit', onExit)
      check()
    })
  }

  async function stop() {
    if (child.exitCode !== null || child.signalCode !== null)
      return
    // The whole process group: tsx, the script and anything it spawned (Slidev).
    try {
      process.kill(-child.pid!, 'SIGTERM')
    }
    catch {}
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL')
      }
      catch {}
    }, 5_000)
    await exited
    clearTimeout(timer)
  }

  return { child, output: () => text, waitFor, exited, stop }
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

/** Slidev's dev server below a running `npm start`: its pid and the loopback port it listens on. */
export function slidevBelow(root: number): { pid: number, port: number } {
  const slidev = descendantsOf(root).find(p => p.args.some(arg => arg.endsWith('slidev.mjs')))
  if (!slidev)
    throw new Error(`No Slidev process below pid ${root}`)
  return { pid: slidev.pid, port: Number(slidev.args[slidev.args.indexOf('--port') + 1]) }
}
