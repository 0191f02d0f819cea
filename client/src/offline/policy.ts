/**
 * What the service worker keeps, in one place for the build (vite.config.ts) and the tests.
 * Pure: no DOM, no Node, so both can import it.
 */

/** The worker's file at the site root, so its scope covers every board link. */
export const SERVICE_WORKER_FILE = 'sw.js';

/**
 * The app shell, precached at install: index.html, the hashed bundles and any fonts or icons the
 * build emits. Nothing else is cached: no runtime caching, so no board data, API answer or export
 * ever sits in Cache Storage (the board itself is kept in IndexedDB by y-indexeddb).
 */
export const APP_SHELL_GLOB = ['**/*.{html,js,css,woff2,woff,ttf,svg,png,ico,webp}'];

/** The main bundle is about 1.4 MB; Workbox's 2 MiB default would silently leave it out as it grows. */
export const MAX_PRECACHE_BYTES = 6 * 1024 * 1024;

/**
 * Paths the server answers itself. A navigation there (an export link, the health check) must reach
 * the network and fail plainly when offline, never be handed the app shell.
 */
export const SERVER_PATHS: readonly RegExp[] = [/^\/api(\/|\?|$)/, /^\/ws(\/|\?|$)/, /^\/healthz(\/|\?|$)/];

/**
 * Whether a same-origin navigation is answered with the cached index.html. Mirrors Workbox's
 * NavigationRoute, which tests its denylist against pathname + search; board links carry ?token=,
 * and the answer is the one shared index.html, so no token ever becomes a cache key.
 */
export function servesAppShell(url: URL, origin: string): boolean {
  if (url.origin !== origin) return false;
  const pathAndSearch = url.pathname + url.search;
  return !SERVER_PATHS.some((re) => re.test(pathAndSearch));
}

/** Registration needs a secure context (https, or localhost for development and tests). */
export function canUseServiceWorker(env: { isSecureContext: boolean; hasServiceWorker: boolean; production: boolean }): boolean {
  return env.production && env.isSecureContext && env.hasServiceWorker;
}
