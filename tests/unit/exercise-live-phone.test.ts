import type { ExercisePhoneView } from '../../core/protocol'
import { describe, expect, it } from 'vitest'
import { askOffer } from '../../exercises/ask-offer'
import { scheduleFor } from '../../exercises/schedule'
import { applyEvent, initialTimeline } from '../../exercises/timeline'
import { commitmentIcs, commitmentText, foldLine, icsText } from '../../phone/commitment-file'
import { formatClock, liveStep, namesOf, roleIn, spokenClock } from '../../phone/exercise-clock'

describe('the phone exercise clock', () => {
  it('formats time left, rounding up so 0:00 means time is up', () => {
    expect(formatClock(0)).toBe('0:00')
    expect(formatClock(1)).toBe('0:01')
    expect(formatClock(59_001)).toBe('1:00')
    expect(formatClock(125_000)).toBe('2:05')
    expect(formatClock(-5)).toBe('0:00')
    expect(spokenClock(125_000)).toBe('2 minutes 5 seconds left')
    expect(spokenClock(60_000)).toBe('1 minute left')
    expect(spokenClock(0)).toBe('0 seconds left')
  })

  it('derives the step and time left from the stored timeline and the server time', () => {
    const schedule = scheduleFor(askOffer, 60)
    const t0 = 1_000_000
    let state = initialTimeline()
    for (const [event, at] of [[{ type: 'start' }, t0], [{ type: 'next' }, t0 + 10_000], [{ type: 'next' }, t0 + 20_000]] as const) {
      const result = applyEvent(state, event, schedule, at)
      if (!result.ok)
        throw new Error(result.message)
      state = result.state
    }
    const view = { run: 1, exerciseId: 'ask-offer', variant: 60, clock: { timeline: state } } as unknown as ExercisePhoneView
    // Round 1 started at t0 + 20 s: ask 60 s, clarify 60 s.
    expect(liveStep(view, t0 + 20_000 + 70_000)).toMatchObject({ phase: 'rounds', step: { id: 'clarify' }, remainingMs: 50_000, turn: 0 })
    // The swap comes after ask + clarify + offer (210 s).
    expect(liveStep(view, t0 + 20_000 + 211_000)).toMatchObject({ swap: true, turn: null })
    expect(liveStep({ ...view, exerciseId: 'nope' } as unknown as ExercisePhoneView, t0)).toBeNull()
  })

  it('gives the focus to the member whose turn it is, nobody outside turns', () => {
    expect(roleIn(0, 0)).toBe('focus')
    expect(roleIn(1, 0)).toBe('support')
    expect(roleIn(2, 1)).toBe('support')
    expect(roleIn(1, null)).toBeNull()
    expect(roleIn(-1, 0)).toBeNull()
  })

  it('names partners in plain English', () => {
    expect(namesOf(['Sam'])).toBe('Sam')
    expect(namesOf(['Sam', 'Lee'])).toBe('Sam and Lee')
    expect(namesOf(['Sam', null, 'Kim'])).toBe('Sam, someone without a name and Kim')
    expect(namesOf([])).toBe('')
  })
})

describe('the commitment files', () => {
  const note = { sentence: 'I will ask Priya, my lead, for a review; by Friday', title: 'Ask and offer' }
  const saved = new Date(2026, 2, 14, 16, 30)

  it('escapes calendar text and folds long lines at 75 octets without splitting characters', () => {
    expect(icsText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne')
    const folded = foldLine(`SUMMARY:${'é'.repeat(60)}`)
    for (const line of folded.split('\r\n'))
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75)
    expect(folded.replace(/\r\n /g, '')).toBe(`SUMMARY:${'é'.repeat(60)}`)
  })

  it('makes a reminder for 9:00 the next morning with the sentence', () => {
    const ics = commitmentIcs(note, saved, 'abc')
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true)
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true)
    expect(ics).toContain('DTSTART:20260315T090000')
    expect(ics).toContain('DTEND:20260315T091500')
    expect(ics).toContain('UID:abc@workshop-kit')
    expect(ics).toContain('SUMMARY:I will ask Priya\\, my lead\\, for a review\\; by Friday')
    expect(ics).not.toMatch(/https?:/)
  })

  it('writes a plain-text note', () => {
    const text = commitmentText(note, saved)
    expect(text).toContain(note.sentence)
    expect(text).toContain('Ask and offer')
  })
})
