import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { buildPhonePage } from '../../phone/build'

/** The whole first load of /join, gzipped on the wire. */
const BUDGET_BYTES = 40 * 1024

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
  })

  it('pins its inline script and style with CSP hashes', async () => {
    const { html } = await buildPhonePage()
    const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1] ?? ''
    expect(csp).toContain(`default-src 'none'`)
    expect(csp).toMatch(/script-src 'sha256-[\w+/=]+'/)
    expect(csp).not.toContain('unsafe-inline')
  })

  it('stays within what iOS 13 and Chrome 80 run', async () => {
    const { html } = await buildPhonePage()
    const script = html.match(/<script>([\s\S]*?)<\/script>/)?.[1] ?? ''
    // Syntax is lowered by esbuild; these runtime APIs are not.
    expect(script).not.toMatch(/Object\.hasOwn\b|\.replaceChildren\(|\.replaceAll\(|structuredClone|\.at\(/)
    expect(script).not.toMatch(/\?\?|\?\.[\w$[(]/)
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
  })
})
