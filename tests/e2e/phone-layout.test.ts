import type { Browser, Page } from 'playwright-chromium'
import type { PollDefinition } from '../../core/polls/definition'
import type { PhoneRoom } from './phone-room'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import process from 'node:process'
import { AxeBuilder } from '@axe-core/playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from '../../kit/browser'
import { newPhone, startRoom } from './phone-room'

/**
 * Every target at least 44 x 44 CSS px (WCAG 2.5.5) and nothing wider than
 * the screen, on a 320 px phone and on the same phone at 200% zoom, where
 * the page lays out in 160 CSS px.
 */
const MIN_TARGET = 44
const WIDTHS = [
  { name: '320 px', viewport: { width: 320, height: 568 } },
  { name: '200% zoom', viewport: { width: 160, height: 284 } },
]

const polls: PollDefinition[] = [
  { id: 'l-choice', kind: 'choice', question: 'When you are stuck, how long do you wait before asking?', options: ['A few minutes', 'An hour or so', 'Until the end of the day', 'I rarely ask'] },
  { id: 'l-multi', kind: 'multi', question: 'What makes asking for help hard?', options: ['Looking incompetent', 'Bothering busy people', 'Not knowing whom to ask'] },
  { id: 'l-seven', kind: 'scale', question: 'On my team, it’s safe to say “I need support.”', min: 1, max: 7, minLabel: 'Not true at all', maxLabel: 'Completely true' },
  { id: 'l-eleven', kind: 'scale', question: 'How comfortable are you asking your lead for help?', min: 0, max: 10, minLabel: 'Not at all', maxLabel: 'Completely' },
  { id: 'l-estimate', kind: 'estimate', question: 'What share of help at work starts with a request?', min: 0, max: 100, unit: '%' },
  { id: 'l-words', kind: 'words', question: 'One word: how does asking for help feel?', maxWords: 3 },
  { id: 'l-text', kind: 'text', question: 'Who will I ask, for what, by when?', maxLength: 280, private: true },
]

interface Measure {
  scrollWidth: number
  width: number
  small: Array<{ what: string, width: number, height: number }>
  targets: number
}

/** Every visible thing a finger can hit (a card stands in for its visually hidden input), and the page's width. */
function measure(page: Page): Promise<Measure> {
  return page.evaluate((min) => {
    const els = [...document.querySelectorAll<HTMLElement>('button, summary, textarea, input:not(.visually-hidden-input), .card, a[href]')]
      .filter(el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
    const small = els.map((el) => {
      const box = el.getBoundingClientRect()
      return { what: `${el.tagName.toLowerCase()} ${(el.textContent ?? '').trim().slice(0, 30) || el.getAttribute('aria-label') || el.className}`, width: Math.round(box.width * 10) / 10, height: Math.round(box.height * 10) / 10 }
    }).filter(box => box.width < min || box.height < min)
    return { scrollWidth: document.scrollingElement!.scrollWidth, width: document.documentElement.clientWidth, small, targets: els.length }
  }, MIN_TARGET)
}

let browser: Browser
let fixture: PhoneRoom

beforeAll(async () => {
  fixture = await startRoom()
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await fixture?.stop()
})

describe.each(WIDTHS)('the phone page at $name', ({ name, viewport }) => {
  it('keeps every target at least 44 x 44 px with no sideways scroll and no axe violation, in every poll state', async () => {
    const { origin, control } = fixture
    const { context, page } = await newPhone(browser, viewport)
    // A poll fades in; axe would measure the contrast of a half-drawn frame.
    await page.emulateMedia({ reducedMotion: 'reduce' })
    const shots = process.env.PHONE_SCREENSHOTS
    const dir = shots && join(shots, name.replace(/\W+/g, '-'))
    if (dir)
      mkdirSync(dir, { recursive: true })
    const check = async (state: string): Promise<void> => {
      if (dir)
        await page.screenshot({ path: join(dir, `${state}.png`), fullPage: true, animations: 'disabled' })
      const m = await measure(page)
      expect(m.scrollWidth, `${state}: page width`).toBeLessThanOrEqual(m.width)
      expect(m.small, `${state}: targets under ${MIN_TARGET} px`).toEqual([])
      const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze()
      expect(axe.violations.map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(', ')}`), `${state}: axe`).toEqual([])
    }
    await page.goto(`${origin}/join`)
    await page.getByText('Look up at the screen').waitFor()
    await page.getByText('Add your name').click()
    await check('waiting-and-name')

    for (const poll of polls) {
      await control({ kind: 'open', poll })
      await page.getByRole('heading', { name: poll.question }).waitFor()
      await check(poll.id)
    }
    // The 1-7 scale on two balanced rows (4 + 3), never six and a straggler.
    await control({ kind: 'open', poll: polls[2]! })
    await page.getByRole('heading', { name: polls[2]!.question }).waitFor()
    const rows = await page.locator('.scale-step').evaluateAll(els => [...new Set(els.map(el => Math.round(el.getBoundingClientRect().top)))].length)
    expect(rows, 'rows of the 1-7 scale').toBe(viewport.width >= 320 ? 2 : 4)
    await page.getByText('5', { exact: true }).click()
    await page.getByRole('button', { name: 'Send answer' }).click()
    await page.getByText('Your answer is in ✓').waitFor()
    await check('sent')

    await context.setOffline(true)
    await page.locator('#banner.is-shown').waitFor()
    await check('offline')
    await context.setOffline(false)
    await page.locator('#banner.is-shown').waitFor({ state: 'hidden', timeout: 15_000 })

    await control({ kind: 'close', pollId: polls[2]!.id })
    await page.locator('.closed-title').waitFor()
    await check('closed')
    await context.close()
  })
})

describe('the offline banner', () => {
  it('covers the header instead of pushing the poll down', async () => {
    const { origin, control } = fixture
    const { context, page } = await newPhone(browser)
    // Measured after the fade-in, which moves the poll by a few pixels on its own.
    await page.emulateMedia({ reducedMotion: 'reduce' })
    const poll: PollDefinition = { id: 'banner', kind: 'choice', question: 'Does the option stay put?', options: ['Yes', 'No'] }
    await control({ kind: 'open', poll })
    await page.goto(`${origin}/join`)
    const option = page.locator('.card', { hasText: 'No' })
    await option.waitFor()
    const before = await option.boundingBox()
    await context.setOffline(true)
    await page.locator('#banner.is-shown').waitFor()
    expect(await option.boundingBox()).toEqual(before)
    // Over the header (brand and status), not over the question.
    const banner = (await page.locator('#banner').boundingBox())!
    const question = (await page.getByRole('heading', { name: poll.question }).boundingBox())!
    expect(banner.y + banner.height).toBeLessThanOrEqual(question.y)
    await context.setOffline(false)
    await context.close()
  })
})
