import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from './config';
import { sqliteScaleOutWarning } from './composition';
import { createBoard, startServer, type RunningServer } from './testing/startServer';
import { connectClient, eventually } from './testing/clients';
import { servicesAvailable, startRedis, type Service } from './testing/services';
import { addNote, readBoard } from '../shared/board/doc';
import { userIdFromKey } from '../shared/board/identity';

describe('REDIS_URL without DATABASE_URL', () => {
  it('warns, naming the SQLite folder, only in that case', () => {
    const warn = (env: Record<string, string>) => sqliteScaleOutWarning(loadConfig({ DATA_DIR: 'data-x', ...env }));
    expect(warn({})).toBeNull();
    expect(warn({ REDIS_URL: 'redis://r:6379', DATABASE_URL: 'postgres://db/fusen' })).toBeNull();
    expect(warn({ DATABASE_URL: 'postgres://db/fusen' })).toBeNull();
    const w = warn({ REDIS_URL: 'redis://r:6379' });
    expect(w).toContain('DATABASE_URL is not');
    expect(w).toContain(resolve('data-x'));
  });

  describe.skipIf(!servicesAvailable())('with real processes and Redis', () => {
    let redis: Service;
    const servers: RunningServer[] = [];
    const dirs: string[] = [];
    const dir = () => {
      const d = mkdtempSync(join(tmpdir(), 'fusen-warn-'));
      dirs.push(d);
      return d;
    };
    beforeAll(async () => {
      redis = await startRedis();
    });
    afterAll(async () => {
      for (const s of servers) await s.stop();
      await redis?.close();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    });

    it('is what happens: one DATA_DIR on one machine is shared, another DATA_DIR knows none of its boards', async () => {
      const shared = dir();
      const [a, b, elsewhere] = await Promise.all([
        startServer({ dataDir: shared, env: { REDIS_URL: redis.url } }),
        startServer({ dataDir: shared, env: { REDIS_URL: redis.url } }),
        startServer({ dataDir: dir(), env: { REDIS_URL: redis.url } }),
      ]);
      servers.push(a, b, elsewhere);
      for (const s of servers) expect(s.output()).toContain('REDIS_URL is set but DATABASE_URL is not');
      expect(a.output()).toContain(shared);

      const board = await createBoard(a.url);
      const onA = connectClient(a.wsUrl, board.boardId, board.participantToken, { key: 'warn-key-a-0123456789' });
      const onB = connectClient(b.wsUrl, board.boardId, board.participantToken, { key: 'warn-key-b-0123456789' });
      try {
        await Promise.all([onA.synced, onB.synced]);
        addNote(onA.doc, { text: '同じ DATA_DIR なら共有', x: 0, y: 0, authorId: await userIdFromKey('warn-key-a-0123456789') });
        expect(await eventually(() => readBoard(onB.doc).notes.some((n) => n.text === '同じ DATA_DIR なら共有'))).toBe(true);
      } finally {
        onA.destroy();
        onB.destroy();
      }
      const r = await fetch(`${elsewhere.url}/api/boards/${board.boardId}`, { headers: { authorization: `Bearer ${board.participantToken}` } });
      expect(r.status).toBe(404);
    });
  });
});
