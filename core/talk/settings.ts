export const VARIANTS = [60, 90] as const
export type Variant = typeof VARIANTS[number]

export const DEFAULT_VARIANT: Variant = 90

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

const VALID_CHOICES = VARIANTS.join(', ')

function isVariant(value: number): value is Variant {
  return (VARIANTS as readonly number[]).includes(value)
}

function parseVariant(raw: unknown, origin: string): Variant {
  const asNumber = typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim()) : raw
  if (typeof asNumber === 'number' && isVariant(asNumber))
    return asNumber
  throw new SettingsError(`${origin} is ${JSON.stringify(raw)}, which is not a workshop length. Valid choices: ${VALID_CHOICES} (minutes).`)
}

/** The environment wins over the headmatter so one deck can be run at either length without editing it. */
export function resolveVariant(fromHeadmatter: unknown, fromEnv: string | undefined): Variant {
  if (fromEnv !== undefined && fromEnv.trim() !== '')
    return parseVariant(fromEnv, 'WORKSHOP_VARIANT')
  if (fromHeadmatter === undefined || fromHeadmatter === null)
    return DEFAULT_VARIANT
  return parseVariant(fromHeadmatter, 'workshop.variant in the headmatter')
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
export function resolveWorkshop(headmatterWorkshop: unknown, env: WorkshopEnv | undefined): WorkshopSettings {
  if (headmatterWorkshop !== undefined && headmatterWorkshop !== null && !isRecord(headmatterWorkshop))
    throw new SettingsError(`workshop in the headmatter must be a block of keys (organization, facilitator, date, start, variant), got ${JSON.stringify(headmatterWorkshop)}.`)
  const block = headmatterWorkshop ?? {}
  return {
    organization: readText(block, 'organization'),
    facilitator: readText(block, 'facilitator'),
    date: readText(block, 'date'),
    start: readStart(block),
    variant: resolveVariant(block.variant, env?.WORKSHOP_VARIANT),
  }
}

/** Reads the workshop block from Slidev's resolved configs, where custom headmatter keys end up. */
export function workshopFromConfigs(configs: unknown): WorkshopSettings {
  const block = isRecord(configs) ? configs.workshop : undefined
  return resolveWorkshop(block, undefined)
}
