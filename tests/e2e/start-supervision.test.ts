import process from 'node:process'
import { afterAll, describe, expect, it } from 'vitest'
import { startDeck } from '../support/deck'
import { slidevBelow } from '../support/processes'

describe('npm start when Slidev dies under it', () => {
  let stop: (() => Promise<void>) | undefined

  afterAll(async () => {
    await stop?.()
  })

  it('exits non-zero and names the signal instead of reporting success', async () => {
    const deck = await startDeck()
    stop = deck.stop
    process.kill(slidevBelow(deck.process.child.pid!).pid, 'SIGKILL')
    expect(await deck.process.exited).toBe(137)
    expect(deck.process.output()).toContain('Slidev\'s dev server was killed by signal SIGKILL.')
  })
})
