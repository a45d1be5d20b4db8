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
  // kit/export-slides.ts gives each export a pre-bundle cache of its own: two Slidev servers
  // with different configs (npm start and an export, or exports of two decks) sharing one
  // re-bundle each other's dependencies, and a page mid-reload prints as a blank slide.
  cacheDir: process.env.WORKSHOP_VITE_CACHE || undefined,
  // Slidev scans only its own entry for dependencies, so Vite met these first
  // inside a slide, re-bundled them mid-load and reloaded: on a fresh cache the
  // first audience load could run two copies of vue-router side by side, and
  // Slidev's useNav found no route ("reading 'params'"). Bundled up front instead.
  optimizeDeps: {
    include: ['d3-cloud', 'valibot'],
  },
  plugins: [
    devServerGuard(),
    ...(process.env.WORKSHOP_ROOM === 'external' ? [] : [roomPlugin({ phonePage: buildPhonePage })]),
  ],
})
