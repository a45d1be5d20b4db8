import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import type { Plugin } from 'vite'
import { factsOf, refuse, refuseUpgrade } from '../room/front-door'
import { devServerRefusal } from '../room/request-policy'

/**
 * Slidev's dev server edits slides.md, syncs navigation and drawings and
 * opens files in the editor for whoever asks. It is the author's tool: this
 * guard keeps it to pages it served itself on this machine. Every request
 * and upgrade is checked before any of Vite's or Slidev's handlers sees it,
 * whatever order they were registered in: loopback Host names only (DNS
 * rebinding), no cross-site writes or upgrades (a plain text/plain POST from
 * any page needs no preflight), no MCP endpoint, no prototype keys in
 * server-ref paths, bounded bodies.
 */
export function devServerGuard(): Plugin {
  return {
    name: 'workshop-dev-server-guard',
    apply: 'serve',
    enforce: 'pre',
    configureServer(vite) {
      const http = vite.httpServer as Server | null
      if (!http)
        return
      const emit = http.emit.bind(http) as (event: string, ...args: unknown[]) => boolean
      http.emit = ((event: string, ...args: unknown[]): boolean => {
        if (event === 'request' || event === 'upgrade') {
          const req = args[0] as IncomingMessage
          const refusal = devServerRefusal(factsOf(req, event === 'upgrade'))
          if (refusal) {
            if (event === 'request')
              refuse(args[1] as ServerResponse, refusal)
            else
              refuseUpgrade(args[1] as Duplex, refusal)
            return true
          }
        }
        return emit(event, ...args)
      }) as typeof http.emit
    },
  }
}
