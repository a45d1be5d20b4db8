/**
 * The essay the talk is built from: its title, the book it belongs to, the credit every quoting
 * slide carries, and the lines the deck may quote. These are the essay's own words, kept with the
 * essay's typography (curly apostrophes, em dashes), so a blockquote in slides.md can be checked
 * word for word: the deck sets essay lines, and only essay lines, as blockquotes.
 */
export const essay = {
  title: 'Asking for Help Is Not Weakness — It’s Leadership',
  book: 'The Upside Down Leader',
  credit: 'From the essay',
} as const

/** Lines of the essay, in the essay's order. To quote another line, add it here exactly as the essay has it. */
export const essayLines: readonly string[] = [
  'I hate asking for help.',
  'It shows up quietly, disguised as independence, grit, and self-reliance.',
  'Some of our most celebrated strengths become our most dangerous shadows when we stop paying attention.',
  'I can’t do it all alone. I don’t have to.',
  'Leadership was never meant to be a solo sport.',
  'I tell myself I should be able to handle it.',
  'It’s easier to do it myself.',
  'I get tired. I get stretched thin. And eventually, I get annoyed that no one is helping me.',
  'I’m frustrated with others for not showing up, even though I never gave them the chance.',
  'Independence Isn’t the Enemy. Isolation Is.',
  'Independence, on its own, isn’t a bad thing. It’s how many of us have survived.',
  'The problem begins when independence becomes armor rather than strength.',
  'I’ll just handle it.',
  'Who can help me think this through?',
  'One closes doors. The other opens them.',
  'Over time, people stop offering.',
  'Not because they don’t care, but because they respect the boundary we set.',
  'Then we wonder why leadership feels lonely.',
  'Asking for help isn’t a burden. It’s an invitation.',
  'It tells someone, I trust you. I value your perspective. I can’t do this without you.',
  'That’s not a weakness. That’s leadership.',
  'When you help people get what they want, they are far more willing and able to help you get what you want. Not in a transactional way, but in a human one.',
  'Trust compounds. Support multiplies.',
  'As leaders, our focus shouldn’t be on proving how capable we are. It should be about helping others grow and succeed.',
  'We show them it’s okay not to have all the answers. We show them that collaboration matters more than ego. We show them leadership isn’t about control. It’s about connection.',
  'Teams don’t grow when leaders carry everything. They grow when leaders share responsibility and create space for others to step up.',
  'The shadow shows up when we confuse self-reliance with self-worth.',
  'When asking for help feels like failure instead of wisdom.',
  'Daylight leadership asks a different question: What would be healthier right now?',
  'Sometimes the healthiest move isn’t pushing harder. It’s pausing long enough to say, “I need support.”',
  'Leadership done right is shared weight, shared ownership, and shared wins.',
  'And sometimes, the most important leadership move you can make is simply asking for help.',
]

/** Line breaks and runs of spaces are layout; quote marks and words are the essay's. */
function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** The essay line a blockquote reproduces word for word, or undefined. */
export function essayLineFor(quote: string): string | undefined {
  const wanted = collapseSpaces(quote)
  return essayLines.find(line => line === wanted)
}

/** Straight and curly quote marks made the same, for telling "wrong apostrophe" from "wrong words". */
export function withPlainQuotes(text: string): string {
  return collapseSpaces(text).replace(/[‘’]/g, '\'').replace(/[“”]/g, '"')
}
