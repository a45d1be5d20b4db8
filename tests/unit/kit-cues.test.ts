import { describe, expect, it } from 'vitest'
import { parseCues } from '../../kit/content/cues'

describe('parseCues', () => {
  it('reads [do] and say: lines in order and drops the quotes around say lines', () => {
    expect(parseCues('[do] Open the poll.\nsay: "Your gut reaction."\n[do] Wait 60 seconds.')).toEqual([
      { kind: 'do', text: 'Open the poll.' },
      { kind: 'say', text: 'Your gut reaction.' },
      { kind: 'do', text: 'Wait 60 seconds.' },
    ])
  })

  it('keeps quotes inside a say line and curly outer quotes are removed too', () => {
    expect(parseCues('say: “It\'s \'I\'ll just handle it\' or not.”')).toEqual([{ kind: 'say', text: 'It\'s \'I\'ll just handle it\' or not.' }])
  })

  it('joins an unmarked line to the cue above and starts a note after a blank line', () => {
    expect(parseCues('[do] Read the quote\nslowly.\n\nBackup plan: skip this slide.')).toEqual([
      { kind: 'do', text: 'Read the quote slowly.' },
      { kind: 'note', text: 'Backup plan: skip this slide.' },
    ])
  })

  it('accepts markers in any case and surrounding spaces; empty notes give no cues', () => {
    expect(parseCues('  [DO]   Smile\n  Say:   hello  ')).toEqual([{ kind: 'do', text: 'Smile' }, { kind: 'say', text: 'hello' }])
    expect(parseCues(undefined)).toEqual([])
    expect(parseCues('\n\n')).toEqual([])
    expect(parseCues('[do]\nsay: ""')).toEqual([])
  })
})
