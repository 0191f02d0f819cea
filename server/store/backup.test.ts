import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBoard, startServer, type RunningServer } from '../testing/startServer';
import { eventually } from '../testing/clients';
import { honestClient, type HonestClient } from '../reliability/honest';
import { main } from './backupCli';

const dirs: string[] = [];
const servers: RunningServer[] = [];
const clients: HonestClient[] = [];
afterAll(async () => {
  clients.forEach((c) => c.destroy());
  for (const s of servers) await s.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'fusen-backup-'));
  dirs.push(d);
  return d;
};

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (l) => (out += `${l}\n`), err: (l) => (err += `${l}\n`) }, {});
  return { code, out, err };
}

async function serve(dataDir: string) {
  const s = await startServer({ dataDir });
  servers.push(s);
  return s;
}

async function writer(s: RunningServer, b: { boardId: string; participantToken: string }) {
  const c = await honestClient(s.wsUrl, b.boardId, b.participantToken);
  clients.push(c);
  await c.synced;
  return c;
}

describe('npm run backup', () => {
  it('copies every board while the server runs and writes, and the copy serves them as of the backup', async () => {
    const live = await serve(tempDir());
    const boards = [await createBoard(live.url, { title: '当別町 第1回' }), await createBoard(live.url, { title: '苫小牧市 研修' })];
    const before: string[] = [];
    for (const b of boards) {
      const w = await writer(live, b);
      for (let i = 0; i < 20; i++) before.push(w.write(`${b.boardId.slice(0, 4)} 付箋 ${i}`));
      // Another client holding them means the server stored them: it stores before it sends.
      const reader = await writer(live, b);
      expect(await eventually(() => [...w.written.keys()].every((id) => reader.texts().has(id)), 10_000)).toBe(true);
    }
    // Writes go on during the backup.
    const busy = await writer(live, boards[0]!);
    const timer = setInterval(() => busy.write(`バックアップ中 ${Date.now()}`), 10);
    const out = join(tempDir(), 'copy');
    const r = await run('backup', '--out', out, '--data', live.dataDir);
    clearInterval(timer);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Backed up 2 board\(s\)/);
    expect(statSync(out).mode & 0o777).toBe(0o700);
    expect(statSync(join(out, 'boards.sqlite3')).mode & 0o777).toBe(0o600);

    const restored = await serve(out);
    const seen = new Set<string>();
    for (const b of boards) {
      const c = await writer(restored, b);
      for (const id of c.texts().keys()) seen.add(id);
    }
    expect(before.filter((id) => !seen.has(id))).toEqual([]);
  });

  it('refuses to overwrite a backup, to read a folder without a database, and says so', async () => {
    const live = await serve(tempDir());
    await createBoard(live.url);
    const out = tempDir();
    writeFileSync(join(out, 'boards.sqlite3'), 'an older backup');
    const again = await run('backup', '--out', out, '--data', live.dataDir);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/never overwrites/);
    const empty = tempDir();
    const none = await run('backup', '--out', join(tempDir(), 'x'), '--data', empty);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/has no boards\.sqlite3/);
    expect((await run('backup')).code).toBe(2);
    expect((await main(['backup', '--out', tempDir()], { out: () => {}, err: () => {} }, { DATABASE_URL: 'postgres://x@y/z' }))).toBe(1);
  });
});

describe('npm run restore', () => {
  it('puts a backup in place as an empty DATA_DIR, and never over an existing database', async () => {
    const live = await serve(tempDir());
    const b = await createBoard(live.url, { title: '復元の確認' });
    const w = await writer(live, b);
    const id = w.write('復元される付箋');
    const reader = await writer(live, b);
    expect(await eventually(() => reader.texts().has(id), 10_000)).toBe(true);
    const out = join(tempDir(), 'copy');
    expect((await run('backup', '--out', out, '--data', live.dataDir)).code).toBe(0);

    const occupied = await run('restore', '--from', out, '--data', live.dataDir);
    expect(occupied.code).toBe(1);
    expect(occupied.err).toMatch(/already holds a database/);

    const fresh = join(tempDir(), 'data');
    const r = await run('restore', '--from', out, '--data', fresh);
    expect(r.code).toBe(0);
    expect(existsSync(join(fresh, 'boards.sqlite3'))).toBe(true);
    const served = await serve(fresh);
    const c = await writer(served, b);
    expect(c.texts().get(id)).toBe('復元される付箋');
  });
});
