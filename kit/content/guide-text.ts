/**
 * The facilitation know-how the deck does not carry: who the session is for,
 * preparation, set-up, variations, accessibility, debrief questions and
 * follow-up. The schedule, script, polls and exercise timings are never
 * written here; they are read from the deck file (its frontmatter, slides and notes).
 */
import { essay } from '../../core/talk/essay'

/** "60", "60 or 90", "30, 60 or 90": the lengths a deck runs, for a sentence. */
export function lengthsInWords(lengths: readonly number[]): string {
  const sorted = [...lengths].sort((a, b) => a - b).map(String)
  return sorted.length <= 1 ? (sorted[0] ?? '') : `${sorted.slice(0, -1).join(', ')} or ${sorted.at(-1)}`
}

export const audience = {
  who: 'Team leads, managers and anyone who leads without the title: people who are good at carrying things alone and pay for it.',
  groupSize: 'Works from 6 to about 150 people. The exercise needs at least 4 (two pairs); the live room has been sized for 150 phones.',
  prerequisites: 'None. Participants need no preparation and no account; a phone with a browser helps but is optional.',
}

/** What people leave with, for a deck without a `purpose` slide listing its own outcomes. */
export const defaultOutcomes: readonly string[] = [
  'Notice when independence turns into isolation',
  'See what research adds to the essay',
  'Practise one real ask and one real offer',
  'Leave with a name and a date',
]

export const purpose = 'Help leaders notice when independence has turned into isolation, see what the research says about how people respond to requests for help, and practise making one real ask and one real offer so that asking becomes normal on their teams.'

export interface Checkpoint {
  when: string
  items: string[]
}

/** The preparation timeline; `lengths` are the deck's variants, in minutes, `file` the deck. */
export function preparation(lengths: readonly number[], file = 'slides.md'): Checkpoint[] {
  return [
    {
      when: 'Two weeks before',
      items: [
        lengths.length > 1
          ? `Agree the length (${lengthsInWords(lengths)} minutes), the room and the start time; set them in the \`workshop:\` block at the top of the deck.`
          : 'Agree the room and the start time; set them in the `workshop:` block at the top of the deck.',
        'Ask participants about access needs (captions, seating, large print, dietary needs for breaks) in the invitation.',
        'Send the slides and the participant handout in advance to anyone who asked for them.',
        'Choose a co-facilitator if the group is larger than about 30.',
      ],
    },
    {
      when: 'The day before',
      items: [
        `Run \`${command('npm run export', file)}\` and print the handout (one per person, plus spares) and this guide.`,
        'Rehearse once with the presenter view; time the story and the evidence sections.',
        'Think of your own real ask for the exercise demo: modest, true, due soon.',
      ],
    },
    {
      when: 'One hour before',
      items: [
        `Start the room with \`${command('npm start', file)}\`; check the join slide shows the QR code and the link.`,
        'Join from your own phone on the venue Wi-Fi and answer the first poll; then reset it.',
        'Lay out handouts, commitment cards, pens and sticky notes on every table.',
        'Put the title slide up; put a timer where you can see it.',
      ],
    },
  ]
}

export const roles: Array<{ role: string, does: string }> = [
  { role: 'Lead facilitator', does: 'Runs the slides and the script, keeps time, opens and closes polls.' },
  { role: 'Co-facilitator (30+ people)', does: 'Walks the room during the exercise, helps people find partners, forms trios for odd numbers, watches the chat in hybrid sessions.' },
  { role: 'Room producer (remote/hybrid, 60+)', does: 'Runs breakout rooms, posts links, reads out chat questions, keeps the recording and captions working.' },
]

export const checklist: string[] = [
  'Presenter URL with the secret is open on the laptop, not on the projector',
  'Join slide shows a working link and QR code',
  'Every poll has a paper fallback ready (sticky notes, cards, pens)',
  'Projector readable from the back row; sound checked if you use a microphone',
  'Phones can reach the room on the venue network (tested from one phone)',
  'A visible timer for the exercise',
  'Handouts and commitment cards on every table',
  'You know where the exits, toilets and step-free routes are',
]

export const roomSetup: string[] = [
  'Tables of four to six (cabaret style) work best: people pair with a neighbour and debrief as a table.',
  'Leave walking space between tables so pairs can stand up and move.',
  'Keep one wall clear for the paper versions of the polls.',
  'Reserve seats near the door for late arrivals and anyone who may need to step out.',
  'Check sight lines to the screen from every seat; put the handouts where people will sit.',
]

/**
 * A command as the facilitator types it for this deck: `npm start`, or with the deck
 * and a length when they are not the defaults, e.g. `npm start -- --deck examples/x.md`.
 */
export function command(base: string, file: string, flags: readonly string[] = []): string {
  const all = [...(file === 'slides.md' ? [] : [`--deck ${file}`]), ...flags]
  return all.length ? `${base} -- ${all.join(' ')}` : base
}

/** How the live room is started for the deck `file`, whose lengths are `lengths`, running `variant` now. */
function startLine(lengths: readonly number[], variant: number, file: string): string {
  const other = lengths.find(length => length !== variant)
  const how = other === undefined ? '' : ` (\`${command('npm start', file, [`--variant ${other}`])}\` for the ${other}-minute run)`
  return `Start everything with one command: \`${command('npm start', file)}\`${how}. It serves the deck and the live room on one port and prints two addresses.`
}

export function liveRoom(lengths: readonly number[], variant: number, file = 'slides.md') {
  return {
    start: startLine(lengths, variant, file),
    urls: [
      'Presenter URL: contains the presenter secret. Open it only on your laptop; it lets you open, close, reveal and moderate polls.',
      'Join URL: what phones open. It is on the join slide as a link and a QR code. It asks for no name and no account.',
    ],
    secret: 'The secret is new every time the room starts unless you pass `--secret`. Never show the presenter URL on the projector; if it leaks, restart the room to get a new secret.',
    qr: 'The QR code encodes the join URL with the laptop’s IP address. If phones cannot open it, check that they are on the same Wi-Fi as the laptop.',
    results: `Results are kept in the room database in your user data folder, outside the project (\`npm start\` prints where). After the session, \`${command('npm run export', file, ['--only results'])}\` writes the results report; answers are anonymous.`,
    wifiFails: [
      'Say it calmly: “The phones are having a moment; we’ll do this one on paper.” The room moves on; nothing is lost.',
      'Every poll has a paper version (below): folded slips into a box for the answers people should not have to show, unsigned sticky notes for words and guesses.',
      'For the exercise, hand out the paper cards (`paper-cards.pdf`); the cards say how partners find each other.',
      'If the laptop loses the network, the deck still runs: it is served from the laptop itself.',
      'If the room server stops, run `npm start` again with the same `--session`: votes already stored are kept.',
    ],
  }
}

export const exerciseElements = {
  invitation: 'Write one real ask for help: something you are working on now, due soon. Then ask and offer in pairs: questions first, advice later.',
  space: 'Stay at your tables; pairs turn to face each other. Everyone holds their ask card (or phone).',
  participation: 'Everyone asks once and offers once; nobody watches. Anyone may pass, and a pass is never questioned.',
  configuration: 'Pairs matched on the phones (or by the pair cards). An odd number makes one trio: everyone in it asks once, and the three share the round’s time.',
}

export interface Variation {
  name: string
  how: string[]
}

export const sizeVariations: Variation[] = [
  {
    name: 'About 6 people',
    how: [
      'Skip the phones: run the polls by hand and on sticky notes; the room is small enough to hear everyone.',
      'Run the exercise as a Reciprocity Ring: each person reads their ask, everyone else says what they could offer.',
      'Spend the time saved on the debrief: each person answers each debrief question.',
    ],
  },
  {
    name: 'About 20 people',
    how: [
      'The default design. Tables of four; one facilitator is enough.',
      'Read the poll results aloud and ask one or two volunteers what they notice.',
    ],
  },
  {
    name: 'About 60 people',
    how: [
      'Bring a co-facilitator to walk the room during the exercise and form trios.',
      'In the debrief, take answers from three tables only; ask tables to choose who speaks.',
      'Test the venue Wi-Fi with ten phones at once beforehand, or bring your own access point.',
    ],
  },
  {
    name: 'About 150 people',
    how: [
      'Use a microphone and a second screen at the back. Two co-facilitators walk the aisles.',
      'Pairs are neighbours in the same row: do not ask people to move.',
      'Debrief with 1-2-4-All up to the “4” (a minute alone, two in pairs, four in fours), then take three answers from the whole room.',
      'Polls carry the room: read the spread aloud rather than inviting comments.',
    ],
  },
  {
    name: 'Remote',
    how: [
      'Share the join URL in the chat as well as on the slide; the room works from any browser.',
      'Run the exercise in breakout rooms of two (or three), one round per breakout; broadcast the step changes.',
      'Keep cameras optional; ask for the debrief answers in the chat first, then invite two people to speak.',
      'Send the handout as a PDF before the session.',
    ],
  },
  {
    name: 'Hybrid',
    how: [
      'Pair remote people with each other, not with the room: mixed pairs lose the most time.',
      'Name a co-facilitator as the voice of the remote participants; call on them first in every debrief.',
      'Use a room microphone that remote people can hear the room through.',
    ],
  },
]

export const accessibility: string[] = [
  'Describe every picture and chart aloud; the script has a cue wherever a slide carries meaning in an image.',
  'Share the slides and the handout in advance for screen readers and for people who like to read ahead.',
  'Turn on live captions (in the video tool, or a captioning service) and tell people they are on.',
  'Say the right to pass at the start and mean it: every poll and every exercise step is optional.',
  'Ask about access needs in the invitation, not in the room.',
  'Every poll has a paper version; nobody needs a phone to take part.',
  'Read the poll questions and results aloud, not only on the screen.',
  'Keep the exercise seated if anyone would find standing or moving hard; pairs can be neighbours.',
  'Avoid asking people to share personal difficulties in the whole room; the exercise happens in pairs.',
]

export interface QuestionGroup {
  name: string
  questions: string[]
}

export const debriefWhatSoWhatNowWhat: QuestionGroup[] = [
  {
    name: 'What? (what happened)',
    questions: [
      'What did you ask for? What were you offered?',
      'What surprised you about your partner’s response?',
      'What did you notice in yourself just before you read your ask?',
    ],
  },
  {
    name: 'So what? (what it means)',
    questions: [
      'How did asking feel compared with the word you gave at the start?',
      'How did it feel to be asked? What does the gap between the two tell you?',
      'What does this say about how often help is offered on your team?',
    ],
  },
  {
    name: 'Now what? (what you will do)',
    questions: [
      'Where are you carrying something alone right now?',
      'Who will you ask, for what, by when?',
      'What would make asking normal on your team? What will you do first?',
    ],
  },
]

export const debriefThiagi: QuestionGroup[] = [
  { name: 'How do you feel?', questions: ['One word for how you feel right now.', 'What was the most uncomfortable moment?'] },
  { name: 'What happened?', questions: ['What did you see your partner do?', 'What did you do differently from what you planned?'] },
  { name: 'What did you learn?', questions: ['What is one thing you now believe about asking that you did not at the start?'] },
  { name: 'How does it relate?', questions: ['Where does this happen at work?', 'Who on your team never asks?'] },
  { name: 'What if?', questions: ['What if the most senior person in your team asked first?', 'What if the answer had been no?'] },
  { name: 'What next?', questions: ['What will you do in the next 48 hours?', 'What support do you need to do it?'] },
]

export interface Template {
  name: string
  when: string
  subject: string
  body: string[]
}

export const followUps: Template[] = [
  {
    name: 'The day after',
    when: 'Send the morning after the session.',
    subject: 'Your ask: one day on',
    body: [
      'Hi all,',
      'Thank you for asking and offering yesterday. A reminder of what we saw: when people are asked in person, they say yes more often than the person asking expects.',
      'You wrote down one ask: who, for what, by when. If you have not made it yet, today is a good day. Make it in person or on a call if you can: in the research, people asking by email expected as many yeses as people asking face to face, and got far fewer. If it has to be a message, say what, how much and by when: “I’m working on ___ and could use your help to ___ by ___.”',
      'The slides and the handout are attached. The room’s results (anonymous) are in the results report.',
      'Reply to this note if you would like to tell me how it went.',
    ],
  },
  {
    name: 'Two weeks later',
    when: 'Send two weeks after the session.',
    subject: 'Two weeks on: did you ask?',
    body: [
      'Hi all,',
      'Two weeks ago you each wrote down one ask. Did you make it? What happened?',
      'If it went well: who else could you ask? If it has not happened yet: what got in the way, and what is the smallest version you could send today?',
      'One question for your next team meeting: “What are you carrying alone right now that someone here could help with?”',
    ],
  },
]

export const facilitatorRetro: string[] = [
  'Which slide ran long, and which could be shorter?',
  'Where did energy drop? Where did it rise?',
  'Did everyone find a partner quickly? What would help next time?',
  'What did the polls tell you about this group that you did not expect?',
  'Which debrief question produced the best conversation?',
  'What will you change before you run it again?',
]

/**
 * The essay the talk is built from, for a facilitator who has not read it.
 * Quoted phrases are the essay's words exactly; the rest is the kit's summary.
 */
export const essayInBrief = {
  title: essay.title,
  credit: `An essay by the author of the book *${essay.book}*, which it draws on. The workshop follows its sections in order and quotes it word for word; the studies in the talk are the kit’s additions, not the essay’s: the essay cites no research.`,
  paragraphs: [
    'The essay opens with a confession, “I hate asking for help.”, and with the habit behind it: independence, grit and self-reliance that sound responsible and look strong. Its frame comes from the book: “Some of our most celebrated strengths become our most dangerous shadows when we stop paying attention.” At best the writer knows “Leadership was never meant to be a solo sport.”; in the shadow, “It’s easier to do it myself.” What follows is tiredness and resentment, “even though I never gave them the chance.”',
    'Under “Independence Isn’t the Enemy. Isolation Is.”: independence made us dependable; the trouble starts “when independence becomes armor rather than strength.” Refusing help sends a message that we need nobody, and “Over time, people stop offering.”',
    'Under “People Want to Help”: most people want to be useful, so an ask is not a burden: “It’s an invitation.” It says “I trust you. I value your perspective. I can’t do this without you.” The essay’s thesis sits here: “That’s not a weakness. That’s leadership.” Helping runs both ways: “When you help people get what they want, they are far more willing and able to help you get what you want.”',
    'Under “Asking for Help Builds Better Leaders”: “As leaders, our focus shouldn’t be on proving how capable we are.” A leader who asks shows the team “it’s okay not to have all the answers”, and “Teams don’t grow when leaders carry everything.”',
    'Under “Staying Out of the Shadow”: the shadow is confusing self-reliance with self-worth; the daylight question is “What would be healthier right now?” The essay ends: “And sometimes, the most important leadership move you can make is simply asking for help.”',
  ],
}

/** The one thing each of the essay's parts should leave in the room, by the outline's section id. */
export const keyMessages: Record<string, string> = {
  'opening': 'Set the terms: every poll is anonymous, every step is optional, anyone may pass.',
  'confession': 'Start with an admission, not a lesson: carrying things alone is common, and it passes for strength.',
  'shadows': 'The strengths people are praised for (independence, grit) turn into shadows when nobody watches what they cost.',
  'best-and-shadow': 'The same person can be at their best or in their shadow in different weeks; the difference is whether they let others in.',
  'quiet-irony': 'Not asking, then resenting that nobody helps: the others never got the chance.',
  'isolation': 'Independence is not the problem; isolation is. Turning help down tells people we need nobody, and in time they stop offering.',
  'people-want-to-help': 'An ask is an invitation. People agree more often than askers predict, and feel better for helping, especially when asked in person.',
  'better-leaders': 'A leader who asks shows the team it is fine not to know everything. The research adds a caveat: context matters, and in one study male leaders who asked were rated lower.',
  'exercise': 'Everyone makes one real ask and one real offer; helpers ask questions before they give advice.',
  'debrief': 'Turn the experience into a decision: what happened, what it means, what each person will do.',
  'out-of-the-shadow': 'Self-reliance is not self-worth. The daylight question is “What would be healthier right now?”',
  'close': 'Everyone leaves with a name, an ask and a date.',
}

/** The names the guide uses for methods, explained once, where a stranger will look for them. */
export const glossary: Array<{ term: string, meaning: string }> = [
  { term: '1-2-4-All', meaning: 'A Liberating Structure for hearing everyone: a minute alone with the question, two minutes in pairs, four in groups of four, then a few answers for the whole room.' },
  { term: 'Troika Consulting', meaning: 'A Liberating Structure in threes: one person asks, the other two ask questions and then discuss the ask while the asker listens with their back turned. The exercise borrows its “questions before advice” rule.' },
  { term: 'Reciprocity Ring', meaning: 'Wayne and Cheryl Baker’s exercise: each person makes an ask of a group and the others offer what they can. The exercise borrows the idea that everyone both asks and offers.' },
  { term: 'Impromptu Networking', meaning: 'A Liberating Structure of short, timed conversations with a new partner on one question.' },
  { term: 'What? So what? Now what?', meaning: 'A debrief in three steps: what happened, what it means, what we will do. The deck’s debrief slides follow it.' },
  { term: 'SMART ask', meaning: 'Specific, Meaningful, Action-oriented, Realistic, Time-bound: an ask someone can say yes to this month.' },
  { term: 'Psychological safety', meaning: 'Amy Edmondson’s term for a shared belief that a team is safe for interpersonal risk, such as asking a question or admitting a mistake.' },
  { term: 'Thiagi’s debrief', meaning: 'Sivasailam Thiagarajan’s six debrief questions (feel, happened, learned, relate, what if, next), in the question bank below.' },
]

export interface TrickyMoment {
  moment: string
  what: string[]
}

/** What a facilitator can do when the room pushes back, a pair goes deep, or nobody speaks. */
export const trickyMoments: TrickyMoment[] = [
  {
    moment: '“My boss punishes asking.”',
    what: [
      'Believe them: for some people it is true, and the caveat slide says context matters.',
      '“Thank you for saying it. Where is asking safe for you: a peer, someone in another team, someone outside work?”',
      'Keep the exercise’s ask inside what is safe for them; a small ask to a peer counts.',
      'Do not argue the research against their experience: the studies are averages, their boss is not.',
    ],
  },
  {
    moment: '“Those studies were with strangers, not colleagues.”',
    what: [
      'Mostly true: say so. The evidence briefs above say who took part in each study.',
      'The competence study (Brooks and colleagues) is about the person you ask; the team study (Edmondson) is real work teams, and shows a link, not a cause.',
      '“So try it and see: that is what the exercise is for.”',
    ],
  },
  {
    moment: 'Someone shares something painful in a pair',
    what: [
      'The rule is that what is said in a pair stays in the pair; never ask anyone to repeat it to the room.',
      'If you notice distress, go over quietly, offer a break and a private word; let the partner carry on with a neighbouring pair.',
      'Afterwards, point to the help your organisation offers (employee assistance, HR, a named person). Find out what exists before the session.',
      'If someone may be at risk of harm, follow your organisation’s safeguarding route; this is not a coaching moment.',
    ],
  },
  {
    moment: 'Someone cannot or will not take part',
    what: [
      'Passing is a full answer: say it at the start and again before the exercise, and never ask why.',
      'Offer a quiet role: keep time for a table, or write an ask just for themselves and keep it.',
      'Nobody needs a phone: every poll has a paper version and the exercise has paper cards.',
      'If someone cannot stand, move or hear well, bring the pair to them and keep it at the table.',
    ],
  },
  {
    moment: 'The room goes quiet',
    what: [
      'Count to ten in your head before you rescue the silence: people are thinking.',
      'Ask them to tell a neighbour first, then take two answers from the pairs.',
      'Answer the question yourself, briefly and honestly, then ask again.',
      'Read the poll result aloud and ask “What do you notice?”; a number is easier to talk about than oneself.',
    ],
  },
  {
    moment: 'A helper launches into advice',
    what: [
      'Walk over and say the rule for the pair: “Questions first. What would help most?”',
      'At the next step change, remind the whole room once; do not single anyone out.',
    ],
  },
]
