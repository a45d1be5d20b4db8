import type { Buffer } from 'node:buffer'
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { extname, join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

// Text that compresses well; images, fonts and media are compressed already.
const TEXT = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.map', '.webmanifest', '.xml'])
const MIN_BYTES = 1024

/**
 * Writes `file.br` and `file.gz` beside every text file of a built deck that
 * lacks an up-to-date copy, so the static server can send them to browsers
 * that accept them. Done once at start: a build does not change while served.
 */
export function precompress(root: string): { written: number, failed: number } {
  let written = 0
  let failed = 0
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) {
        walk(path)
        continue
      }
      if (!entry.isFile() || !TEXT.has(extname(entry.name).toLowerCase()))
        continue
      const source = statSync(path)
      if (source.size < MIN_BYTES)
        continue
      for (const [suffix, compress] of [
        ['.br', (data: Buffer) => brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } })],
        ['.gz', (data: Buffer) => gzipSync(data, { level: 9 })],
      ] as const) {
        const target = path + suffix
        try {
          if ((statSync(target, { throwIfNoEntry: false })?.mtimeMs ?? 0) >= source.mtimeMs)
            continue
          const partial = `${target}.partial`
          writeFileSync(partial, compress(readFileSync(path)))
          renameSync(partial, target)
          written++
        }
        catch {
          rmSync(`${target}.partial`, { force: true })
          failed++
        }
      }
    }
  }
  walk(root)
  return { written, failed }
}
