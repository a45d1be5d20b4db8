import { describe, expect, it } from 'vitest'
import { parseJoinHost } from '../../kit/join-host'
import { describePlaceholders, findPlaceholders } from '../../kit/placeholders'

describe('--host for the printed join slide', () => {
  it('makes the join link phones will use, npm start\'s port when none is given', () => {
    expect(parseJoinHost('192.168.1.20')).toEqual({ ok: true, url: 'http://192.168.1.20:3030/join' })
    expect(parseJoinHost(' 10.0.0.7:4000 ')).toEqual({ ok: true, url: 'http://10.0.0.7:4000/join' })
    expect(parseJoinHost('workshop.example.org:8080')).toEqual({ ok: true, url: 'http://workshop.example.org:8080/join' })
    expect(parseJoinHost('[fd00::5]:3030')).toEqual({ ok: true, url: 'http://[fd00::5]:3030/join' })
  })

  it('keeps a whole link as given, adding /join only to a bare origin', () => {
    expect(parseJoinHost('https://ask.example.org')).toEqual({ ok: true, url: 'https://ask.example.org/join' })
    expect(parseJoinHost('https://ask.example.org/room/join')).toEqual({ ok: true, url: 'https://ask.example.org/room/join' })
  })

  it('refuses loopback addresses, which reach no phone', () => {
    for (const host of ['localhost', 'localhost:3030', '127.0.0.1:3030', '127.1.2.3', '[::1]:3030', '0.0.0.0', 'http://localhost:3030/join', 'app.localhost'])
      expect(parseJoinHost(host), host).toMatchObject({ ok: false, message: expect.stringMatching(/loopback/) })
  })

  it('says what is wrong with anything else, with an example that works', () => {
    const cases: Array<[string, RegExp]> = [
      ['', /needs an address/],
      ['two words', /not an address/],
      ['192.168.1.20:0', /port 0/],
      ['192.168.1.20:65536', /port 65536/],
      ['ftp://192.168.1.20', /http:\/\/ or https:\/\//],
      ['http://user:pw@192.168.1.20', /user name/],
      ['-bad-.example', /not an address/],
    ]
    for (const [value, reason] of cases) {
      const result = parseJoinHost(value)
      expect(result.ok, value).toBe(false)
      if (!result.ok) {
        expect(result.message, value).toMatch(reason)
        expect(result.message, value).toContain('--host 192.168.1.20:3030')
      }
    }
  })
})

describe('sample values in the workshop: block', () => {
  const filled = { organization: 'Northwind Health', facilitator: 'Sam Okafor', date: '14 March 2027' }

  it('finds each sample value the template ships with, in either spelling', () => {
    expect(findPlaceholders({ organization: 'Your organization', facilitator: 'Your name', date: 'Date of the session' }).map(entry => entry.field))
      .toEqual(['organization', 'facilitator', 'date'])
    expect(findPlaceholders({ ...filled, organization: 'your organisation' })).toEqual([{ field: 'organization', value: 'your organisation' }])
    expect(findPlaceholders({ ...filled, date: '[date]' })).toEqual([{ field: 'date', value: '[date]' }])
    expect(findPlaceholders({ ...filled, facilitator: '<Your name>' })).toEqual([{ field: 'facilitator', value: '<Your name>' }])
  })

  it('leaves real values and deliberately empty ones alone', () => {
    expect(findPlaceholders(filled)).toEqual([])
    expect(findPlaceholders({ organization: '', facilitator: '', date: '' })).toEqual([])
    expect(findPlaceholders({ organization: 'Your Team Ltd', facilitator: 'Dr Date', date: 'Dated 2027' })).toEqual([])
  })

  it('names the field and its value in each line', () => {
    expect(describePlaceholders([{ field: 'facilitator', value: 'Your name' }])).toEqual(['workshop.facilitator is still "Your name"'])
  })
})
