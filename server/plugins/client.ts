import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The service worker and the Workbox runtime it imports, at the site root. */
const WORKER_FILE = /^\/(sw|workbox-[\w-]+)\.js$/;

/** Vite names every bundle in /assets/ by its content's hash: a changed file is a new URL. */
const HASHED_ASSET = /^\/assets\/[^/]+-[\w-]{8,}\.\w+$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** preCompressed hands setHeaders the compressed sibling's path. */
const COMPRESSED = /\.(br|gz)$/;

/**
 * Hashed bundles are kept for a year without asking again. Checked on every load: the service worker
 * (a new deploy must reach it) and the page that names the hashed bundles.
 */
function setCacheHeaders(root: string) {
  return (reply: { header(name: string, value: string): unknown }, path: string): void => {
    const served = path.slice(root.length).replace(COMPRESSED, '');
    const file = served.slice(served.lastIndexOf('/'));
    if (file === '/index.html' || WORKER_FILE.test(file)) reply.header('cache-control', 'no-cache');
    else if (HASHED_ASSET.test(served)) reply.header('cache-control', IMMUTABLE);
  };
}

/**
 * A missing bundle or worker is a 404, not the app's HTML: a page from before a deploy then fails
 * plainly on an old chunk, and the browser keeps its worker instead of parsing HTML as a script.
 */
const isBuildFile = (url: string): boolean => url.startsWith('/assets/') || WORKER_FILE.test(url.split('?')[0]!);

/**
 * Serves the built client; any other GET outside /api and /ws is the single-page app.
 * Unknown routes get our own 404 in every case: Fastify's default one logs the full URL, token included.
 */
export default fp(
  async (app) => {
    const dir = resolve(app.config.CLIENT_DIR ?? 'dist/client');
    const hasClient = existsSync(resolve(dir, 'index.html'));
    // preCompressed: the .br and .gz the build wrote, chosen by Accept-Encoding (with Vary), else the file itself.
    const options = { root: dir, prefix: '/', wildcard: false, index: ['index.html'], preCompressed: true, setHeaders: setCacheHeaders(dir) };
    if (hasClient) await app.register(fastifyStatic, options);
    else app.log.warn({ dir }, 'no built client found: run `npm run build` (npm start does it)');
    app.setNotFoundHandler((req, reply) => {
      if (hasClient && (req.method === 'GET' || req.method === 'HEAD') && !req.url.startsWith('/api/') && !req.url.startsWith('/ws/') && !isBuildFile(req.url)) {
        return reply.type('text/html').sendFile('index.html');
      }
      return reply.code(404).send({ error: 'not found' });
    });
  },
  { name: 'client' },
);
