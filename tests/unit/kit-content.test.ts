import type { ExerciseSummary, PollResult } from '../../core/protocol'
import type { Variant } from '../../core/talk/settings'
import type { SourceSlide } from '../../kit/content/deck'
import { readFileSync } from 'node:fs'
import { parse } from '@slidev/parser'
import { describe, expect, it } from 'vitest'
import { formatClock, parseClock } from '../../core/talk/agenda'
import { citedStudies } from '../../core/talk/evidence'
import { exercisePlans } from '../../core/talk/exercise'
import { slidesInVariant } from '../../core/talk/outline'
import { findPoll, talkPolls } from '../../core/talk/polls'
import { VARIANTS } from '../../core/talk/settings'
import { deckSlides, groupBySection } from '../../kit/content/deck'
import { exerciseGuide } from '../../kit/content/exercise'
import { guideContent } from '../../kit/content/guide'
import { handoutContent } from '../../kit/content/handout'
import { estimateBars, exerciseReport, reportCsv, resultsReport } from '../../kit/content/results'
import { activityOf, formatMinutes, runOfShow } from '../../kit/content/run-of-show'
import { renderHtml } from '../../kit/documents/render-html'
import { resultsDocument } from '../../kit/documents/results'

async function realSources(): Promise<SourceSlide[]> {
  const markdown = readFileSync('slides.md', 'utf8')
  const { slides } = await parse(markdown, 'slides.md')
  return slides.map(slide => ({ frontmatter: slide.frontmatter ?? {}, title: slide.title, note: slide.note, content: slide.content }))
}

const settings = (variant: Variant, start: string | null = null) => ({ organization: '', facilitator: '', date: '', start, variant })

describe('deckSlides', () => {
  const fixture: SourceSlide[] = [
    { frontmatter: { slideId: 'purpose' }, title: 'Why we’re here', note: '[do] Read them.\nsay: "Hello."', content: '# Why we’re here\n\n<ul><li>One <strong>thing</strong></li><li>Two</li></ul>' },
    { frontmatter: { slideId: 'poll-barriers', layout: 'poll' }, title: 'What gets in the way?', note: '', content: '<LivePoll id="barriers" />' },
    { frontmatter: { slideId: 'evidence-bohns', layout: 'evidence' }, title: 'Finding', content: '# Finding\n\n::source::\n\nBohns, V. K. (2016). *Journal.*\n' },
    { frontmatter: { slideId: 'confession', layout: 'quote' }, content: '> I hate\n> asking for help.\n\nMore.' },
    { frontmatter: { slideId: 'not-in-outline' }, title: 'Stray', content: '' },
  ]

  it('follows the outline for the variant and joins slides.md by slideId', () => {
    const slides = deckSlides(fixture, 60)
    expect(slides.map(slide => slide.id)).toEqual(slidesInVariant(60).map(slide => slide.id))
    expect(slides.some(slide => slide.id === 'poll-barriers')).toBe(false)
    const purpose = slides.find(slide => slide.id === 'purpose')!
    expect(purpose.heading).toBe('Why we’re here')
    expect(purpose.listItems).toEqual(['One thing', 'Two'])
    expect(purpose.cues).toEqual([{ kind: 'do', text: 'Read them.' }, { kind: 'say', text: 'Hello.' }])
    expect(slides.find(slide => slide.id === 'confession')!.quotes).toEqual(['I hate asking for help.'])
    expect(slides.find(slide => slide.id === 'evidence-bohns')!.citation).toBe('Bohns, V. K. (2016). *Journal.*')
    expect(slides.find(slide => slide.id === 'title')!.inDeck).toBe(false)
    expect(slides.map(slide => slide.number)).toEqual(slides.map((_, index) => index + 1))
  })

  it('finds the poll a slide runs from its LivePoll tag', () => {
    const slides = deckSlides(fixture, 90)
    expect(slides.find(slide => slide.id === 'poll-barriers')!.poll).toEqual(findPoll('barriers'))
  })

  it('groups consecutive slides by section', () => {
    const groups = groupBySection(deckSlides([], 90))
    expect(groups[0]!.id).toBe('opening')
    expect(groups.flatMap(group => group.slides).length).toBe(slidesInVariant(90).length)
  })
})

describe('run of show', () => {
  it.each(VARIANTS)('the %i-minute rows add up to the variant and tile the clock', async (variant) => {
    const slides = deckSlides(await realSources(), variant)
    const show = runOfShow(slides, '09:30')
    const rows = show.blocks.flatMap(block => block.rows)
    expect(show.totalMinutes).toBe(variant)
    expect(rows.reduce((sum, row) => sum + row.minutes, 0)).toBe(variant)
    expect(show.blocks.reduce((sum, block) => sum + block.minutes, 0)).toBe(variant)
    expect(show.start).toBe('09:30')
    expect(show.end).toBe(formatClock(parseClock('09:30') + variant))
    expect(rows.map(row => row.slideId)).toEqual(slidesInVariant(variant).map(slide => slide.id))
    for (const [index, row] of rows.entries()) {
      if (index > 0)
        expect(parseClock(row.start)).toBeGreaterThanOrEqual(parseClock(rows[index - 1]!.start))
    }
  })

  it('names the activity from the slide: polls, the exercise, evidence', async () => {
    const slides = deckSlides(await realSources(), 90)
    const by = (id: string) => activityOf(slides.find(slide => slide.id === id)!)
    expect(by('poll-when-stuck').activity).toMatch(/Live poll/)
    expect(by('commitments').grouping).toBe('Alone')
    expect(by('exercise-rounds').grouping).toMatch(/Pairs/)
    expect(by('evidence-bohns').activity).toBe('Evidence')
  })

  it('writes whole minutes as a number and the rest as m:ss', () => {
    expect(formatMinutes(15)).toBe('15')
    expect(formatMinutes(0)).toBe('0')
    expect(formatMinutes(3.75)).toBe('3:45')
    expect(formatMinutes(1.5)).toBe('1:30')
    expect(formatMinutes(0.25)).toBe('0:15')
    expect(formatMinutes(2 + 1 / 3)).toBe('2:20')
  })

  it.each(VARIANTS)('the %i-minute exercise steps are quarter minutes that print as m:ss and add up exactly', (variant) => {
    const guide = exerciseGuide(variant)
    for (const step of guide.steps) {
      expect(Number.isInteger(step.minutes * 4), step.label).toBe(true)
      expect(formatMinutes(step.minutes)).toMatch(/^\d+(?::[0-5]\d)?$/)
    }
    expect(guide.steps.reduce((sum, step) => sum + step.minutes, 0)).toBe(guide.totalMinutes)
  })
})

describe('guide content', () => {
  it.each(VARIANTS)('for %i minutes: every slide has notes, polls and the exercise are placed', async (variant) => {
    const content = guideContent({ title: 'T', sources: await realSources(), settings: settings(variant) })
    expect(content.start).toBe('09:00')
    expect(content.withoutNotes).toEqual([])
    expect(content.outcomes.length).toBeGreaterThan(0)
    expect(content.polls.map(entry => entry.poll.id)).toEqual(talkPolls.map(poll => poll.id).filter(id => variant === 90 || !['barriers', 'being-asked-feels'].includes(id)))
    expect(content.exercise.slideNumber).not.toBeNull()
    expect(content.script.flatMap(section => section.slides).length).toBe(slidesInVariant(variant).length)
  })

  it('uses workshop.start when it is set', async () => {
    const content = guideContent({ title: 'T', sources: await realSources(), settings: settings(60, '13:15') })
    expect(content.runOfShow.start).toBe('13:15')
    expect(content.runOfShow.end).toBe('14:15')
  })
})

describe('exercise guide', () => {
  it.each(VARIANTS)('the %i-minute steps fill the exercise slide exactly', (variant) => {
    const guide = exerciseGuide(variant)
    const slide = slidesInVariant(variant).find(entry => entry.id === 'exercise-rounds')!
    expect(guide.totalMinutes).toBe(slide.minutes[variant])
    expect(guide.steps[0]!.at).toBe('0:00')
    expect(guide.steps.length).toBe(exercisePlans[variant].steps.length)
  })
})

describe('handout content', () => {
  it('cites every study the talk cites, with authors and year, from the slides themselves', async () => {
    const handout = handoutContent({ title: 'T', sources: await realSources() })
    for (const study of citedStudies) {
      const reference = handout.references.find(entry => study.authors.every(author => entry.includes(author)) && entry.includes(`(${study.year})`))
      expect(reference, study.slideId).toBeDefined()
    }
    expect(handout.keyIdeas.flatMap(group => group.quotes)).toContain('I hate asking for help.')
    expect(handout.sentenceStarter).toMatch(/___/)
  })
})

function result(pollId: string, total: number, tally: PollResult['tally']): PollResult {
  return { poll: findPoll(pollId)!, round: 1, status: 'closed', revealed: true, openedAt: 0, closedAt: 1, total, tally }
}

describe('results report', () => {
  const polls: PollResult[] = [
    result('my-ask', 2, { kind: 'text', answers: [{ key: 'a', text: 'Ask Sam for a review by Friday', count: 1, hidden: false }, { key: 'b', text: 'Ask Kim', count: 1, hidden: false }] }),
    result('weakness-after', 3, { kind: 'scale', counts: [2, 1, 0, 0, 0], mean: 1.3 }),
    result('asking-feels', 3, { kind: 'words', words: [{ word: 'scary', count: 2, hidden: false }, { word: 'rude', count: 1, hidden: true }] }),
    result('weakness-before', 3, { kind: 'scale', counts: [0, 1, 1, 1, 0], mean: 3 }),
    result('yes-estimate', 2, { kind: 'estimate', values: [10, 95], mean: 52.5, median: 52.5 }),
  ]
  const report = resultsReport({ session: 's', exportedAt: new Date(0), participants: 4, polls })

  it('orders polls as the talk does and puts before/after side by side', () => {
    expect(report.items.map(item => item.type === 'pair' ? `${item.before.pollId}+${item.after.pollId}` : item.poll.pollId))
      .toEqual(['weakness-before+weakness-after', 'asking-feels', 'yes-estimate', 'my-ask'])
  })

  it('keeps private text private and leaves hidden words out', () => {
    const json = JSON.stringify(report)
    expect(json).not.toContain('Sam')
    expect(json).not.toContain('rude')
    expect(report.commitments).toBe(2)
    const csv = reportCsv(report)
    expect(csv).not.toContain('Sam')
    expect(csv).toContain('private answers')
    expect(csv).toContain('"scary",2')
  })

  it('bins estimates over the poll range', () => {
    const bins = estimateBars([0, 10, 95, 100], { min: 0, max: 100, unit: '%' }, 4)
    expect(bins).toHaveLength(10)
    expect(bins[0]!).toMatchObject({ label: '0–10%', count: 1 })
    expect(bins[1]!.count).toBe(1)
    expect(bins[9]!.count).toBe(2)
  })
})

describe('results report: the exercise', () => {
  /** What `ExerciseRoom.summary()` sends: counts, themes and the shared sentences only. */
  const summary: ExerciseSummary = {
    run: 2,
    exerciseId: 'ask-offer',
    variant: 60,
    phase: 'done',
    submissions: 5,
    asks: 4,
    passes: 1,
    rounds: [{ round: 1, groups: 2, pairs: 1, trios: 1, people: 5 }, { round: 2, groups: 0, pairs: 0, trios: 0, people: 0 }],
    topics: [{ id: 'career', label: 'Career', asks: 3, offers: 1 }, { id: 'feedback', label: 'Feedback', asks: 1, offers: 4 }, { id: 'other', label: 'Other', asks: 0, offers: 0 }],
    commitments: 3,
    sharedCommitments: ['I will ask my lead for a design review by Friday'],
  }

  it('keeps counts, rounds that were paired, topic bars and shared sentences', () => {
    const exercise = exerciseReport(summary)!
    expect(exercise).toMatchObject({ title: 'Ask and offer', variant: 60, submissions: 5, asks: 4, passes: 1, commitments: 3 })
    expect(exercise.rounds).toEqual([{ round: 1, groups: 2, pairs: 1, trios: 1, people: 5 }])
    expect(exercise.askTopics).toEqual([{ label: 'Career', count: 3, share: 0.75 }, { label: 'Feedback', count: 1, share: 0.25 }, { label: 'Other', count: 0, share: 0 }])
    expect(exercise.offerTopics.map(bar => bar.count)).toEqual([1, 4, 0])
    expect(exercise.sharedCommitments).toEqual(['I will ask my lead for a design review by Friday'])
    expect(exerciseReport(undefined)).toBeNull()
  })

  it('goes into the JSON, the CSV and the printed report', async () => {
    const report = resultsReport({ session: 's', exportedAt: new Date(0), participants: 5, polls: [], exercise: summary })
    expect(JSON.parse(JSON.stringify(report)).exercise.asks).toBe(4)
    const csv = reportCsv(report)
    expect(csv).toContain('"s","exercise","ask-offer","Wrote an ask or passed",5,"pass",1')
    expect(csv).toContain('"s","exercise","ask-offer","Asks by topic",4,"Career",3')
    expect(csv).toContain('"s","exercise","ask-offer","Round 1 groups",5,"trios",1')
    expect(csv).toContain('I will ask my lead for a design review by Friday')
    const html = await renderHtml(() => resultsDocument(report, ''))
    expect(html).toContain('The exercise: Ask and offer')
    expect(html).toContain('Asks by topic')
    expect(html).toContain('Shared by their authors')
    expect(html).toContain('design review')
    expect(html).toContain('1 pair and 1 trio over 1 round.')
  })

  it('says in one line when no exercise ran', async () => {
    const report = resultsReport({ session: 's', exportedAt: new Date(0), participants: 5, polls: [] })
    expect(report.exercise).toBeNull()
    expect(reportCsv(report)).not.toContain('exercise')
    const html = await renderHtml(() => resultsDocument(report, ''))
    expect(html).toContain('No exercise was run in this session.')
    expect(html).not.toContain('Asks by topic')
  })
})
