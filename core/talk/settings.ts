/** A workshop length in minutes; the deck declares which it runs (`talk.variants` in slides.md). */
export type Variant = number

/** A facilitator typed something the deck cannot use; the message says what and what would work. */
export class SettingsError extends Error {
  override name = 'SettingsError'
}

export interface WorkshopSettings {
  organization: string
  facilitator: string
  date: string
  /** Start time "HH:MM" for the run of show; null prints offsets from the start instead. */
  start: string | null
  variant: Variant
}

export interface WorkshopEnv {
  WORKSHOP_VARIANT?: string
}

function parseVariant(raw: unknown, origin: string, lengths: readonly number[]): Variant {
  const asNumber = typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim()) : raw
  if (typeof asNumber === 'number' && lengths.includes(asNumber))
    return asNumber
  const choices = lengths.length > 0 ? `This deck runs ${lengths.join(', ')} (minutes, from talk.variants in slides.md).` : 'The deck declares no length: add talk.variants to the headmatter.'
  throw new SettingsError(`${origin} is ${JSON.stringify(raw)}, which is not one of this deck's lengths. ${choices}`)
}

/**
 * The environment wins over the headmatter so one deck can be run at either length without
 * editing it; with neither, the deck's longest length runs.
 */
export function resolveVariant(fromHeadmatter: unknown, fromEnv: string | undefined, lengths: readonly number[]): Variant {
  if (fromEnv !== undefined && fromEnv.trim() !== '')
    return parseVariant(fromEnv, 'WORKSHOP_VARIANT', lengths)
  if (fromHeadmatter === undefined || fromHeadmatter === null) {
    if (lengths.length === 0)
      throw new SettingsError('The deck declares no length: add talk.variants to the headmatter of slides.md.')
    return Math.max(...lengths)
  }
  return parseVariant(fromHeadmatter, 'workshop.variant in the headmatter', lengths)
}

/** The lengths the headmatter's `talk.variants` declares, shortest first (keys that are not whole minutes are left to `npm run check`). */
export function lengthsOf(headmatter: unknown): number[] {
  const talk = isRecord(headmatter) ? headmatter.talk : undefined
  const variants = isRecord(talk) ? talk.variants : undefined
  if (!isRecord(variants))
    return []
  return Object.keys(variants).map(Number).filter(n => Number.isInteger(n) && n > 0).sort((a, b) => a - b)
}

const DEFAULT_TEXT = {
  organization: '',
  facilitator: '',
  date: '',
} as const

const HH_MM = /^(?:[01]\d|2[0-3]):[0-5]\d$/

function readText(block: Record<string, unknown>, key: keyof typeof DEFAULT_TEXT): string {
  const value = block[key]
  if (value === undefined || value === null)
    return DEFAULT_TEXT[key]
  // YAML turns an unquoted 2026-03-14 into a Date; accept it rather than make facilitators learn quoting.
  if (value instanceof Date)
    return value.toISOString().slice(0, 10)
  if (typeof value === 'string' || typeof value === 'number')
    return String(value).trim()
  throw new SettingsError(`workshop.${key} in the headmatter must be text, got ${JSON.stringify(value)}.`)
}

function readStart(block: Record<string, unknown>): string | null {
  const value = block.start
  if (value === undefined || value === null || value === '')
    return null
  if (typeof value === 'string' && HH_MM.test(value.trim()))
    return value.trim()
  throw new SettingsError(`workshop.start in the headmatter is ${JSON.stringify(value)}; write a 24-hour time in quotes, e.g. "09:30".`)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Reads the headmatter's `workshop:` block, the one place a facilitator personalises the deck. */
export function resolveWorkshop(headmatterWorkshop: unknown, env: WorkshopEnv | undefined, lengths: readonly number[]): WorkshopSettings {
  if (headmatterWorkshop !== undefined && headmatterWorkshop !== null && !isRecord(headmatterWorkshop))
    throw new SettingsError(`workshop in the headmatter must be a block of keys (organization, facilitator, date, start, variant), got ${JSON.stringify(headmatterWorkshop)}.`)
  const block = headmatterWorkshop ?? {}
  return {
    organization: readText(block, 'organization'),
    facilitator: readText(block, 'facilitator'),
    date: readText(block, 'date'),
    start: readStart(block),
    variant: resolveVariant(block.variant, env?.WORKSHOP_VARIANT, lengths),
  }
}

/** Reads the workshop block from Slidev's resolved configs, where custom headmatter keys end up. */
export function workshopFromConfigs(configs: unknown): WorkshopSettings {
  const block = isRecord(configs) ? configs.workshop : undefined
  return resolveWorkshop(block, undefined, lengthsOf(configs))
}
