import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeBusContract } from './bus.contract';
import { RedisBus, type BusLog } from './redis';
import { servicesAvailable, startRedis, type Service } from '../testing/services';
import { freePort } from '../testing/startServer';
import { eventually } from '../testing/clients';

const available = servicesAvailable();
let redis: Service | undefined;
beforeAll(async () => {
  if (available) redis = await startRedis();
});
afterAll(async () => {
  await redis?.close();
});

const quiet = (): BusLog & { lines: string[] } => {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) };
};
const bytes = (s: string) => new TextEncoder().encode(s);

describe.skipIf(!available)('RedisBus', () => {
  // Two connections pairs, as two server processes would have.
  describeBusContract('redis', async () => Promise.all([RedisBus.connect(redis!.url, { log: quiet() }), RedisBus.connect(redis!.url, { log: quiet() })]));

  it('refuses to start on an unreachable Redis, naming REDIS_URL and the address but never the password', async () => {
    const port = await freePort();
    const err = await RedisBus.connect(`redis://:s3cret-pw@127.0.0.1:${port}`, { connectTimeoutMs: 1000 }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(new RegExp(`^REDIS_URL: cannot reach Redis at 127\\.0\\.0\\.1:${port}`));
    expect((err as Error).message).not.toContain('s3cret-pw');
  });

  it('survives losing Redis: publishing does not throw, and after it returns every channel works and onReconnect fires', async () => {
    const logA = quiet();
    const [a, b] = await Promise.all([RedisBus.connect(redis!.url, { log: logA }), RedisBus.connect(redis!.url, { log: quiet() })]);
    try {
      let reconnectsA = 0;
      let reconnectsB = 0;
      a.onReconnect(() => reconnectsA++);
      b.onReconnect(() => reconnectsB++);
      const got: string[] = [];
      await b.subscribe('board:before', (m) => got.push(new TextDecoder().decode(m)));

      await redis!.stop();
      expect(await eventually(() => logA.lines.some((l) => l.startsWith('lost Redis')))).toBe(true);
      expect(() => a.publish('board:before', bytes('while away'))).not.toThrow();
      // A board opened while Redis is away subscribes as soon as it is back.
      await b.subscribe('board:during', (m) => got.push(new TextDecoder().decode(m)));

      await redis!.start();
      expect(await eventually(() => reconnectsA === 1 && reconnectsB === 1, 15_000)).toBe(true);
      a.publish('board:before', bytes('after 1'));
      a.publish('board:during', bytes('after 2'));
      expect(await eventually(() => got.length === 2)).toBe(true);
      expect(got).toEqual(['after 1', 'after 2']);
      expect(logA.lines.some((l) => l.includes('is back after'))).toBe(true);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
