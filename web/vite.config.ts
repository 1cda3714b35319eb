import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The server's Content-Security-Policy allows only same-origin scripts and styles, so the
// build must not inline anything into index.html: no module-preload polyfill, no inlined assets.
// Besides the app (index.html) and the admin pages (admin.html, served at /admin), the public
// visit pages (visits/*.html, plain TypeScript without React: docs/virtual-visits.md), which the server's PublicPages serves at /book/<slug>,
// /visit/manage and /visit/join.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    rolldownOptions: {
      input: {
        // Relative to web/, where the build runs (npm run build, from Maven too).
        main: 'index.html',
        admin: 'admin.html',
        book: 'visits/book.html',
        manage: 'visits/manage.html',
        join: 'visits/join.html',
      },
    },
  },
  worker: { format: 'es' },
  server: {
    proxy: {
      '/api': { target: 'http://localhost:8080', ws: true, changeOrigin: false },
    },
  },
  test: {
    // Most tests are logic and need no DOM: building a jsdom per file cost 95 of the 140 s the
    // suite took in CI. A test that needs a document says so in its first line with
    // `// @vitest-environment jsdom` (docs/contributing.md).
    environment: 'node',
    pool: 'threads',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
  },
});
