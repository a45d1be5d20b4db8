import process from 'node:process'
import { defineConfig } from 'vite'
import { devServerGuard } from './dev-server/guard'
import { buildPhonePage } from './phone/build'
import { roomPlugin } from './room/vite-plugin'

// Slidev merges this into its own Vite config. Under `npm start` the room runs
// in bin/start.ts behind the LAN listener (WORKSHOP_ROOM=external) and the dev
// server only serves the deck on 127.0.0.1; under a bare `slidev` or
// `slidev export` the room rides on the dev server itself.
export default defineConfig({
  plugins: [
    devServerGuard(),
    ...(process.env.WORKSHOP_ROOM === 'external' ? [] : [roomPlugin({ phonePage: buildPhonePage })]),
  ],
})
