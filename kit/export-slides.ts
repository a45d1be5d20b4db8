import type { Buffer } from 'node:buffer'
import type { ChildEnd } from '../core/child-exit'
import type { Variant } from '../core/talk/settings'
import { spawn } from 'node:child_process'
import { mkdirSync, renameSync, rmSync } from 'node:fs'
import { constants } from 'node:os'
import { dirname, extname, join, resolve } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { childOutcome } from '../core/child-exit'
import { findBrowser } from './browser'

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')

export type SlidesFormat = 'pdf' | 'png' | 'pptx'

export interface ExportSlidesOptions {
  /** Where the file (or, for png, the folder) ends up. */
  output: string
  format?: SlidesFormat
  variant?: Variant
  /** Seconds Slidev may wait for a slide to render. @default 60 */
  timeoutSeconds?: number
  onOutput?: (line: string) => void
}

/**
 * Exports the deck through Slidev's own exporter with the browser we found,
 * into a temporary name first so a failed export never leaves a half file.
 */
export async function exportSlides(options: ExportSlidesOptions): Promise<string> {
  const format = options.format ?? 'pdf'
  const { executablePath } = findBrowser()
  const output = resolve(options.output)
  mkdirSync(dirname(output), { recursive: true })
  const partial = format === 'png' ? `${output}.partial` : `${output.slice(0, -extname(output).length || undefined)}.partial${extname(output)}`
  rmSync(partial, { recursive: true, force: true })

  const slidevBin = join(dirname(fileURLToPath(import.meta.resolve('@slidev/cli/package.json'))), 'bin', 'slidev.mjs')
  const args = [slidevBin, 'export', 'slides.md', '--format', format, '--output', partial, '--executable-path', executablePath, '--timeout', String((options.timeoutSeconds ?? 60) * 1000)]
  // ROOM_SNAPSHOT: the exporter's room reads a copy of the database, so it never writes to it and
  // is not refused by the lock of a room that is running the session right now.
  const env: NodeJS.ProcessEnv = { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true', ROOM_SNAPSHOT: '1' }
  if (options.variant)
    env.WORKSHOP_VARIANT = String(options.variant)

  const end = await new Promise<ChildEnd>((resolveEnd, reject) => {
    const child = spawn(process.execPath, args, { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] })
    const forward = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (line.trim())
          options.onOutput?.(line)
      }
    }
    child.stdout.on('data', forward)
    child.stderr.on('data', forward)
    child.once('error', reject)
    child.once('exit', (code, signal) => resolveEnd({ code, signal }))
  })
  const outcome = childOutcome('Slidev\'s exporter', end, null, name => constants.signals[name as NodeJS.Signals])
  if (outcome.exitCode !== 0 || end.code !== 0) {
    rmSync(partial, { recursive: true, force: true })
    throw new Error(outcome.message ?? `Slidev's exporter failed (exit code ${end.code}).`)
  }
  rmSync(output, { recursive: true, force: true })
  renameSync(partial, output)
  return output
}
