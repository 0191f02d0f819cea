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

/** Picks the bus: Redis when REDIS_URL is set, else in-process. */
export async function openBus(config: Config): Promise<Bus> {
  if (config.REDIS_URL) {
    const { RedisBus } = await import('./bus/redis');
    return RedisBus.connect(config.REDIS_URL);
  }
  return new LocalBus();
}
