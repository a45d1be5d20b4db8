import type { ExerciseSummary, PollResult } from '../../core/protocol'
import type { SourceSlide, Talk } from '../../core/talk/deck'
import { parseSync } from '@slidev/parser'
import { describe, expect, it } from 'vitest'
import { formatClock, parseClock } from '../../core/talk/agenda'
import { bufferMinutes, findPoll, minutesIn, readTalk, slidesInVariant, talkPolls, variantLengths } from '../../core/talk/deck'
import { essay, essayLines } from '../../core/talk/essay'
import { citedStudies, slideCites, studiesCitedBy } from '../../core/talk/evidence'
import { exerciseMinutes, exercisePlan } from '../../core/talk/exercise'
import { deckCitations, deckSlides, groupBySection, referencesOf } from '../../kit/content/deck'
import { exerciseGuide } from '../../kit/content/exercise'
import { guideContent, joinWrappedLines } from '../../kit/content/guide'
import { handoutContent } from '../../kit/content/handout'
import { estimateBars, exerciseReport, reportCsv, resultsReport } from '../../kit/content/results'
import { activityOf, formatMinutes, runOfShow } from '../../kit/content/run-of-show'
import { guideDocument } from '../../kit/documents/guide'
import { renderHtml } from '../../kit/documents/render-html'
import { resultsDocument } from '../../kit/documents/results'
import { slideBookmarks } from '../../kit/slides-pdf'
import { loadDeck } from '../../room/deck-file'

/** The shipped deck, read as every command reads it. */
const shipped = loadDeck()
const { talk } = shipped
const sources = shipped.slides
const LENGTHS = variantLengths(talk)

const settings = (variant: number, start: string | null = null) => ({ organization: '', facilitator: '', date: '', start, variant })

/** A deck written as Markdown, read through Slidev's parser and readTalk, as loadDeck does. */
function deckOf(markdown: string): { talk: Talk, sources: SourceSlide[] } {
  const { slides } = parseSync(markdown, '/deck.md')
  const parsed: SourceSlide[] = slides.map(slide => ({ frontmatter: slide.frontmatter ?? {}, title: slide.title, note: slide.note, content: slide.content, start: slide.start, frontmatterRaw: slide.frontmatterRaw }))
  const read = readTalk(parsed[0]!.frontmatter, parsed)
  expect(read.problems.filter(problem => problem.level === 'error')).toEqual([])
  return { talk: read.talk, sources: parsed }
}

/** A 20- and 45-minute deck: lengths nothing in the kit may assume. */
const SHORT = `---
title: A short deck
talk:
  variants:
    20: { buffer: 1 }
    45: { buffer: 2.5 }
  buffer: { title: Spare minutes, before: close }
  agenda:
    - { id: open, title: Opening }
    - { id: middle, title: The middle }
    - { id: close, title: Close }
  sections:
    - { id: start, title: Start }
    - { id: confession, title: The confession, essay: true }
    - { id: end, title: The end }
slideId: purpose
section: start
block: open
label: Why we are here
minutes: { 20: 2, 45: 3 }
---

# Why we’re here

<ul><li>One <strong>thing</strong></li><li>Two</li></ul>

<!--
[do] Read them.
[do] (45 only) Then ask for a volunteer.
say: "Hello."
-->

---
slideId: poll-feel
label: 'Poll: one word'
minutes: { 20: 3, 45: 4 }
poll: { id: feel, kind: words, question: One word? }
---

# How does it feel?

<LivePoll />

---
slideId: confession
section: confession
block: middle
label: The confession
minutes: { 45: 10 }
layout: quote
---

> I hate
> asking for help.

More.

---
slideId: evidence-zhao-epley
label: 'Evidence: helpers feel good'
minutes: { 20: 4, 45: 8.5 }
layout: evidence
---

# Finding

::source::

Zhao, X., & Epley, N. (2022). *Journal.*

---
slideId: thanks
section: end
block: close
label: Thank you
minutes: { 20: 10, 45: 17 }
---

# Thank you
`

describe('deckSlides', () => {
  const short = deckOf(SHORT)

  it('takes the slides of the length from the Talk and their words from the deck file', () => {
    const slides = deckSlides(short.talk, short.sources, 20)
    expect(slides.map(slide => slide.id)).toEqual(slidesInVariant(short.talk, 20).map(slide => slide.id))
    expect(slides.some(slide => slide.id === 'confession')).toBe(false)
    const purpose = slides.find(slide => slide.id === 'purpose')!
    expect(purpose.title).toBe('Why we are here')
    expect(purpose.heading).toBe('Why we’re here')
    expect(purpose.listItems).toEqual(['One thing', 'Two'])
    expect(purpose.cues).toEqual([{ kind: 'do', text: 'Read them.', only: null }, { kind: 'say', text: 'Hello.', only: null }])
    expect(deckSlides(short.talk, short.sources, 45).find(slide => slide.id === 'purpose')!.cues.map(cue => cue.text)).toEqual(['Read them.', 'Then ask for a volunteer.', 'Hello.'])
    expect(deckSlides(short.talk, short.sources, 45).find(slide => slide.id === 'confession')!.quotes).toEqual(['I hate asking for help.'])
    expect(slides.find(slide => slide.id === 'evidence-zhao-epley')!.citation).toBe('Zhao, X., & Epley, N. (2022). *Journal.*')
    expect(slides.map(slide => slide.number)).toEqual(slides.map((_, index) => index + 1))
    expect(slides.map(slide => slide.minutes)).toEqual(slidesInVariant(short.talk, 20).map(slide => minutesIn(slide, 20)))
  })

  it('carries the poll the slide declares in its frontmatter', () => {
    const slides = deckSlides(short.talk, short.sources, 20)
    expect(slides.find(slide => slide.id === 'poll-feel')!.poll).toEqual(findPoll(short.talk, 'feel'))
    expect(slides.find(slide => slide.id === 'purpose')!.poll).toBeNull()
  })

  it('starts the slides after the buffer later by the buffer', () => {
    for (const length of [20, 45]) {
      const slides = deckSlides(short.talk, short.sources, length)
      const thanks = slides.find(slide => slide.id === 'thanks')!
      const before = slides.filter(slide => slide.number < thanks.number).reduce((sum, slide) => sum + slide.minutes, 0)
      expect(thanks.startOffset).toBe(before + bufferMinutes(short.talk, length))
    }
  })

  it('groups consecutive slides by section', () => {
    const groups = groupBySection(deckSlides(talk, sources, Math.max(...LENGTHS)))
    expect(groups[0]!.id).toBe(talk.slides[0]!.section)
    expect(groups.flatMap(group => group.slides).length).toBe(slidesInVariant(talk, Math.max(...LENGTHS)).length)
  })

  it('joins every slide of the shipped deck to its own words', () => {
    for (const length of LENGTHS) {
      for (const slide of deckSlides(talk, sources, length)) {
        const source = sources.find(entry => entry.frontmatter.slideId === slide.id)!
        expect(slide.layout ?? undefined, slide.id).toBe(source.frontmatter.layout ?? undefined)
      }
    }
  })
})

describe('run of show', () => {
  const short = deckOf(SHORT)
  const decks = [
    ...LENGTHS.map(length => ({ name: `slides.md, ${length} minutes`, talk, sources, length })),
    ...[20, 45].map(length => ({ name: `a ${length}-minute deck`, talk: short.talk, sources: short.sources, length })),
  ]

  it.each(decks)('$name: the rows and the buffer add up to the length and tile the clock', ({ talk, sources, length: variant }) => {
    const slides = deckSlides(talk, sources, variant)
    const show = runOfShow(talk, variant, slides, '09:30')
    const rows = show.blocks.flatMap(block => block.rows)
    expect(show.totalMinutes).toBe(variant)
    expect(rows.reduce((sum, row) => sum + row.minutes, 0)).toBe(variant - bufferMinutes(talk, variant))
    expect(show.blocks.reduce((sum, block) => sum + block.minutes, 0)).toBe(variant)
    expect(show.start).toBe('09:30')
    expect(show.end).toBe(formatClock(parseClock('09:30') + variant))
    expect(rows.map(row => row.slideId)).toEqual(slidesInVariant(talk, variant).map(slide => slide.id))
    expect(show.blocks.filter(block => !block.buffer).map(block => block.title)).toEqual(show.blocks.filter(block => !block.buffer).map(block => talk.agenda.find(entry => entry.id === block.id)!.title))
    for (const [index, row] of rows.entries()) {
      if (index > 0)
        expect(parseClock(row.start)).toBeGreaterThanOrEqual(parseClock(rows[index - 1]!.start))
    }
  })

  it.each(decks)('$name: the buffer is one block of its own, just before its block, and moves it later', ({ talk, sources, length: variant }) => {
    const slides = deckSlides(talk, sources, variant)
    const show = runOfShow(talk, variant, slides, '09:00')
    const buffers = show.blocks.filter(block => block.buffer)
    expect(buffers).toHaveLength(1)
    const index = show.blocks.indexOf(buffers[0]!)
    expect(buffers[0]!.rows).toEqual([])
    expect(buffers[0]!.minutes).toBe(bufferMinutes(talk, variant))
    expect(buffers[0]!.title).toBe(talk.buffer.title)
    expect(show.blocks[index + 1]!.id).toBe(talk.buffer.before)
    // No gap and no overlap: the buffer starts where the block before ends and the close starts where it ends.
    expect(buffers[0]!.start).toBe(show.blocks[index - 1]!.end)
    expect(show.blocks[index + 1]!.start).toBe(buffers[0]!.end)
    expect(show.end).toBe(formatClock(parseClock('09:00') + variant))
  })

  it('puts the buffer at the end when no block matches, and leaves it out at 0 minutes', () => {
    const variant = LENGTHS[0]!
    const slides = deckSlides(talk, sources, variant).filter(slide => slide.agendaBlock !== talk.buffer.before)
    const show = runOfShow(talk, variant, slides, '09:00')
    expect(show.blocks.at(-1)!.buffer).toBe(true)
    const none = { ...talk, variants: talk.variants.map(entry => ({ ...entry, buffer: 0 })) }
    expect(runOfShow(none, variant, deckSlides(none, sources, variant), '09:00').blocks.some(block => block.buffer)).toBe(false)
  })

  it('names the activity from the slide: polls, the exercise, evidence', () => {
    const slides = deckSlides(talk, sources, Math.max(...LENGTHS))
    const by = (id: string) => activityOf(slides.find(slide => slide.id === id)!)
    expect(by('poll-when-stuck').activity).toMatch(/Live poll/)
    expect(by('commitments').grouping).toBe('Alone')
    expect(by('exercise-rounds').grouping).toMatch(/Pairs/)
    expect(by('evidence-zhao-epley').activity).toBe('Evidence')
    expect(by('exercise-intro').materials).not.toMatch(/page \d/i)
  })

  it('writes whole minutes as a number and the rest as m:ss', () => {
    expect(formatMinutes(15)).toBe('15')
    expect(formatMinutes(0)).toBe('0')
    expect(formatMinutes(3.75)).toBe('3:45')
    expect(formatMinutes(1.5)).toBe('1:30')
    expect(formatMinutes(0.25)).toBe('0:15')
    expect(formatMinutes(2 + 1 / 3)).toBe('2:20')
  })

  it.each(LENGTHS)('the %i-minute exercise steps are quarter minutes that print as m:ss and add up exactly', (variant) => {
    const guide = exerciseGuide(variant)
    for (const step of guide.steps) {
      expect(Number.isInteger(step.minutes * 4), step.label).toBe(true)
      expect(formatMinutes(step.minutes)).toMatch(/^\d+(?::[0-5]\d)?$/)
    }
    expect(guide.steps.reduce((sum, step) => sum + step.minutes, 0)).toBe(guide.totalMinutes)
  })
})

describe('guide content', () => {
  it.each(LENGTHS)('for %i minutes: every slide has notes, polls and the exercise are placed', (variant) => {
    const content = guideContent({ title: 'T', talk, sources, settings: settings(variant) })
    expect(content.start).toBe('09:00')
    expect(content.withoutNotes).toEqual([])
    expect(content.outcomes.length).toBeGreaterThan(0)
    const inRun = slidesInVariant(talk, variant)
    expect(content.polls.map(entry => entry.poll.id)).toEqual(inRun.flatMap(slide => slide.poll ? [slide.poll.id] : []))
    expect(content.polls.map(entry => entry.number)).toEqual(inRun.flatMap((slide, index) => slide.poll ? [index + 1] : []))
    expect(content.exercise.slideNumber).not.toBeNull()
    expect(content.script.flatMap(section => section.slides).length).toBe(inRun.length)
    expect(content.lengths).toEqual(LENGTHS)
  })

  it.each(LENGTHS)('for %i minutes: every study gets a brief, placed on the slide that shows it', (variant) => {
    const content = guideContent({ title: 'T', talk, sources, settings: settings(variant) })
    expect(content.evidence.map(study => study.citation)).toEqual(citedStudies.map(study => study.citation))
    const slides = content.script.flatMap(section => section.slides)
    for (const study of content.evidence) {
      const own = slides.find(entry => entry.id === study.slideId)
      const citing = slides.filter(entry => slideCites(referencesOf(entry), study))
      expect(study.slideNumber, study.slideId).toBe(own?.number ?? citing[0]?.number ?? null)
      if (own)
        expect(citing, study.slideId).toContain(own)
    }
  })

  it('briefs only the studies a deck cites, and says when a length leaves one out', () => {
    const short = deckOf(SHORT)
    const content = guideContent({ title: 'T', talk: short.talk, sources: short.sources, settings: settings(20) })
    expect(content.evidence.map(study => `${study.authors.join(' & ')} ${study.year}`)).toEqual(['Zhao & Epley 2022'])
    expect(content.evidence[0]!.slideNumber).toBe(deckSlides(short.talk, short.sources, 20).find(slide => slide.id === 'evidence-zhao-epley')!.number)
    expect(content.runOfShow.totalMinutes).toBe(20)
    expect(content.lengths).toEqual([20, 45])
  })

  it('prints another deck’s own lengths and commands, and nothing of 60 or 90', async () => {
    const short = deckOf(SHORT)
    const content = guideContent({ title: 'Short', file: 'examples/short.md', talk: short.talk, sources: short.sources, settings: settings(20, '14:00') })
    const html = (await renderHtml(() => guideDocument(content, ''))).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
    expect(html).toContain('npm run export -- --deck examples/short.md --variant 45')
    expect(html).toContain('npm start -- --deck examples/short.md')
    expect(html).toContain('Agree the length (20 or 45 minutes)')
    expect(html).toContain('Total: 20 minutes, 14:00–14:20')
    expect(html).toContain('Spare minutes')
    expect(html).not.toMatch(/\b(?:60|90)[- ]minute|--variant (?:60|90)|\((?:60|90) min\)/)
  })

  it('counts an estimate poll’s reveal source as the slide citing that study', () => {
    const bohns = citedStudies.find(study => study.authors.join() === 'Bohns')!
    const guess: SourceSlide = { frontmatter: { slideId: 'guess', poll: { id: 'guess', kind: 'estimate', question: 'How far off?', min: 0, max: 100, reveal: { value: 48, label: '48% below', source: `${bohns.citation.slice(0, bohns.citation.indexOf(')') + 1)}. Current Directions in Psychological Science.` } } }, content: '# Guess' }
    expect(studiesCitedBy(deckCitations([guess]))).toEqual([bohns])
    expect(studiesCitedBy(deckCitations([{ ...guess, frontmatter: { slideId: 'guess' } }]))).toEqual([])
  })

  it('keeps the exported slide pages by number, with wrapped lines joined', () => {
    const pages = [{ number: 2, lines: ['Some of our most celebrated', 'strengths become our most', 'shadows.', 'Independence. Grit. Self-', 'reliance.'], image: 'data:image/jpeg;base64,' }]
    const content = guideContent({ title: 'T', talk, sources, settings: settings(LENGTHS[0]!), pages })
    expect(content.pages.get(2)!.lines).toEqual(['Some of our most celebrated strengths become our most shadows.', 'Independence. Grit. Self-reliance.'])
    expect(content.pages.has(1)).toBe(false)
  })

  it('joins only the lines a slide wrapped, not its separate lines', () => {
    expect(joinWrappedLines(['Why we’re here', 'Notice when independence', 'turns into isolation', 'See what the research says'])).toEqual(['Why we’re here', 'Notice when independence turns into isolation', 'See what the research says'])
    expect(joinWrappedLines([])).toEqual([])
  })

  it('uses workshop.start when it is set', () => {
    const variant = LENGTHS[0]!
    const content = guideContent({ title: 'T', talk, sources, settings: settings(variant, '13:15') })
    expect(content.runOfShow.start).toBe('13:15')
    expect(content.runOfShow.end).toBe(formatClock(parseClock('13:15') + variant))
  })
})

describe('exercise guide', () => {
  it.each(LENGTHS)('the %i-minute steps fill the slide that runs the exercise exactly', (variant) => {
    const guide = exerciseGuide(variant)
    const slide = deckSlides(talk, sources, variant).find(entry => entry.runsExercise)!
    expect(slide.id).toBe('exercise-rounds')
    expect(guide.totalMinutes).toBe(slide.minutes)
    expect(guide.steps[0]!.at).toBe('0:00')
    expect(guide.steps.length).toBe(exercisePlan(variant).steps.length)
    expect(exercisePlan(variant).variant).toBe(variant)
  })

  it('plans the exercise for a length the definition has no timing of its own for', () => {
    for (const variant of [45, 120]) {
      const plan = exercisePlan(variant)
      expect(plan.steps.length, String(variant)).toBeGreaterThan(0)
      expect(exerciseMinutes(variant)).toBe(plan.steps.reduce((sum, step) => sum + step.minutes, 0))
      expect(exerciseGuide(variant).totalMinutes).toBe(exerciseMinutes(variant))
    }
  })
})

describe('slide bookmarks', () => {
  it.each(LENGTHS)('for %i minutes: one per section holding slides, each opening its first slide, children by label', (variant) => {
    const slides = slidesInVariant(talk, variant)
    const marks = slideBookmarks(talk, variant)
    expect(marks.map(mark => mark.title)).toEqual(talk.sections.filter(section => slides.some(slide => slide.section === section.id)).map(section => section.title))
    for (const mark of marks) {
      expect(mark.page).toBe(mark.children[0]!.page)
      for (const child of mark.children)
        expect(slides[child.page]!.label).toBe(child.title)
    }
    expect(marks.flatMap(mark => mark.children)).toHaveLength(slides.length)
  })

  it('follows another deck’s sections and lengths', () => {
    const short = deckOf(SHORT)
    // The evidence slide keeps the confession's section; the 20 runs it without the confession slide.
    expect(slideBookmarks(short.talk, 20).map(mark => [mark.title, mark.children.map(child => child.title)])).toEqual([['Start', ['Why we are here', 'Poll: one word']], ['The confession', ['Evidence: helpers feel good']], ['The end', ['Thank you']]])
    expect(slideBookmarks(short.talk, 45).find(mark => mark.title === 'The confession')!.children.map(child => child.title)).toEqual(['The confession', 'Evidence: helpers feel good'])
  })
})

describe('handout content', () => {
  it('cites every study the talk cites, with authors and year, and what it found', () => {
    const handout = handoutContent({ title: 'T', talk, sources })
    for (const study of citedStudies) {
      const reference = handout.references.find(entry => study.authors.every(author => entry.includes(author)) && entry.includes(`(${study.year})`))
      expect(reference, study.slideId).toBeDefined()
      expect(handout.evidence.find(item => item.citation === study.citation)?.finding).toBe(study.finding)
    }
    expect(handout.keyIdeas.flatMap(group => group.quotes)).toContain('I hate asking for help.')
    expect(handout.sentenceStarter).toMatch(/___/)
    expect(handout.sentenceStarter).toBe(deckSlides(talk, sources, Math.max(...LENGTHS)).find(slide => slide.starter)!.starter)
  })

  it('groups the essay lines under the essay’s own headings, in the essay’s order, every line word for word', () => {
    // The essay's title and its four headings, as the essay writes them.
    const headings = [essay.title, 'Independence Isn’t the Enemy. Isolation Is.', 'People Want to Help', 'Asking for Help Builds Better Leaders', 'Staying Out of the Shadow']
    const handout = handoutContent({ title: 'T', talk, sources })
    expect(handout.keyIdeas.length).toBeGreaterThan(1)
    for (const group of handout.keyIdeas)
      expect(headings, group.section).toContain(group.section)
    expect(handout.keyIdeas.map(group => headings.indexOf(group.section))).toEqual(handout.keyIdeas.map(group => headings.indexOf(group.section)).sort((a, b) => a - b))
    for (const quote of handout.keyIdeas.flatMap(group => group.quotes))
      expect(essayLines, quote).toContain(quote)
    const isolation = handout.keyIdeas.find(group => group.section === 'Independence Isn’t the Enemy. Isolation Is.')!
    expect(isolation.quotes).toContain('Over time, people stop offering.')
  })

  it('reads another deck: its longest run, its quotes, only the studies it cites', () => {
    const short = deckOf(SHORT)
    const handout = handoutContent({ title: 'Short', talk: short.talk, sources: short.sources })
    // The confession runs only in the 45: the handout is the same whatever the length.
    expect(handout.keyIdeas).toEqual([{ section: essay.title, quotes: ['I hate asking for help.'] }])
    expect(handout.evidence.map(item => item.authors)).toEqual([['Zhao', 'Epley']])
    expect(handout.sentenceStarter).toMatch(/___/)
  })
})

function result(pollId: string, total: number, tally: PollResult['tally']): PollResult {
  return { poll: findPoll(talk, pollId)!, round: 1, status: 'closed', revealed: true, openedAt: 0, closedAt: 1, total, tally }
}

describe('results report', () => {
  const polls: PollResult[] = [
    result('my-ask', 2, { kind: 'text', answers: [{ key: 'a', text: 'Ask Sam for a review by Friday', count: 1, hidden: false }, { key: 'b', text: 'Ask Kim', count: 1, hidden: false }] }),
    result('weakness-after', 3, { kind: 'scale', counts: [2, 1, 0, 0, 0], mean: 1.3 }),
    result('asking-feels', 3, { kind: 'words', words: [{ word: 'scary', count: 2, hidden: false }, { word: 'rude', count: 1, hidden: true }] }),
    result('weakness-before', 3, { kind: 'scale', counts: [0, 1, 1, 1, 0], mean: 3 }),
    result('yes-estimate', 2, { kind: 'estimate', values: [10, 95], mean: 52.5, median: 52.5 }),
  ]
  const report = resultsReport({ talk, title: shipped.headmatter.title as string, session: 's', exportedAt: new Date(0), participants: 4, polls })

  it('orders polls as the deck does and puts before/after side by side', () => {
    const order = talkPolls(talk).map(poll => poll.id)
    const pairs = talk.slides.filter(slide => slide.repeats).map(slide => [slide.repeats!, slide.poll!.id])
    expect(pairs).toContainEqual(['weakness-before', 'weakness-after'])
    const ids = report.items.map(item => item.type === 'pair' ? `${item.before.pollId}+${item.after.pollId}` : item.poll.pollId)
    expect(ids).toContain('weakness-before+weakness-after')
    const firsts = ids.map(id => order.indexOf(id.split('+')[0]!))
    expect(firsts).toEqual([...firsts].sort((a, b) => a - b))
    expect(report.items).toHaveLength(polls.length - 1)
    expect(report.title).toBe(shipped.headmatter.title)
  })

  it('puts a poll the deck no longer has after the deck’s own, and pairs nothing the deck does not pair', () => {
    const gone: PollResult = { ...result('asking-feels', 1, { kind: 'words', words: [{ word: 'odd', count: 1, hidden: false }] }), poll: { id: 'removed-since', kind: 'words', question: 'Gone?', maxWords: 1 } }
    const unpaired = { ...talk, slides: talk.slides.map(slide => ({ ...slide, repeats: null })) }
    const items = resultsReport({ talk: unpaired, title: 'T', session: 's', exportedAt: new Date(0), participants: 4, polls: [gone, ...polls] }).items
    expect(items.at(-1)).toMatchObject({ type: 'single', poll: { pollId: 'removed-since' } })
    expect(items.every(item => item.type === 'single')).toBe(true)
  })

  it('keeps private text private and leaves hidden words out', () => {
    const json = JSON.stringify(report)
    expect(json).not.toContain('Sam')
    expect(json).not.toContain('rude')
    expect(report.commitments).toBe(2)
    expect(report.commitmentQuestion).toBe(findPoll(talk, 'my-ask')!.question)
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
    const report = resultsReport({ talk, title: 'T', session: 's', exportedAt: new Date(0), participants: 5, polls: [], exercise: summary })
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
    const report = resultsReport({ talk, title: 'T', session: 's', exportedAt: new Date(0), participants: 5, polls: [] })
    expect(report.exercise).toBeNull()
    expect(reportCsv(report)).not.toContain('exercise')
    const html = await renderHtml(() => resultsDocument(report, ''))
    expect(html).toContain('No exercise was run in this session.')
    expect(html).not.toContain('Asks by topic')
  })
})
