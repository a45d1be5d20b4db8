import type { AddressInfo, Socket } from 'node:net'
import type { SocketConstructor } from '../../room-client/connection'
import { createServer } from 'node:net'
import { afterAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { createRoomConnection } from '../../room-client/connection'

// A server that accepts TCP connections and never answers the WebSocket upgrade,
// like a laptop whose room process hangs or a captive portal swallowing the request.
const sockets = new Set<Socket>()
const silent = createServer((socket) => {
  sockets.add(socket)
  socket.on('error', () => {})
})

afterAll(async () => {
  for (const socket of sockets)
    socket.destroy()
  await new Promise(resolve => silent.close(resolve))
})

describe('room client against a server that never answers', () => {
  it('gives up on stalled connection attempts and keeps retrying without crashing the process', async () => {
    await new Promise<void>(resolve => silent.listen(0, '127.0.0.1', resolve))
    const { port } = silent.address() as AddressInfo
    const statuses: string[] = []
    const connection = createRoomConnection({
      url: `http://127.0.0.1:${port}`,
      WebSocket: WebSocket as unknown as SocketConstructor,
      role: { kind: 'participant' },
      connectTimeoutMs: 150,
      backoff: { initialMs: 20, maxMs: 50 },
    })
    connection.on('status', status => statuses.push(status))
    // Several attempts time out and are abandoned while still CONNECTING.
    await new Promise(resolve => setTimeout(resolve, 1_000))
    connection.close()
    expect(sockets.size).toBeGreaterThanOrEqual(3)
    expect(statuses).not.toContain('open')
  })
})
