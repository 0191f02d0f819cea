import { resolve } from 'node:path';
import type { Config } from './config';
import type { Store } from './store/store';
import type { Bus } from './bus/bus';
import { SqliteStore } from './store/sqlite';
import { LocalBus } from './bus/local';

/** Picks the store from configuration: PostgreSQL when DATABASE_URL is set, else SQLite in DATA_DIR. */
export async function openStore(config: Config): Promise<Store> {
  if (config.DATABASE_URL) {
    const { PostgresStore } = await import('./store/postgres');
    return PostgresStore.connect(config.DATABASE_URL);
  }
  return new SqliteStore(config.DATA_DIR, { synchronous: config.SQLITE_SYNC });
}

/**
 * Redis shares changes between processes, not boards: without DATABASE_URL each process keeps boards
 * in the SQLite file under its own DATA_DIR. Processes on one machine with the same DATA_DIR share that
 * file (SQLite locks it) and so work together; a process elsewhere, or with another DATA_DIR, does not
 * know the others' boards and answers "board not found" for them. Returns the warning to log, or null.
 */
export function sqliteScaleOutWarning(config: Config): string | null {
  if (!config.REDIS_URL || config.DATABASE_URL) return null;
  return (
    `REDIS_URL is set but DATABASE_URL is not: boards are stored in SQLite in ${resolve(config.DATA_DIR)}. ` +
    'Processes share boards only if they run on this machine with this same DATA_DIR; a process on another machine ' +
    'or with another DATA_DIR keeps its own boards and answers "board not found" for the others. ' +
    'Set DATABASE_URL to one PostgreSQL database for all processes.'
  );
}

/** Picks the bus: Redis when REDIS_URL is set, else in-process. */
export async function openBus(config: Config): Promise<Bus> {
  if (config.REDIS_URL) {
    const { RedisBus } = await import('./bus/redis');
    return RedisBus.connect(config.REDIS_URL);
  }
  return new LocalBus();
}
