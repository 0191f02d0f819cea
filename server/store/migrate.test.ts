import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import * as Y from 'yjs';
import { copyBoards, type BoardOutcome } from './migrate';
import { main } from './migrateCli';
import { MemoryStore } from './memory';
import { SqliteStore } from './sqlite';
import { PostgresStore } from './postgres';
import { docFromLog, type BoardRecord, type SnapshotRecord, type Store } from './store';
import { addNote, deleteNotes, readBoard, setNoteText } from '../../shared/board/doc';
import { initBoard } from '../../shared/board/templates';
import { newBoardId, newToken } from '../../shared/board/ids';
import { hashToken, newTokens, openForSeries, sealForSeries, storeTokens, type BoardTokens } from './tokens';
import { servicesAvailable, startPostgres, type Service } from '../testing/services';
import { freePort, startServer, type RunningServer } from '../testing/startServer';

const ROOT = resolve(import.meta.dirname, '../..');
/** Written, then deleted: a copy must not carry it over (notes can describe real households). */
const DELETED = '田中さん宅の事情（削除済み）';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'fusen-migrate-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

interface Seeded {
  record: BoardRecord;
  /** The links' tokens, as the people holding them have them (the store keeps hashes). */
  tokens: BoardTokens;
  texts: string[];
  snapshots: string[];
}

/** A board as a workshop leaves it: notes written one update at a time, one edited, one deleted, snapshots along the way. */
async function seedBoard(store: Store, title: string, texts: string[], opts: { locked?: boolean; snapshots?: number } = {}): Promise<Seeded> {
  const id = newBoardId();
  const tokens = newTokens();
  const record: BoardRecord = { id, title, createdAt: Date.now(), tokens: storeTokens(id, tokens), locked: opts.locked ?? false };
  const doc = new Y.Doc();
  initBoard(doc, { title, template: 'impressions-unclear', groups: 2 });
  await store.createBoard(record, Y.encodeStateAsUpdate(doc));
  const change = async (edit: () => void) => {
    const before = Y.encodeStateVector(doc);
    edit();
    await store.appendUpdate(record.id, Y.encodeStateAsUpdate(doc, before));
  };
  const ids: string[] = [];
  for (const text of texts) await change(() => ids.push(addNote(doc, { text, x: 40, y: 80, authorId: 'u_1' })));
  let gone = '';
  await change(() => (gone = addNote(doc, { text: DELETED, x: 0, y: 0, authorId: 'u_1' })));
  const snapshots: string[] = [];
  const snapshot = async (name: string) => {
    const id = newBoardId();
    await store.saveSnapshot({ id, boardId: record.id, name, createdAt: 1_700_000_000_000 + snapshots.length, state: Y.encodeStateAsUpdate(doc) });
    snapshots.push(id);
  };
  if ((opts.snapshots ?? 2) > 0) await snapshot('討議①のあと');
  await change(() => deleteNotes(doc, [gone]));
  if (texts.length > 0) await change(() => setNoteText(doc, ids[0]!, `${texts[0]}（追記）`));
  for (let i = 1; i < (opts.snapshots ?? 2); i++) await snapshot(`全体共有 ${i}`);
  doc.destroy();
  return { record, tokens, texts: texts.length > 0 ? [`${texts[0]}（追記）`, ...texts.slice(1)] : [], snapshots };
}

/** Everything a store holds of one board, byte for byte: to show a board was left exactly as it was. */
async function dumpBoard(store: Store, boardId: string) {
  const snapshots: SnapshotRecord[] = [];
  for (const m of await store.listSnapshots(boardId)) snapshots.push((await store.getSnapshot(boardId, m.id))!);
  const log = (await store.loadLog(boardId)).map((e) => ({ seq: e.seq, update: Buffer.from(e.update).toString('base64') }));
  return { record: await store.getBoard(boardId), log, snapshots: snapshots.map((s) => ({ ...s, state: Buffer.from(s.state).toString('base64') })) };
}

async function noteTexts(store: Store, boardId: string): Promise<string[]> {
  const doc = docFromLog(await store.loadLog(boardId));
  const texts = readBoard(doc).notes.map((n) => n.text);
  doc.destroy();
  return texts.sort();
}

/** The board the target has is the seeded one: same record (so the same links open it), notes and snapshots. */
async function expectSameBoard(target: Store, seeded: Seeded, source: Store): Promise<void> {
  expect(await target.getBoard(seeded.record.id)).toEqual(seeded.record);
  expect(await noteTexts(target, seeded.record.id)).toEqual([...seeded.texts].sort());
  const { snapshots } = await dumpBoard(target, seeded.record.id);
  expect(snapshots).toEqual((await dumpBoard(source, seeded.record.id)).snapshots);
  expect(snapshots.map((s) => s.id).sort()).toEqual([...seeded.snapshots].sort());
  // The log folded into one update, without the deleted note's text.
  const log = await target.loadLog(seeded.record.id);
  expect(log).toHaveLength(1);
  expect(Buffer.from(log[0]!.update).includes(Buffer.from(DELETED))).toBe(false);
}

const statuses = (boards: BoardOutcome[]) => Object.fromEntries(boards.map((b) => [b.boardId, b.status]));

async function runCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (l) => (out += `${l}\n`), err: (l) => (err += `${l}\n`) });
  return { code, out, err };
}

/**
 * boards.sqlite3 and what its WAL holds, hashed: the source's data must not change by a single byte. (A read-only
 * reader may leave SQLite's empty -wal and -shm files beside it: no data, the server uses them as its own.)
 */
function sqliteFingerprint(dir: string): string {
  const h = createHash('sha256');
  for (const f of ['boards.sqlite3', 'boards.sqlite3-wal']) {
    const bytes = existsSync(join(dir, f)) ? readFileSync(join(dir, f)) : Buffer.alloc(0);
    if (bytes.length > 0) h.update(f).update(bytes);
  }
  return h.digest('hex');
}

describe('copyBoards', () => {
  it('copies every board with its record, notes and snapshots, dropping deleted content, and reports each', async () => {
    const from = new MemoryStore();
    const to = new MemoryStore();
    const a = await seedBoard(from, '当別町 生活支援セミナー', ['子ども食堂の担い手が足りない', '相談窓口がわかりにくい']);
    const b = await seedBoard(from, '苫小牧 研修', ['地域の居場所づくり'], { locked: true, snapshots: 0 });
    const audit = [
      { at: 1, action: 'lock', role: 'facilitator', userId: 'u1', detail: {} },
      { at: 2, action: 'export', role: 'viewer', userId: null, detail: { format: 'xlsx' } },
    ] as const;
    for (const e of audit) await from.appendAudit(a.record.id, e);
    const seen: BoardOutcome[] = [];
    const report = await copyBoards(from, to, { onBoard: (o) => seen.push(o) });
    expect(report).toMatchObject({ copied: 2, alreadyThere: 0, refused: 0 });
    expect(seen).toEqual(report.boards);
    expect(report.boards.find((o) => o.boardId === a.record.id)).toMatchObject({ title: '当別町 生活支援セミナー', notes: 2, snapshots: 2 });
    await expectSameBoard(to, a, from);
    await expectSameBoard(to, b, from);
    expect(await to.listAudit(a.record.id)).toEqual(audit);
  });

  it("copies what lives beside a board: each person's private notes and the survey's answer sets", async () => {
    const from = new MemoryStore();
    const to = new MemoryStore();
    const a = await seedBoard(from, '苫小牧 第2回', ['地域の居場所づくり']);
    const priv = new Y.Doc();
    priv.getMap('notes').set('n_private', '自分だけのメモ');
    await from.mergePrivate(a.record.id, 'author-1', () => Y.encodeStateAsUpdate(priv));
    await from.saveSurveyAnswers(a.record.id, 'respondent-1', { clarity: 4, problems: '相談先がわからない' });
    const report = await copyBoards(from, to);
    expect(report).toMatchObject({ copied: 1, refused: 0 });
    const [copied] = await to.listPrivate(a.record.id);
    const back = new Y.Doc();
    Y.applyUpdate(back, copied!.state);
    expect(copied!.authorId).toBe('author-1');
    expect(back.getMap('notes').get('n_private')).toBe('自分だけのメモ');
    expect(await to.listSurveyAnswers(a.record.id)).toEqual([{ respondent: 'respondent-1', answers: { clarity: 4, problems: '相談先がわからない' } }]);
    expect((await copyBoards(from, to)).alreadyThere).toBe(1);
  });

  it('skips boards already copied when run again, changing nothing in the target', async () => {
    const from = new MemoryStore();
    const to = new MemoryStore();
    const a = await seedBoard(from, '一回目', ['見守り活動']);
    await copyBoards(from, to);
    const before = await dumpBoard(to, a.record.id);
    const again = await copyBoards(from, to);
    expect(again).toMatchObject({ copied: 0, alreadyThere: 1, refused: 0 });
    expect(await dumpBoard(to, a.record.id)).toEqual(before);
  });

  it('refuses a board the target has with other content and leaves it exactly as it was, copying the rest', async () => {
    const from = new MemoryStore();
    const to = new MemoryStore();
    const clash = await seedBoard(from, '衝突するボード', ['元の付箋']);
    const other = await seedBoard(from, '別のボード', ['ほかの付箋']);
    // The same id in the target, edited there since (a note more).
    await copyBoards(from, to);
    await to.deleteBoard(other.record.id);
    const doc = docFromLog(await to.loadLog(clash.record.id));
    const before = Y.encodeStateVector(doc);
    addNote(doc, { text: '移行先で書いた付箋', x: 0, y: 0, authorId: 'u_2' });
    await to.appendUpdate(clash.record.id, Y.encodeStateAsUpdate(doc, before));
    const kept = await dumpBoard(to, clash.record.id);

    const report = await copyBoards(from, to);
    expect(statuses(report.boards)).toEqual({ [clash.record.id]: 'refused', [other.record.id]: 'copied' });
    const refused = report.boards.find((o) => o.status === 'refused')!;
    expect(refused.detail).toContain('already has a different board with this id');
    expect(refused.detail).toContain('1 notes in the source, 2 in the target');
    expect(await dumpBoard(to, clash.record.id)).toEqual(kept);
    await expectSameBoard(to, other, from);
  });

  it('names what differs without printing a token', async () => {
    const from = new MemoryStore();
    const to = new MemoryStore();
    const a = await seedBoard(from, '元の題名', ['付箋']);
    await copyBoards(from, to);
    await to.updateBoard(a.record.id, { title: '変えた題名', tokens: storeTokens(a.record.id, { ...a.tokens, participant: newToken() }) });
    const [outcome] = (await copyBoards(from, to)).boards;
    expect(outcome!.detail).toContain('title ("元の題名" in the source, "変えた題名" in the target)');
    expect(outcome!.detail).toContain('links (tokens)');
    const target = (await to.getBoard(a.record.id))!;
    for (const token of [...Object.values(a.tokens), ...Object.values(a.record.tokens.hashes), ...Object.values(target.tokens.hashes)]) expect(outcome!.detail).not.toContain(token);
  });

  it('finishes a copy that was interrupted before all snapshots were written', async () => {
    const from = new MemoryStore();
    const to = new MemoryStore();
    const a = await seedBoard(from, '途中で止まった', ['付箋'], { snapshots: 3 });
    // What a killed run leaves: the board and its document, one snapshot of three.
    const log = await from.loadLog(a.record.id);
    await to.createBoard(a.record, Y.mergeUpdates(log.map((e) => e.update)));
    await to.saveSnapshot((await from.getSnapshot(a.record.id, a.snapshots[0]!))!);

    const [outcome] = (await copyBoards(from, to)).boards;
    expect(outcome).toMatchObject({ status: 'copied', detail: 'finished an interrupted copy: 2 snapshot(s) were missing' });
    expect((await to.listSnapshots(a.record.id)).map((s) => s.id).sort()).toEqual([...a.snapshots].sort());
    expect((await copyBoards(from, to)).alreadyThere).toBe(1);
  });

  it('removes a copy that failed half way, so nothing half-copied stays in the target', async () => {
    class FullDisk extends MemoryStore {
      override async saveSnapshot(s: SnapshotRecord): Promise<void> {
        if (s.name !== '討議①のあと') throw new Error('disk full');
        return super.saveSnapshot(s);
      }
    }
    const from = new MemoryStore();
    const to = new FullDisk();
    const a = await seedBoard(from, 'ディスク不足', ['付箋']);
    const [outcome] = (await copyBoards(from, to)).boards;
    expect(outcome!.status).toBe('refused');
    expect(outcome!.detail).toBe('copying failed (disk full); nothing of it was left in the target');
    expect(await dumpBoard(to, a.record.id)).toEqual({ record: null, log: [], snapshots: [] });
  });

  it('checks the copy it reads back: a target that loses the lock gets no board', async () => {
    class DropsLock extends MemoryStore {
      override async createBoard(board: BoardRecord, update: Uint8Array): Promise<void> {
        return super.createBoard({ ...board, locked: false }, update);
      }
    }
    const from = new MemoryStore();
    const to = new DropsLock();
    const a = await seedBoard(from, '締め切ったボード', ['付箋'], { locked: true });
    const [outcome] = (await copyBoards(from, to)).boards;
    expect(outcome).toMatchObject({ status: 'refused' });
    expect(outcome!.detail).toContain('lock');
    expect(await to.getBoard(a.record.id)).toBeNull();
  });
});

describe('copyBoards with series', () => {
  /** A series with one board in it; the board's facilitator token sealed under the series token. */
  async function seedSeries(store: Store) {
    const token = newToken();
    const series = { id: newBoardId(), title: '苫小牧市 連続研修', createdAt: 1_000, tokenHash: hashToken(token) };
    await store.createSeries(series);
    const id = newBoardId();
    const tokens = newTokens();
    const record: BoardRecord = { id, title: '第1回', createdAt: 2_000, tokens: storeTokens(id, tokens), locked: false };
    await store.createBoard(record, Y.encodeStateAsUpdate(new Y.Doc()), { seriesId: series.id, sealedToken: sealForSeries(series.id, token, id, tokens.facilitator) });
    return { series, token, record, tokens };
  }

  it('copies each series before its boards, which keep their place in it: the series link opens them in the target', async () => {
    const from = new MemoryStore();
    const to = new SqliteStore(tempDir());
    try {
      const { series, token, record, tokens } = await seedSeries(from);
      const report = await copyBoards(from, to);
      expect(report.series).toEqual([{ seriesId: series.id, title: '苫小牧市 連続研修', status: 'copied' }]);
      expect(report.copied).toBe(1);
      expect(await to.getSeries(series.id)).toEqual(series);
      const [member] = await to.seriesBoards(series.id);
      expect(member?.boardId).toBe(record.id);
      expect(openForSeries(series.id, token, record.id, member!.sealedToken)).toBe(tokens.facilitator);
      const again = await copyBoards(from, to);
      expect(again.series.map((s) => s.status)).toEqual(['already there']);
      expect(again.alreadyThere).toBe(1);
    } finally {
      await to.close();
    }
  });

  it('refuses a series the target has with another token, and copies its boards alone', async () => {
    const from = new MemoryStore();
    const to = new MemoryStore();
    const { series, record } = await seedSeries(from);
    await to.createSeries({ ...series, tokenHash: hashToken(newToken()) });
    const report = await copyBoards(from, to);
    expect(report.series[0]).toMatchObject({ status: 'refused' });
    expect(report.series[0]!.detail).toContain('different series');
    expect(report.copied).toBe(1);
    expect(await to.getBoard(record.id)).not.toBeNull();
    expect(await to.seriesBoards(series.id)).toEqual([]);
  });
});

describe('npm run migrate: arguments and SQLite', () => {
  it('prints help that says to stop the server first', async () => {
    const { code, out } = await runCli(['--help']);
    expect(code).toBe(0);
    expect(out).toContain('Stop every server');
    expect(out).toContain('npm run migrate -- --from sqlite:./data --to "$DATABASE_URL"');
  });

  it('refuses a SQLite source that does not exist, without creating one', async () => {
    const dir = join(tempDir(), 'data');
    const { code, err } = await runCli(['--from', `sqlite:${dir}`, '--to', `sqlite:${tempDir()}`]);
    expect(code).toBe(1);
    expect(err).toContain(`there is no SQLite database at ${join(dir, 'boards.sqlite3')}`);
    expect(existsSync(dir)).toBe(false);
  });

  it('refuses a SQLite file that is not a fusen-board database, leaving it as it was', async () => {
    const dir = tempDir();
    const file = join(dir, 'boards.sqlite3');
    writeFileSync(file, '');
    const { code, err } = await runCli(['--from', `sqlite:${dir}`, '--to', `sqlite:${tempDir()}`]);
    expect(code).toBe(1);
    expect(err).toContain('is not a fusen-board database');
    expect(readFileSync(file)).toHaveLength(0);
  });

  it('refuses the same store as source and target, however it is spelled, and wrong arguments', async () => {
    const dir = tempDir();
    expect((await runCli(['--from', `sqlite:${dir}`, '--to', `sqlite:${join(dir, 'boards.sqlite3')}`])).err).toContain('are the same store');
    expect((await runCli(['--from', 'postgres://u:pw@localhost/fusen', '--to', 'postgres://u:pw@127.0.0.1:5432/fusen'])).code).toBe(2);
    const empty = await runCli(['--from', `sqlite:${dir}`, '--to', '']);
    expect(empty).toMatchObject({ code: 2 });
    expect(empty.err).toContain('--to is empty: is the variable you passed (e.g. DATABASE_URL) set?');
    const typo = await runCli(['--from', 'postgress://fusen:s3cret@db/fusen', '--to', `sqlite:${dir}`]);
    expect(typo.err).toContain('--from must be sqlite:DIR or postgres://…, not postgress:…');
    expect(typo.err).not.toContain('s3cret');
  });

  it('copies SQLite to SQLite with the source untouched, then skips on a second run', async () => {
    const src = tempDir();
    const dst = join(tempDir(), 'new-data');
    const source = new SqliteStore(src);
    const a = await seedBoard(source, '社協 研修会', ['買い物支援', '移動手段がない']);
    await source.close();
    const fingerprint = sqliteFingerprint(src);

    const first = await runCli(['--from', `sqlite:${src}`, '--to', `sqlite:${dst}`]);
    expect(first.code).toBe(0);
    expect(first.out).toContain(`copied         ${a.record.id}  "社協 研修会"  2 notes, 2 snapshots`);
    expect(first.out).toContain('1 board(s): 1 copied, 0 already there, 0 refused.');
    const second = await runCli(['--from', `sqlite:${src}`, '--to', `sqlite:${dst}`]);
    expect(second.out).toContain('1 board(s): 0 copied, 1 already there, 0 refused.');

    expect(sqliteFingerprint(src)).toBe(fingerprint);
    const [from, to] = [new SqliteStore(src, { readonly: true }), new SqliteStore(dst)];
    await expectSameBoard(to, a, from);
    await Promise.all([from.close(), to.close()]);
  });

  it('reads an older SQLite database read-only, which has no private notes or survey tables yet', async () => {
    const dir = tempDir();
    const old = new SqliteStore(dir);
    const b = await seedBoard(old, '第1回', ['見守り']);
    old.db.exec('DROP TABLE private_notes; DROP TABLE survey_answers;');
    await old.close();
    const before = sqliteFingerprint(dir);
    const reader = new SqliteStore(dir, { readonly: true });
    expect(await reader.listPrivate(b.record.id)).toEqual([]);
    expect(await reader.listSurveyAnswers(b.record.id)).toEqual([]);
    const to = new MemoryStore();
    expect((await copyBoards(reader, to)).copied).toBe(1);
    await reader.close();
    expect(sqliteFingerprint(dir)).toBe(before);
  });

  it('opens a read-only SQLite source that refuses writes', async () => {
    const dir = tempDir();
    await new SqliteStore(dir).close();
    const store = new SqliteStore(dir, { readonly: true });
    await expect(store.saveSnapshot({ id: 's', boardId: 'b', name: 'n', createdAt: 1, state: new Uint8Array([0, 0]) })).rejects.toThrow(/readonly/);
    await store.close();
  });
});

const available = servicesAvailable();

describe.skipIf(!available)('npm run migrate: SQLite to PostgreSQL and back', () => {
  let service: Service;
  let admin: pg.Client;
  let server: RunningServer | undefined;
  beforeAll(async () => {
    service = await startPostgres();
    admin = new pg.Client({ connectionString: service.url });
    await admin.connect();
  });
  afterAll(async () => {
    await server?.kill();
    await admin?.end();
    await service?.close();
  });

  /** An empty database of its own per test, as a new deployment's PostgreSQL is. */
  let databases = 0;
  async function freshDatabase(): Promise<string> {
    const name = `fusen_${++databases}`;
    await admin.query(`CREATE DATABASE ${name}`);
    return service.url.replace(/\/postgres$/, `/${name}`);
  }

  async function sqliteDeployment() {
    const dir = tempDir();
    const store = new SqliteStore(dir);
    const boards = [
      await seedBoard(store, '当別町 生活支援セミナー', ['子ども食堂の担い手が足りない', '相談窓口がわかりにくい', '地域の居場所づくり']),
      await seedBoard(store, '苫小牧 研修（締切）', ['見守りの輪を広げたい'], { locked: true, snapshots: 1 }),
      await seedBoard(store, '白紙のボード', [], { snapshots: 0 }),
    ];
    await store.close();
    return { dir, boards };
  }

  it('copies every board with Japanese notes, links, lock and snapshots; a re-run skips them; the source is untouched', async () => {
    const { dir, boards } = await sqliteDeployment();
    const fingerprint = sqliteFingerprint(dir);
    const url = await freshDatabase();

    const first = await runCli(['--from', `sqlite:${dir}`, '--to', url]);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toContain('3 board(s): 3 copied, 0 already there, 0 refused.');

    const [source, target] = [new SqliteStore(dir, { readonly: true }), await PostgresStore.connect(url)];
    try {
      expect(await target.listBoards()).toEqual(boards.map((b) => b.record));
      for (const b of boards) await expectSameBoard(target, b, source);
      const copied = await Promise.all(boards.map((b) => dumpBoard(target, b.record.id)));

      const second = await runCli(['--from', `sqlite:${dir}`, '--to', url]);
      expect(second.code).toBe(0);
      expect(second.out).toContain('3 board(s): 0 copied, 3 already there, 0 refused.');
      expect(await Promise.all(boards.map((b) => dumpBoard(target, b.record.id)))).toEqual(copied);
    } finally {
      await Promise.all([source.close(), target.close()]);
    }
    expect(sqliteFingerprint(dir)).toBe(fingerprint);
  });

  it('refuses a board PostgreSQL already has with other content, leaves it unchanged, copies the rest and exits 1', async () => {
    const { dir, boards } = await sqliteDeployment();
    const [clash, ...rest] = boards;
    const url = await freshDatabase();
    const target = await PostgresStore.connect(url);
    try {
      const doc = new Y.Doc();
      initBoard(doc, { title: '別のデプロイのボード', template: 'blank', groups: 1 });
      addNote(doc, { text: '移行先にあった付箋', x: 0, y: 0, authorId: 'u_9' });
      await target.createBoard({ ...clash!.record, title: '別のデプロイのボード' }, Y.encodeStateAsUpdate(doc));
      const kept = await dumpBoard(target, clash!.record.id);

      const run = await runCli(['--from', `sqlite:${dir}`, '--to', url]);
      expect(run.code).toBe(1);
      expect(run.out).toContain(`refused        ${clash!.record.id}`);
      expect(run.out).toContain('the target already has a different board with this id');
      expect(run.out).toContain('3 board(s): 2 copied, 0 already there, 1 refused.');
      expect(run.err).toContain('1 board(s) refused: each was left unchanged in the target');
      expect(await dumpBoard(target, clash!.record.id)).toEqual(kept);
      const source = new SqliteStore(dir, { readonly: true });
      for (const b of rest) await expectSameBoard(target, b, source);
      await source.close();
    } finally {
      await target.close();
    }
  });

  it('copies back from PostgreSQL to a new SQLite folder with the real command', async () => {
    const { dir, boards } = await sqliteDeployment();
    const url = await freshDatabase();
    expect((await runCli(['--from', `sqlite:${dir}`, '--to', url])).code).toBe(0);
    const back = join(tempDir(), 'data');
    const proc = spawn(process.execPath, ['--import', 'tsx', 'server/store/migrateCli.ts', '--from', url, '--to', `sqlite:${back}`], { cwd: ROOT });
    let out = '';
    proc.stdout.on('data', (d) => (out += d));
    proc.stderr.on('data', (d) => (out += d));
    const code = await new Promise((r) => proc.once('exit', r));
    expect(code, out).toBe(0);
    expect(out).toContain('3 board(s): 3 copied');

    const [source, copy] = [await PostgresStore.connect(url, { readonly: true }), new SqliteStore(back)];
    try {
      for (const b of boards) await expectSameBoard(copy, b, source);
    } finally {
      await Promise.all([source.close(), copy.close()]);
    }
  });

  it('a server started on the PostgreSQL target opens the boards through the links people already hold', async () => {
    const { dir, boards } = await sqliteDeployment();
    const [board] = boards;
    const url = await freshDatabase();
    expect((await runCli(['--from', `sqlite:${dir}`, '--to', url])).code).toBe(0);
    server = await startServer({ env: { DATABASE_URL: url } });

    const summary = await fetch(`${server.url}/api/boards/${board!.record.id}`, { headers: { authorization: `Bearer ${board!.tokens.participant}` } });
    expect(summary.status).toBe(200);
    expect(await summary.json()).toMatchObject({ title: '当別町 生活支援セミナー', role: 'participant', noteCount: 3 });
    const exported = await fetch(`${server.url}/api/boards/${board!.record.id}/export.json?token=${board!.tokens.viewer}`);
    const notes = ((await exported.json()) as { notes: { text: string }[] }).notes.map((n) => n.text).sort();
    expect(notes).toEqual([...board!.texts].sort());
    const snaps = await fetch(`${server.url}/api/boards/${board!.record.id}/snapshots`, { headers: { authorization: `Bearer ${board!.tokens.facilitator}` } });
    expect(((await snaps.json()) as { snapshots: { name: string }[] }).snapshots.map((s) => s.name)).toEqual(['討議①のあと', '全体共有 1']);
    await server.stop();
    server = undefined;
  });

  it('names an unreachable PostgreSQL target by variable and address, never the password, and changes nothing', async () => {
    const { dir } = await sqliteDeployment();
    const fingerprint = sqliteFingerprint(dir);
    const port = await freePort();
    const run = await runCli(['--from', `sqlite:${dir}`, '--to', `postgres://fusen:s3cret-pw@127.0.0.1:${port}/fusen`]);
    expect(run.code).toBe(1);
    expect(run.err).toContain(`--to: DATABASE_URL: cannot use PostgreSQL at 127.0.0.1:${port}`);
    expect(run.err).not.toContain('s3cret-pw');
    expect(sqliteFingerprint(dir)).toBe(fingerprint);
  });

  it('refuses a PostgreSQL source without boards tables, creating none in it', async () => {
    const url = await freshDatabase();
    const run = await runCli(['--from', url, '--to', `sqlite:${tempDir()}`]);
    expect(run.code).toBe(1);
    expect(run.err).toContain('not a fusen-board database (no boards, updates, snapshots table)');
    const check = new pg.Client({ connectionString: url });
    await check.connect();
    const { rows } = await check.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'");
    await check.end();
    expect(rows[0].n).toBe(0);
  });
});
