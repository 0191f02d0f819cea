import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { precompress } from './scripts/compress.mjs';
import { APP_SHELL_GLOB, appShell, ASSET_CACHE, MAX_PRECACHE_BYTES, SERVER_PATHS, SERVICE_WORKER_FILE, type BuiltChunk } from './client/src/offline/policy.js';

/** The app shell of the last client build, read from the bundle before the worker is generated from it. */
let shell = new Set<string>();
const recordShell: Plugin = {
  name: 'fusen-app-shell',
  apply: 'build',
  generateBundle(_options, bundle) {
    const chunks: BuiltChunk[] = [];
    for (const out of Object.values(bundle)) {
      if (out.type !== 'chunk') continue;
      chunks.push({ fileName: out.fileName, isEntry: out.isEntry, imports: out.imports, css: [...(out.viteMetadata?.importedCss ?? [])] });
    }
    shell = appShell(chunks);
  },
};

// One config for the client build and for every test project.
// The dev server proxies the API and the websocket to a server started with `npm run serve`.
export default defineConfig({
  root: 'client',
  // The e2e tests' build (`npm run build:test-client`) exposes the board on window; a production build does not.
  define: { 'import.meta.env.VITE_TEST_HOOK': JSON.stringify(process.env.VITE_TEST_HOOK ?? '') },
  plugins: [
    react(),
    recordShell,
    // A service worker keeps the app shell so a board link opened before loads with no network
    // (the board itself comes from IndexedDB). Registered by client/src/offline/registerServiceWorker.ts.
    VitePWA({
      filename: SERVICE_WORKER_FILE,
      registerType: 'autoUpdate',
      injectRegister: false,
      manifest: false,
      workbox: {
        globPatterns: APP_SHELL_GLOB,
        maximumFileSizeToCacheInBytes: MAX_PRECACHE_BYTES,
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [...SERVER_PATHS],
        // Only the app shell at install; the rest of /assets is kept as the page loads it (offline/warmCache.ts).
        manifestTransforms: [async (entries) => ({ manifest: entries.filter((e) => !e.url.startsWith('assets/') || shell.has(e.url)), warnings: [] })],
        runtimeCaching: [
          {
            // Serialised into the worker: self-contained. Hashed build files only, never the API or a board link.
            urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/assets/'),
            handler: 'CacheFirst',
            options: { cacheName: ASSET_CACHE, expiration: { maxEntries: 200 } },
          },
        ],
        cleanupOutdatedCaches: true,
        skipWaiting: true,
        clientsClaim: true,
      },
    }),
    // Brotli and gzip copies of every text file, sent as they are by server/plugins/client.ts.
    precompress(),
  ],
  build: { outDir: '../dist/client', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/ws': { target: 'ws://127.0.0.1:8080', ws: true },
    },
  },
  test: {
    root: '.',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          root: '.',
          include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts', 'client/**/*.test.{ts,tsx}'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          root: '.',
          include: ['e2e/**/*.e2e.ts'],
          testTimeout: 60_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
