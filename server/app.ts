import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import cors from '@fastify/cors';
import type { Config } from './config';
import { publicUrl, trustProxy } from './config';
import { StoreUnavailableError, type Store } from './store/store';
import type { Bus } from './bus/bus';
import roomsPlugin from './plugins/rooms';
import authPlugin from './plugins/auth';
import syncPlugin from './plugins/sync';
import privateNotesPlugin from './plugins/privateNotes';
import boardsPlugin from './plugins/boards';
import adminPlugin from './plugins/admin';
import exportPlugin from './plugins/export';
import moderationPlugin from './plugins/moderation';
import importPlugin from './plugins/import';
import surveyPlugin from './plugins/survey';
import readinessPlugin from './plugins/readiness';
import snapshotsPlugin from './plugins/snapshots';
import retentionPlugin from './plugins/retention';
import groupingPlugin from './plugins/grouping';
import seriesPlugin from './plugins/series';
import clientPlugin from './plugins/client';
import { HttpError, sendError } from './plugins/errors';
import { serve, useContract, validationAnswer } from './plugins/contract';
import { API } from '../shared/api/contract';
import type { ChangeGuard } from './rooms/room';
import { workshopGuard } from './rooms/guards/workshop';
import { moderationGuard } from './rooms/guards/moderation';
import { privateWritingGuard } from './rooms/guards/privateWriting';

/** Tokens, keys and passcodes travel in query strings and headers; none ever reaches a log line. */
export const redactUrl = (url: string): string => url.replace(/([?&](?:token|key|passcode)=)[^&]*/g, '$1[redacted]');

export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  return {
    level: config.LOG_LEVEL,
    redact: ['req.headers.authorization', 'headers.authorization', 'req.headers["x-client-key"]', 'req.headers["x-board-passcode"]'],
    serializers: {
      req: (req: { method: string; url: string; ip?: string }) => ({ method: req.method, url: redactUrl(req.url), ip: req.ip }),
    },
  };
}

/** The rules the server enforces on every board: authorship, scribes, votes, facilitator-only settings. */
export const DEFAULT_GUARDS: readonly ChangeGuard[] = [workshopGuard, moderationGuard, privateWritingGuard];

export interface AppParts {
  store: Store;
  bus: Bus;
  /** Rules every change from a socket must pass; the workshop's authorship rules unless a test says otherwise. */
  guards?: ChangeGuard[];
  /** For tests: a logger that writes somewhere else. */
  logger?: FastifyServerOptions['logger'];
}

/** What a client reads while the store is away (503): the request can be sent again as it was. */
export const STORE_AWAY = 'the board store is unavailable right now; try again in a moment';

/** Builds the app in order: cross-cutting concerns, the store and rooms, auth, then routes. */
export async function buildApp(config: Config, parts: AppParts): Promise<FastifyInstance> {
  const app = Fastify({
    logger: parts.logger ?? loggerOptions(config),
    bodyLimit: 1024 * 1024,
    trustProxy: trustProxy(config),
  });
  let listeningPort = config.PORT;
  app.decorate('publicUrl', () => publicUrl(config, listeningPort));
  app.addHook('onListen', async () => {
    const addr = app.server.address();
    if (addr && typeof addr === 'object') listeningPort = addr.port;
  });

  useContract(app);
  app.setErrorHandler((err: Error & { statusCode?: number; validation?: unknown }, req, reply) => {
    if (err instanceof HttpError) return sendError(reply, err);
    const invalid = validationAnswer(err);
    if (invalid) return reply.code(400).send(invalid);
    if (err instanceof StoreUnavailableError) {
      req.log.warn({ err: err.cause ?? err }, 'store unavailable');
      return reply.code(503).header('retry-after', '5').send({ error: STORE_AWAY });
    }
    if (err.statusCode && err.statusCode < 500) return reply.code(err.statusCode).send({ error: err.message });
    req.log.error({ err }, 'request failed');
    return reply.code(500).send({ error: 'internal error' });
  });

  await app.register(helmet, securityHeaders(config));
  if (config.CORS_ORIGIN) await app.register(cors, { origin: config.CORS_ORIGIN.split(',') });

  await app.register(roomsPlugin, { config, store: parts.store, bus: parts.bus, guards: parts.guards ?? [...DEFAULT_GUARDS] });
  await app.register(authPlugin);
  await app.register(syncPlugin);
  await app.register(privateNotesPlugin);
  await app.register(adminPlugin);
  await app.register(boardsPlugin);
  await app.register(exportPlugin);
  await app.register(moderationPlugin);
  await app.register(importPlugin);
  await app.register(surveyPlugin);
  await app.register(readinessPlugin);
  await app.register(snapshotsPlugin);
  await app.register(retentionPlugin);
  await app.register(groupingPlugin);
  await app.register(seriesPlugin);

  serve(app, API.health, async () => ({ ok: true, store: app.store.kind, bus: app.bus.kind, boardsLoaded: app.rooms.loadedCount }));

  await app.register(clientPlugin);
  return app;
}

/**
 * Helmet's defaults assume https. A hall runs the board over plain http on the laptop's LAN address,
 * where `upgrade-insecure-requests` makes phones fetch the scripts over https (a blank page) and HSTS
 * would pin the address to https; so both come only with an https PUBLIC_URL.
 */
export function securityHeaders(config: Config): FastifyHelmetOptions {
  const https = config.PUBLIC_URL?.startsWith('https:') ?? false;
  return {
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        defaultSrc: ["'self'"],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        upgradeInsecureRequests: https ? [] : null,
      },
    },
    hsts: https,
    crossOriginEmbedderPolicy: false,
    // Over plain http these only earn a console warning per page, and the page lives without them.
    crossOriginOpenerPolicy: https,
    originAgentCluster: https,
  };
}
