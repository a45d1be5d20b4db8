import { describe, expect, it } from 'vitest'
import { resolveVariant, resolveWorkshop, SettingsError, workshopFromConfigs } from '../../core/talk/settings'

describe('resolveVariant', () => {
  it('defaults to 90 minutes', () => {
    expect(resolveVariant(undefined, undefined)).toBe(90)
  })

  it('reads the headmatter', () => {
    expect(resolveVariant(60, undefined)).toBe(60)
    expect(resolveVariant('60', undefined)).toBe(60)
  })

  it('lets the environment win over the headmatter', () => {
    expect(resolveVariant(90, '60')).toBe(60)
    expect(resolveVariant(60, ' 90 ')).toBe(90)
  })

  it('ignores an empty environment variable', () => {
    expect(resolveVariant(60, '')).toBe(60)
  })

  it.each([45, '45', 'ninety', true, { minutes: 60 }])('rejects %j, naming the value and the valid choices', (bad) => {
    expect(() => resolveVariant(bad, undefined)).toThrow(SettingsError)
    expect(() => resolveVariant(bad, undefined)).toThrow(/60, 90/)
    expect(() => resolveVariant(bad, undefined)).toThrow(JSON.stringify(bad))
  })

  it('names WORKSHOP_VARIANT when the environment is wrong', () => {
    expect(() => resolveVariant(90, '75')).toThrow(/WORKSHOP_VARIANT.*"75".*60, 90/)
  })
})

describe('resolveWorkshop', () => {
  it('fills friendly defaults when the block is missing', () => {
    expect(resolveWorkshop(undefined, undefined)).toEqual({ organization: '', facilitator: '', date: '', start: null, variant: 90 })
  })

  it('reads every key', () => {
    const block = { organization: 'Acme', facilitator: 'Ana', date: '14 March', start: '09:30', variant: 60 }
    expect(resolveWorkshop(block, {})).toEqual({ organization: 'Acme', facilitator: 'Ana', date: '14 March', start: '09:30', variant: 60 })
  })

  it('accepts a date YAML turned into a Date', () => {
    expect(resolveWorkshop({ date: new Date('2026-03-14T00:00:00Z') }, undefined).date).toBe('2026-03-14')
  })

  it('uses WORKSHOP_VARIANT from the environment', () => {
    expect(resolveWorkshop({ variant: 90 }, { WORKSHOP_VARIANT: '60' }).variant).toBe(60)
  })

  it('explains a wrong type', () => {
    expect(() => resolveWorkshop({ facilitator: ['Ana', 'Bo'] }, undefined)).toThrow(/workshop\.facilitator.*text/)
    expect(() => resolveWorkshop('Acme', undefined)).toThrow(/block of keys/)
    expect(() => resolveWorkshop({ start: '9.30' }, undefined)).toThrow(/"09:30"/)
  })

  it('reads the block out of Slidev configs', () => {
    expect(workshopFromConfigs({ title: 'x', workshop: { facilitator: 'Ana', variant: 60 } }).facilitator).toBe('Ana')
    expect(workshopFromConfigs(undefined).variant).toBe(90)
  })
})
