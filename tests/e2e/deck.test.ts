import type { Browser, Page } from 'playwright-chromium'
import type { ResultsExport } from '../../core/protocol'
import type { RunningDeck } from '../support/deck'
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findPoll } from '../../core/talk/deck'
import { launchBrowser } from '../../kit/browser'
import { loadDeck } from '../../room/deck-file'
import { startDeck } from '../support/deck'
import { projectRoot } from '../support/processes'
import { slideOfPoll } from './slidev-routes'

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])
/** The poll the live-editing test rewrites while it is open. */
const EDITED_POLL = 'when-stuck'
const EDITED_QUESTION = 'When I am stuck, I ask for help after… (edited while the deck runs)'

/**
 * slides.md copied into a temp folder, so a test can edit it while the deck runs. Slidev takes
 * layouts, components, setup/ and vite.config.ts from the deck's folder and its addons, so the
 * copy names the project as its addon; public files and packages are linked beside it.
 */
function copyOfDeck(): { path: string, remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'deck-copy-'))
  const source = readFileSync(join(projectRoot, 'slides.md'), 'utf8')
  expect(source.startsWith('---\n') && !/^addons:/m.test(source.split('\n---')[0]!)).toBe(true)
  writeFileSync(join(dir, 'slides.md'), source.replace(/^---\n/, `---\naddons:\n  - ${JSON.stringify(projectRoot)}\n`))
  symlinkSync(join(projectRoot, 'public'), join(dir, 'public'))
  symlinkSync(join(projectRoot, 'node_modules'), join(dir, 'node_modules'))
  return { path: join(dir, 'slides.md'), remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/** Rewrites one poll's `question:` in a deck file, as a facilitator saving slides.md would. */
function editQuestion(path: string, pollId: string, question: string): void {
  const lines = readFileSync(path, 'utf8').split('\n')
  const at = lines.findIndex(line => line.trim() === `id: ${pollId}`)
  const q = lines.findIndex((line, i) => i > at && /^\s*question:/.test(line))
  expect(at, `poll ${pollId} in ${path}`).toBeGreaterThan(0)
  lines[q] = `${lines[q]!.match(/^\s*/)![0]}question: '${question}'`
  writeFileSync(path, lines.join('\n'))
}

describe('the deck in Chromium', () => {
  let deck: RunningDeck
  let browser: Browser
  /** The deck runs on a copy of slides.md, which the live-editing test edits. */
  let copy: { path: string, remove: () => void }

  beforeAll(async () => {
    copy = copyOfDeck()
    ;[deck, browser] = await Promise.all([startDeck({ deck: copy.path }), launchBrowser()])
  })

  afterAll(async () => {
    await browser?.close()
    await deck?.stop()
    copy?.remove()
  })

  async function openPage(viewport = { width: 1280, height: 720 }) {
    const page = await browser.newPage({ viewport })
    // A cold Vite dev server compiles the deck on first visit; give it time.
    page.setDefaultTimeout(90_000)
    return page
  }

  it('loads and walks through slides without any request leaving the machine', async () => {
    const page = await openPage()
    const outside: string[] = []
    const consoleErrors: string[] = []
    page.on('request', (request) => {
      const url = new URL(request.url())
      if ((url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'ws:') && !LOOPBACK.has(url.hostname))
        outside.push(request.url())
    })
    page.on('console', (message) => {
      if (message.type() === 'error')
        consoleErrors.push(message.text())
    })
    await page.goto(`${deck.url}/1`, { waitUntil: 'load', timeout: 90_000 })
    // Our layouts are custom; Slidev marks every rendered slide with its number.
    await page.locator('[data-slidev-no="1"]').first().waitFor()
    for (let slide = 2; slide <= 6; slide++) {
      await page.keyboard.press('ArrowRight')
      await page.waitForURL(new RegExp(`/${slide}(\\?|$)`))
    }
    await page.waitForTimeout(1_000)
    expect(outside).toEqual([])
    expect(consoleErrors).toEqual([])
    await page.close()
  })

  it('shows speaker notes with do/say cues and a timer in presenter mode', async () => {
    const page = await openPage({ width: 1440, height: 900 })
    await page.goto(`${deck.url}/presenter/2?room=${deck.secret}`, { waitUntil: 'load', timeout: 90_000 })
    const notes = page.locator('.slidev-note').first()
    await notes.waitFor()
    // The pane says "No notes for this slide" until the slide's notes module has loaded.
    // Each cue is its own paragraph, opened by a Do or Say label the stylesheet colours apart.
    await expect.poll(() => notes.locator('p .ws-cue-do').count(), { timeout: 30_000 }).toBeGreaterThan(0)
    expect(await notes.locator('p .ws-cue-say').count()).toBeGreaterThan(0)
    const paragraphs = await notes.locator('p').allTextContents()
    for (const paragraph of paragraphs)
      expect(paragraph.trim(), 'one cue per paragraph').toMatch(/^(?:Do|Say) /)
    expect(await notes.textContent()).not.toContain('[do]')
    // Slidev's presenter timer (TimerInlined) renders h:mm:ss in a monospace block.
    const timer = page.locator('.font-mono.text-3xl').first()
    await timer.waitFor()
    // A countdown of the 90-minute run, not yet started.
    expect((await timer.textContent())?.replace(/\s/g, '')).toBe('1:30:00')
    await page.close()
  })

  it('says in words when a presenter link carries a secret the room refuses, and how to get the right one', async () => {
    const page = await openPage({ width: 1440, height: 900 })
    await page.goto(`${deck.url}/presenter/3?room=not-this-rooms-secret`, { waitUntil: 'load', timeout: 90_000 })
    const alert = page.locator('[data-secret-alert]')
    await alert.waitFor({ timeout: 30_000 })
    expect(await alert.textContent()).toContain('This presenter link is not this room’s')
    expect(await alert.textContent()).toContain('npm start')
    // The right link replaces the stale secret, and the message goes.
    await page.goto(`${deck.url}/presenter/3?room=${deck.secret}`, { waitUntil: 'load', timeout: 90_000 })
    await alert.waitFor({ state: 'detached', timeout: 30_000 })
    // The link was swapped for an HttpOnly cookie: no page script can read the secret.
    expect(new URL(page.url()).search).not.toContain(deck.secret)
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie)).not.toContain(deck.secret)
    expect(await page.evaluate(() => document.cookie)).not.toContain('workshop-presenter')
    await page.close()
  })

  it('takes an edit of slides.md while it runs: an open round keeps its question until it closes, Open again asks the new one', async () => {
    const before = findPoll(loadDeck(copy.path).talk, EDITED_POLL)
    expect(before?.kind, `${EDITED_POLL} is a choice poll`).toBe('choice')
    const options = before?.kind === 'choice' ? before.options : []

    const presenter = await openPage({ width: 1440, height: 900 })
    await presenter.goto(`${deck.url}/presenter/1?room=${deck.secret}`, { waitUntil: 'load', timeout: 90_000 })
    const no = await slideOfPoll(presenter, EDITED_POLL)
    expect(no, `a slide with poll ${EDITED_POLL}`).toBeGreaterThan(0)
    await presenter.goto(`${deck.url}/presenter/${no}`, { waitUntil: 'load', timeout: 90_000 })
    const projector = await browser.newPage({ viewport: { width: 1280, height: 720 } })
    projector.setDefaultTimeout(90_000)
    await projector.goto(`${deck.url}/${no}`, { waitUntil: 'load', timeout: 90_000 })

    const stage = presenter.locator(`[data-poll-id="${EDITED_POLL}"]:visible`).first()
    const controls = stage.locator(`[data-poll-controls="${EDITED_POLL}"]`)
    const question = (where: Page) => where.locator(`[data-poll-id="${EDITED_POLL}"]:visible [data-poll-question]`).first().textContent().then(text => text?.trim())
    await controls.locator('[data-action="open"]').click()
    await controls.locator('[data-action="close"]').waitFor()

    const phone = await openPage({ width: 390, height: 844 })
    await phone.goto(`${deck.url}/join`, { waitUntil: 'domcontentloaded', timeout: 90_000 })
    await phone.locator('h1.question', { hasText: before!.question }).waitFor({ timeout: 30_000 })
    await phone.getByText(options[1]!, { exact: true }).click()
    await phone.getByRole('button', { name: 'Send answer' }).click()
    await phone.getByText(/Your answer is in/).first().waitFor({ timeout: 30_000 })

    // Save slides.md with a new question while phones answer the old one.
    editQuestion(copy.path, EDITED_POLL, EDITED_QUESTION)
    expect(findPoll(loadDeck(copy.path).talk, EDITED_POLL)?.question).toBe(EDITED_QUESTION)
    const notice = controls.locator('[data-poll-edited]')
    await notice.waitFor({ timeout: 30_000 })
    expect(await notice.textContent()).toContain('Phones keep the question they have until you close it; Open again asks the new one.')
    expect(await question(presenter)).toBe(before!.question)
    expect(await question(projector)).toBe(before!.question)
    expect(await projector.locator('[data-poll-edited]').count()).toBe(0)
    expect(await phone.locator('h1.question').textContent()).toBe(before!.question)

    // Close: the round keeps its answer; Open again starts round 2 with the new question.
    await controls.locator('[data-action="close"]').click()
    const reopen = controls.locator('[data-action="open"]')
    await reopen.waitFor()
    await expect.poll(() => reopen.textContent().then(text => text?.trim())).toBe('Open again')
    expect(await notice.textContent()).toContain('Open again asks the new question as round 2; round 1 keeps its answers')
    await reopen.click()
    await controls.locator('[data-action="close"]').waitFor()
    await phone.locator('h1.question', { hasText: EDITED_QUESTION }).waitFor({ timeout: 30_000 })
    await expect.poll(() => question(presenter), { timeout: 15_000 }).toBe(EDITED_QUESTION)
    await expect.poll(() => question(projector), { timeout: 15_000 }).toBe(EDITED_QUESTION)
    expect(await notice.count()).toBe(0)

    const response = await fetch(`${deck.url}/api/results`, { headers: { Authorization: `Bearer ${deck.secret}` }, signal: AbortSignal.timeout(15_000) })
    const rounds = (await response.json() as ResultsExport).polls.filter(p => p.poll.id === EDITED_POLL).sort((a, b) => a.round - b.round)
    expect(rounds.map(r => [r.round, r.poll.question, r.total])).toEqual([[1, before!.question, 1], [2, EDITED_QUESTION, 0]])

    // Renaming the open poll's id leaves a round no slide shows: the slide says so, and opening it closes that round.
    const lines = readFileSync(copy.path, 'utf8').replace(`id: ${EDITED_POLL}\n`, `id: ${EDITED_POLL}-renamed\n`)
    writeFileSync(copy.path, lines)
    const renamed = presenter.locator(`[data-poll-controls="${EDITED_POLL}-renamed"]:visible`).first()
    const orphan = renamed.locator('[data-poll-orphan]')
    await orphan.waitFor({ timeout: 30_000 })
    expect(await orphan.textContent()).toContain(`Phones are still answering “${EDITED_QUESTION}”`)
    await renamed.locator('[data-action="open"]').click()
    await renamed.locator('[data-action="close"]').waitFor()
    expect(await orphan.count()).toBe(0)
    await expect.poll(async () => {
      const data = await (await fetch(`${deck.url}/api/results`, { headers: { Authorization: `Bearer ${deck.secret}` }, signal: AbortSignal.timeout(15_000) })).json() as ResultsExport
      return data.polls.filter(p => p.status === 'open').map(p => p.poll.id)
    }, { timeout: 15_000 }).toEqual([`${EDITED_POLL}-renamed`])
    await Promise.all([presenter.close(), projector.close(), phone.close()])
  })
})
