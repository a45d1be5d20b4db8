import { describe, expect, it } from 'vitest'
import { askOffer } from '../../exercises/ask-offer'
import { paperCards } from '../../exercises/paper-cards'
import { paperCardsDocument } from '../../kit/documents/paper-cards'
import { renderHtml } from '../../kit/documents/render-html'

describe('the paper cards document', () => {
  it('renders the timer script and the cards as one HTML document, text escaped, no external resources', async () => {
    const html = await renderHtml(() => paperCardsDocument(paperCards(askOffer, 90, { groups: 3 }), 'body{}'))
    expect(html.startsWith('<!doctype html>')).toBe(true)
    expect(html).toContain('Timer script')
    expect(html).toContain('Cards to cut out')
    expect(html.match(/class="card"/g)).toHaveLength(7)
    expect(html).toContain('I will ask ___ for ___ by ___')
    expect(html).not.toMatch(/<(?:link|script|img)\b/)
  })
})
