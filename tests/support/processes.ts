import type { Buffer } from 'node:buffer'
import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
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
