import type { IncomingMessage, ServerResponse } from 'node:http'
import { Buffer } from 'node:buffer'
import sirv from 'sirv'
import { DECK_HEADERS } from '../room/front-door'
import { precompress } from './precompress'

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'Content-Length': Buffer.byteLength(text) })
  res.end(text)
}

/**
 * A `slidev build` output as static files through sirv: ETag revalidation,
 * Range requests, and the brotli or gzip copies written next to each text
 * file once at start (see precompress). Client-side routes (/3, /presenter/2)
 * get index.html. `prefix` is the path it is served under (`/screen`), which
 * the build's `--base` names too.
 */
export function staticDeck(root: string, { prefix = '', log = console.warn }: { prefix?: string, log?: (line: string) => void } = {}) {
  const compressed = precompress(root)
  if (compressed.failed > 0)
    log(`  Could not write compressed copies of ${compressed.failed} file(s) in ${root}; they are served uncompressed.`)
  const files = sirv(root, {
    dev: false,
    etag: true,
    single: true,
    gzip: true,
    brotli: true,
    setHeaders(res, pathname) {
      // Vite puts content-hashed files under assets/; everything else may change between builds.
      res.setHeader('Cache-Control', pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache')
      // No other site may frame the deck and trick a click on the presenter's Reveal or Reset.
      for (const [name, value] of Object.entries(DECK_HEADERS))
        res.setHeader(name, value)
    },
  })
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD')
      return plain(res, 405, 'Method not allowed.')
    }
    const url = req.url ?? '/'
    if (prefix && url.startsWith(prefix))
      req.url = url.slice(prefix.length) || '/'
    try {
      files(req, res, () => plain(res, 404, 'Not found.'))
    }
    catch {
      if (!res.headersSent)
        plain(res, 500, 'Server error.')
      else
        res.destroy()
    }
  }
}
