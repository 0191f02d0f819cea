import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Serves the built client; any other GET outside /api and /ws is the single-page app.
 * Unknown routes get our own 404 in every case: Fastify's default one logs the full URL, token included.
 */
export default fp(
  async (app) => {
    const dir = resolve(app.config.CLIENT_DIR ?? 'dist/client');
    const hasClient = existsSync(resolve(dir, 'index.html'));
    if (hasClient) await app.register(fastifyStatic, { root: dir, prefix: '/', wildcard: false, index: ['index.html'] });
    else app.log.warn({ dir }, 'no built client found: run `npm run build` (npm start does it)');
    app.setNotFoundHandler((req, reply) => {
      if (hasClient && req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/ws/')) {
        return reply.type('text/html').sendFile('index.html');
      }
      return reply.code(404).send({ error: 'not found' });
    });
  },
  { name: 'client' },
);
