/**
 * The Hocuspocus peer for the benchmark: @hocuspocus/server v3 as its README starts it, documents in
 * memory (no persistence extension), on HOST/PORT.
 */
import { Server } from '@hocuspocus/server';

const server = new Server({
  port: Number(process.env.PORT ?? 1234),
  address: process.env.HOST ?? '127.0.0.1',
  quiet: true,
  stopOnSignals: true,
});
await server.listen();
