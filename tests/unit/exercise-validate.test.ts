import { describe, expect, it } from 'vitest'
import { askOffer } from '../../exercises/ask-offer'
import { troika } from '../../exercises/troika'
import { hasStarterGap, mentionsHelp, mentionsTime, smartHints, validateCommitment, validateSubmission } from '../../exercises/validate'

const good = {
  ask: 'I am working on a hiring plan and could use help to review the interview loop by Friday.',
  askTopics: ['planning', 'people'],
  offers: ['TypeScript reviews', 'Running retros'],
  offerTopics: ['technical', 'process'],
}

function issues(input: unknown, definition = askOffer) {
  const result = validateSubmission(definition, input)
  if (result.ok)
    throw new Error('expected the submission to be refused')
  return result.issues
}

function accepted(input: unknown, definition = askOffer) {
  const result = validateSubmission(definition, input)
  if (!result.ok)
    throw new Error(`refused: ${JSON.stringify(result.issues)}`)
  return result.submission
}

describe('validateSubmission: the ask', () => {
  it('accepts a good submission and trims the text', () => {
    const submission = accepted({ ...good, ask: `  ${good.ask}\n`, offers: ['  Running retros  '] })
    expect(submission).toEqual({ pass: false, ask: good.ask, askTopics: ['planning', 'people'], offers: ['Running retros'], offerTopics: ['technical', 'process'] })
  })

  it('requires an ask unless passing, with a message that offers the pass', () => {
    for (const ask of [undefined, '', '    ']) {
      const [issue] = issues({ ...good, ask })
      expect(issue).toMatchObject({ field: 'ask' })
      expect(issue?.message).toMatch(/or choose to pass/)
    }
  })

  it('needs 10 to 280 characters, counting an emoji as one', () => {
    expect(issues({ ...good, ask: 'Help me!!' })[0]?.message).toBe('Your ask needs at least 10 characters.')
    accepted({ ...good, ask: 'Help me 🙏🏽 x' })
    accepted({ ...good, ask: 'x'.repeat(280) })
    accepted({ ...good, ask: '🙂'.repeat(280) })
    expect(issues({ ...good, ask: 'x'.repeat(281) })[0]?.message).toBe('Your ask can be at most 280 characters.')
  })

  it('keeps markup as literal text, never stripped or changed', () => {
    const ask = '<script>alert(1)</script> <b>help</b> me review &amp; ship by Friday'
    expect(accepted({ ...good, ask }).ask).toBe(ask)
    const offer = '<img src=x onerror=alert(1)>'
    expect(accepted({ ...good, offers: [offer] }).offers).toEqual([offer])
  })

  it('refuses control characters and direction overrides, and says so without echoing the text', () => {
    for (const ask of ['Need help with \u0000 the plan by Friday', 'Need help\u0007 with the plan', 'Need help with \u202Ethe plan by Friday', 'Need help \u009B with the plan', 'Need help with \uD800 the plan']) {
      const [issue] = issues({ ...good, ask })
      expect(issue?.field).toBe('ask')
      expect(issue?.message).not.toContain('plan')
    }
  })

  it('allows line breaks and tabs in the ask, but not in an offer', () => {
    accepted({ ...good, ask: 'Working on the roadmap.\nCould use help to prioritise by Friday.' })
    expect(issues({ ...good, offers: ['Code\nreviews'] })[0]).toMatchObject({ field: 'offers.0' })
  })

  it('refuses a non-object or a non-string ask', () => {
    expect(issues(null)[0]?.field).toBe('submission')
    expect(issues('an ask')[0]?.field).toBe('submission')
    expect(issues({ ...good, ask: 42 })[0]).toMatchObject({ field: 'ask' })
  })
})

describe('validateSubmission: offers and topics', () => {
  it('needs one to three offers of 3 to 140 characters', () => {
    expect(issues({ ...good, offers: [] })[0]).toMatchObject({ field: 'offers', message: expect.stringMatching(/at least one offer/) })
    expect(issues({ ...good, offers: ['a', 'b', 'c', 'd'] }).map(issue => issue.field)).toContain('offers.0')
    expect(issues({ ...good, offers: ['one', 'two', 'six', 'ten'] })[0]).toMatchObject({ field: 'offers', message: 'Add at most 3 offers.' })
    expect(issues({ ...good, offers: ['ok'] })[0]).toMatchObject({ field: 'offers.0', message: 'Each offer needs at least 3 characters.' })
    expect(issues({ ...good, offers: ['x'.repeat(141)] })[0]).toMatchObject({ field: 'offers.0', message: 'Each offer can be at most 140 characters.' })
    accepted({ ...good, offers: ['abc', 'x'.repeat(140), 'Intros to design folks'] })
  })

  it('needs one to three known, distinct topics for the ask', () => {
    expect(issues({ ...good, askTopics: [] })[0]).toMatchObject({ field: 'askTopics' })
    expect(issues({ ...good, askTopics: undefined })[0]).toMatchObject({ field: 'askTopics' })
    expect(issues({ ...good, askTopics: ['career', 'people', 'process', 'other'] })[0]?.message).toBe('Pick at most 3 topics.')
    expect(issues({ ...good, askTopics: ['career', 'career'] })[0]?.message).toBe('Each topic can be picked only once.')
    const unknown = issues({ ...good, askTopics: ['astrology'] })[0]
    expect(unknown?.field).toBe('askTopics.0')
    expect(unknown?.message).toContain('Career, Feedback')
    expect(unknown?.message).not.toContain('astrology')
  })

  it('lets offers go untagged but checks tags that are given', () => {
    expect(accepted({ ...good, offerTopics: undefined }).offerTopics).toEqual([])
    expect(issues({ ...good, offerTopics: ['nope'] })[0]?.field).toBe('offerTopics.0')
  })

  it('drops unknown fields', () => {
    expect(accepted({ ...good, admin: true })).not.toHaveProperty('admin')
  })
})

describe('validateSubmission: passing', () => {
  it('accepts a pass with nothing else, and keeps no ask even if one was typed', () => {
    expect(accepted({ pass: true })).toEqual({ pass: true, ask: null, askTopics: [], offers: [], offerTopics: [] })
    expect(accepted({ ...good, pass: true })).toMatchObject({ pass: true, ask: null, askTopics: [], offers: good.offers })
  })

  it('still checks offers that a passer gives', () => {
    expect(issues({ pass: true, offers: ['\u0000bad offer'] })[0]?.field).toBe('offers.0')
  })

  it('treats pass: false as asking', () => {
    expect(accepted({ ...good, pass: false }).pass).toBe(false)
    expect(issues({ pass: false })[0]?.field).toBe('ask')
    expect(issues({ ...good, pass: 'yes' })[0]?.field).toBe('pass')
  })

  it('applies each definition\'s rules: Troika needs no offers', () => {
    const submission = accepted({ ask: 'My challenge is onboarding three new hires at once next month.', askTopics: ['people'] }, troika)
    expect(submission.offers).toEqual([])
    expect(issues({ ask: 'Hiring', askTopics: ['people'] }, troika)[0]?.message).toBe('Your challenge needs at least 10 characters.')
  })
})

describe('validateCommitment', () => {
  it('fills the sentence and refuses empty or control-character blanks', () => {
    const ok = validateCommitment(askOffer.commitment, { who: 'Priya', what: 'a review of my talk', when: 'Friday' })
    expect(ok).toMatchObject({ ok: true, sentence: 'I will ask Priya for a review of my talk by Friday' })
    const bad = validateCommitment(askOffer.commitment, { who: ' ', what: 'x\u0001', when: 'Friday' })
    expect(bad.ok).toBe(false)
    if (!bad.ok)
      expect(bad.issues.map(issue => issue.field)).toEqual(['who', 'what'])
  })
})

describe('smartHints', () => {
  it('says nothing about a SMART ask', () => {
    expect(smartHints(good.ask)).toEqual([])
    expect(smartHints('I am working on our Q3 roadmap and could use feedback on the priorities before the offsite.')).toEqual([])
  })

  it('suggests a by-when when no time is named', () => {
    const hints = smartHints('I am working on a hiring plan and could use help to review the interview loop.')
    expect(hints.map(hint => hint.id)).toEqual(['when'])
    expect(hints[0]?.message).toMatch(/by Friday/)
  })

  it('suggests saying what help is wanted', () => {
    expect(smartHints('I am working on the data migration and it is due next week.').map(hint => hint.id)).toEqual(['what'])
  })

  it('suggests context for a very short ask, and never blocks', () => {
    expect(smartHints('Budget stuff.').map(hint => hint.id)).toEqual(['what', 'when', 'context'])
    expect(smartHints('   ')).toEqual([])
  })

  it.each([
    'by Friday',
    'by fri',
    'next week',
    'this month',
    'by the end of the quarter',
    'end of day',
    'before the launch',
    'within two weeks',
    'in 3 days',
    'tomorrow',
    'on 14 March',
    'by March 14th',
    'by 2026-03-14',
    'by 14/3',
    'until Q3',
    'at 3pm',
    'EOD',
  ])('hears a time in "%s"', (phrase) => {
    expect(mentionsTime(`Could use help to review my deck ${phrase}`)).toBe(true)
  })

  it.each([
    'Could use help to grow by reviewing my deck',
    'I may need a second pair of eyes on my deck',
    'I sat with the team and need ideas',
    'We shipped version 2.5 and need ideas',
  ])('does not hear a time in "%s"', (ask) => {
    expect(mentionsTime(ask)).toBe(false)
  })

  it('hears the kind of help wanted', () => {
    expect(mentionsHelp('Looking for an intro to someone in finance')).toBe(true)
    expect(mentionsHelp('Our deploys are slow')).toBe(false)
  })
})

describe('validateSubmission: the sentence starter', () => {
  it.each([
    'I am working on … and could use help to review my deck by Friday.',
    'I am working on the hiring plan and could use help to ... by Friday.',
    'I am working on the budget and could use help to check it by …',
  ])('refuses an ask that still holds the starter\'s gap: "%s"', (ask) => {
    expect(issues({ ...good, ask })).toEqual([{ field: 'ask', message: 'Your ask still has “…” from the sentence starter: replace each … with your own words.' }])
    expect(hasStarterGap(ask)).toBe(true)
  })

  it('names Troika\'s field by its own label and accepts a filled-in starter', () => {
    expect(issues({ ask: 'My challenge is … and the help I want is advice', askTopics: ['people'] }, troika)[0]).toMatchObject({ field: 'ask', message: expect.stringMatching(/^Your challenge still has/) })
    expect(accepted({ ...good, ask: 'I am working on the launch and could use help to plan the demo by Friday.' }).ask).toContain('launch')
    expect(hasStarterGap('Two dots.. are fine, and so is an ellipsis-free ask.')).toBe(false)
  })
})

describe('validateCommitment: no card from a blank', () => {
  it('refuses a commitment with an empty, blank or missing field, naming each', () => {
    const missing = validateCommitment(askOffer.commitment, { who: 'Priya' })
    expect(missing).toEqual({ ok: false, issues: [
      { field: 'what', message: 'For what is empty: fill it in to make your commitment.' },
      { field: 'when', message: 'By when is empty: fill it in to make your commitment.' },
    ] })
    const blank = validateCommitment(askOffer.commitment, { who: '  ', what: '', when: '\n' })
    expect(blank.ok).toBe(false)
    expect(!blank.ok && blank.issues.map(issue => issue.field)).toEqual(['who', 'what', 'when'])
    expect(validateCommitment(askOffer.commitment, {}).ok).toBe(false)
  })
})
