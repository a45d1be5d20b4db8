import { describe, expect, it } from 'vitest'
import { askOffer } from '../../exercises/ask-offer'
import { paperCards } from '../../exercises/paper-cards'
import { paperCardsDocument } from '../../kit/documents/paper-cards'
import { renderHtml } from '../../kit/documents/render-html'

describe('the paper cards document', () => {
  it('renders the script, one card per person in sheets of eight, and a sign per topic, text escaped, no external resources', async () => {
    const html = await renderHtml(() => paperCardsDocument(paperCards(askOffer, 90, { people: 19 }), 'body{}'))
    expect(html.startsWith('<!doctype html>')).toBe(true)
    expect(html).toContain('Timer script')
    expect(html).toContain('Cards to cut out')
    expect(html.match(/class="card"/g)).toHaveLength(19)
    expect(html.match(/class="sheet"/g)).toHaveLength(3)
    expect(html.match(/class="sign"/g)).toHaveLength(askOffer.topics.length)
    expect(html).toContain('I will ask ___ for ___ by ___')
    expect(html).not.toContain('½')
    expect(html).not.toMatch(/<(?:link|script|img)\b/)
  })
})
