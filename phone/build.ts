import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { build, transform } from 'esbuild'

const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url))

/** Syntax every phone from the last six years runs (iOS Safari 13+, Chrome 80+, Firefox 78+). */
const JS_TARGET = 'es2019'
const CSS_TARGET = ['chrome80', 'safari13', 'firefox78']

export interface PhonePage {
  /** One self-contained document: inline script and style, no external requests. */
  html: string
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

async function render(): Promise<PhonePage> {
  const [bundle, css, template] = await Promise.all([
    build({
      entryPoints: [here('./main.ts')],
      bundle: true,
      minify: true,
      format: 'iife',
      target: JS_TARGET,
      charset: 'utf8',
      legalComments: 'none',
      write: false,
      logLevel: 'silent',
    }),
    readFile(here('./styles.css'), 'utf8').then(source => transform(source, { loader: 'css', minify: true, target: CSS_TARGET, charset: 'utf8' })),
    readFile(here('./index.html'), 'utf8'),
  ])
  // `</script` or `</style` inside the code would end the element early.
  const script = bundle.outputFiles[0]!.text.trim().replace(/<\/(script)/gi, '<\\/$1')
  const style = css.code.trim().replace(/<\/(style)/gi, '<\\/$1')
  // The hashes admit exactly these two inline blocks and nothing injected later.
  const csp = [
    `default-src 'none'`,
    `script-src ${sha256(script)}`,
    `style-src ${sha256(style)}`,
    `connect-src 'self' ws: wss:`,
    `img-src data:`,
    `base-uri 'none'`,
    `form-action 'none'`,
  ].join('; ')
  const html = template
    .replace(/>\s+</g, '><')
    .replace('__CSP__', () => csp)
    .replace('__STYLE__', () => style)
    .replace('__SCRIPT__', () => script)
  return { html }
}
