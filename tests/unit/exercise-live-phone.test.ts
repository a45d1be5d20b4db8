import type { ExerciseGroupView, ExercisePhoneView } from '../../core/protocol'
import type { TimelineState } from '../../exercises/timeline'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { askOffer } from '../../exercises/ask-offer'
import { scheduleFor } from '../../exercises/schedule'
import { applyEvent, initialTimeline } from '../../exercises/timeline'
import { TOKEN_PALETTE, tokenAt } from '../../exercises/tokens'
import { groupRoleAt, groupStepAt } from '../../exercises/turn-plan'
import { COMMITMENT_STORAGE_KEY, commitmentIcs, commitmentText, foldLine, icsText, loadSavedCommitment, reminderStart, saveCommitmentLocally } from '../../phone/commitment-file'
import { firstAskerLine, formatClock, liveStep, namesOf, partnersLine, roleLine, spokenClock } from '../../phone/exercise-clock'

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

  it('makes a reminder at the start it is given, with the sentence', () => {
    const ics = commitmentIcs(note, saved, 'abc', new Date(2026, 2, 15, 9, 0))
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

describe('when the reminder rings', () => {
  const afternoon = new Date(2026, 2, 11, 16, 20)

  it('rings at 9:00 on a later day', () => {
    expect(reminderStart({ year: 2026, month: 3, day: 13 }, afternoon)).toEqual(new Date(2026, 2, 13, 9, 0))
  })

  it('rings an hour from now, on the quarter hour, when the day is today and 9:00 has gone', () => {
    expect(reminderStart({ year: 2026, month: 3, day: 11 }, afternoon)).toEqual(new Date(2026, 2, 11, 17, 30))
    expect(reminderStart({ year: 2026, month: 3, day: 11 }, new Date(2026, 2, 11, 7, 0))).toEqual(new Date(2026, 2, 11, 9, 0))
  })
})

describe('the commitment kept on the phone', () => {
  function memory(): Pick<Storage, 'getItem' | 'setItem'> {
    const map = new Map<string, string>()
    return { getItem: k => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) }
  }

  it('round-trips the fields under the key the closing poll reads', () => {
    const storage = memory()
    saveCommitmentLocally({ who: 'Priya', what: 'a review', when: 'Friday' }, storage)
    expect(JSON.parse(storage.getItem(COMMITMENT_STORAGE_KEY)!)).toEqual({ who: 'Priya', what: 'a review', when: 'Friday' })
    expect(loadSavedCommitment(storage)).toEqual({ who: 'Priya', what: 'a review', when: 'Friday' })
  })

  it('reads nothing from empty, blank or broken storage', () => {
    const storage = memory()
    expect(loadSavedCommitment(storage)).toBeNull()
    storage.setItem(COMMITMENT_STORAGE_KEY, '{"who":" ","what":""}')
    expect(loadSavedCommitment(storage)).toBeNull()
    storage.setItem(COMMITMENT_STORAGE_KEY, 'not json')
    expect(loadSavedCommitment(storage)).toBeNull()
    storage.setItem(COMMITMENT_STORAGE_KEY, '["Priya"]')
    expect(loadSavedCommitment(storage)).toBeNull()
  })
})

describe('who asks and who helps, as the group’s phones say it', () => {
  const schedule = scheduleFor(askOffer, 60)
  const t0 = 1_000_000
  /** Round 1 running since t0 + 20 s. */
  function roundTimeline(): TimelineState {
    let state = initialTimeline()
    for (const [event, at] of [[{ type: 'start' }, t0], [{ type: 'next' }, t0 + 10_000], [{ type: 'next' }, t0 + 20_000]] as const) {
      const result = applyEvent(state, event, schedule, at)
      if (!result.ok)
        throw new Error(result.message)
      state = result.state
    }
    return state
  }

  function group(members: Array<{ nickname: string | null, asks: boolean, passed?: boolean }>, position: number): ExerciseGroupView {
    return {
      round: 1,
      token: tokenAt(TOKEN_PALETTE, 0),
      members: members.map((m, i) => ({ nickname: m.nickname, self: i === position, passed: m.passed ?? false, asks: m.asks })),
      position,
      turns: members.flatMap((m, i) => m.asks ? [i] : []),
      format: 'groups',
      joined: 'paired',
    }
  }

  it('never tells someone who passed that it is their turn to ask', () => {
    const timeline = roundTimeline()
    const pair = [{ nickname: 'Sam', asks: true }, { nickname: 'Lee', asks: false, passed: true }]
    const lee = group(pair, 1)
    expect(firstAskerLine(lee)).toBe('Sam asks first. You passed on asking, so you help: that’s what the exercise needs too.')
    // The whole round, second by second: Lee only ever helps; Sam asks, with no swap to a second turn.
    for (let at = t0 + 20_000; at < t0 + 20_000 + 9 * 60_000; at += 5_000) {
      const step = groupStepAt(schedule, timeline, lee.turns, at)
      if (!step)
        continue
      expect(step.swap).toBe(false)
      expect(roleLine(askOffer, groupRoleAt(step.step, 1), lee, step.focus)).not.toMatch(/^Your turn/)
      expect(roleLine(askOffer, groupRoleAt(step.step, 0), group(pair, 0), step.focus)).toMatch(/^Your turn|^Everyone/)
    }
    expect(firstAskerLine(group(pair, 0))).toBe('You ask; your partner helps.')
  })

  it('gives everyone with an ask a turn, whatever the group, and nobody else', () => {
    const timeline = roundTimeline()
    const members = fc.array(fc.record({ nickname: fc.option(fc.constantFrom('Sam', 'Lee', 'Kim'), { nil: null }), asks: fc.boolean() }), { minLength: 2, maxLength: 5 })
    fc.assert(fc.property(members, fc.integer({ min: 0, max: 9 * 60_000 }), (list, offset) => {
      const position = offset % list.length
      const g = group(list, position)
      const step = groupStepAt(schedule, timeline, g.turns, t0 + 20_000 + offset)
      if (!step)
        return
      const heading = roleLine(askOffer, groupRoleAt(step.step, position), g, step.focus)
      if (heading.startsWith('Your turn'))
        expect(list[position]!.asks).toBe(true)
      if (step.focus !== null)
        expect(list[step.focus]!.asks).toBe(true)
    }))
  })

  it('says who asks first in a trio, and that the others ask after', () => {
    const trio = [{ nickname: 'Sam', asks: true }, { nickname: null, asks: true }, { nickname: 'Kim', asks: true }]
    expect(firstAskerLine(group(trio, 0))).toBe('You ask first.')
    expect(firstAskerLine(group(trio, 2))).toBe('Sam asks first; you ask after.')
    expect(partnersLine(group(trio, 2))).toBe('Your partners: Sam and someone without a name')
    expect(firstAskerLine(group([{ nickname: null, asks: false }, { nickname: null, asks: false }], 0))).toMatch(/^Nobody here brought an ask/)
  })
})
