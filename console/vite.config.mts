import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
// `npm run dev` style work: the API (npm start) answers /api, /open311 and /health on its own port.
const api = process.env.CONSOLE_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.resolve(here, '..', 'dist', 'console'),
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    // bpmn-js alone is about 600 kB before gzip; it is its own lazily loaded chunk.
    chunkSizeWarningLimit: 900,
  },
  server: {
    proxy: { '/api': api, '/open311': api, '/health': api },
  },
});
