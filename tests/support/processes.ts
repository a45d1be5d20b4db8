import type { Buffer } from 'node:buffer'
import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import { dirname, resolve } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'

import { descendantsOf, freePort, stopProcessGroup } from '../../bench/lib/proc'

export { descendantsOf, freePort }

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const tsxBin = resolve(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs')

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
    await stopProcessGroup(child.pid!, exited, 5_000)
  }

  return { child, output: () => text, waitFor, exited, stop }
}

/** Slidev's dev server below a running `npm start`: its pid and the loopback port it listens on. */
export function slidevBelow(root: number): { pid: number, port: number } {
  const slidev = descendantsOf(root).find(p => p.args.some(arg => arg.endsWith('slidev.mjs')))
  if (!slidev)
    throw new Error(`No Slidev process below pid ${root}`)
  return { pid: slidev.pid, port: Number(slidev.args[slidev.args.indexOf('--port') + 1]) }
}
