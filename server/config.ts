import { z } from 'zod';
import { LIMITS } from '../shared/board/schema';
import type { RoomLimits } from './rooms/room';

const int = (def: number) => z.coerce.number().int().nonnegative().default(def);

/** Every setting comes from the environment (README, "Configuration"); bad values stop the start with a clear message. */
export const ConfigSchema = z.object({
  PORT: int(8080),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  PUBLIC_URL: z.string().url().optional(),
  DATABASE_URL: z.string().optional(),
  REDIS_URL: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SQLITE_SYNC: z.enum(['NORMAL', 'FULL']).default('NORMAL'),
  CORS_ORIGIN: z.string().optional(),
  IDLE_UNLOAD_MS: int(30_000),
  /** A board with sockets but no change for this long keeps only its encoded state (a tenth of the memory) until the next change; 0 = never. */
  HIBERNATE_AFTER_MS: int(5_000),
  COMPACT_EVERY: int(500),
  MAX_MESSAGE_BYTES: int(1024 * 1024),
  MAX_BUFFERED_BYTES: int(8 * 1024 * 1024),
  // Limits (README, "Reliability and security"): each refusal names the limit in its close reason or error.
  MAX_BOARD_BYTES: int(16 * 1024 * 1024),
  MAX_NOTES_PER_BOARD: int(LIMITS.notesPerBoard),
  UPDATES_PER_SEC: int(50),
  UPDATES_BURST: int(300),
  AWARENESS_PER_SEC: int(60),
  AWARENESS_BURST: int(120),
  AWARENESS_MAX_BYTES: int(16 * 1024),
  AWARENESS_IDS_PER_CONNECTION: int(4),
  MAX_CONNECTIONS_PER_IP: int(500),
  /** A socket that does not answer a ping within this long is dropped (a phone that left the hall's Wi-Fi). */
  HEARTBEAT_MS: int(30_000),
  BOARDS_PER_IP_PER_HOUR: int(60),
  /** A board nobody changed for this many days is deleted with everything of it; unset = kept for ever. */
  RETENTION_DAYS: z.coerce.number().int().positive().optional(),
  /** Whose X-Forwarded-For to believe: 'loopback' (a reverse proxy on this machine), true, false, or a list of addresses. */
  TRUST_PROXY: z.string().default('loopback'),
  CLIENT_DIR: z.string().optional(),
});
export type Config = z.infer<typeof ConfigSchema>;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const picked = Object.fromEntries(Object.keys(ConfigSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const parsed = ConfigSchema.safeParse(picked);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** The per-board and per-socket limits a room enforces (README, "Limits"). */
export function roomLimits(config: Config): RoomLimits {
  return {
    noteTextMax: LIMITS.noteTextHardMax,
    notesPerBoard: config.MAX_NOTES_PER_BOARD,
    maxBoardBytes: config.MAX_BOARD_BYTES,
    maxPendingBytes: config.MAX_MESSAGE_BYTES,
    maxBytes: config.AWARENESS_MAX_BYTES,
    idsPerConnection: config.AWARENESS_IDS_PER_CONNECTION,
    awarenessPerSec: config.AWARENESS_PER_SEC,
    awarenessBurst: config.AWARENESS_BURST,
  };
}

/** The limits a room keeps when nothing is configured: the defaults above, the one place they are set. */
export const DEFAULT_ROOM_LIMITS: RoomLimits = roomLimits(ConfigSchema.parse({}));

/** Fastify's `trustProxy` from TRUST_PROXY: per-IP limits must not trust a header any client can set. */
export function trustProxy(config: Config): boolean | string {
  if (config.TRUST_PROXY === 'true') return true;
  if (config.TRUST_PROXY === 'false') return false;
  return config.TRUST_PROXY;
}

/** The address people open: PUBLIC_URL, or one derived from HOST and PORT. */
export function publicUrl(config: Config, port: number): string {
  if (config.PUBLIC_URL) return config.PUBLIC_URL.replace(/\/+$/, '');
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  return `http://${host}:${port}`;
}
