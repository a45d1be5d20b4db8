import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { talkPolls, variantLengths } from '../../core/talk/deck'
import { exerciseMinutes } from '../../core/talk/exercise'
import { askOffer } from '../../exercises/ask-offer'
import { clock } from '../../exercises/paper-cards'
import { materialsList } from '../../kit/content/materials'
import { exportKit } from '../../kit/export'
import { loadDeck } from '../../room/deck-file'
import { readPdfText } from '../support/pdf'

const { talk } = loadDeck()
/** The deck's longest run: the one with a second, ring round on the cards. */
const LONG = Math.max(...variantLengths(talk))

/**
 * The paper cards as `npm run export -- --people N` prints them, read back
 * from the PDF: one card per person, no token twice, a round-2 ring on every
 * card that holds nobody's round-1 partner.
 */

const dir = mkdtempSync(join(tmpdir(), 'kit-paper-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function exportCli(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'bin/export.ts', ...args], { encoding: 'utf8', timeout: 120_000 })
}

interface PrintedCard { token: string, seat: string, ring: number | null, set: number }

/** Each card's foot reads "Table set 3 · card 5 of 8" … "Red 1 A · ring 5". */
function printedCards(text: string): PrintedCard[] {
  const pattern = /Table set (\d+) · card \d+ of \d+ ([A-Z][a-z]+ \d+) ([A-E])(?: · ring (\d+))?/g
  return [...text.matchAll(pattern)].map(match => ({ set: Number(match[1]), token: match[2]!, seat: match[3]!, ring: match[4] === undefined ? null : Number(match[4]) }))
}

function byToken(cards: readonly PrintedCard[]): Map<string, PrintedCard[]> {
  const out = new Map<string, PrintedCard[]>()
  for (const card of cards)
    out.set(card.token, [...out.get(card.token) ?? [], card])
  return out
}

describe('npm run export -- --people 60', () => {
  const out = join(dir, 'sixty')
  let text = ''
  let pages: string[] = []

  beforeAll(async () => {
    const run = exportCli(['--only', 'cards', '--variant', String(LONG), '--people', '60', '--out', out])
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout).toContain('paper-cards.pdf')
    ;({ text, pages } = await readPdfText(join(out, 'paper-cards.pdf')))
  })

  it('prints one card per person, two per token, never a token twice', () => {
    const cards = printedCards(text)
    expect(cards).toHaveLength(60)
    const tokens = byToken(cards)
    expect(tokens.size).toBe(30)
    for (const [token, holders] of tokens)
      expect(holders.map(card => card.seat), token).toEqual(['A', 'B'])
    expect(text).toMatch(/Printed for 60 people: 60 cards/i)
  })

  it('gives every card a round-2 ring at its own table, and no ring holds a round-1 pair', () => {
    const cards = printedCards(text)
    const rings = new Map<number, PrintedCard[]>()
    for (const card of cards) {
      expect(card.ring, `${card.token} ${card.seat}`).not.toBeNull()
      rings.set(card.ring!, [...rings.get(card.ring!) ?? [], card])
    }
    for (const [ring, members] of rings) {
      expect(members.length, `ring ${ring}`).toBeGreaterThanOrEqual(2)
      expect(new Set(members.map(card => card.token)).size, `ring ${ring}`).toBe(members.length)
      expect(new Set(members.map(card => card.set)).size, `ring ${ring}`).toBe(1)
    }
  })

  it('times the rounds as the slide does, in m:ss, and speaks of cards and tables, not phones', () => {
    expect(text).toContain(`Pair up and rounds ${clock(Math.round(exerciseMinutes(LONG) * 60))}`)
    expect(text).not.toContain('½')
    const script = pages.filter(page => page.includes('Timer script') || page.includes('(round 2)')).join(' ')
    expect(script).not.toMatch(/phone/i)
    expect(script).toContain('same colour and number')
    expect(text).toContain('no observer: everyone asks once')
    // One sign per topic, to fold and stand on the tables.
    for (const topic of askOffer.topics)
      expect(pages.some(page => page.includes(`${topic.label} Asks on this topic meet here`)), topic.label).toBe(true)
  })
})

describe('the materials list', () => {
  it('names only files the export writes, and the guide prints it', async () => {
    const out = join(dir, 'materials')
    const summary = await exportKit({ out, only: ['guide', 'handout', 'cards'], people: 12, renderer: 'silent' })
    const written = summary.files.map(file => file.path.slice(out.length + 1))
    const named = [...new Set(materialsList({ polls: talkPolls(talk) }).flatMap(item => item.file ? [item.file] : []))]
    expect(named.length).toBeGreaterThanOrEqual(3)
    for (const file of named)
      expect(written, file).toContain(file)
    const guide = (await readPdfText(join(out, 'facilitator-guide.pdf'))).text.replace(/\s+/g, ' ')
    expect(guide).toContain('printed for your head count')
    expect(guide).not.toMatch(/ask\/offer cards|a set per 20/i)
  })
})

describe('other head counts', () => {
  it('an odd room gets exactly one trio token, on three cards', async () => {
    const out = join(dir, 'odd')
    await exportKit({ out, only: ['cards'], variant: String(LONG), people: 31, renderer: 'silent' })
    const cards = printedCards((await readPdfText(join(out, 'paper-cards.pdf'))).text)
    expect(cards).toHaveLength(31)
    const groups = [...byToken(cards).values()]
    expect(groups.filter(group => group.length === 3).map(group => group.map(card => card.seat))).toEqual([['A', 'B', 'C']])
    expect(groups.filter(group => group.length === 2)).toHaveLength(14)
  })

  it('refuses a head count that is not a whole number of two or more, writing nothing', () => {
    for (const bad of ['0', '-3', '12.5', 'thirty']) {
      const out = join(dir, `bad-${bad}`)
      const run = exportCli(['--only', 'cards', `--people=${bad}`, '--out', out])
      expect(run.status, bad).toBe(1)
      expect(run.stderr).toContain(`--people "${bad}" is not a head count`)
      expect(existsSync(out)).toBe(false)
    }
  })
})
