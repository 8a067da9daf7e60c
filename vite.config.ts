import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const root = fileURLToPath(new URL('./src/web', import.meta.url))
const outDir = fileURLToPath(new URL('./dist/web', import.meta.url))

/** Vite configuration of the web client: sources in src/web, build in dist/web, API proxied in development. */
export default defineConfig({
  root,
  plugins: [react()],
  build: { outDir, emptyOutDir: true, sourcemap: true },
  server: {
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
})
