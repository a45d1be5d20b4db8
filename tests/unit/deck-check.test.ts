import type { DeckProblem } from '../../core/talk/deck'
import type { DeckCheckInput } from '../../core/talk/deck-check'
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseSync } from '@slidev/parser'
import { describe, expect, it } from 'vitest'
import { checkDeckFile } from '../../bin/deck-gate'
import { readTalk } from '../../core/talk/deck'
import { checkDeck, deckSummary } from '../../core/talk/deck-check'
import { essayLines } from '../../core/talk/essay'

/**
 * A small deck that passes the check: two lengths (20 and 30), every poll kind the format has,
 * a repeated poll, an essay quote, notes with cues. Each test breaks one thing in it.
 */
const GOOD = `---
title: A test deck
workshop:
  organization: Acme Support
  facilitator: Sam Rivera
  date: 3 March 2027
  start: '09:30'
  variant: 30
talk:
  variants:
    20: { buffer: 1 }
    30: { buffer: 2 }
  buffer: { title: Spare minutes, before: close }
  agenda:
    - { id: open, title: Opening }
    - { id: close, title: Close }
  sections:
    - { id: intro, title: Intro }
    - { id: confession, title: The confession, essay: true }
slideId: title
section: intro
block: open
minutes: { 20: 1, 30: 2 }
---

# Asking for help

<!--
[do] Welcome people as they come in.
say: "Welcome."
-->

---
slideId: confession
section: confession
minutes: { 20: 1, 30: 2 }
layout: quote
---

> I hate asking for help.

<!--
[do] Read the line, then pause.
say: "That is how the essay begins."
-->

---
slideId: poll-weakness-before
minutes: { 20: 2, 30: 3 }
poll:
  id: weakness-before
  kind: scale
  question: Asking for help makes a leader look less competent.
  min: 1
  max: 5
  minLabel: Strongly disagree
  maxLabel: Strongly agree
---

# First reaction

<LivePoll />

<!--
[do] Open the poll for a minute.
say: "Your gut reaction."
-->

---
slideId: poll-feels
minutes: { 20: 2, 30: 2 }
poll:
  id: asking-feels
  kind: words
  question: 'One word: how does asking for help feel?'
---

# One word

<LivePoll />

<!--
[do] Open the poll.
say: "One word."
-->

---
slideId: poll-stuck
minutes: { 30: 3 }
poll:
  id: when-stuck
  kind: choice
  question: When I’m stuck, I usually ask for help within…
  options:
    - An hour
    - A day
    - A few days
---

# When stuck

<LivePoll />

<!--
[do] Open the poll.
say: "Be honest."
[do] (30 only) Read the spread aloud.
-->

---
slideId: poll-barriers
minutes: { 20: 2, 30: 2 }
poll:
  id: barriers
  kind: multi
  question: What stops you from asking? Pick all that apply.
  options: [I don’t want to burden anyone, I might look incompetent]
---

# What stops us

<LivePoll />

<!--
[do] Open the poll.
say: "Pick all that apply."
-->

---
slideId: poll-estimate
minutes: { 20: 2, 30: 3 }
poll:
  id: yes-estimate
  kind: estimate
  question: How far below the real number of yeses were the askers' guesses?
  min: 0
  max: 100
  unit: '%'
  reveal:
    value: 48
    label: 48% below
    source: Bohns, V. K. (2016). Current Directions in Psychological Science, 25(2), 119–123.
---

# Predict

<LivePoll />

<!--
[do] Open the poll, then reveal.
say: "Guess first."
-->

---
slideId: commitments
block: close
minutes: { 20: 4, 30: 4 }
poll:
  id: my-ask
  kind: text
  private: true
  question: Who will I ask, for what, by when?
---

# My ask

<LivePoll />

<!--
[do] Give people two minutes.
say: "Only you see this."
-->

---
slideId: poll-weakness-after
minutes: { 20: 5, 30: 7 }
poll:
  id: weakness-after
  kind: scale
  question: Asking for help makes a leader look less competent.
  min: 1
  max: 5
  minLabel: Strongly disagree
  maxLabel: Strongly agree
  repeats: weakness-before
---

# Again

<LivePoll compare />

<!--
[do] Open the poll, then show both.
say: "Has anything moved?"
-->
`

interface Checked {
  markdown: string
  problems: DeckProblem[]
}

function check(markdown: string, extra: Partial<DeckCheckInput> = {}): Checked {
  const slides = parseSync(markdown, 'deck.md').slides
  const read = readTalk(slides[0]!.frontmatter, slides)
  return { markdown, problems: checkDeck({ ...read, slides, markdown, essayLines, ...extra }) }
}

/** The deck with one edit: `find` must occur exactly once, so every test breaks what it says. */
function broken(find: string, replace: string): string {
  expect(GOOD.split(find).length, `"${find}" is not unique in the test deck`).toBe(2)
  return GOOD.replace(find, replace)
}

/** 1-based line of the nth occurrence of a text in the deck. */
function lineOf(markdown: string, text: string, occurrence = 1): number {
  let seen = 0
  const index = markdown.split('\n').findIndex(line => line.includes(text) && ++seen === occurrence)
  if (index < 0)
    throw new Error(`no line holds ${text}`)
  return index + 1
}

function only(result: Checked, level: DeckProblem['level'] = 'error'): DeckProblem {
  const found = result.problems.filter(problem => problem.level === level)
  expect(found.map(problem => `${problem.line}: ${problem.message}`)).toHaveLength(1)
  return found[0]!
}

describe('a deck that follows the format', () => {
  it('passes with no problem at all', () => {
    expect(check(GOOD).problems).toEqual([])
  })

  it('sums up as ready, with its slides, polls and lengths', () => {
    const slides = parseSync(GOOD, 'deck.md').slides
    const { talk } = readTalk(slides[0]!.frontmatter, slides)
    expect(deckSummary(talk, [], 'deck.md')).toBe('deck.md is ready: 9 slides, 7 polls, 20 and 30 minutes.')
  })
})

describe('polls', () => {
  it('names the valid kinds for an unknown one, on the kind line', () => {
    const result = check(broken('kind: words', 'kind: wordcloud'))
    const problem = only(result)
    expect(problem.line).toBe(lineOf(result.markdown, 'kind: wordcloud'))
    expect(problem.message).toContain('"wordcloud"')
    expect(problem.fix).toContain('choice, multi, scale, estimate, words, text')
  })

  it('asks for an id when a poll has none, suggested from the slide', () => {
    const result = check(broken('  id: asking-feels\n', ''))
    const problem = only(result)
    expect(problem.line).toBe(lineOf(result.markdown, 'poll:', 2))
    expect(problem.message).toMatch(/no id/)
    expect(problem.fix).toContain('id: feels')
    expect(result.problems.some(entry => entry.message.startsWith('poll.')), 'the schema\'s bare message is replaced').toBe(false)
  })

  it('refuses an id that is not kebab-case', () => {
    const result = check(broken('id: asking-feels', 'id: Asking Feels'))
    const problem = only(result)
    expect(problem.line).toBe(lineOf(result.markdown, 'id: Asking Feels'))
    expect(problem.fix).toContain('id: asking-feels')
  })

  it('names the slide that already uses a poll id', () => {
    const result = check(broken('id: barriers', 'id: when-stuck'))
    const problem = only(result)
    expect(problem.line).toBe(lineOf(result.markdown, 'id: when-stuck', 2))
    expect(problem.message).toMatch(/"when-stuck" is already used/)
    expect(problem.message).toMatch(/slide 5/)
  })

  it('says a choice poll has no options, with the Markdown to write', () => {
    const result = check(broken('  options:\n    - An hour\n    - A day\n    - A few days\n', ''))
    const problem = only(result)
    expect(problem.line).toBe(lineOf(result.markdown, 'poll:', 3))
    expect(problem.message).toMatch(/choice poll needs options/)
    expect(problem.fix).toContain('- An hour')
  })

  it('says a multi poll has too few options, on the options line', () => {
    const result = check(broken('options: [I don’t want to burden anyone, I might look incompetent]', 'options: [I don’t want to burden anyone]'))
    const problem = only(result)
    expect(problem.line).toBe(lineOf(result.markdown, 'options: [I don’t'))
    expect(problem.message).toMatch(/at least 2 options; this one has 1/)
  })

  it('points at an empty or repeated option', () => {
    const result = check(broken('    - A day\n', '    - An hour\n'))
    const problem = only(result)
    expect(problem.line).toBe(lineOf(result.markdown, '- An hour', 2))
    expect(problem.message).toMatch(/Option 2 repeats option 1/)
  })

  it('asks for quotes around an option YAML reads as a number', () => {
    const result = check(broken('    - A day\n', '    - 1\n'))
    const problem = only(result)
    expect(problem.line).toBe(lineOf(result.markdown, '    - 1'))
    expect(problem.fix).toContain('- \'1\'')
    expect(result.problems.some(entry => entry.message.startsWith('poll.')), 'the schema\'s bare message is replaced').toBe(false)
  })

  it('refuses a scale without labels', () => {
    const result = check(broken('  minLabel: Strongly disagree\n  maxLabel: Strongly agree\n  repeats', '  repeats'))
    const errors = result.problems.filter(problem => problem.level === 'error')
    const labels = errors.find(problem => /no minLabel or maxLabel/.test(problem.message))!
    expect(labels.line).toBe(lineOf(result.markdown, 'poll:', 7))
    expect(labels.fix).toContain('minLabel: Strongly disagree')
    // The repeat no longer matches its first asking either, and says which settings differ.
    expect(errors.find(problem => /repeats "weakness-before".*minLabel, maxLabel differ/.test(problem.message))).toBeDefined()
  })

  it('catches a mistyped key and suggests the right one', () => {
    const result = check(broken('  minLabel: Strongly disagree\n  maxLabel: Strongly agree\n---\n\n# First', '  minlabel: Strongly disagree\n  maxLabel: Strongly agree\n---\n\n# First'))
    const warning = result.problems.find(problem => problem.level === 'warning')!
    expect(warning.line).toBe(lineOf(result.markdown, 'minlabel:'))
    expect(warning.fix).toContain('minLabel')
    expect(result.problems.find(problem => problem.level === 'error' && /no minLabel/.test(problem.message))).toBeDefined()
  })

  it('refuses a scale whose max is not above its min', () => {
    const result = check(broken('  min: 1\n  max: 5\n  minLabel: Strongly disagree\n  maxLabel: Strongly agree\n---\n\n# First', '  min: 5\n  max: 5\n  minLabel: Strongly disagree\n  maxLabel: Strongly agree\n---\n\n# First'))
    const problem = result.problems.find(entry => /max must be above min/.test(entry.message))!
    expect(problem.line).toBe(lineOf(result.markdown, 'max: 5'))
  })

  it('refuses an estimate reveal without a source, on the reveal line', () => {
    const result = check(broken('    source: Bohns, V. K. (2016). Current Directions in Psychological Science, 25(2), 119–123.\n', ''))
    const problem = only(result)
    expect(problem.line).toBe(lineOf(result.markdown, 'reveal:'))
    expect(problem.message).toMatch(/reveal has no source/)
  })

  it('warns when the revealed figure lies outside the answers phones may give', () => {
    const result = check(broken('value: 48', 'value: 148'))
    const problem = only(result, 'warning')
    expect(problem.line).toBe(lineOf(result.markdown, 'value: 148'))
    expect(problem.message).toMatch(/outside the answers phones may give \(0 to 100\)/)
  })

  it('refuses a question longer than phones show', () => {
    const long = `question: ${'Why '.repeat(60)}?`
    const result = check(broken('question: Who will I ask, for what, by when?', long))
    const problem = only(result)
    expect(problem.line).toBe(lineOf(result.markdown, 'question: Why'))
    expect(problem.message).toMatch(/phones show at most 200/)
  })

  it('refuses repeats naming no earlier poll, and suggests the nearest id', () => {
    const result = check(broken('repeats: weakness-before', 'repeats: weakness-befor'))
    const problem = only(result)
    expect(problem.line).toBe(lineOf(result.markdown, 'repeats: weakness-befor'))
    expect(problem.message).toMatch(/no earlier poll/)
    expect(problem.fix).toMatch(/did you mean weakness-before/)
  })

  it('refuses repeats naming a later poll', () => {
    const result = check(broken('  maxLabel: Strongly agree\n---\n\n# First', '  maxLabel: Strongly agree\n  repeats: weakness-after\n---\n\n# First'))
    const problem = result.problems.find(entry => /comes later/.test(entry.message))!
    expect(problem.line).toBe(lineOf(result.markdown, 'repeats: weakness-after'))
    expect(problem.message).toMatch(/slide 9/)
  })

  it('refuses repeats of a poll of another kind', () => {
    const result = check(broken('repeats: weakness-before', 'repeats: asking-feels'))
    const problem = only(result)
    expect(problem.line).toBe(lineOf(result.markdown, 'kind: scale', 2))
    expect(problem.message).toMatch(/scale poll but repeats "asking-feels", a words poll/)
  })

  it('refuses repeats that ask another question, quoting both', () => {
    const result = check(broken('  question: Asking for help makes a leader look less competent.\n  min: 1\n  max: 5\n  minLabel: Strongly disagree\n  maxLabel: Strongly agree\n  repeats', '  question: Asking for help makes a leader look weak.\n  min: 1\n  max: 5\n  minLabel: Strongly disagree\n  maxLabel: Strongly agree\n  repeats'))
    const problem = only(result)
    expect(problem.line).toBe(lineOf(result.markdown, 'look weak.'))
    expect(problem.message).toContain('"Asking for help makes a leader look weak." instead of "Asking for help makes a leader look less competent."')
  })

  it('refuses <LivePoll compare /> on a poll that repeats nothing', () => {
    const result = check(broken('  repeats: weakness-before\n', ''))
    const problem = only(result)
    expect(problem.message).toMatch(/<LivePoll compare \/> but its poll repeats no earlier poll/)
  })

  it('refuses <LivePoll /> on a slide without a poll, on the component\'s line', () => {
    const result = check(broken('# One word\n', '# One word\n\n<LivePoll />\n').replace('poll:\n  id: asking-feels\n  kind: words\n  question: \'One word: how does asking for help feel?\'\n', ''))
    const problem = only(result)
    expect(problem.line).toBe(lineOf(result.markdown, '<LivePoll />', 2))
    expect(problem.message).toMatch(/shows <LivePoll \/> but has no poll:/)
  })

  it('warns that <LivePoll id="…"> is ignored in favour of the slide\'s own poll', () => {
    const result = check(broken('# Predict\n\n<LivePoll />', '# Predict\n\n<LivePoll id="yes-estimate" />'))
    const problem = only(result, 'warning')
    expect(problem.line).toBe(lineOf(result.markdown, '<LivePoll id='))
    expect(problem.message).toMatch(/ignores it/)
  })

  it('warns about a poll no slide shows', () => {
    const result = check(broken('# Predict\n\n<LivePoll />', '# Predict'))
    const problem = only(result, 'warning')
    expect(problem.message).toMatch(/does not show it/)
  })
})

describe('slides and minutes', () => {
  it('suggests the key a slide meant when it mistypes one of ours', () => {
    const result = check(broken('slideId: poll-barriers\nminutes: { 20: 2, 30: 2 }', 'slideId: poll-barriers\nminute: { 20: 2, 30: 2 }'))
    const typo = result.problems.find(problem => problem.level === 'warning')!
    expect(typo.line).toBe(lineOf(result.markdown, 'minute: {'))
    expect(typo.message).toContain('did you mean `minutes:`?')
    expect(result.problems.find(problem => /has no minutes/.test(problem.message))?.level).toBe('error')
  })

  it('names the slide that already has a slideId', () => {
    const result = check(broken('slideId: poll-barriers', 'slideId: poll-stuck'))
    const problem = only(result)
    expect(problem.line).toBe(lineOf(result.markdown, 'slideId: poll-stuck', 2))
    expect(problem.message).toMatch(/already used by slide 5/)
  })

  it('says how far a variant is off, once, on its own line, and which slides carry the most', () => {
    const result = check(broken('minutes: { 20: 5, 30: 7 }', 'minutes: { 20: 5, 30: 9 }'))
    const problem = only(result)
    expect(problem.line).toBe(lineOf(result.markdown, '30: { buffer: 2 }'))
    expect(problem.message).toBe('The 30-minute variant adds up to 32 minutes (30 on 9 slides + 2 buffer): 2 over.')
    expect(problem.fix).toContain(`the most sit on poll-weakness-after 9 min at line ${lineOf(result.markdown, 'minutes: { 20: 5, 30: 9 }')}, commitments 4 min at line`)
    expect(problem.fix).toMatch(/Or lower talk\.variants\.30\.buffer to 0/)
  })

  it('says how short a variant is', () => {
    const result = check(broken('minutes: { 20: 4, 30: 4 }', 'minutes: { 20: 3, 30: 4 }'))
    const problem = only(result)
    expect(problem.line).toBe(lineOf(result.markdown, '20: { buffer: 1 }'))
    expect(problem.message).toMatch(/20-minute variant adds up to 19 minutes.*1 short/)
    expect(problem.fix).toMatch(/Or raise talk\.variants\.20\.buffer to 2\./)
  })

  it('refuses a slide without minutes', () => {
    const result = check(broken('slideId: poll-barriers\nminutes: { 20: 2, 30: 2 }\n', 'slideId: poll-barriers\n'))
    const missing = result.problems.find(problem => /has no minutes/.test(problem.message))!
    expect(missing.line).toBe(lineOf(result.markdown, 'slideId: poll-barriers'))
  })

  it('refuses minutes for a length the deck does not declare', () => {
    const result = check(broken('minutes: { 30: 3 }', 'minutes: { 30: 3, 45: 2 }'))
    const problem = only(result)
    expect(problem.line).toBe(lineOf(result.markdown, '45: 2'))
    expect(problem.message).toMatch(/45, which talk\.variants does not declare/)
  })

  it('refuses an unknown section and names the known ones', () => {
    const result = check(broken('section: confession', 'section: confesion'))
    const problem = result.problems.find(entry => /confesion/.test(entry.message))!
    expect(problem.level).toBe('error')
    expect(problem.line).toBe(lineOf(result.markdown, 'section: confesion'))
    expect(problem.fix).toContain('intro, confession')
  })

  it('refuses a first slide in no agenda block', () => {
    const result = check(broken('block: open\n', ''))
    const problem = result.problems.find(entry => /in no agenda block/.test(entry.message))!
    expect(problem.slide).toBe(1)
  })

  it('warns about an agenda block and a section left without slides', () => {
    const result = check(broken('    - { id: close, title: Close }', '    - { id: close, title: Close }\n    - { id: later, title: Later }').replace('    - { id: confession, title: The confession, essay: true }', '    - { id: confession, title: The confession, essay: true }\n    - { id: unused, title: Unused }'))
    const warnings = result.problems.filter(problem => problem.level === 'warning')
    expect(warnings.find(problem => /"later" has no slides in the 20/.test(problem.message))?.line).toBe(lineOf(result.markdown, 'id: later'))
    expect(warnings.find(problem => /Section "unused" has no slides/.test(problem.message))?.line).toBe(lineOf(result.markdown, 'id: unused'))
  })

  it('refuses a workshop.variant the deck does not run', () => {
    const result = check(broken('variant: 30', 'variant: 45'))
    const problem = only(result)
    expect(problem.line).toBe(lineOf(result.markdown, 'variant: 45'))
    expect(problem.message).toMatch(/not one of this deck's lengths \(talk\.variants: 20, 30\)/)
  })
})

describe('the exercise slide', () => {
  const exerciseDeck = broken('# My ask\n', '# My ask\n\n<ExerciseLive />\n')

  it('passes when its minutes are the schedule\'s', () => {
    expect(check(exerciseDeck, { exercise: { source: 'exercises/ask-offer.ts', minutes: () => 4 } }).problems).toEqual([])
  })

  it('says by how much its minutes differ from the exercise\'s schedule for that length', () => {
    const result = check(exerciseDeck, { exercise: { source: 'exercises/ask-offer.ts', minutes: length => length === 30 ? 5 : 4 } })
    const problem = only(result)
    expect(problem.line).toBe(lineOf(result.markdown, 'minutes: { 20: 4, 30: 4 }'))
    expect(problem.message).toMatch(/gives the exercise 4 min in the 30, but its schedule for the 30 \(exercises\/ask-offer\.ts\) runs 5 min/)
    expect(problem.fix).toContain('`30: 5`')
  })
})

describe('speaker notes', () => {
  it('warns about a slide without notes', () => {
    const result = check(broken('<!--\n[do] Give people two minutes.\nsay: "Only you see this."\n-->\n', ''))
    const problem = only(result, 'warning')
    expect(problem.line).toBe(lineOf(result.markdown, 'slideId: commitments') - 1)
    expect(problem.message).toMatch(/no speaker notes/)
  })

  it('warns about notes without a say: cue, on the notes\' line', () => {
    const result = check(broken('say: "Has anything moved?"', 'Then ask what has moved.'))
    const problem = only(result, 'warning')
    expect(problem.line).toBe(lineOf(result.markdown, '<!--', 9))
    expect(problem.message).toMatch(/slide 9 \(poll-weakness-after\) have no say: cue:/)
  })

  it('warns about a notes line that is neither [do] nor say:, on its own line', () => {
    const result = check(broken('say: "Has anything moved?"', 'say: "Has anything moved?"\n\nRemember the pairs.'))
    const problem = only(result, 'warning')
    expect(problem.line).toBe(lineOf(result.markdown, 'Remember the pairs.'))
    expect(problem.message).toContain('neither a [do] nor a say: cue: "Remember the pairs."')
  })

  it('warns when a length is left without a [do] cue because the only one is tagged for another', () => {
    const result = check(broken('[do] Open the poll, then reveal.', '[do] (30 only) Open the poll, then reveal.'))
    const problem = only(result, 'warning')
    expect(problem.message).toMatch(/no \[do\] cue in the 20/)
  })

  it('warns about a cue tagged for a length the deck does not have', () => {
    const result = check(broken('[do] (30 only) Read the spread aloud.', '[do] (90 only) Read the spread aloud.'))
    const problem = only(result, 'warning')
    expect(problem.line).toBe(lineOf(result.markdown, '(90 only)'))
    expect(problem.message).toMatch(/no 90-minute variant/)
  })
})

describe('essay quotes', () => {
  it('suggests the closest essay line for a quote that no longer matches', () => {
    const result = check(broken('> I hate asking for help.', '> I really hate asking for help.'))
    const problem = only(result)
    expect(problem.line).toBe(lineOf(result.markdown, '> I really hate'))
    expect(problem.message).toContain('The closest essay line is “I hate asking for help.”')
    expect(problem.fix).toContain('> I hate asking for help.')
  })

  it('tells straight quote marks from other words', () => {
    const result = check(broken('> I hate asking for help.', '> I can\'t do it all alone. I don\'t have to.'))
    const problem = only(result)
    expect(problem.message).toMatch(/not its quote marks/)
    expect(problem.fix).toContain('I can’t do it all alone. I don’t have to.')
  })

  it('refuses a blockquote of the kit\'s own words: it would be credited to the essay', () => {
    const result = check(broken('> I hate asking for help.', '> Ask early and ask often, it is good for the team.'))
    const problem = only(result)
    expect(problem.message).toMatch(/not a line of the essay/)
    expect(problem.fix).toMatch(/plain text/)
  })

  it('leaves a > inside a code block alone', () => {
    const result = check(broken('> I hate asking for help.', '> I hate asking for help.\n\n```md\n> Your own words in a quote\n```'))
    expect(result.problems).toEqual([])
  })

  it('reads a quote set over several lines as one', () => {
    const result = check(broken('> I hate asking for help.', '> It shows up quietly, disguised as\n> independence, grit, and self-reliance.'))
    expect(result.problems).toEqual([])
  })
})

describe('the workshop: block', () => {
  it('warns about each sample value left in, on its own line', () => {
    const result = check(broken('  organization: Acme Support\n  facilitator: Sam Rivera\n  date: 3 March 2027', '  organization: Your organisation\n  facilitator: Your name\n  date: Date of the session'))
    expect(result.problems.map(problem => [problem.level, problem.line])).toEqual([
      ['warning', lineOf(result.markdown, 'organization:')],
      ['warning', lineOf(result.markdown, 'facilitator:')],
      ['warning', lineOf(result.markdown, 'date: Date')],
    ])
    expect(result.problems[1]!.message).toContain('"Your name"')
  })
})

describe('the example decks', () => {
  const examples = readdirSync(fileURLToPath(new URL('../../examples/', import.meta.url))).filter(name => name.endsWith('.md'))

  it('has at least one', () => {
    expect(examples.length).toBeGreaterThan(0)
  })

  it.each(examples)('examples/%s has no error', (name) => {
    const deck = checkDeckFile(fileURLToPath(new URL(`../../examples/${name}`, import.meta.url)))
    expect(deck.problems.filter(problem => problem.level === 'error').map(problem => `${problem.line}: ${problem.message}`)).toEqual([])
  })
})

describe('the shipped slides.md', () => {
  const deck = checkDeckFile()

  it('has no error', () => {
    expect(deck.problems.filter(problem => problem.level === 'error').map(problem => `${problem.line}: ${problem.message}`)).toEqual([])
  })

  it('warns only about the workshop: block\'s sample values, which a facilitator replaces', () => {
    expect(deck.problems.map(problem => problem.message.split(' is still')[0])).toEqual(['workshop.organization', 'workshop.facilitator', 'workshop.date'])
  })
})
