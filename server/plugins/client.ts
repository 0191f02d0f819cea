import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Serves the built client; any other GET outside /api and /ws is the single-page app. */
export default fp(
  async (app) => {
    const dir = resolve(app.config.CLIENT_DIR ?? 'dist/client');
    if (!existsSync(resolve(dir, 'index.html'))) {
      app.log.warn({ dir }, 'no built client found: run `npm run build` (npm start does it)');
      return;
    }
    await app.register(fastifyStatic, { root: dir, prefix: '/', wildcard: false, index: ['index.html'] });
    app.setNotFoundHandler((req, reply) => {
      if (req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/ws/')) {
        return reply.type('text/html').sendFile('index.html');
      }
      return reply.code(404).send({ error: 'not found' });
    });
  },
  { name: 'client' },
);
