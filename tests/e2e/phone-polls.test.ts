import type { Browser, Page } from 'playwright-chromium'
import type { PollDefinition } from '../../core/polls/definition'
import type { PhoneRoom } from './phone-room'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from '../../kit/browser'
import { focused, newPhone, startRoom } from './phone-room'

/** What a phone does around a poll: focus, stale polls, errors on their fields, reset, letters, spelling, the closing ask. */

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

async function joined(page: Page): Promise<void> {
  await page.goto(`${fixture.origin}/join`)
  await page.locator('#status[data-state=open]').waitFor()
}

/** The text of the element(s) an input's aria-describedby names. */
function description(page: Page, selector: string): Promise<string> {
  return page.locator(selector).first().evaluate(el => (el.getAttribute('aria-describedby') ?? '').split(/\s+/).map(id => document.getElementById(id)?.textContent ?? '').join(' ').trim())
}

describe('the phone page keeps focus and says what happened', () => {
  it('keeps focus on a control or the result after each action, never on <body>', async () => {
    const { control } = fixture
    const { context, page } = await newPhone(browser)
    await joined(page)
    const poll: PollDefinition = { id: 'f-choice', kind: 'choice', question: 'Where does focus go?', options: ['Here', 'There'] }
    await control({ kind: 'open', poll })
    await expect.poll(() => focused(page)).toContain('Where does focus go?')

    // Sending with nothing picked: to the first option, which the message describes.
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await page.getByText('Pick an option first.').waitFor()
    expect(await focused(page)).toMatch(/^input/)
    expect(await description(page, 'input[type=radio]')).toBe('Pick an option first.')
    expect(await page.locator('input[type=radio]').first().getAttribute('aria-invalid')).toBe('true')

    await page.keyboard.press('ArrowDown')
    expect(await page.locator('input[type=radio][aria-invalid]').count()).toBe(0)
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await page.getByText('Your answer is in ✓').waitFor()
    expect(await focused(page)).toContain('Update answer')

    // Closing disables the focused controls: the result takes focus and says what was sent.
    await control({ kind: 'close', pollId: poll.id })
    await page.locator('.closed-title').waitFor()
    await expect.poll(() => focused(page)).toContain('Voting has closed')
    expect(await page.textContent('.closed-answer')).toBe('Your answer: B · There')

    // Saving a name keeps focus on Save; a refused one goes back to the field, described by the reason.
    await page.getByText('Add your name').click()
    await page.getByLabel('Your name').fill('Sam\u202E')
    await page.getByRole('button', { name: 'Save' }).click()
    expect(await focused(page)).toMatch(/^input/)
    expect(await page.getByLabel('Your name').getAttribute('aria-invalid')).toBe('true')
    expect(await description(page, '#name')).toMatch(/direction-control/)
    await page.getByLabel('Your name').fill('Sam')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByText('Saved. Hello, Sam!').waitFor()
    expect(await focused(page)).toContain('Save')
    await context.close()
  })

  it('shows a closed poll only to phones that saw it open, and drops it when the next one opens', async () => {
    const { control } = fixture
    const poll: PollDefinition = { id: 's-old', kind: 'estimate', question: 'How many hours a week?', min: 0, max: 40 }
    const early = await newPhone(browser)
    await joined(early.page)
    const answering = await newPhone(browser)
    await joined(answering.page)
    await control({ kind: 'open', poll })
    await answering.page.getByRole('spinbutton', { name: 'Your estimate' }).fill('12')
    await answering.page.getByRole('button', { name: 'Send answer' }).click()
    await answering.page.getByText('Your answer is in ✓').waitFor()
    await early.page.getByRole('heading', { name: poll.question }).waitFor()
    await control({ kind: 'close', pollId: poll.id })

    await early.page.getByText('You didn’t answer this one.').waitFor()
    await answering.page.getByText('Your answer: 12').waitFor()
    // Someone who arrives now never saw the question: nothing to miss.
    const late = await newPhone(browser)
    await joined(late.page)
    await late.page.getByText('Look up at the screen').waitFor()
    expect(await late.page.locator('.closed').count()).toBe(0)

    // The next poll replaces the old one and its personal answer everywhere, open and closed.
    const next: PollDefinition = { id: 's-next', kind: 'choice', question: 'And now?', options: ['Yes', 'No'] }
    await control({ kind: 'open', poll: next })
    await control({ kind: 'close', pollId: next.id })
    for (const phone of [early, answering, late]) {
      await expect.poll(() => phone.page.locator('main').textContent()).not.toContain('How many hours')
      expect(await phone.page.locator('main').textContent()).not.toContain('Your answer: 12')
    }
    // All three saw the next one open and let it pass.
    for (const phone of [early, answering, late]) {
      await phone.page.getByText('You didn’t answer this one.').waitFor()
      await phone.context.close()
    }
  })

  it('ties every problem to its field: a number out of range stays as typed, with a message', async () => {
    const { control, votes } = fixture
    const { context, page } = await newPhone(browser)
    await joined(page)
    await control({ kind: 'open', poll: { id: 'e-range', kind: 'estimate', question: 'What share of help starts with a request?', min: 0, max: 100, unit: '%' } })
    const box = page.getByLabel('Your estimate in %')
    const slider = page.getByRole('slider')
    await box.fill('30')
    expect(await slider.inputValue()).toBe('30')
    await box.fill('150')
    await page.getByText('Enter a number from 0 to 100.').waitFor()
    expect(await box.inputValue()).toBe('150')
    // The slider keeps the last number the poll takes rather than pretending 150 is 100.
    expect(await slider.inputValue()).toBe('30')
    expect(await box.getAttribute('aria-invalid')).toBe('true')
    expect(await description(page, '.number')).toContain('Enter a number from 0 to 100.')
    await page.getByRole('button', { name: 'Send answer' }).click()
    expect(await focused(page)).toMatch(/^input\.number/)
    expect(votes('e-range')).toEqual([])
    await box.fill('48')
    await expect.poll(() => box.getAttribute('aria-invalid')).toBeNull()
    expect(await page.locator('.field-problem').textContent()).toBe('')
    await page.getByRole('button', { name: 'Send answer' }).click()
    await page.getByText('Your answer is in ✓').waitFor()
    expect(votes('e-range')[0]?.value).toBe('48')

    // Words: the second field holds what the room refuses; the message names that field only.
    await control({ kind: 'open', poll: { id: 'e-words', kind: 'words', question: 'Two words?', maxWords: 2 } })
    await page.getByLabel('Word 1').fill('Brave')
    await page.getByLabel('Word 2').fill('Bold\u202E')
    await page.getByRole('button', { name: 'Send answer' }).click()
    expect(await page.getByLabel('Word 2').getAttribute('aria-invalid')).toBe('true')
    expect(await page.getByLabel('Word 1').getAttribute('aria-invalid')).toBeNull()
    expect(await description(page, '#main input[type=text] >> nth=1')).toMatch(/direction-control/)
    expect(await focused(page)).toMatch(/^input/)
    expect(votes('e-words')).toEqual([])
    await context.close()
  })

  it('says the facilitator reset the poll, and takes the new answer', async () => {
    const { control, votes } = fixture
    const { context, page } = await newPhone(browser)
    await joined(page)
    const poll: PollDefinition = { id: 'r-poll', kind: 'choice', question: 'Reset me?', options: ['Yes', 'No', 'Maybe'] }
    await control({ kind: 'open', poll })
    await page.getByText('Maybe').click()
    await page.getByRole('button', { name: 'Send answer' }).click()
    await page.getByText('Your answer is in ✓').waitFor()
    await control({ kind: 'reset', pollId: poll.id })
    await page.locator('.feedback', { hasText: 'The facilitator reset this poll: you can answer again.' }).waitFor()
    expect(await page.getByLabel('Maybe').isChecked()).toBe(false)
    expect(await page.getByRole('button', { name: 'Send answer' }).isVisible()).toBe(true)
    await page.getByText('Yes').click()
    await page.getByRole('button', { name: 'Send answer' }).click()
    await page.getByText('Your answer is in ✓').waitFor()
    expect(await page.locator('.feedback').textContent()).not.toContain('reset')
    expect(votes('r-poll', 2)).toEqual([{ participantId: expect.any(String), value: '0' }])

    // Reset after closing: nothing to answer yet, but the phone says why its answer went.
    await control({ kind: 'close', pollId: poll.id })
    await page.locator('.closed-title').waitFor()
    await control({ kind: 'reset', pollId: poll.id })
    await page.getByRole('heading', { name: 'This poll was reset' }).waitFor()
    await expect.poll(() => focused(page)).not.toBe('body')
    await control({ kind: 'open', poll })
    await page.locator('.feedback', { hasText: 'The facilitator reset this poll: you can answer again.' }).waitFor()
    await context.close()
  })
})

describe('the phone page matches the projector and the person', () => {
  it('letters the options A, B, C as the projector does', async () => {
    const { control } = fixture
    const { context, page } = await newPhone(browser)
    await joined(page)
    await control({ kind: 'open', poll: { id: 'letters', kind: 'multi', question: 'Lettered?', options: ['First', 'Second', 'Third'] } })
    await page.getByRole('heading', { name: 'Lettered?' }).waitFor()
    expect(await page.locator('.mark').allTextContents()).toEqual(['A', 'B', 'C'])
    await page.getByText('Second', { exact: true }).click()
    expect(await page.getByRole('checkbox', { name: 'B, Second' }).isChecked()).toBe(true)
    await context.close()
  })

  it('shows words as this phone typed them, after closing and after a reload', async () => {
    const { control } = fixture
    const { context, page } = await newPhone(browser)
    await joined(page)
    await control({ kind: 'open', poll: { id: 'case', kind: 'words', question: 'One word?', maxWords: 1 } })
    await page.getByLabel('Your word').fill('Scary')
    await page.getByRole('button', { name: 'Send answer' }).click()
    await page.getByText('Your answer is in ✓').waitFor()
    await page.reload()
    await page.getByText('Your answer is in ✓').waitFor()
    expect(await page.getByLabel('Your word').inputValue()).toBe('Scary')
    await control({ kind: 'close', pollId: 'case' })
    await page.getByText('Your answer: Scary').waitFor()
    await context.close()
  })

  it('fills the closing "My ask" poll from the commitment saved in the exercise', async () => {
    const { control, votes } = fixture
    const { context, page } = await newPhone(browser)
    await page.goto(`${fixture.origin}/join`)
    // What the exercise's commitment step leaves on the phone (phone/commitment-file.ts).
    await page.evaluate(() => localStorage.setItem('room.commitment', JSON.stringify({ who: 'Priya', what: 'a second pair of eyes on the budget', when: 'Friday' })))
    await page.reload()
    await page.locator('#status[data-state=open]').waitFor()
    await control({ kind: 'open', poll: { id: 'my-ask', kind: 'text', question: 'Who will I ask, for what, by when?', maxLength: 280, private: true } })
    const area = page.getByLabel('Your answer')
    await expect.poll(() => area.inputValue()).toBe('I will ask Priya for a second pair of eyes on the budget by Friday.')
    await page.getByText('Filled in from the commitment you saved').waitFor()
    await page.getByText('Private: your answer is never shown on the projector.').waitFor()
    await area.fill('I will ask Priya for a review of the budget by Thursday.')
    await page.getByRole('button', { name: 'Send answer' }).click()
    await page.getByText('Your answer is in ✓').waitFor()
    expect(votes('my-ask')[0]?.value).toBe('"I will ask Priya for a review of the budget by Thursday."')
    await control({ kind: 'close', pollId: 'my-ask' })
    await context.close()
  })
})
