import type { Server } from 'node:http'
import type { Plugin } from 'vite'
import type { RoomServer, RoomServerOptions } from './server'
import { resolve } from 'node:path'
import process from 'node:process'
import { defaultDbPath } from './data-dir'
import { generateSecret, resolveRoomOptions } from './options'
import { createRoomServer } from './server'

/**
 * The room a Vite server in this process runs now. On a restart (a config
 * change) Vite builds the new server before it closes the old one, and the
 * old room still holds the database's lock: it is closed first. Kept on
 * globalThis because Vite may load this module afresh with the new config.
 */
const LIVE_ROOMS = '__askingForHelpWorkshopRooms'
const store = globalThis as { [LIVE_ROOMS]?: Map<string, RoomServer> }
const liveRooms = (store[LIVE_ROOMS] ??= new Map())

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
    async configureServer(vite) {
      // The slides' exporter (kit/export-slides.ts) reads a copy: it must neither write to the
      // file nor be refused by the lock of a live room, and it needs no lasting secret.
      const snapshot = process.env.ROOM_SNAPSHOT === '1'
      const resolved = resolveRoomOptions(snapshot ? { secret: generateSecret(), ...options, snapshot } : options)
      const key = resolve(resolved.dbPath ?? defaultDbPath())
      if (!snapshot)
        await liveRooms.get(key)?.close()
      const room = createRoomServer(resolved)
      server = room
      if (!snapshot)
        liveRooms.set(key, room)
      vite.middlewares.use(room.handle)
      // Only upgrades for WS_PATH are taken; Vite's HMR keeps its own.
      if (vite.httpServer)
        room.attach(vite.httpServer as Server)
      vite.httpServer?.once('close', () => {
        void room.close()
        if (liveRooms.get(key) === room)
          liveRooms.delete(key)
      })
    },
    async buildEnd() {
      await server?.close()
      server = null
    },
  }
}
