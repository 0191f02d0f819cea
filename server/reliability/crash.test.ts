import { describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { runCrash } from './crasher';
import { startServer, createBoard } from '../testing/startServer';
import { eventually } from '../testing/clients';
import { SqliteStore } from '../store/sqlite';
import { honestClient } from './honest';

describe('a server killed with SIGKILL at random moments', () => {
  it('loses no note any client had received, and its store stays sound (5 kills, 8 writers)', async () => {
    const seed = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);
    const r = await runCrash({ kills: 5, writers: 8, seed });
    const context = `seed ${seed}: ${JSON.stringify(r)}`;
    expect(r.kills).toBe(5);
    expect(r.exitCodes.every((c) => c === null), context).toBe(true);
    expect(r.receivedChecked, context).toBeGreaterThan(0);
    expect(r.lostAcrossKills, context).toBe(0);
    expect(r.integrityFailures, context).toEqual([]);
    // What the server never got, the writers still had: it arrives when they reconnect.
    expect(r.lostAtEnd, context).toBe(0);
  }, 180_000);
});

describe('a server stopped with SIGTERM', () => {
  it('stores everything, exits 0, and serves every note after a restart', async () => {
    const server = await startServer({ env: { LOG_LEVEL: 'info' } });
    try {
      const board = await createBoard(server.url);
      const a = await honestClient(server.wsUrl, board.boardId, board.participantToken);
      const b = await honestClient(server.wsUrl, board.boardId, board.participantToken);
      await Promise.all([a.synced, b.synced]);
      for (let i = 0; i < 40; i++) (i % 2 ? a : b).write(`付箋 ${i}`);
      expect(await eventually(() => a.texts().size === 40 && b.texts().size === 40, 10_000)).toBe(true);
      // Clients still connected: shutdown must not wait for them, nor lose anything.
      expect(await server.stop()).toBe(0);
      expect(server.output()).toContain('shutting down');
      a.destroy();
      b.destroy();
      const store = new SqliteStore(server.dataDir);
      expect(store.integrityCheck()).toBe('ok');
      await store.close();
      const again = await startServer({ dataDir: server.dataDir });
      try {
        const c = await honestClient(again.wsUrl, board.boardId, board.viewerToken);
        await c.synced;
        expect([...c.texts().values()].sort()).toEqual(Array.from({ length: 40 }, (_, i) => `付箋 ${i}`).sort());
        c.destroy();
        expect(await again.stop()).toBe(0);
      } finally {
        await again.kill();
      }
    } finally {
      await server.kill();
      rmSync(server.dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});
