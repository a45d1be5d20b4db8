import type { BuildOptions } from 'esbuild'
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { build, transform } from 'esbuild'
import { EXERCISE_CHUNK_GLOBAL } from './exercise-loader'

const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url))

/** Syntax every phone from the last six years runs (iOS Safari 13+, Chrome 80+, Firefox 78+). */
const JS_TARGET = 'es2019'
const CSS_TARGET = ['chrome80', 'safari13', 'firefox78']

export interface PhonePage {
  /** The document every phone loads first: inline script and style, the poll screens. */
  html: string
  /**
   * Files the page fetches later from the same server, by name under `/join/`:
   * the exercise screens' chunk. Names carry a hash of their content, so they
   * can be cached for good.
   */
  assets: Record<string, string>
}

export interface BuildPhonePageOptions {
  /**
   * Reuse the first build for the rest of the process. Pass false in
   * development to pick up edits to phone/ on every call.
   * @default true
   */
  cache?: boolean
}

let cached: Promise<PhonePage> | undefined

/**
 * Bundle the phone page from its sources on disk, at call time (about
 * 100 ms), and keep the result in memory.
 */
export function buildPhonePage(options: BuildPhonePageOptions = {}): Promise<PhonePage> {
  if (options.cache === false)
    return render()
  cached ??= render().catch((error: unknown) => {
    cached = undefined
    throw error
  })
  return cached
}

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`

/** Where the room serves `assets` (room/http.ts): beside the page, same origin, no CDN. */
export const PHONE_ASSET_PREFIX = '/join/'

function bundle(entry: string, extra: Pick<BuildOptions, 'globalName' | 'define'> = {}): Promise<string> {
  return build({
    entryPoints: [here(entry)],
    bundle: true,
    minify: true,
    format: 'iife',
    target: JS_TARGET,
    charset: 'utf8',
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
    ...extra,
  }).then(result => result.outputFiles[0]!.text.trim())
}

function minifyCss(file: string): Promise<string> {
  return readFile(here(file), 'utf8')
    .then(source => transform(source, { loader: 'css', minify: true, target: CSS_TARGET, charset: 'utf8' }))
    .then(css => css.code.trim())
}

async function render(): Promise<PhonePage> {
  const [mainCss, exerciseCss, template] = await Promise.all([minifyCss('./styles.css'), minifyCss('./exercise.css'), readFile(here('./index.html'), 'utf8')])
  const [mainScript, exerciseScript] = await Promise.all([
    bundle('./main.ts'),
    // The exercise screens, fetched only when needed: see exercise-loader.ts.
    bundle('./exercise-chunk.ts', { globalName: EXERCISE_CHUNK_GLOBAL, define: { __EXERCISE_CSS__: JSON.stringify(exerciseCss) } }),
  ])
  const exerciseName = `exercise.${createHash('sha256').update(exerciseScript, 'utf8').digest('hex').slice(0, 16)}.js`
  const integrity = `sha384-${createHash('sha384').update(exerciseScript, 'utf8').digest('base64')}`
  // `</script` or `</style` inside the code would end the element early.
  const script = mainScript.replace(/<\/(script)/gi, '<\\/$1')
  const style = mainCss.replace(/<\/(style)/gi, '<\\/$1')
  // The hashes admit exactly the two inline blocks and the chunk's style element, nothing
  // injected. 'strict-dynamic' lets the trusted script add the chunk's <script> (whose bytes
  // its integrity attribute pins); 'self' is the fallback of browsers without it (iOS < 15.4).
  const csp = [
    `default-src 'none'`,
    `script-src ${sha256(script)} 'strict-dynamic' 'self'`,
    `style-src ${sha256(style)} ${sha256(exerciseCss)}`,
    `connect-src 'self' ws: wss:`,
    `img-src data:`,
    `base-uri 'none'`,
    `form-action 'none'`,
  ].join('; ')
  const html = template
    .replace(/>\s+</g, '><')
    .replace('__CSP__', () => csp)
    .replace('__EXERCISE_SRC__', () => PHONE_ASSET_PREFIX + exerciseName)
    .replace('__EXERCISE_INTEGRITY__', () => integrity)
    .replace('__STYLE__', () => style)
    .replace('__SCRIPT__', () => script)
  return { html, assets: { [exerciseName]: exerciseScript } }
}
