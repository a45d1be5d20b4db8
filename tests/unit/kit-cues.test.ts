import { describe, expect, it } from 'vitest'
import { cuesFor, parseCues } from '../../core/talk/cues'

const all = null

describe('parseCues', () => {
  it('reads [do] and say: lines in order and drops the quotes around say lines', () => {
    expect(parseCues('[do] Open the poll.\nsay: "Your gut reaction."\n[do] Wait 60 seconds.')).toEqual([
      { kind: 'do', text: 'Open the poll.', only: all },
      { kind: 'say', text: 'Your gut reaction.', only: all },
      { kind: 'do', text: 'Wait 60 seconds.', only: all },
    ])
  })

  it('keeps quotes inside a say line and curly outer quotes are removed too', () => {
    expect(parseCues('say: “It\'s \'I\'ll just handle it\' or not.”')).toEqual([{ kind: 'say', text: 'It\'s \'I\'ll just handle it\' or not.', only: all }])
  })

  it('joins an unmarked line to the cue above and starts a note after a blank line', () => {
    expect(parseCues('[do] Read the quote\nslowly.\n\nBackup plan: skip this slide.')).toEqual([
      { kind: 'do', text: 'Read the quote slowly.', only: all },
      { kind: 'note', text: 'Backup plan: skip this slide.', only: all },
    ])
  })

  it('accepts markers in any case and surrounding spaces; empty notes give no cues', () => {
    expect(parseCues('  [DO]   Smile\n  Say:   hello  ')).toEqual([{ kind: 'do', text: 'Smile', only: all }, { kind: 'say', text: 'hello', only: all }])
    expect(parseCues(undefined)).toEqual([])
    expect(parseCues('\n\n')).toEqual([])
    expect(parseCues('[do]\nsay: ""')).toEqual([])
  })
})

describe('cues for one length', () => {
  const note = [
    '[do] Open the poll.',
    '[do] (90 only) Read two answers aloud,',
    'then close it.',
    'say: (60 only) "We will take one answer today."',
    'say: (90 min only) “Two answers, then we move on.”',
    '[do] (45 only) A length nobody runs.',
  ].join('\n')

  it('reads the tag after the marker, keeps it on the cue and drops it from the text', () => {
    expect(parseCues(note)).toEqual([
      { kind: 'do', text: 'Open the poll.', only: all },
      { kind: 'do', text: 'Read two answers aloud, then close it.', only: 90 },
      { kind: 'say', text: 'We will take one answer today.', only: 60 },
      { kind: 'say', text: 'Two answers, then we move on.', only: 90 },
      { kind: 'do', text: 'A length nobody runs.', only: 45 },
    ])
  })

  it('keeps untagged cues and the ones tagged for the length, in order', () => {
    expect(cuesFor(parseCues(note), 60).map(cue => cue.text)).toEqual(['Open the poll.', 'We will take one answer today.'])
    expect(cuesFor(parseCues(note), 90).map(cue => cue.text)).toEqual(['Open the poll.', 'Read two answers aloud, then close it.', 'Two answers, then we move on.'])
  })

  it('leaves a parenthesis that is not a length tag in the text', () => {
    expect(parseCues('[do] (Optional) Ask for a volunteer.')).toEqual([{ kind: 'do', text: '(Optional) Ask for a volunteer.', only: all }])
    expect(parseCues('say: "(only) if you want to."')).toEqual([{ kind: 'say', text: '(only) if you want to.', only: all }])
  })
})
