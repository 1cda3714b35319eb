import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The server's Content-Security-Policy allows only same-origin scripts and styles, so the
// build must not inline anything into index.html: no module-preload polyfill, no inlined assets.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  server: {
    proxy: {
      '/api': { target: 'http://localhost:8080', ws: true, changeOrigin: false },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
  },
});
