import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStore } from './postgres';
import { postgresBin, servicesAvailable, startPostgres, type Service } from '../testing/services';
import { startApp } from '../testing/inProcess';
import { createBoard } from '../testing/startServer';
import { writeNotes } from '../plugins/exportTesting';
import { readBoard } from '../../shared/board/doc';
import { connectClient, eventually } from '../testing/clients';

const available = servicesAvailable();
let pg: Service | undefined;
const dir = mkdtempSync(join(tmpdir(), 'fusen-pgdump-'));
beforeAll(async () => {
  if (available) pg = await startPostgres();
});
afterAll(async () => {
  await pg?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One of PostgreSQL's own tools, as README's recipe runs it. */
function tool(name: string, args: string[]): void {
  const r = spawnSync(join(postgresBin()!, name), args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${name}: ${r.stderr}`);
}

describe.skipIf(!available)('backup on PostgreSQL: README’s pg_dump recipe', () => {
  it('gives a dump that, restored into a new database, serves every board with its notes, snapshots and audit', async () => {
    const live = await startApp({ store: await PostgresStore.connect(pg!.url) });
    const b = await createBoard(live.url, { title: '苫小牧市 第3回' });
    const ids = await writeNotes(live, b, ['多機関で情報共有できた', '相談先がわからない']);
    const snap = await fetch(`${live.url}/api/boards/${b.boardId}/snapshots`, {
      method: 'POST',
      headers: { authorization: `Bearer ${b.facilitatorToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: '討議のあと' }),
    });
    expect(snap.status).toBe(201);
    const audit = await live.store.listAudit(b.boardId);
    await live.close();

    const dump = join(dir, 'fusen.dump');
    const restoredUrl = pg!.url.replace(/\/postgres$/, '/restored');
    tool('pg_dump', ['-Fc', '-f', dump, pg!.url]);
    tool('createdb', ['-h', '127.0.0.1', '-p', String(pg!.port), '-U', 'postgres', 'restored']);
    tool('pg_restore', ['--no-owner', '-d', restoredUrl, dump]);

    const restored = await startApp({ store: await PostgresStore.connect(restoredUrl) });
    try {
      const c = connectClient(restored.wsUrl, b.boardId, b.facilitatorToken);
      await c.synced;
      expect(await eventually(() => ids.every((id) => readBoard(c.doc).notes.some((n) => n.id === id)))).toBe(true);
      c.destroy();
      expect((await restored.store.listSnapshots(b.boardId)).map((s) => s.name)).toEqual(['討議のあと']);
      expect(await restored.store.listAudit(b.boardId)).toEqual(audit);
    } finally {
      await restored.close();
    }
  });
});
