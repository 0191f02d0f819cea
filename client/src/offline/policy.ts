/**
 * What the service worker keeps, in one place for the build (vite.config.ts) and the tests.
 * Pure: no DOM, no Node, so both can import it.
 */

/** The worker's file at the site root, so its scope covers every board link. */
export const SERVICE_WORKER_FILE = 'sw.js';

/**
 * The files the build emits; the worker precaches only the app shell among them (see appShell below).
 * No board data, API answer or export ever sits in Cache Storage (the board itself is kept in
 * IndexedDB by y-indexeddb): the only runtime cache holds the build's own hashed files (ASSET_CACHE).
 */
export const APP_SHELL_GLOB = ['**/*.{html,js,css,woff2,woff,ttf,svg,png,ico,webp}'];

/**
 * Where the parts of the app loaded by use (a route's chunk, export, QR, the canvas) are kept once the
 * page has fetched them: hashed file names never change content, so the first copy is kept for good.
 */
export const ASSET_CACHE = 'fusen-assets';

/** One chunk of the build as the bundler describes it: its file, whether index.html loads it, what it imports. */
export interface BuiltChunk {
  fileName: string;
  isEntry: boolean;
  imports: readonly string[];
  css: readonly string[];
}

/**
 * What every page needs before it can draw anything: index.html's entry chunk and everything it imports
 * statically, with their styles. Precached at install; a route's own parts follow when that route is
 * opened (offline/warmCache.ts), so a phone's first visit never downloads the canvas or the exports.
 */
export function appShell(chunks: readonly BuiltChunk[]): Set<string> {
  const byFile = new Map(chunks.map((c) => [c.fileName, c]));
  const shell = new Set<string>(['index.html']);
  const visit = (c: BuiltChunk | undefined) => {
    if (!c || shell.has(c.fileName)) return;
    shell.add(c.fileName);
    for (const css of c.css) shell.add(css);
    for (const f of c.imports) visit(byFile.get(f));
  };
  for (const c of chunks) if (c.isEntry) visit(c);
  return shell;
}

/** Workbox's 2 MiB default would silently leave a large chunk out as it grows. */
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
