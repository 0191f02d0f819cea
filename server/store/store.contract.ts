import { describe, expect, it, beforeEach, afterEach } from 'vitest';
import * as Y from 'yjs';
import { UnknownSeriesError, type BoardRecord, type LoggedUpdate, type SeriesRecord, type Store } from './store';
import { newBoardId, newToken } from '../../shared/board/ids';
import { hashToken, newTokens, openForSeries, openTokens, roleOfToken, sealForSeries, seriesTokenMatches, storeTokens } from './tokens';

/**
 * The behaviour every Store must have. An implementation is correct when it passes this suite:
 * `describeStoreContract('sqlite', () => new SqliteStore(dir))`.
 */
export function describeStoreContract(name: string, open: () => Promise<Store> | Store): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    const board = (): BoardRecord => {
      const id = newBoardId();
      return { id, title: '当別町セミナー', createdAt: Date.now(), tokens: storeTokens(id, newTokens()), locked: false };
    };
    const textUpdate = (doc: Y.Doc, text: string): Uint8Array => {
      const before = Y.encodeStateVector(doc);
      doc.getArray<string>('t').push([text]);
      return Y.encodeStateAsUpdate(doc, before);
    };
    const replay = (updates: Uint8Array[]): string[] => {
      const d = new Y.Doc();
      for (const u of updates) Y.applyUpdate(d, u);
      return d.getArray<string>('t').toArray();
    };
    const storedTexts = async (boardId: string) => replay((await store.loadLog(boardId)).map((e) => e.update));
    const merge = (log: LoggedUpdate[]) => Y.mergeUpdates(log.map((e) => e.update));

    it('creates a board and reads it back, with Japanese intact', async () => {
      const b = board();
      await store.createBoard(b, Y.encodeStateAsUpdate(new Y.Doc()));
      expect(await store.getBoard(b.id)).toEqual(b);
      expect(await store.getBoard(newBoardId())).toBeNull();
    });

    it('lists every board with its whole record, oldest first, and forgets a deleted one', async () => {
      // The store may hold other tests' boards (one PostgreSQL database for the file): look at ours only.
      const newer = { ...board(), title: '新しいボード', createdAt: 2_000 };
      const older = { ...board(), title: '古いボード', createdAt: 1_000, locked: true };
      const gone = { ...board(), createdAt: 1_500 };
      for (const b of [newer, older, gone]) await store.createBoard(b, Y.encodeStateAsUpdate(new Y.Doc()));
      await store.deleteBoard(gone.id);
      const ours = (await store.listBoards()).filter((b) => [newer.id, older.id, gone.id].includes(b.id));
      expect(ours).toEqual([older, newer]);
    });

    it('keeps every appended update in order', async () => {
      const b = board();
      const doc = new Y.Doc();
      await store.createBoard(b, Y.encodeStateAsUpdate(doc));
      for (const t of ['相談', '参加', '地域']) await store.appendUpdate(b.id, textUpdate(doc, t));
      expect(await storedTexts(b.id)).toEqual(['相談', '参加', '地域']);
    });

    it('compacts the log into one update without losing content', async () => {
      const b = board();
      const doc = new Y.Doc();
      await store.createBoard(b, Y.encodeStateAsUpdate(doc));
      for (let i = 0; i < 20; i++) await store.appendUpdate(b.id, textUpdate(doc, `n${i}`));
      await store.compact(b.id, merge);
      const after = await store.loadLog(b.id);
      expect(after).toHaveLength(1);
      await store.appendUpdate(b.id, textUpdate(doc, 'after'));
      expect(await storedTexts(b.id)).toEqual([...Array.from({ length: 20 }, (_, i) => `n${i}`), 'after']);
    });

    it('counts the log it appends to, also after compaction (the room compacts by this count)', async () => {
      const b = board();
      const doc = new Y.Doc();
      await store.createBoard(b, Y.encodeStateAsUpdate(doc));
      const counts: number[] = [];
      for (let i = 0; i < 4; i++) counts.push((await store.appendUpdate(b.id, textUpdate(doc, `n${i}`))).logLength);
      expect(counts).toEqual([2, 3, 4, 5]);
      await store.compact(b.id, merge);
      expect((await store.appendUpdate(b.id, textUpdate(doc, 'after'))).logLength).toBe(2);
      expect((await store.appendUpdate(b.id, textUpdate(doc, 'again'))).logLength).toBe(3);
      expect(await storedTexts(b.id)).toEqual(['n0', 'n1', 'n2', 'n3', 'after', 'again']);
    });

    it('never gives an entry a seq another entry had (a room trusts the entries it knows by seq)', async () => {
      const b = board();
      const doc = new Y.Doc();
      await store.createBoard(b, Y.encodeStateAsUpdate(doc));
      const seen = new Set((await store.loadLog(b.id)).map((e) => e.seq));
      for (let round = 0; round < 3; round++) {
        for (let i = 0; i < 3; i++) {
          const { seq } = await store.appendUpdate(b.id, textUpdate(doc, `r${round}n${i}`));
          expect(seen.has(seq)).toBe(false);
          seen.add(seq);
        }
        const before = await store.loadLog(b.id);
        expect(before.map((e) => e.seq).every((s) => seen.has(s))).toBe(true);
        const compacted = await store.compact(b.id, (log) => {
          expect(log.map((e) => e.seq)).toEqual(before.map((e) => e.seq));
          return merge(log);
        });
        expect(compacted).not.toBeNull();
        expect(seen.has(compacted!)).toBe(false);
        seen.add(compacted!);
        expect((await store.loadLog(b.id)).map((e) => e.seq)).toEqual([compacted]);
      }
      expect(await storedTexts(b.id)).toHaveLength(9);
      expect(await store.compact(b.id, merge)).toBeNull();
    });

    it('updates lock and tokens, and deletes everything of a board', async () => {
      const b = board();
      await store.createBoard(b, Y.encodeStateAsUpdate(new Y.Doc()));
      const tokens = storeTokens(b.id, { ...newTokens(), participant: newToken() });
      await store.updateBoard(b.id, { locked: true, tokens });
      expect(await store.getBoard(b.id)).toMatchObject({ locked: true, tokens });
      await store.saveSnapshot({ id: 'snap1', boardId: b.id, name: 'x', createdAt: 1, state: new Uint8Array([0, 0]) });
      await store.deleteBoard(b.id);
      expect(await store.getBoard(b.id)).toBeNull();
      expect(await store.loadLog(b.id)).toEqual([]);
      expect(await store.listSnapshots(b.id)).toEqual([]);
    });

    it('keeps the tokens only as hashes and the sealed pair: the links still open the board, the facilitator sees them again', async () => {
      const id = newBoardId();
      const tokens = newTokens();
      await store.createBoard({ id, title: 't', createdAt: 1, tokens: storeTokens(id, tokens), locked: false }, Y.encodeStateAsUpdate(new Y.Doc()));
      const read = (await store.getBoard(id))!;
      for (const t of Object.values(tokens)) expect(JSON.stringify(read)).not.toContain(t);
      expect(roleOfToken(read.tokens, tokens.facilitator)).toBe('facilitator');
      expect(roleOfToken(read.tokens, tokens.participant)).toBe('participant');
      expect(roleOfToken(read.tokens, tokens.viewer)).toBe('viewer');
      expect(roleOfToken(read.tokens, newToken())).toBeNull();
      expect(openTokens(id, read.tokens, tokens.facilitator)).toEqual(tokens);
      expect(openTokens(id, read.tokens, tokens.participant)).toBeNull();
    });

    it('keeps each participant’s private notes apart, merged in turn, and deletes them with the board', async () => {
      const a = board();
      const other = board();
      await store.createBoard(a, Y.encodeStateAsUpdate(new Y.Doc()));
      await store.createBoard(other, Y.encodeStateAsUpdate(new Y.Doc()));
      expect(await store.loadPrivate(a.id, 'u1')).toBeNull();
      const doc = new Y.Doc();
      const first = textUpdate(doc, '自分だけのメモ');
      const second = textUpdate(doc, 'second');
      const mergeIn = (u: Uint8Array) => (stored: Uint8Array | null) => (stored ? Y.mergeUpdates([stored, u]) : u);
      await Promise.all([store.mergePrivate(a.id, 'u1', mergeIn(first)), store.mergePrivate(a.id, 'u1', mergeIn(second))]);
      await store.mergePrivate(a.id, 'u2', mergeIn(textUpdate(new Y.Doc(), 'u2')));
      await store.mergePrivate(other.id, 'u1', mergeIn(textUpdate(new Y.Doc(), 'other board')));
      expect(replay([(await store.loadPrivate(a.id, 'u1'))!])).toEqual(['自分だけのメモ', 'second']);
      expect((await store.listPrivate(a.id)).map((p) => [p.authorId, replay([p.state])])).toEqual([
        ['u1', ['自分だけのメモ', 'second']],
        ['u2', ['u2']],
      ]);
      // The board's own log never holds them.
      expect(await storedTexts(a.id)).toEqual([]);
      await store.deleteBoard(a.id);
      expect(await store.listPrivate(a.id)).toEqual([]);
      expect(await store.loadPrivate(a.id, 'u1')).toBeNull();
      expect(replay([(await store.loadPrivate(other.id, 'u1'))!])).toEqual(['other board']);
    });

    it('stores named snapshots per board', async () => {
      const b = board();
      const doc = new Y.Doc();
      await store.createBoard(b, Y.encodeStateAsUpdate(doc));
      textUpdate(doc, 'x');
      const state = Y.encodeStateAsUpdate(doc);
      await store.saveSnapshot({ id: 's1', boardId: b.id, name: '討議①のあと', createdAt: 10, state });
      await store.saveSnapshot({ id: 's2', boardId: b.id, name: 'after plenary', createdAt: 20, state });
      expect((await store.listSnapshots(b.id)).map((s) => s.name)).toEqual(['討議①のあと', 'after plenary']);
      const s1 = await store.getSnapshot(b.id, 's1');
      expect(replay([s1!.state])).toEqual(['x']);
      expect(await store.getSnapshot(b.id, 'nope')).toBeNull();
      expect(await store.getSnapshot(newBoardId(), 's1')).toBeNull();
    });

    it('keeps a board’s audit log in order, apart from other boards’, and deletes it with the board', async () => {
      const [a, other] = [board(), board()];
      for (const b of [a, other]) await store.createBoard(b, Y.encodeStateAsUpdate(new Y.Doc()));
      const lock = { at: 1_000, action: 'lock', role: 'facilitator', userId: 'u-1', detail: {} } as const;
      const exported = { at: 2_000, action: 'export', role: 'viewer', userId: null, detail: { format: 'xlsx', masked: true } } as const;
      await store.appendAudit(a.id, lock);
      await store.appendAudit(other.id, { ...lock, action: 'unlock' });
      await store.appendAudit(a.id, exported);
      expect(await store.listAudit(a.id)).toEqual([lock, exported]);
      expect((await store.listAudit(other.id)).map((e) => e.action)).toEqual(['unlock']);
      await store.deleteBoard(a.id);
      expect(await store.listAudit(a.id)).toEqual([]);
      // A late entry for a deleted board leaves nothing behind.
      await store.appendAudit(a.id, lock);
      expect(await store.listAudit(a.id)).toEqual([]);
    });

    it('keeps one answer set per respondent, replaced when they answer again, and forgets them with the board', async () => {
      const [a, other] = [board(), board()];
      for (const b of [a, other]) await store.createBoard(b, Y.encodeStateAsUpdate(new Y.Doc()));
      await store.saveSurveyAnswers(a.id, 'r1', { clarity: 4, problems: '相談先がわからない' });
      await store.saveSurveyAnswers(a.id, 'r2', { clarity: 2 });
      await store.saveSurveyAnswers(a.id, 'r1', { clarity: 5, need: [0, 2] });
      await store.saveSurveyAnswers(other.id, 'r1', { clarity: 1 });
      expect(await store.listSurveyAnswers(a.id)).toEqual([
        { respondent: 'r1', answers: { clarity: 5, need: [0, 2] } },
        { respondent: 'r2', answers: { clarity: 2 } },
      ]);
      expect(await store.listSurveyAnswers(other.id)).toEqual([{ respondent: 'r1', answers: { clarity: 1 } }]);
      await store.clearSurveyAnswers(other.id);
      expect(await store.listSurveyAnswers(other.id)).toEqual([]);
      await store.deleteBoard(a.id);
      expect(await store.listSurveyAnswers(a.id)).toEqual([]);
      // Nothing is kept for a board that is gone.
      await store.saveSurveyAnswers(a.id, 'r3', { clarity: 3 });
      expect(await store.listSurveyAnswers(a.id)).toEqual([]);
    });

    it('counts a board as touched from its creation, then by its changes and extensions, never back in time', async () => {
      const old = { ...board(), createdAt: 1_000 };
      const busy = { ...board(), createdAt: 1_000 };
      for (const b of [old, busy]) await store.createBoard(b, Y.encodeStateAsUpdate(new Y.Doc()));
      expect(await store.boardActivity(old.id)).toEqual({ touchedAt: 1_000, extendedAt: null });
      await store.touchBoard(busy.id, 5_000);
      await store.touchBoard(busy.id, 4_000);
      expect(await store.boardActivity(busy.id)).toEqual({ touchedAt: 5_000, extendedAt: null });
      // The store may hold other tests' boards: look at ours only.
      const ours = async (cutoff: number) => (await store.untouchedSince(cutoff)).filter((id) => id === old.id || id === busy.id);
      expect(await ours(3_000)).toEqual([old.id]);
      expect(await ours(6_000)).toEqual([old.id, busy.id]);
      await store.extendBoard(old.id, 7_000);
      expect(await store.boardActivity(old.id)).toEqual({ touchedAt: 7_000, extendedAt: 7_000 });
      expect(await ours(6_000)).toEqual([busy.id]);
      await store.deleteBoard(busy.id);
      expect(await store.boardActivity(busy.id)).toBeNull();
      await store.touchBoard(busy.id, 9_000);
      expect(await store.boardActivity(busy.id)).toBeNull();
    });

    it('keeps a board’s passcode hash and session end, and forgets them with the board', async () => {
      const b = board();
      await store.createBoard(b, Y.encodeStateAsUpdate(new Y.Doc()));
      expect(await store.getAccess(b.id)).toEqual({ passcodeHash: null, expiresAt: null });
      await store.setAccess(b.id, { passcodeHash: 'scrypt$abc$def', expiresAt: 1_800_000_000_000 });
      expect(await store.getAccess(b.id)).toEqual({ passcodeHash: 'scrypt$abc$def', expiresAt: 1_800_000_000_000 });
      await store.setAccess(b.id, { passcodeHash: 'scrypt$abc$def', expiresAt: null });
      expect((await store.getAccess(b.id)).expiresAt).toBeNull();
      await store.deleteBoard(b.id);
      expect(await store.getAccess(b.id)).toEqual({ passcodeHash: null, expiresAt: null });
    });

    const series = (): SeriesRecord => ({ id: newBoardId(), title: '苫小牧市 重層的支援 研修（全4回）', createdAt: Date.now(), tokenHash: hashToken(newToken()) });

    const inSeries = (seriesId: string, sealedToken = 'sealed') => ({ seriesId, sealedToken });

    it('keeps a series with its title and token hash, and its boards oldest first', async () => {
      const s = series();
      await store.createSeries(s);
      expect(await store.getSeries(s.id)).toEqual(s);
      expect(await store.getSeries(newBoardId())).toBeNull();
      const older = { ...series(), createdAt: 1_000 };
      await store.createSeries(older);
      // The store may hold other tests' series: look at ours only.
      expect((await store.listSeries()).filter((x) => x.id === s.id || x.id === older.id)).toEqual([older, s]);
      const second = { ...board(), title: '第2回', createdAt: 2_000 };
      const first = { ...board(), title: '第1回', createdAt: 1_000 };
      const alone = board();
      await store.createBoard(second, Y.encodeStateAsUpdate(new Y.Doc()), inSeries(s.id, 'sealed-2'));
      await store.createBoard(first, Y.encodeStateAsUpdate(new Y.Doc()), inSeries(s.id, 'sealed-1'));
      await store.createBoard(alone, Y.encodeStateAsUpdate(new Y.Doc()));
      expect(await store.seriesBoards(s.id)).toEqual([
        { boardId: first.id, sealedToken: 'sealed-1' },
        { boardId: second.id, sealedToken: 'sealed-2' },
      ]);
      expect(await store.getBoard(first.id)).toEqual(first);
      expect(await store.seriesBoards(newBoardId())).toEqual([]);
    });

    it('refuses a board for an unknown series and keeps nothing of it', async () => {
      const b = board();
      const err = await store.createBoard(b, Y.encodeStateAsUpdate(new Y.Doc()), inSeries(newBoardId())).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UnknownSeriesError);
      expect(await store.getBoard(b.id)).toBeNull();
      expect(await store.loadLog(b.id)).toEqual([]);
    });

    it('takes a deleted board out of its series', async () => {
      const s = series();
      await store.createSeries(s);
      const [kept, gone] = [board(), board()];
      for (const b of [kept, gone]) await store.createBoard(b, Y.encodeStateAsUpdate(new Y.Doc()), inSeries(s.id));
      await store.deleteBoard(gone.id);
      expect((await store.seriesBoards(s.id)).map((m) => m.boardId)).toEqual([kept.id]);
    });

    it('matches a series token against its hash only, and opens its boards with that token alone', async () => {
      const token = newToken();
      const s = { ...series(), tokenHash: hashToken(token) };
      await store.createSeries(s);
      const b = board();
      const facilitator = newToken();
      await store.createBoard(b, Y.encodeStateAsUpdate(new Y.Doc()), inSeries(s.id, sealForSeries(s.id, token, b.id, facilitator)));
      const [member] = await store.seriesBoards(s.id);
      expect(member!.sealedToken).not.toContain(facilitator);
      expect(openForSeries(s.id, token, b.id, member!.sealedToken)).toBe(facilitator);
      expect(openForSeries(s.id, newToken(), b.id, member!.sealedToken)).toBeNull();
      const read = (await store.getSeries(s.id))!;
      expect(read.tokenHash).not.toContain(token);
      expect(seriesTokenMatches(read.tokenHash, token)).toBe(true);
      expect(seriesTokenMatches(read.tokenHash, newToken())).toBe(false);
      expect(seriesTokenMatches(read.tokenHash, '')).toBe(false);
    });
  });
}
