/**
 * The letter an option carries on the projector and on phones (A for the
 * first), so "most of you picked C" means the same on every screen.
 * Polls hold at most 10 options (LIMITS.options), well within A-Z.
 */
export function optionLetter(index: number): string {
  return String.fromCharCode(65 + index)
}
