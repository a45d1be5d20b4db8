import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { projectRoot, runScript } from '../support/processes'

/**
 * `npm run check` as a facilitator runs it, and the same gate in front of `npm run export`:
 * real processes on real files in a temp folder.
 */
const dir = mkdtempSync(join(tmpdir(), 'deck-check-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const slides = readFileSync(join(projectRoot, 'slides.md'), 'utf8')
// Two mistakes a facilitator makes: a poll kind that does not exist, and a minute too many.
const broken = slides
  .replace('  kind: words\n', '  kind: wordcloud\n')
  .replace('minutes: { 60: 1, 90: 1.5 }', 'minutes: { 60: 2, 90: 1.5 }')
const brokenPath = join(dir, 'broken.md')
writeFileSync(brokenPath, broken)
// Outside the working folder, the path is shown whole.
const shown = brokenPath

function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex(line => line.includes(needle)) + 1
}

async function run(script: string, args: string[]): Promise<{ code: number | null, output: string }> {
  const child = runScript(script, args)
  const code = await child.exited
  return { code, output: child.output() }
}

describe('npm run check', () => {
  it('passes the shipped slides.md with its warnings and says it is ready', async () => {
    const { code, output } = await run('bin/check.ts', [])
    expect(output).toMatch(/^slides\.md:\d+ {2}warning {2}workshop\.facilitator is still the sample "Your name"/m)
    expect(output).toMatch(/slides\.md is ready: \d+ slides, \d+ polls, 60 and 90 minutes \(3 warnings\)\./)
    expect(code).toBe(0)
  }, 120_000)

  it('exits 1 on a broken deck, printing file:LINE, the level, the message and the fix', async () => {
    const { code, output } = await run('bin/check.ts', [brokenPath])
    expect(code).toBe(1)
    expect(output).toContain(`${shown}:${lineOf(broken, 'kind: wordcloud')}  error  Poll kind "wordcloud"`)
    expect(output).toMatch(/\n {4}fix: Use one of: choice, multi, scale, estimate, words, text\./)
    expect(output).toContain(`${shown}:${lineOf(broken, '    60: { buffer: 2 }')}  error  The 60-minute variant adds up to 61 minutes`)
    expect(output).toMatch(/2 errors, 3 warnings: .*broken\.md is not ready\./)
  }, 120_000)

  it('names a deck that is not there', async () => {
    const { code, output } = await run('bin/check.ts', [join(dir, 'missing.md')])
    expect(code).toBe(1)
    expect(output).toMatch(/Cannot read the deck .*missing\.md: there is no such file/)
  }, 120_000)
})

describe('npm run export on a broken deck', () => {
  it('refuses it with the same messages before writing anything', async () => {
    const out = join(dir, 'kit')
    const { code, output } = await run('bin/export.ts', ['--deck', brokenPath, '--out', out, '--only', 'handout'])
    expect(code).toBe(1)
    expect(output).toContain(`${shown}:${lineOf(broken, 'kind: wordcloud')}  error  Poll kind "wordcloud"`)
    expect(output).toMatch(/npm run export did not start: fix the errors above/)
    expect(() => readFileSync(join(out, 'handout.pdf'))).toThrow()
  }, 120_000)
})

describe('npm start on a broken deck', () => {
  it('refuses it with the same messages before the room, the database or Slidev start', async () => {
    const db = join(dir, 'room.sqlite')
    const { code, output } = await run('bin/start.ts', ['--deck', brokenPath, '--port', '39999', '--db', db, '--secret', 'test-secret'])
    expect(code).toBe(1)
    expect(output).toContain(`${shown}:${lineOf(broken, 'kind: wordcloud')}  error  Poll kind "wordcloud"`)
    expect(output).toMatch(/npm start did not start: fix the errors above, then `npm run check -- .*broken\.md` shows what is left/)
    expect(output).not.toMatch(/Workshop ready/)
    expect(() => readFileSync(db)).toThrow()
  }, 120_000)
})
