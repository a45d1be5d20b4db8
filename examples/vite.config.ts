import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

// Slidev serves a deck from its own folder, so Vite would look for examples/public/. The
// project's addon (see the headmatter's `addons:`) brings the layouts and components; this
// brings the pictures and the favicon they point at, at the same paths as for slides.md.
export default defineConfig({
  // As in the project's vite.config.ts: each kit export pre-bundles into a cache of its own.
  cacheDir: process.env.WORKSHOP_VITE_CACHE || undefined,
  publicDir: fileURLToPath(new URL('../public', import.meta.url)),
})
