import type { Page } from 'playwright-chromium'

/**
 * Slide numbers from Slidev's own route table in a running deck
 * (`__slidev__.nav.slides`), so a test finds a slide by what slides.md says of it
 * (`slideId:`, `poll: { id }`) and keeps working when slides move.
 */

/** Slidev fills its route table once the app has booted; a cold dev server takes a while. */
const BOOT_MS = 90_000

async function routesReady(page: Page): Promise<void> {
  await page.waitForFunction(() => Boolean((window as any).__slidev__?.nav?.slides?.length), undefined, { timeout: BOOT_MS })
}

/** The slide whose frontmatter declares poll `pollId`; 0 when none does. */
export async function slideOfPoll(page: Page, pollId: string): Promise<number> {
  await routesReady(page)
  return page.evaluate(id => Number(((window as any).__slidev__.nav.slides as any[]).find(s => s.meta?.slide?.frontmatter?.poll?.id === id)?.no ?? 0), pollId)
}

/** The slide whose frontmatter says `slideId: <slideId>`; 0 when none does. */
export async function slideOfId(page: Page, slideId: string): Promise<number> {
  await routesReady(page)
  return page.evaluate(id => Number(((window as any).__slidev__.nav.slides as any[]).find(s => s.meta?.slide?.frontmatter?.slideId === id)?.no ?? 0), slideId)
}

/** How many slides this run of the deck has. */
export async function slideCount(page: Page): Promise<number> {
  await routesReady(page)
  return page.evaluate(() => Number((window as any).__slidev__.nav.slides.length))
}
