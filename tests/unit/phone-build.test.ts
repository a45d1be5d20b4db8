import { createHash } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { buildPhonePage, PHONE_ASSET_PREFIX } from '../../phone/build'
import { isPhoneAssetPath, lanRefusal } from '../../room/request-policy'

/** The whole first load of /join, gzipped on the wire (issue 14: ready in a second on slow 3G). */
const BUDGET_BYTES = 20 * 1024

/** The exercise chunk, as the page names it: its URL and the integrity that pins its bytes. */
async function exerciseChunk(): Promise<{ src: string, integrity: string, name: string, code: string }> {
  const { html, assets } = await buildPhonePage()
  const [, src = '', integrity = ''] = html.match(/id="exercise"[^>]*data-chunk="([^"]+)" data-integrity="([^"]+)"/) ?? []
  const name = src.slice(PHONE_ASSET_PREFIX.length)
  return { src, integrity, name, code: assets[name] ?? '' }
}

describe('buildPhonePage', () => {
  it('builds one self-contained document within the size budget', async () => {
    const { html } = await buildPhonePage()
    const gzipped = gzipSync(html, { level: 9 }).length
    // The number is the point of this test; keep it visible in the run.
    // eslint-disable-next-line no-console
    console.log(`phone page: ${html.length} bytes, ${gzipped} bytes gzipped (budget ${BUDGET_BYTES})`)
    expect(gzipped).toBeLessThanOrEqual(BUDGET_BYTES)

    expect(html.startsWith('<!doctype html>')).toBe(true)
    expect(html).toContain('<html lang="en">')
    expect(html.match(/<script\b/g)).toHaveLength(1)
    expect(html.match(/<style\b/g)).toHaveLength(1)
    // Nothing loads from anywhere else: no URLs, no linked resources, no zoom lock.
    expect(html).not.toMatch(/https?:\/\//)
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+rel="?stylesheet/i)
    const style = html.match(/<style>([\s\S]*?)<\/style>/)?.[1] ?? ''
    expect(style).not.toMatch(/@import|url\(/)
    expect(html).not.toContain('user-scalable')
    expect(html).not.toContain('__SCRIPT__')
    expect(html).not.toMatch(/__EXERCISE_\w+__/)
  })

  it('leaves the exercise screens out of the first load, in a chunk the page names and pins', async () => {
    const { html, assets } = await buildPhonePage()
    const script = html.match(/<script>([\s\S]*?)<\/script>/)?.[1] ?? ''
    // Words only the exercise screens say, and exercise.css's rules: none in the first load.
    for (const marker of ['Find your partner', 'Save my commitment', 'Swap roles', '.ex-token', 'BEGIN:VCALENDAR'])
      expect(html, marker).not.toContain(marker)
    expect(script).toContain('The exercise is starting')

    const chunk = await exerciseChunk()
    expect(Object.keys(assets)).toEqual([chunk.name])
    // Phones on the Wi-Fi may fetch it (and only names of that shape under /join/).
    expect(isPhoneAssetPath(chunk.src)).toBe(true)
    expect(lanRefusal({ method: 'GET', path: chunk.src, headers: {} })).toBeNull()
    for (const path of ['/join/../slides.md', '/join/exercise.js', '/join/exercise.0123456789abcdef.js.map', '/join/sub/exercise.0123456789abcdef.js'])
      expect(lanRefusal({ method: 'GET', path, headers: {} })?.status, path).toBe(404)
    for (const marker of ['Find your partner', 'Save my commitment', 'BEGIN:VCALENDAR', '.ex-token'])
      expect(chunk.code, marker).toContain(marker)
    // The name and the integrity both follow the bytes: a new build is a new URL, a changed file never runs.
    expect(chunk.name).toContain(createHash('sha256').update(chunk.code).digest('hex').slice(0, 16))
    expect(chunk.integrity).toBe(`sha384-${createHash('sha384').update(chunk.code).digest('base64')}`)
    // eslint-disable-next-line no-console
    console.log(`exercise chunk: ${chunk.code.length} bytes, ${gzipSync(chunk.code, { level: 9 }).length} bytes gzipped`)
  })

  it('pins its inline script and style with CSP hashes', async () => {
    const { html } = await buildPhonePage()
    const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1] ?? ''
    expect(csp).toContain(`default-src 'none'`)
    expect(csp).toMatch(/script-src 'sha256-[\w+/=]+' 'strict-dynamic' 'self'/)
    expect(csp).not.toContain('unsafe-inline')
    // The inline style, and the one style element the chunk adds (its text admitted by hash:
    // the e2e tests load it in Chromium with no CSP violation). Nothing else.
    const style = html.match(/<style>([\s\S]*?)<\/style>/)?.[1] ?? ''
    const inline = `'sha256-${createHash('sha256').update(style).digest('base64')}'`
    const styles = csp.match(/style-src ([^;]+)/)?.[1]?.trim().split(/\s+/) ?? []
    expect(styles).toContain(inline)
    expect(styles.filter(s => s !== inline)).toEqual([expect.stringMatching(/^'sha256-[\w+/=]+'$/)])
  })

  it('stays within what iOS 13 and Chrome 80 run', async () => {
    const { html } = await buildPhonePage()
    const { code } = await exerciseChunk()
    for (const script of [html.match(/<script>([\s\S]*?)<\/script>/)?.[1] ?? '', code]) {
      // Syntax is lowered by esbuild; these runtime APIs are not.
      expect(script).not.toMatch(/Object\.hasOwn\b|\.replaceChildren\(|\.replaceAll\(|structuredClone|\.at\(/)
      expect(script).not.toMatch(/\?\?|\?\.[\w$[(]/)
      // Regex lookbehind (Safari 16.4+) throws when the pattern is built, which stops the whole script.
      expect(script).not.toMatch(/\(\?<[!=]/)
    }
  })

  it('caches the build in memory unless asked not to', async () => {
    expect(await buildPhonePage()).toBe(await buildPhonePage())
    const fresh = await buildPhonePage({ cache: false })
    expect(fresh).not.toBe(await buildPhonePage())
    expect(fresh.html).toBe((await buildPhonePage()).html)
  })

  it('keeps the valibot schemas out of the bundle', async () => {
    const { html } = await buildPhonePage()
    // Valibot issue messages would show up if core/protocol.ts values were bundled.
    expect(html).not.toMatch(/Invalid type|letters, digits/)
    // The exercise checks asks with valibot (exercises/validate.ts): that stays in the chunk.
  })
})
