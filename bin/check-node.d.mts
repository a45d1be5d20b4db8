export function parseVersion(text: string): [number, number, number] | null
export function satisfies(version: string, range: string): boolean
export function describeRange(range: string): string
export function nodeVersionProblem(version: string, range: string): string | null
