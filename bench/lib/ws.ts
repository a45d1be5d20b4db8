import type { SocketConstructor } from '../../room-client/connection'
import { WebSocket } from 'ws'

/**
 * The `ws` package's WebSocket for room-client, with a permanent no-op
 * 'error' listener. room-client drops its handlers and calls `close()` on a
 * socket it gives up on; on a socket still connecting, `ws` then emits
 * 'error' with no listener left, which Node turns into an uncaught exception.
 * Browsers do not throw there.
 */
export class NodeWebSocket extends WebSocket {
  constructor(url: string) {
    super(url)
    this.on('error', () => {})
  }
}

export const NodeSocket = NodeWebSocket as unknown as SocketConstructor
