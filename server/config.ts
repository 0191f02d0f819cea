import { z } from 'zod';

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
  COMPACT_EVERY: int(500),
  MAX_MESSAGE_BYTES: int(1024 * 1024),
  MAX_BUFFERED_BYTES: int(8 * 1024 * 1024),
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

/** The address people open: PUBLIC_URL, or one derived from HOST and PORT. */
export function publicUrl(config: Config, port: number): string {
  if (config.PUBLIC_URL) return config.PUBLIC_URL.replace(/\/+$/, '');
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  return `http://${host}:${port}`;
}
