import { readdirSync, readFileSync } from 'node:fs'
import process from 'node:process'
import { afterAll, describe, expect, it } from 'vitest'
import { startDeck } from '../support/deck'

/** Pids whose command line contains every one of `parts` (Linux /proc). */
function pidsRunning(...parts: string[]): number[] {
  const pids: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry))
      continue
    try {
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ')
      if (parts.every(part => command.includes(part)))
        pids.push(Number(entry))
    }
    catch {}
  }
  return pids
}

describe('npm start when Slidev dies under it', () => {
  let stop: (() => Promise<void>) | undefined

  afterAll(async () => {
    await stop?.()
  })

  it('exits non-zero and names the signal instead of reporting success', async () => {
    const deck = await startDeck()
    stop = deck.stop
    const port = new URL(deck.url).port
    const slidev = pidsRunning('slidev.mjs', 'slides.md', '--port', port)
    expect(slidev).toHaveLength(1)
    process.kill(slidev[0]!, 'SIGKILL')
    expect(await deck.process.exited).toBe(137)
    expect(deck.process.output()).toContain('Slidev\'s dev server was killed by signal SIGKILL.')
  })
})
