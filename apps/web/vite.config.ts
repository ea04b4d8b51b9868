import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

// One port for `vite` and `vite preview`, both proxying /api to the API so the
// browser only ever talks to one origin (no CORS in development or e2e).
const port = Number(process.env.WEB_PORT ?? 5173)
const apiUrl = process.env.API_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`
const proxy = { '/api': { target: apiUrl, changeOrigin: false } }

export default defineConfig({
  plugins: [react()],
  server: { host: '127.0.0.1', port, strictPort: true, proxy },
  preview: { host: '127.0.0.1', port, strictPort: true, proxy },
  build: { chunkSizeWarningLimit: 1500 },
})
