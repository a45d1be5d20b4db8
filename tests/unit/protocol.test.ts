import { describe, expect, it } from 'vitest'
import { MAX_MESSAGE_BYTES, parseClientMessage } from '../../core/protocol'

function bad(raw: string) {
  const r = parseClientMessage(raw)
  expect(r.ok).toBe(false)
  if (r.ok)
    throw new Error('unreachable')
  return r
}

describe('parseClientMessage', () => {
  it('accepts each message type', () => {
    for (const message of [
      { type: 'hello' },
      { type: 'hello', participantId: 'abcdefgh' },
      { type: 'hello', participantId: 'abcdefgh', token: 'T0k3n_-'.repeat(6) },
      { type: 'hello', participantId: 'abcdefgh', nickname: '  Sam ' },
      { type: 'vote', requestId: 'r1', pollId: 'p-1', value: 2 },
      { type: 'vote', requestId: 'r1', pollId: 'p-1', value: ['a', 'b'] },
      { type: 'control', requestId: 'r2', secret: 's', action: { kind: 'close', pollId: 'p-1' } },
      { type: 'control', requestId: 'r2', secret: 's', action: { kind: 'open', poll: { id: 'p-1', kind: 'choice', question: 'Q?', options: ['a', 'b'] } } },
      { type: 'watch', requestId: 'r3' },
      { type: 'ping' },
    ]) {
      const r = parseClientMessage(JSON.stringify(message))
      expect(r.ok, JSON.stringify(message)).toBe(true)
    }
  })

  it('trims nicknames', () => {
    const r = parseClientMessage(JSON.stringify({ type: 'hello', participantId: 'abcdefgh', nickname: '  Sam ' }))
    expect(r.ok && r.message.type === 'hello' && r.message.nickname).toBe('Sam')
  })

  it('refuses an unknown type', () => {
    expect(bad(JSON.stringify({ type: 'explode' })).code).toBe('bad-message')
  })

  it.each([
    ['not JSON', '{'],
    ['an array', '[]'],
    ['null', 'null'],
    ['short participant id', JSON.stringify({ type: 'hello', participantId: 'abc' })],
    ['participant id with markup', JSON.stringify({ type: 'hello', participantId: '<script>alert(1)</script>' })],
    ['short token', JSON.stringify({ type: 'hello', participantId: 'abcdefgh', token: 'abc' })],
    ['token with markup', JSON.stringify({ type: 'hello', participantId: 'abcdefgh', token: '<script>alert(1)</script>xxxxxxxx' })],
    ['token not a string', JSON.stringify({ type: 'hello', participantId: 'abcdefgh', token: 12345 })],
    ['poll id with capitals', JSON.stringify({ type: 'vote', requestId: 'r', pollId: 'P', value: 1 })],
    ['vote value an object', JSON.stringify({ type: 'vote', requestId: 'r', pollId: 'p', value: { a: 1 } })],
    ['control without secret', JSON.stringify({ type: 'control', requestId: 'r', action: { kind: 'close', pollId: 'p' } })],
    ['unknown control kind', JSON.stringify({ type: 'control', requestId: 'r', secret: 's', action: { kind: 'drop-tables', pollId: 'p' } })],
  ])('refuses %s as bad-message', (_, raw) => {
    expect(bad(raw).code).toBe('bad-message')
  })

  it('refuses an oversized frame before parsing it', () => {
    const raw = JSON.stringify({ type: 'vote', requestId: 'r', pollId: 'p', value: 'x'.repeat(MAX_MESSAGE_BYTES) })
    expect(bad(raw).code).toBe('too-large')
  })

  it('never echoes the input in its error message', () => {
    const marker = 'INJECTED<b>'
    for (const raw of [marker, JSON.stringify({ type: marker }), JSON.stringify({ type: 'hello', participantId: marker })])
      expect(bad(raw).message).not.toContain(marker)
  })
})
