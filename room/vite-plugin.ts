import type { Server } from 'node:http'
import type { Plugin } from 'vite'
import type { RoomServer, RoomServerOptions } from './server'
import { resolveRoomOptions } from './options'
import { createRoomServer } from './server'

/**
 * Run the room inside Vite's dev server (e.g. `slidev`): the room's HTTP
 * endpoints as middleware ahead of Vite's own, and its WebSocket on WS_PATH
 * next to Vite's HMR socket. Missing options come from the environment, see
 * `resolveRoomOptions`.
 */
export function roomPlugin(options: Partial<RoomServerOptions> = {}): Plugin {
  let server: RoomServer | null = null
  return {
    name: 'workshop-room',
    apply: 'serve',
    configureServer(vite) {
      const room = createRoomServer(resolveRoomOptions(options))
      server = room
      vite.middlewares.use(room.handle)
      // Only upgrades for WS_PATH are taken; Vite's HMR keeps its own.
      if (vite.httpServer)
        room.attach(vite.httpServer as Server)
      vite.httpServer?.once('close', () => {
        void room.close()
      })
    },
    async buildEnd() {
      await server?.close()
      server = null
    },
  }
}
