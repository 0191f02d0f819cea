import { networkInterfaces } from 'node:os';
import { loadConfig } from './config';
import { buildApp } from './app';
import { openBus, openStore, sqliteScaleOutWarning } from './composition';

/** Starts the server: only builds the app, listens, and closes it gracefully. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
  let store, bus;
  try {
    store = await openStore(config);
    bus = await openBus(config);
  } catch (err) {
    console.error(`Cannot start: ${(err as Error).message}`);
    process.exit(1);
  }
  const app = await buildApp(config, { store, bus });
  const warning = sqliteScaleOutWarning(config);
  if (warning) app.log.warn(warning);
  await app.listen({ port: config.PORT, host: config.HOST });
  const url = app.publicUrl();
  const lan = Object.values(networkInterfaces())
    .flat()
    .filter((i) => i && i.family === 'IPv4' && !i.internal)
    .map((i) => `http://${i!.address}:${new URL(url).port}`);
  app.log.info({ url, store: store.kind, bus: bus.kind }, 'server ready');
  console.log(`\n  Fusen board is running: open ${url}\n${lan.length && config.HOST === '0.0.0.0' ? `  On the hall's network: ${lan.join('  ')}\n` : ''}`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: storing every board');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    try {
      await app.close();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

void main();
