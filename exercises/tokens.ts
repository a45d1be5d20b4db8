import { mixSeed, mulberry32, shuffled } from './random'

/**
 * How partners find each other in a crowded room: the same colour and number
 * on both phones (and on the paper cards when phones fail), e.g. "Teal 7".
 * The name is always shown with the colour, so nobody depends on telling
 * colours apart.
 */

export interface TokenColour {
  name: string
  /** Swatch colour. */
  hex: string
  /** Text colour on the swatch; at least 4.5:1 contrast (WCAG AA). */
  ink: '#000000' | '#FFFFFF'
}

export const TOKEN_PALETTE: readonly TokenColour[] = [
  { name: 'Red', hex: '#C62828', ink: '#FFFFFF' },
  { name: 'Orange', hex: '#F57C00', ink: '#000000' },
  { name: 'Yellow', hex: '#FDD835', ink: '#000000' },
  { name: 'Green', hex: '#2E7D32', ink: '#FFFFFF' },
  { name: 'Teal', hex: '#00796B', ink: '#FFFFFF' },
  { name: 'Sky', hex: '#4FC3F7', ink: '#000000' },
  { name: 'Blue', hex: '#1565C0', ink: '#FFFFFF' },
  { name: 'Purple', hex: '#6A1B9A', ink: '#FFFFFF' },
  { name: 'Pink', hex: '#F06292', ink: '#000000' },
  { name: 'Brown', hex: '#6D4C41', ink: '#FFFFFF' },
  { name: 'Grey', hex: '#BDBDBD', ink: '#000000' },
  { name: 'Black', hex: '#212121', ink: '#FFFFFF' },
]

export interface GroupToken {
  colour: string
  hex: string
  ink: '#000000' | '#FFFFFF'
  number: number
  /** "Teal 7": what people say out loud and what paper cards print. */
  label: string
}

/**
 * The palette order for a round: shuffled by seed and round, so two rounds in
 * a row rarely start with the same colours and nobody follows last round's token.
 */
export function paletteFor(seed: number, round: number): readonly TokenColour[] {
  return shuffled(TOKEN_PALETTE, mulberry32(mixSeed(seed, round + 0x70CE)))
}

/** The `index`-th token of a round: colours first, then numbers (Red 1, Teal 1, …, Red 2, …). Distinct indexes give distinct tokens. */
export function tokenAt(palette: readonly TokenColour[], index: number): GroupToken {
  const colour = palette[index % palette.length]!
  const number = Math.floor(index / palette.length) + 1
  return { colour: colour.name, hex: colour.hex, ink: colour.ink, number, label: `${colour.name} ${number}` }
}
