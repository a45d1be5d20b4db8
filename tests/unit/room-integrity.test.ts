import { describe, expect, it } from 'vitest'
import { presenterWarnings } from '../../core/integrity'
import { AddressCap } from '../../room/address-cap'
import { hashToken, normalizeOrigins, originAllowed, tokenMatchesHash } from '../../room/auth'
import { parseMaxPerAddress, parseOriginList, resolveRoomOptions } from '../../room/options'

describe('addressCap', () => {
  it('admits up to the cap, the same identity again, and room again after one leaves', () => {
    const cap = new AddressCap(2)
    const a = cap.add('10.0.0.1', 'a')
    cap.add('10.0.0.1', 'b')
    expect(cap.admits('10.0.0.1', null)).toBe(false)
    expect(cap.admits('10.0.0.1', 'c')).toBe(false)
    // A second tab of someone already there is not a new identity.
    expect(cap.admits('10.0.0.1', 'a')).toBe(true)
    expect(cap.admits('10.0.0.2', null)).toBe(true)
    a()
    a()
    expect(cap.admits('10.0.0.1', 'c')).toBe(true)
  })

  it('counts identities, not connections, and 0 means no cap', () => {
    const cap = new AddressCap(1)
    const first = cap.add('x', 'a')
    const second = cap.add('x', 'a')
    first()
    expect(cap.admits('x', 'b')).toBe(false)
    second()
    expect(cap.admits('x', 'b')).toBe(true)
    const open = new AddressCap(0)
    for (let i = 0; i < 100; i++)
      open.add('x', `p${i}`)
    expect(open.admits('x', null)).toBe(true)
  })

  it('reports crowded addresses as counts, largest first, and forgets refusals after ten minutes', () => {
    const cap = new AddressCap(0)
    for (const [address, n] of [['a', 2], ['b', 5], ['c', 3]] as const) {
      for (let i = 0; i < n; i++)
        cap.add(address, `${address}${i}`)
    }
    expect(cap.crowded(3)).toEqual([5, 3])
    cap.refused('a', 0)
    cap.refused('b', 5 * 60_000)
    expect(cap.refusedAddresses(6 * 60_000)).toBe(2)
    expect(cap.refusedAddresses(11 * 60_000)).toBe(1)
  })
})

describe('presenterWarnings', () => {
  const integrity = { crowded: [], crowdedAt: 3, maxPerAddress: 4, refusedAddresses: 0 }

  it('says nothing when the numbers look normal', () => {
    expect(presenterWarnings({ answers: 5, open: true, participants: 5, integrity })).toEqual([])
    expect(presenterWarnings({ answers: 9, open: false, participants: 5, integrity: null })).toEqual([])
  })

  it('warns when answers outnumber phones, when one address holds many identities, and when phones were turned away', () => {
    const lines = presenterWarnings({ answers: 9, open: true, participants: 5, integrity: { ...integrity, crowded: [4], refusedAddresses: 1 } })
    expect(lines).toEqual([
      'Answers outnumber phones: 9 answers, 5 phones connected now.',
      'One network address holds 4 identities.',
      expect.stringContaining('more than 4 on one network address'),
    ])
    expect(presenterWarnings({ answers: 0, open: true, participants: 0, integrity: { ...integrity, crowded: [6, 3] } }))
      .toEqual(['2 network addresses hold 6, 3 identities.'])
  })
})

describe('participant tokens and origins', () => {
  it('matches a token only against its own hash', () => {
    const hash = hashToken('a-token-of-forty-three-characters-xxxxxxxxx')
    expect(tokenMatchesHash('a-token-of-forty-three-characters-xxxxxxxxx', hash)).toBe(true)
    expect(tokenMatchesHash('a-token-of-forty-three-characters-xxxxxxxxy', hash)).toBe(false)
    expect(tokenMatchesHash(undefined, hash)).toBe(false)
    expect(tokenMatchesHash('', hash)).toBe(false)
    // A participant from before tokens existed has no hash: nothing proves that id.
    expect(tokenMatchesHash('anything', null)).toBe(false)
    expect(tokenMatchesHash('anything', undefined)).toBe(false)
  })

  it('lets same-origin pages and tools without Origin in, and nobody else unless allowed', () => {
    const allowed = normalizeOrigins(['http://127.0.0.1:3031/', 'http://localhost:3031'])
    expect(originAllowed(undefined, '10.0.0.2:3030')).toBe(true)
    expect(originAllowed('http://10.0.0.2:3030', '10.0.0.2:3030')).toBe(true)
    expect(originAllowed('https://room.example', 'room.example:443')).toBe(true)
    expect(originAllowed('http://evil.example', '10.0.0.2:3030')).toBe(false)
    expect(originAllowed('http://10.0.0.2:3031', '10.0.0.2:3030')).toBe(false)
    expect(originAllowed('null', '10.0.0.2:3030')).toBe(false)
    expect(originAllowed('http://10.0.0.2:3030', undefined)).toBe(false)
    expect(originAllowed('http://127.0.0.1:3031', '127.0.0.1:3030', allowed)).toBe(true)
    expect(originAllowed('http://localhost:3031', '127.0.0.1:3030', allowed)).toBe(true)
    expect(() => normalizeOrigins(['127.0.0.1:3031'])).toThrow(/not an origin|http/)
  })
})

describe('room options for the cap and the origins', () => {
  it('reads ROOM_MAX_PER_ADDRESS and ROOM_ALLOWED_ORIGINS, explicit options first, and refuses a bad cap', () => {
    expect(parseMaxPerAddress('0')).toEqual({ ok: true, value: 0 })
    expect(parseMaxPerAddress(' 12 ')).toEqual({ ok: true, value: 12 })
    for (const bad of ['-1', '2.5', 'many', ''])
      expect(parseMaxPerAddress(bad).ok).toBe(false)
    expect(parseOriginList('http://127.0.0.1:3031, http://localhost:3031')).toEqual(['http://127.0.0.1:3031', 'http://localhost:3031'])
    const env = { ROOM_SECRET: 's', ROOM_MAX_PER_ADDRESS: '10', ROOM_ALLOWED_ORIGINS: 'http://127.0.0.1:3031' }
    expect(resolveRoomOptions({}, { env })).toMatchObject({ maxPerAddress: 10, allowedOrigins: ['http://127.0.0.1:3031'] })
    expect(resolveRoomOptions({ maxPerAddress: 2 }, { env }).maxPerAddress).toBe(2)
    expect(() => resolveRoomOptions({}, { env: { ROOM_SECRET: 's', ROOM_MAX_PER_ADDRESS: 'lots' } })).toThrow(/ROOM_MAX_PER_ADDRESS/)
  })
})
