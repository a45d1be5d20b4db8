import { defineConfig } from 'vite'
import { buildPhonePage } from './phone/build'
import { roomPlugin } from './room/vite-plugin'

// Slidev merges this into its own Vite config: the live room rides on the
// deck's dev server, same port, phones at /join.
export default defineConfig({
  plugins: [roomPlugin({ phonePage: buildPhonePage })],
})
