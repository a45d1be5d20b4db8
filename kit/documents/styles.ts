import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const here = dirname(fileURLToPath(import.meta.url))

interface Face { family: string, pkg: string, file: string, weight: number, style: 'normal' | 'italic' }

const FACES: Face[] = [
  ...[400, 600, 700, 800].map(weight => ({ family: 'Nunito Sans', pkg: '@fontsource/nunito-sans', file: `nunito-sans-latin-${weight}-normal.woff2`, weight, style: 'normal' as const })),
  { family: 'Nunito Sans', pkg: '@fontsource/nunito-sans', file: 'nunito-sans-latin-400-italic.woff2', weight: 400, style: 'italic' },
  ...[400, 600, 700].map(weight => ({ family: 'Fraunces', pkg: '@fontsource/fraunces', file: `fraunces-latin-${weight}-normal.woff2`, weight, style: 'normal' as const })),
  { family: 'Fraunces', pkg: '@fontsource/fraunces', file: 'fraunces-latin-400-italic.woff2', weight: 400, style: 'italic' },
]

function fontFace(face: Face): string {
  const path = join(dirname(require.resolve(`${face.pkg}/package.json`)), 'files', face.file)
  const data = readFileSync(path).toString('base64')
  return `@font-face{font-family:'${face.family}';font-style:${face.style};font-weight:${face.weight};font-display:block;src:url(data:font/woff2;base64,${data}) format('woff2');}`
}

let cached: string | undefined

/**
 * The print stylesheet with the bundled fonts inlined as data URLs, so the
 * PDF embeds them and nothing is fetched from the network.
 */
export function printStyles(): string {
  cached ??= [...FACES.map(fontFace), readFileSync(join(here, 'print.css'), 'utf8')].join('\n')
  return cached
}
