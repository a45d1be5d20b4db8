import type { WorkshopSettings } from '../core/talk/settings'

/**
 * The `workshop:` headmatter ships with sample values ("Your organization",
 * "Your name", "Date of the session"). Printed, they end up on the title slide
 * and the guide in front of a real room, so the export names each one.
 */

export type PersonalField = 'organization' | 'facilitator' | 'date'

export interface Placeholder {
  field: PersonalField
  value: string
}

// Both spellings, and the obvious variants of the samples, so a half-edited value is still caught.
const SAMPLES: Record<PersonalField, RegExp> = {
  organization: /^(?:your (?:organi[sz]ation|company|team)|organi[sz]ation)$/i,
  facilitator: /^(?:your (?:full )?name|facilitator|name)$/i,
  date: /^(?:(?:the )?date of the (?:session|workshop)|date|tbd|tba)$/i,
}

// Anything a template would put in brackets, e.g. "<Your team>" or "[date]".
const BRACKETED = /^\s*[<[{].*[>\]}]\s*$/

/** The personal fields still holding sample text, in the order the block lists them. */
export function findPlaceholders(settings: Pick<WorkshopSettings, PersonalField>): Placeholder[] {
  return (Object.keys(SAMPLES) as PersonalField[])
    .filter(field => SAMPLES[field].test(settings[field].trim()) || BRACKETED.test(settings[field]))
    .map(field => ({ field, value: settings[field] }))
}

/** One line per field, e.g. `workshop.facilitator is still "Your name"`. */
export function describePlaceholders(found: readonly Placeholder[]): string[] {
  return found.map(entry => `workshop.${entry.field} is still ${JSON.stringify(entry.value)}`)
}
