import type { Browser } from 'playwright-chromium'
import type { TestRoom } from '../../room/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from '../../kit/browser'
import { buildPhonePage } from '../../phone/build'
import { startTestRoom, TestClient } from '../../room/testing'

/**
 * The phone in Chromium when the laptop cannot save: it must say so instead
 * of "Sending…" forever, and land the answer once saving works again.
 */

let browser: Browser
let room: TestRoom

beforeAll(async () => {
  room = await startTestRoom({ phonePage: buildPhonePage, maxPerAddress: 0 })
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await room?.dispose()
})

describe('the phone page when saving fails on the laptop', () => {
  it('says the answer will be sent again, and sends it once the database takes writes', async () => {
    const presenter = await TestClient.connect(room.wsUrl)
    expect(await presenter.control({ kind: 'open', poll: { id: 'unsaved', kind: 'choice', question: 'Who would you ask?', options: ['A colleague', 'A friend'] } })).toMatchObject({ type: 'ack' })
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
    const page = await context.newPage()
    await page.goto(`${room.baseUrl}/join`)
    await page.getByRole('heading', { name: 'Who would you ask?' }).waitFor()
    await page.locator('#status[data-state=open]').waitFor()

    // Every write fails now, as on a database that turned read-only mid-session.
    const db = room.server.storage.db
    db.pragma('query_only = 1')
    await page.getByText('A friend').click()
    await page.getByRole('button', { name: 'Send answer' }).click()
    await page.getByText('Saving failed on the laptop — your answer will be sent again').waitFor()
    expect(await page.getByRole('button', { name: 'Sending…' }).count()).toBe(0)
    expect((await fetch(`${room.baseUrl}/api/health`)).status).toBe(503)

    db.pragma('query_only = 0')
    // The phone's own timer (about 5 s) sends it again.
    await page.getByText('Your answer is in ✓').waitFor({ timeout: 15_000 })
    expect(room.server.storage.roundVotes(room.server.room.session, 'unsaved', 1).map(v => v.value)).toEqual(['1'])
    expect((await fetch(`${room.baseUrl}/api/health`)).status).toBe(200)
    await presenter.close()
    await context.close()
  })
})
