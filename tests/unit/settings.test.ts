import { describe, expect, it } from 'vitest'
import { lengthsOf, resolveVariant, resolveWorkshop, SettingsError, workshopFromConfigs } from '../../core/talk/settings'

/** The lengths a deck declares in talk.variants; these tests use a deck of three. */
const LENGTHS = [45, 60, 90]

describe('resolveVariant', () => {
  it('runs the deck\'s longest length when nothing names one', () => {
    expect(resolveVariant(undefined, undefined, LENGTHS)).toBe(90)
    expect(resolveVariant(undefined, undefined, [20, 30])).toBe(30)
  })

  it('reads the headmatter', () => {
    expect(resolveVariant(60, undefined, LENGTHS)).toBe(60)
    expect(resolveVariant('45', undefined, LENGTHS)).toBe(45)
  })

  it('lets the environment win over the headmatter', () => {
    expect(resolveVariant(90, '60', LENGTHS)).toBe(60)
    expect(resolveVariant(60, ' 90 ', LENGTHS)).toBe(90)
  })

  it('ignores an empty environment variable', () => {
    expect(resolveVariant(60, '', LENGTHS)).toBe(60)
  })

  it.each([120, '30', 'ninety', true, { minutes: 60 }])('rejects %j, naming the value and this deck\'s lengths', (bad) => {
    expect(() => resolveVariant(bad, undefined, LENGTHS)).toThrow(SettingsError)
    expect(() => resolveVariant(bad, undefined, LENGTHS)).toThrow(/45, 60, 90/)
    expect(() => resolveVariant(bad, undefined, LENGTHS)).toThrow(JSON.stringify(bad))
  })

  it('names WORKSHOP_VARIANT when the environment is wrong', () => {
    expect(() => resolveVariant(90, '75', LENGTHS)).toThrow(/WORKSHOP_VARIANT.*"75".*45, 60, 90/)
  })

  it('says where lengths come from when the deck declares none', () => {
    expect(() => resolveVariant(undefined, undefined, [])).toThrow(/talk\.variants/)
    expect(() => resolveVariant(60, undefined, [])).toThrow(/talk\.variants/)
  })
})

describe('lengthsOf', () => {
  it('reads the lengths from talk.variants, shortest first', () => {
    expect(lengthsOf({ talk: { variants: { 90: { buffer: 3 }, 45: { buffer: 1 }, 60: {} } } })).toEqual([45, 60, 90])
  })

  it('gives none for a headmatter without talk.variants', () => {
    expect(lengthsOf({})).toEqual([])
    expect(lengthsOf({ talk: { variants: [60] } })).toEqual([])
    expect(lengthsOf(undefined)).toEqual([])
  })
})

describe('resolveWorkshop', () => {
  it('fills friendly defaults when the block is missing', () => {
    expect(resolveWorkshop(undefined, undefined, LENGTHS)).toEqual({ organization: '', facilitator: '', date: '', start: null, variant: 90 })
  })

  it('reads every key', () => {
    const block = { organization: 'Acme', facilitator: 'Ana', date: '14 March', start: '09:30', variant: 60 }
    expect(resolveWorkshop(block, {}, LENGTHS)).toEqual({ organization: 'Acme', facilitator: 'Ana', date: '14 March', start: '09:30', variant: 60 })
  })

  it('accepts a date YAML turned into a Date', () => {
    expect(resolveWorkshop({ date: new Date('2026-03-14T00:00:00Z') }, undefined, LENGTHS).date).toBe('2026-03-14')
  })

  it('uses WORKSHOP_VARIANT from the environment', () => {
    expect(resolveWorkshop({ variant: 90 }, { WORKSHOP_VARIANT: '45' }, LENGTHS).variant).toBe(45)
  })

  it('explains a wrong type', () => {
    expect(() => resolveWorkshop({ facilitator: ['Ana', 'Bo'] }, undefined, LENGTHS)).toThrow(/workshop\.facilitator.*text/)
    expect(() => resolveWorkshop('Acme', undefined, LENGTHS)).toThrow(/block of keys/)
    expect(() => resolveWorkshop({ start: '9.30' }, undefined, LENGTHS)).toThrow(/"09:30"/)
  })

  it('reads the block and the lengths out of Slidev configs', () => {
    const configs = { title: 'x', workshop: { facilitator: 'Ana', variant: 30 }, talk: { variants: { 20: { buffer: 1 }, 30: { buffer: 2 } } } }
    expect(workshopFromConfigs(configs)).toMatchObject({ facilitator: 'Ana', variant: 30 })
    expect(workshopFromConfigs({ talk: configs.talk }).variant).toBe(30)
    expect(() => workshopFromConfigs({ workshop: { variant: 60 }, talk: configs.talk })).toThrow(/20, 30/)
  })
})
