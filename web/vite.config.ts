import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web app is built into web/dist and served by `miaosha serve` at /, beside the API.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The manifest tells which chunks the first page load needs (bench/webSize.ts measures them).
    manifest: true,
    // The shopper page must stay small; the dashboard (echarts) and the console load on demand.
    chunkSizeWarningLimit: 700,
  },
  server: {
    // `npx vite web` during development talks to a running `npm start` on its default port.
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
