import { describe, expect, it } from 'vitest'
import { askOffer } from '../../exercises/ask-offer'
import { paperCards, timerScript } from '../../exercises/paper-cards'
import { scheduleFor } from '../../exercises/schedule'
import { troika } from '../../exercises/troika'

describe('paper cards for a room without phones', () => {
  it('prints two cards per pair with the same colour and number, and one trio card', () => {
    const set = paperCards(askOffer, 60, { groups: 14 })
    const byGroup = new Map<number, typeof set.cards>()
    for (const card of set.cards)
      byGroup.set(card.group, [...byGroup.get(card.group) ?? [], card])
    expect(byGroup.size).toBe(14)
    for (const cards of byGroup.values()) {
      expect(new Set(cards.map(c => c.token.label)).size).toBe(1)
      expect(cards.map(c => c.seat).slice(0, 2)).toEqual(['A', 'B'])
    }
    expect(set.cards.filter(c => c.seat === 'C')).toHaveLength(1)
    // 12 colours, then numbers: distinct labels across groups.
    expect(new Set(set.cards.map(c => c.token.label)).size).toBe(14)
    expect(set.cards.find(c => c.group === 13)?.token.number).toBe(2)
    expect(set.roles.focus.prompts[0]).toContain('I am working on')
    expect(set.commitment).toBe('I will ask ___ for ___ by ___')
  })

  it('gives troika a third seat in every group', () => {
    const set = paperCards(troika, 90, { groups: 3 })
    expect(set.cards.filter(c => c.seat === 'C')).toHaveLength(3)
  })

  it('writes the timer script from the definition: every step, in order, adding up', () => {
    for (const variant of [60, 90] as const) {
      const rows = timerScript(askOffer, variant)
      const steps = scheduleFor(askOffer, variant).segments.flatMap(s => s.steps)
      expect(rows.map(r => r.label)).toEqual(steps.map(s => s.label))
      expect(rows[0]?.at).toBe('0:00')
      const total = steps.reduce((n, s) => n + s.seconds, 0)
      expect(paperCards(askOffer, variant).totalMinutes).toBeCloseTo(total / 60, 1)
    }
    const rows = timerScript(askOffer, 60)
    expect(rows.find(r => r.label === 'Ask')?.say).toContain('card A asks')
    expect(rows[1]?.at).toBe('2:30')
  })
})
