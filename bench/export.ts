import type { Buffer } from 'node:buffer'
/**
 * Time to produce the full facilitator kit: `npm run export` (bin/export.ts)
 * into a temporary folder, with a small recorded session so the results
 * report is part of it. Falls back to the slides alone (`exportSlides()`)
 * if the command fails, and says so.
 */
import type { PollDefinition } from '../core/polls/definition'
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import process from 'node:process'
import { exportSlides } from '../kit/export-slides'
import { createRoomServer } from '../room/server'
import { projectRoot } from './lib/proc'

export interface ExportBenchResult {
  what: 'npm run export (full kit)' | 'exportSlides() only'
  seconds: number
  files: Array<{ name: string, bytes: number }>
  exitCode: number | null
  note: string | null
}

function seedSession(dbPath: string): void {
  const room = createRoomServer({ secret: 'bench-export', dbPath, session: 'bench' })
  const polls: Array<[PollDefinition, (i: number) => unknown]> = [
    [{ id: 'last-asked', kind: 'choice', question: 'When did you last ask for help at work?', options: ['Today', 'This week', 'This month', 'Can’t remember'] }, i => i % 4],
    [{ id: 'comfort', kind: 'scale', question: 'How comfortable are you asking for help?', min: 1, max: 5, minLabel: 'Not at all', maxLabel: 'Very' }, i => 1 + (i % 5)],
    [{ id: 'one-word', kind: 'words', question: 'One word for asking for help', maxWords: 1 }, i => ['brave', 'hard', 'useful', 'human'][i % 4]],
  ]
  for (const [poll, answer] of polls) {
    room.room.control({ kind: 'open', poll })
    for (let i = 0; i < 40; i++)
      room.room.vote(`bench-export-${i}`, poll.id, answer(i))
    room.room.control({ kind: 'close', pollId: poll.id })
    room.room.control({ kind: 'reveal', pollId: poll.id, revealed: true })
  }
  void room.close()
}

function listFiles(dir: string, prefix = ''): Array<{ name: string, bytes: number }> {
  const out: Array<{ name: string, bytes: number }> = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory())
      out.push(...listFiles(path, `${prefix}${entry.name}/`))
    else
      out.push({ name: `${prefix}${entry.name}`, bytes: statSync(path).size })
  }
  return out
}

export async function benchExport({ log = () => {}, timeoutMs = 600_000 }: { log?: (line: string) => void, timeoutMs?: number } = {}): Promise<ExportBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-export-'))
  const out = join(dir, 'kit')
  const dbPath = join(dir, 'room.sqlite')
  seedSession(dbPath)
  try {
    const started = performance.now()
    let output = ''
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'bin/export.ts'), '--out', out, '--db', dbPath, '--session', 'bench'], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] })
      child.stdout.on('data', (chunk: Buffer) => output += chunk.toString())
      child.stderr.on('data', (chunk: Buffer) => output += chunk.toString())
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
      child.once('exit', (exitCode) => {
        clearTimeout(timer)
        resolve(exitCode)
      })
    })
    const seconds = Math.round((performance.now() - started) / 100) / 10
    if (code === 0)
      return { what: 'npm run export (full kit)', seconds, files: listFiles(out), exitCode: code, note: null }

    log(`  npm run export failed (exit ${code}); timing exportSlides() alone`)
    const note = `bin/export.ts exited with ${code}: ${output.trim().split('\n').slice(-3).join(' / ')}`
    const slidesStarted = performance.now()
    await exportSlides({ output: join(out, 'slides.pdf') })
    return { what: 'exportSlides() only', seconds: Math.round((performance.now() - slidesStarted) / 100) / 10, files: listFiles(out), exitCode: code, note }
  }
  finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
