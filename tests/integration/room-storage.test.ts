import type { PollDefinition } from '../../core/polls/definition'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { addressKey, bearerToken, secretMatches } from '../../room/auth'
import { lanAddress, lanAddresses } from '../../room/lan'
import { migrations } from '../../room/migrations'
import { resolveRoomOptions } from '../../room/options'
import { Room } from '../../room/room'
import { Storage } from '../../room/storage'

const dir = mkdtempSync(join(tmpdir(), 'room-storage-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('storage', () => {
  it('creates its folder, uses WAL, records the schema version', () => {
    const path = join(dir, 'nested', 'room.sqlite')
    const storage = new Storage({ path })
    expect(storage.db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(storage.db.pragma('synchronous', { simple: true })).toBe(1) // NORMAL
    expect(storage.db.pragma('user_version', { simple: true })).toBe(migrations.length)
    expect(storage.db.pragma('foreign_keys', { simple: true })).toBe(1)
    storage.close()
    // Opening again does not re-run migrations.
    const again = new Storage({ path, synchronous: 'FULL' })
    expect(again.db.pragma('user_version', { simple: true })).toBe(migrations.length)
    expect(again.db.pragma('synchronous', { simple: true })).toBe(2)
    again.close()
  })

  it('refuses a database from a newer schema', () => {
    const path = join(dir, 'newer.sqlite')
    const db = new Database(path)
    db.pragma(`user_version = ${migrations.length + 1}`)
    db.close()
    expect(() => new Storage({ path })).toThrow(/newer/)
  })

  it('lists sessions and deletes exactly one', () => {
    const storage = new Storage({ path: join(dir, 'sessions.sqlite') })
    let t = 1000
    for (const session of ['monday', 'tuesday']) {
      const room = new Room({ storage, session, now: () => t++ })
      room.control({ kind: 'open', poll: { id: 'p', kind: 'choice', question: 'Q?', options: ['a', 'b'] } })
      room.hello('participant-1')
      expect(room.vote('participant-1', 'p', 1)).toMatchObject({ ok: true })
      room.control({ kind: 'moderate', pollId: 'p', answerKey: 'x', hidden: true })
    }
    expect(storage.listSessions().map(s => [s.name, s.polls, s.votes, s.participants])).toEqual([['monday', 1, 1, 1], ['tuesday', 1, 1, 1]])
    expect(storage.deleteSession('monday')).toBe(true)
    expect(storage.deleteSession('monday')).toBe(false)
    expect(storage.listSessions().map(s => s.name)).toEqual(['tuesday'])
    for (const table of ['polls', 'rounds', 'votes', 'participants', 'hidden_answers'])
      expect(storage.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE session = ?`).get('monday')).toEqual({ n: 0 })
    expect(new Room({ storage, session: 'tuesday', now: () => t }).history()[0]?.total).toBe(1)
    storage.close()
  })

  it('keeps one row per participant and round whatever the order of writes', () => {
    const storage = new Storage({ path: ':memory:' })
    const room = new Room({ storage, session: 's', now: () => 5 })
    room.control({ kind: 'open', poll: { id: 'p', kind: 'scale', question: 'Q?', min: 1, max: 3, minLabel: '', maxLabel: '' } })
    room.hello('participant-1')
    for (const v of [1, 2, 3, 2])
      room.vote('participant-1', 'p', v)
    expect(storage.db.prepare('SELECT count(*) AS n FROM votes').get()).toEqual({ n: 1 })
    expect(room.results({ authorized: true })[0]?.tally).toEqual({ kind: 'scale', counts: [0, 1, 0], mean: 2 })
    storage.close()
  })

  it('starts a new round when a poll is reopened with a changed definition', () => {
    const storage = new Storage({ path: ':memory:' })
    const room = new Room({ storage, session: 's', now: () => 5 })
    const poll: PollDefinition = { id: 'p', kind: 'choice', question: 'Q?', options: ['a', 'b', 'c'] }
    room.control({ kind: 'open', poll })
    room.hello('participant-1')
    room.vote('participant-1', 'p', 2)
    expect(room.control({ kind: 'open', poll: { ...poll, options: ['a', 'b'] } as PollDefinition })).toMatchObject({ ok: true, round: 2 })
    expect(room.history().map(r => [r.round, r.status, r.total])).toEqual([[1, 'closed', 1], [2, 'open', 0]])
    storage.close()
  })
})

describe('helpers', () => {
  it('lanAddress prefers a private address on a physical interface', () => {
    const info = (address: string, internal = false) => ({ address, internal, family: 'IPv4', netmask: '', mac: '', cidr: null }) as const
    const interfaces = {
      lo: [info('127.0.0.1', true)],
      docker0: [info('172.17.0.1')],
      eth0: [info('169.254.3.4'), { ...info('fe80::1'), family: 'IPv6' as const, scopeid: 1 }],
      wlan0: [info('192.168.1.23')],
      tun0: [info('100.64.0.2')],
    }
    expect(lanAddress(interfaces)).toBe('192.168.1.23')
    expect(lanAddresses(interfaces)).toEqual(['192.168.1.23', '172.17.0.1', '100.64.0.2'])
    expect(lanAddress({ lo: [info('127.0.0.1', true)] })).toBeNull()
  })

  it('addressKey groups IPv6 by /64 and unwraps IPv4-mapped addresses', () => {
    expect(addressKey('192.168.1.5')).toBe('192.168.1.5')
    expect(addressKey('::ffff:10.0.0.7')).toBe('10.0.0.7')
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe(addressKey('2001:0db8:0001:0002:bbbb:cccc:dddd:eeee'))
    expect(addressKey('2001:db8:1:2::1')).not.toBe(addressKey('2001:db8:1:3::1'))
    expect(addressKey(undefined)).toBe('unknown')
  })

  it('bearerToken and secretMatches', () => {
    expect(bearerToken('Bearer abc')).toBe('abc')
    expect(bearerToken('bearer   abc ')).toBe('abc')
    expect(bearerToken('Basic abc')).toBeNull()
    expect(bearerToken(undefined)).toBeNull()
    expect(secretMatches('abc', 'abc')).toBe(true)
    expect(secretMatches('abd', 'abc')).toBe(false)
    expect(secretMatches('abcd', 'abc')).toBe(false)
    expect(secretMatches('', 'abc')).toBe(false)
    expect(secretMatches(undefined, 'abc')).toBe(false)
  })

  it('resolveRoomOptions reads the environment and keeps one secret per session beside the database', () => {
    const logged: string[] = []
    const fromEnv = resolveRoomOptions({}, { env: { ROOM_SECRET: 's', ROOM_DB: '/x.sqlite', ROOM_SESSION: 'mon', ROOM_JOIN_URL: 'http://10.0.0.2:3030/join' }, log: l => logged.push(l) })
    expect(fromEnv).toMatchObject({ secret: 's', dbPath: '/x.sqlite', session: 'mon', joinUrl: 'http://10.0.0.2:3030/join' })
    const env = { ROOM_DB: join(dir, 'options', 'room.sqlite') }
    const a = resolveRoomOptions({}, { env, log: l => logged.push(l) })
    const b = resolveRoomOptions({}, { env, log: l => logged.push(l) })
    expect(a.secret).toMatch(/^[\w-]{32}$/)
    expect(b.secret).toBe(a.secret)
    expect(logged.filter(l => l.includes(a.secret))).toHaveLength(1)
    expect(logged.at(-1)).toContain(join(dir, 'options', 'room.sqlite.secrets.json'))
    expect(resolveRoomOptions({}, { env: { ...env, ROOM_SESSION: 'tuesday' }, log: () => {} }).secret).not.toBe(a.secret)
    expect(resolveRoomOptions({ secret: 'explicit' }, { env: { ROOM_SECRET: 'env' } }).secret).toBe('explicit')
  })
})
