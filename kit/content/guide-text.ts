/**
 * The facilitation know-how the deck does not carry: who the session is for,
 * preparation, set-up, variations, accessibility, debrief questions and
 * follow-up. The schedule, script, polls and exercise timings are never
 * written here; they are read from the outline and slides.md.
 */

export const audience = {
  who: 'Team leads, managers and anyone who leads without the title: people who are good at carrying things alone and pay for it.',
  groupSize: 'Works from 6 to about 150 people. The exercise needs at least 4 (two pairs); the live room has been sized for 150 phones.',
  prerequisites: 'None. Participants need no preparation and no account; a phone with a browser helps but is optional.',
}

export const purpose = 'Help leaders notice when independence has turned into isolation, see what the research says about how people respond to requests for help, and practise making one real ask and one real offer so that asking becomes normal on their teams.'

export interface Checkpoint {
  when: string
  items: string[]
}

export const preparation: Checkpoint[] = [
  {
    when: 'Two weeks before',
    items: [
      'Agree the length (60 or 90 minutes), the room and the start time; set them in the `workshop:` block of slides.md.',
      'Ask participants about access needs (captions, seating, large print, dietary needs for breaks) in the invitation.',
      'Send the slides and the participant handout in advance to anyone who asked for them.',
      'Choose a co-facilitator if the group is larger than about 30.',
    ],
  },
  {
    when: 'The day before',
    items: [
      'Run `npm run export` and print the handout (one per person, plus spares) and this guide.',
      'Rehearse once with the presenter view; time the story and the evidence sections.',
      'Think of your own real ask for the exercise demo: modest, true, due soon.',
    ],
  },
  {
    when: 'One hour before',
    items: [
      'Start the room with `npm start`; check the join slide shows the QR code and the link.',
      'Join from your own phone on the venue Wi-Fi and answer the first poll; then reset it.',
      'Lay out handouts, commitment cards, pens and sticky notes on every table.',
      'Put the title slide up; put a timer where you can see it.',
    ],
  },
]

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

export const materials: Array<{ item: string, amount: string }> = [
  { item: 'Projector or large screen, laptop with the deck', amount: '1' },
  { item: 'Participant handout (printed)', amount: 'one per person + 10%' },
  { item: 'Commitment cards (cut from the handout)', amount: 'one per person' },
  { item: 'Sticky notes and pens', amount: 'a pad and a pen per table' },
  { item: 'Ask/offer cards (paper fallback for the exercise)', amount: 'one per person' },
  { item: 'Numbered and coloured pair cards (paper fallback)', amount: 'a set per 20 people' },
  { item: 'Visible timer (phone, kitchen timer or on-screen)', amount: '1' },
  { item: 'Wall space or flipchart for the sticky-note polls', amount: '1' },
]

export const roomSetup: string[] = [
  'Tables of four to six (cabaret style) work best: people pair with a neighbour and debrief as a table.',
  'Leave walking space between tables so pairs can stand up and move.',
  'Keep one wall clear for the paper versions of the polls.',
  'Reserve seats near the door for late arrivals and anyone who may need to step out.',
  'Check sight lines to the screen from every seat; put the handouts where people will sit.',
]

export const liveRoom = {
  start: 'Start everything with one command: `npm start` (add `-- --variant 60` for the short run). It serves the deck and the live room on one port and prints two addresses.',
  urls: [
    'Presenter URL: contains the presenter secret. Open it only on your laptop; it lets you open, close, reveal and moderate polls.',
    'Join URL: what phones open. It is on the join slide as a link and a QR code. It asks for no name and no account.',
  ],
  secret: 'The secret is new every time the room starts unless you pass `--secret`. Never show the presenter URL on the projector; if it leaks, restart the room to get a new secret.',
  qr: 'The QR code encodes the join URL with the laptop’s IP address. If phones cannot open it, check that they are on the same Wi-Fi as the laptop.',
  results: 'Results are kept in the room database in your user data folder, outside the project (`npm start` prints where). After the session, `npm run export -- --only results` writes the results report; answers are anonymous.',
  wifiFails: [
    'Say it calmly: “The phones are having a moment; we’ll do this one on paper.” The room moves on; nothing is lost.',
    'Every poll has a paper version (below): hands, fingers, sticky notes on the wall.',
    'For the exercise, hand out the numbered and coloured pair cards: same colour and number = partners.',
    'If the laptop loses the network, the deck still runs: it is served from the laptop itself.',
    'If the room server stops, run `npm start` again with the same `--session`: votes already stored are kept.',
  ],
}

export const exerciseElements = {
  invitation: 'Write one real ask for help: something you are working on now, due soon. Then ask and offer in pairs: questions first, advice later.',
  space: 'Stay at your tables; pairs turn to face each other. Everyone holds their ask card (or phone).',
  participation: 'Everyone asks once and offers once; nobody watches. Anyone may pass, and a pass is never questioned.',
  configuration: 'Pairs matched on the phones (or by the pair cards). An odd number makes one trio: the third person observes one turn, then asks.',
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
      'Debrief with 1-2-4-All up to the “4”, then take three answers from the whole room.',
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
  {
    name: '45 minutes',
    how: [
      'Run the 60-minute variant and cut: the “when I’m stuck” poll, the caveat slide and the So what? debrief.',
      'Keep the exercise at full length: it is the part people remember.',
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
      'Whom will you ask, for what, by when?',
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
      'Thank you for asking and offering yesterday. A reminder of what we saw: people say yes to requests for help far more often than we expect.',
      'You wrote down one ask: whom, for what, by when. If you have not sent it yet, today is a good day. A short message is enough: “I’m working on ___ and could use your help to ___ by ___.”',
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
