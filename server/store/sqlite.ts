import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { UnknownSeriesError, type Appended, type AuditEntry, type BoardAccess, type BoardActivity, type BoardRecord, type LoggedUpdate, type PrivateRecord, type SeriesBoard, type SeriesRecord, type SnapshotMeta, type SnapshotRecord, type Store, type SurveyAnswerSet } from './store';
import { fromStored, isPlainTokens, storeTokens, type BoardTokens } from './tokens';

/**
 * Tables later versions added, which hold nothing in a database an older version wrote: opened read-only
 * (`npm run migrate` from such a deployment) they are made empty TEMP tables, so every read still works.
 */
const LATER_TABLES: readonly [string, string][] = [
  ['survey_answers', `CREATE TABLE IF NOT EXISTS survey_answers (
  board_id TEXT NOT NULL,
  respondent TEXT NOT NULL,
  answers TEXT NOT NULL,
  PRIMARY KEY (board_id, respondent)
) WITHOUT ROWID;
`],
  ['private_notes', `CREATE TABLE IF NOT EXISTS private_notes (
  board_id TEXT NOT NULL,
  author_id TEXT NOT NULL,
  state BLOB NOT NULL,
  PRIMARY KEY (board_id, author_id)
) WITHOUT ROWID;
`],
];

const SCHEMA = `
CREATE TABLE IF NOT EXISTS boards (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  tokens TEXT NOT NULL,
  locked INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS updates (
  board_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (board_id, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS snapshots (
  id TEXT PRIMARY KEY,
  board_id TEXT NOT NULL,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  state BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS snapshots_board ON snapshots (board_id, created_at);
CREATE TABLE IF NOT EXISTS audit (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  board_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  action TEXT NOT NULL,
  role TEXT NOT NULL,
  user_id TEXT,
  detail TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_board ON audit (board_id, seq);
CREATE TABLE IF NOT EXISTS access (
  board_id TEXT PRIMARY KEY,
  passcode_hash TEXT,
  expires_at INTEGER
);
CREATE TABLE IF NOT EXISTS activity (
  board_id TEXT PRIMARY KEY,
  touched_at INTEGER NOT NULL,
  extended_at INTEGER
);
CREATE TABLE IF NOT EXISTS series (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  token_hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS series_boards (
  board_id TEXT PRIMARY KEY,
  series_id TEXT NOT NULL,
  sealed_token TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS series_boards_series ON series_boards (series_id);
${LATER_TABLES.map(([, ddl]) => ddl).join('')}`;

interface AuditRow {
  at: number;
  action: string;
  role: string;
  user_id: string | null;
  detail: string;
}

const toAudit = (r: AuditRow): AuditEntry => ({
  at: r.at,
  action: r.action as AuditEntry['action'],
  role: r.role as AuditEntry['role'],
  userId: r.user_id,
  detail: JSON.parse(r.detail) as AuditEntry['detail'],
});

interface BoardRow {
  id: string;
  title: string;
  created_at: number;
  tokens: string;
  locked: number;
}

const toRecord = (r: BoardRow): BoardRecord => ({
  id: r.id,
  title: r.title,
  createdAt: r.created_at,
  tokens: fromStored(r.id, JSON.parse(r.tokens)),
  locked: r.locked === 1,
});

const toSeries = (r: { id: string; title: string; created_at: number; token_hash: string }): SeriesRecord => ({
  id: r.id,
  title: r.title,
  createdAt: r.created_at,
  tokenHash: r.token_hash,
});

const bytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
const toLogged = (r: { seq: number; data: Buffer }): LoggedUpdate => ({ seq: r.seq, update: bytes(r.data) });

/**
 * Notes can describe real households: the folder the server makes and the database file are its user's
 * alone (0700, 0600), whatever the umask. A folder that already exists is left as the operator set it.
 */
function createPrivately(dataDir: string, file: string): void {
  if (!existsSync(dataDir)) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    chmodSync(dataDir, 0o700);
  }
  closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, 0o600);
}

/**
 * The embedded default. better-sqlite3 is synchronous, so an update is in the WAL before
 * `appendUpdate` returns; with `synchronous = NORMAL` that survives a killed process, and
 * `SQLITE_SYNC=FULL` makes it survive a power cut too (at the cost of an fsync per write).
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  readonly db: Database.Database;
  private stmts;
  private series;

  /**
   * `readonly` opens an existing file only, and never writes to it: for reading a deployment's boards
   * to copy them elsewhere (`npm run migrate`), where an empty database created by mistake would hide
   * a wrong DATA_DIR.
   */
  constructor(dataDir: string, opts: { synchronous?: 'NORMAL' | 'FULL'; readonly?: boolean } = {}) {
    const file = join(dataDir, 'boards.sqlite3');
    if (opts.readonly) {
      this.db = new Database(file, { readonly: true, fileMustExist: true });
      const tables = this.db.prepare<[], { n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('boards', 'updates', 'snapshots')");
      if (tables.get()!.n !== 3) {
        this.db.close();
        throw new Error(`${file} is not a fusen-board database (it has no boards, updates and snapshots tables)`);
      }
      const has = this.db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ?");
      for (const [name, ddl] of LATER_TABLES) if (has.get(name)!.n === 0) this.db.exec(ddl.replace('CREATE TABLE IF NOT EXISTS', 'CREATE TEMP TABLE'));
    } else {
      createPrivately(dataDir, file);
      this.db = new Database(file);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma(`synchronous = ${opts.synchronous ?? 'NORMAL'}`);
      this.db.pragma('foreign_keys = ON');
      // Notes can describe real households: deleted content is overwritten, not left in free pages.
      this.db.pragma('secure_delete = ON');
      this.db.exec(SCHEMA);
      // SQLite gives -wal and -shm the database file's mode; files left by an older version are tightened here.
      for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
      this.hashPlainTokens();
    }
    const db = this.db;
    this.series = this.seriesStatements(db);
    this.stmts = {
      insertBoard: db.prepare('INSERT INTO boards (id, title, created_at, tokens, locked) VALUES (?, ?, ?, ?, ?)'),
      getBoard: db.prepare<[string], BoardRow>('SELECT * FROM boards WHERE id = ?'),
      listBoards: db.prepare<[], BoardRow>('SELECT * FROM boards ORDER BY created_at, id'),
      // One statement, no explicit transaction: the next seq and the log's length come from the primary
      // key's two ends (the log is contiguous: compaction deletes a prefix), not from counting rows.
      // Positional parameters and a raw row: binding a named-parameter object, or building a row object,
      // costs property lookups and map transitions on every append.
      appendUpdate: db
        .prepare<[string, Uint8Array, string, string], [seq: number, first: number]>(
          `INSERT INTO updates (board_id, seq, data) SELECT ?, COALESCE(MAX(seq), 0) + 1, ? FROM updates WHERE board_id = ?
         RETURNING seq, (SELECT MIN(seq) FROM updates WHERE board_id = ?) AS first`,
        )
        .raw(),
      insertUpdate: db.prepare('INSERT INTO updates (board_id, seq, data) VALUES (?, ?, ?)'),
      loadLog: db.prepare<[string], { seq: number; data: Buffer }>('SELECT seq, data FROM updates WHERE board_id = ? ORDER BY seq'),
      deleteUpTo: db.prepare('DELETE FROM updates WHERE board_id = ? AND seq <= ?'),
      deleteBoard: db.prepare('DELETE FROM boards WHERE id = ?'),
      deleteUpdates: db.prepare('DELETE FROM updates WHERE board_id = ?'),
      deleteSnapshots: db.prepare('DELETE FROM snapshots WHERE board_id = ?'),
      deleteAudit: db.prepare('DELETE FROM audit WHERE board_id = ?'),
      // Only for a board that exists: a late entry for a deleted board leaves nothing behind.
      insertAudit: db.prepare(
        'INSERT INTO audit (board_id, at, action, role, user_id, detail) SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM boards WHERE id = ?)',
      ),
      deleteActivity: db.prepare('DELETE FROM activity WHERE board_id = ?'),
      deletePrivate: db.prepare('DELETE FROM private_notes WHERE board_id = ?'),
      getPrivate: db.prepare<[string, string], { state: Buffer }>('SELECT state FROM private_notes WHERE board_id = ? AND author_id = ?'),
      putPrivate: db.prepare(
        `INSERT INTO private_notes (board_id, author_id, state) VALUES (?, ?, ?)
         ON CONFLICT (board_id, author_id) DO UPDATE SET state = excluded.state`,
      ),
      listPrivate: db.prepare<[string], { author_id: string; state: Buffer }>('SELECT author_id, state FROM private_notes WHERE board_id = ? ORDER BY author_id'),
      deleteAccess: db.prepare('DELETE FROM access WHERE board_id = ?'),
      deleteSurvey: db.prepare('DELETE FROM survey_answers WHERE board_id = ?'),
      // WITHOUT ROWID and keyed by respondent: the table keeps no order of arrival.
      saveSurvey: db.prepare(
        `INSERT INTO survey_answers (board_id, respondent, answers) SELECT id, ?, ? FROM boards WHERE id = ?
         ON CONFLICT (board_id, respondent) DO UPDATE SET answers = excluded.answers`,
      ),
      listSurvey: db.prepare<[string], { respondent: string; answers: string }>('SELECT respondent, answers FROM survey_answers WHERE board_id = ? ORDER BY respondent'),
      setAccess: db.prepare(
        `INSERT INTO access (board_id, passcode_hash, expires_at) SELECT id, ?, ? FROM boards WHERE id = ?
         ON CONFLICT (board_id) DO UPDATE SET passcode_hash = excluded.passcode_hash, expires_at = excluded.expires_at`,
      ),
      getAccess: db.prepare<[string], { passcode_hash: string | null; expires_at: number | null }>('SELECT passcode_hash, expires_at FROM access WHERE board_id = ?'),
      touch: db.prepare(
        `INSERT INTO activity (board_id, touched_at) SELECT id, ? FROM boards WHERE id = ?
         ON CONFLICT (board_id) DO UPDATE SET touched_at = max(touched_at, excluded.touched_at)`,
      ),
      extend: db.prepare(
        `INSERT INTO activity (board_id, touched_at, extended_at) SELECT id, ?, ? FROM boards WHERE id = ?
         ON CONFLICT (board_id) DO UPDATE SET touched_at = max(touched_at, excluded.touched_at), extended_at = excluded.extended_at`,
      ),
      activity: db.prepare<[string], { touched_at: number; extended_at: number | null }>(
        'SELECT COALESCE(a.touched_at, b.created_at) AS touched_at, a.extended_at FROM boards b LEFT JOIN activity a ON a.board_id = b.id WHERE b.id = ?',
      ),
      untouched: db.prepare<[number], { id: string }>(
        'SELECT b.id FROM boards b LEFT JOIN activity a ON a.board_id = b.id WHERE COALESCE(a.touched_at, b.created_at) < ? ORDER BY COALESCE(a.touched_at, b.created_at), b.id',
      ),
      listAudit: db.prepare<[string], AuditRow>('SELECT at, action, role, user_id, detail FROM audit WHERE board_id = ? ORDER BY seq'),
      insertSnapshot: db.prepare('INSERT INTO snapshots (id, board_id, name, created_at, state) VALUES (?, ?, ?, ?, ?)'),
      listSnapshots: db.prepare<[string], { id: string; board_id: string; name: string; created_at: number }>(
        'SELECT id, board_id, name, created_at FROM snapshots WHERE board_id = ? ORDER BY created_at, id',
      ),
      getSnapshot: db.prepare<[string, string], { id: string; board_id: string; name: string; created_at: number; state: Buffer }>(
        'SELECT * FROM snapshots WHERE board_id = ? AND id = ?',
      ),
    };
  }

  /**
   * Series statements apart: a database an older version wrote, opened read-only (`npm run migrate`),
   * has no series tables, and so no series.
   */
  private seriesStatements(db: Database.Database) {
    const tables = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('series', 'series_boards')").get()!.n;
    if (tables !== 2) return null;
    return {
      join: db.prepare('INSERT INTO series_boards (board_id, series_id, sealed_token) SELECT ?, id, ? FROM series WHERE id = ?'),
      insert: db.prepare('INSERT INTO series (id, title, created_at, token_hash) VALUES (?, ?, ?, ?)'),
      get: db.prepare<[string], { id: string; title: string; created_at: number; token_hash: string }>('SELECT * FROM series WHERE id = ?'),
      boards: db.prepare<[string], { id: string; sealed_token: string }>(
        'SELECT b.id, sb.sealed_token FROM series_boards sb JOIN boards b ON b.id = sb.board_id WHERE sb.series_id = ? ORDER BY b.created_at, b.id',
      ),
      leave: db.prepare('DELETE FROM series_boards WHERE board_id = ?'),
      list: db.prepare<[], { id: string; title: string; created_at: number; token_hash: string }>('SELECT * FROM series ORDER BY created_at, id'),
    };
  }

  /** Boards stored before tokens were hashed: their tokens become hashes (and the sealed pair), in place. */
  private hashPlainTokens(): void {
    const plain = this.db
      .prepare<[], { id: string; tokens: string }>('SELECT id, tokens FROM boards')
      .all()
      .filter((r) => isPlainTokens(JSON.parse(r.tokens)));
    if (plain.length === 0) return;
    const update = this.db.prepare('UPDATE boards SET tokens = ? WHERE id = ?');
    this.db.transaction(() => {
      for (const r of plain) update.run(JSON.stringify(storeTokens(r.id, JSON.parse(r.tokens) as BoardTokens)), r.id);
    })();
    // secure_delete overwrote the old cells; the WAL still holds the old pages until a checkpoint.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async createBoard(board: BoardRecord, initialUpdate: Uint8Array, inSeries?: { seriesId: string; sealedToken: string }): Promise<void> {
    this.db.transaction(() => {
      this.stmts.insertBoard.run(board.id, board.title, board.createdAt, JSON.stringify(board.tokens), board.locked ? 1 : 0);
      this.stmts.insertUpdate.run(board.id, 1, initialUpdate);
      if (inSeries && this.series?.join.run(board.id, inSeries.sealedToken, inSeries.seriesId).changes !== 1) {
        throw new UnknownSeriesError(`unknown series ${inSeries.seriesId}`);
      }
    })();
  }

  async createSeries(s: SeriesRecord): Promise<void> {
    if (!this.series) throw new Error('this database has no series tables (opened read-only)');
    this.series.insert.run(s.id, s.title, s.createdAt, s.tokenHash);
  }

  async getSeries(seriesId: string): Promise<SeriesRecord | null> {
    const r = this.series?.get.get(seriesId);
    return r ? toSeries(r) : null;
  }

  async listSeries(): Promise<SeriesRecord[]> {
    return this.series?.list.all().map(toSeries) ?? [];
  }

  async seriesBoards(seriesId: string): Promise<SeriesBoard[]> {
    return (this.series?.boards.all(seriesId) ?? []).map((r) => ({ boardId: r.id, sealedToken: r.sealed_token }));
  }

  async getBoard(boardId: string): Promise<BoardRecord | null> {
    const row = this.stmts.getBoard.get(boardId);
    return row ? toRecord(row) : null;
  }

  async listBoards(): Promise<BoardRecord[]> {
    return this.stmts.listBoards.all().map(toRecord);
  }

  async updateBoard(boardId: string, patch: Partial<Pick<BoardRecord, 'title' | 'tokens' | 'locked'>>): Promise<void> {
    const sets: string[] = [];
    const args: unknown[] = [];
    const set = (column: string, value: unknown) => {
      sets.push(`${column} = ?`);
      args.push(value);
    };
    if (patch.title !== undefined) set('title', patch.title);
    if (patch.tokens !== undefined) set('tokens', JSON.stringify(patch.tokens));
    if (patch.locked !== undefined) set('locked', patch.locked ? 1 : 0);
    if (sets.length === 0) return;
    this.db.prepare(`UPDATE boards SET ${sets.join(', ')} WHERE id = ?`).run(...args, boardId);
  }

  async deleteBoard(boardId: string): Promise<void> {
    this.db.transaction(() => {
      this.stmts.deleteUpdates.run(boardId);
      this.stmts.deleteSnapshots.run(boardId);
      this.stmts.deleteAudit.run(boardId);
      this.stmts.deleteActivity.run(boardId);
      this.stmts.deleteAccess.run(boardId);
      this.stmts.deleteSurvey.run(boardId);
      this.series?.leave.run(boardId);
      this.stmts.deletePrivate.run(boardId);
      this.stmts.deleteBoard.run(boardId);
    })();
    // The WAL still holds the old pages until a checkpoint copies the overwritten ones back.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async appendUpdate(boardId: string, update: Uint8Array): Promise<Appended> {
    const [seq, first] = this.stmts.appendUpdate.get(boardId, update, boardId, boardId)!;
    return { seq, logLength: seq - first + 1 };
  }

  async loadLog(boardId: string): Promise<LoggedUpdate[]> {
    return this.stmts.loadLog.all(boardId).map(toLogged);
  }

  async compact(boardId: string, merge: (log: LoggedUpdate[]) => Uint8Array): Promise<number | null> {
    // BEGIN IMMEDIATE: the write lock from the first read on, so no other process appends meanwhile.
    return this.db.transaction(() => {
      const rows = this.stmts.loadLog.all(boardId);
      if (rows.length < 2) return null;
      const last = rows[rows.length - 1]!.seq;
      const merged = merge(rows.map(toLogged));
      this.stmts.deleteUpTo.run(boardId, last);
      // A seq of its own (the next one), never one a room has seen with other content.
      this.stmts.insertUpdate.run(boardId, last + 1, merged);
      return last + 1;
    }).immediate();
  }

  async saveSnapshot(s: SnapshotRecord): Promise<void> {
    this.stmts.insertSnapshot.run(s.id, s.boardId, s.name, s.createdAt, s.state);
  }

  async listSnapshots(boardId: string): Promise<SnapshotMeta[]> {
    return this.stmts.listSnapshots.all(boardId).map((r) => ({ id: r.id, boardId: r.board_id, name: r.name, createdAt: r.created_at }));
  }

  async getSnapshot(boardId: string, snapshotId: string): Promise<SnapshotRecord | null> {
    const r = this.stmts.getSnapshot.get(boardId, snapshotId);
    return r ? { id: r.id, boardId: r.board_id, name: r.name, createdAt: r.created_at, state: bytes(r.state) } : null;
  }

  async appendAudit(boardId: string, e: AuditEntry): Promise<void> {
    this.stmts.insertAudit.run(boardId, e.at, e.action, e.role, e.userId, JSON.stringify(e.detail), boardId);
  }

  async listAudit(boardId: string): Promise<AuditEntry[]> {
    return this.stmts.listAudit.all(boardId).map(toAudit);
  }

  async saveSurveyAnswers(boardId: string, respondent: string, answers: Record<string, unknown>): Promise<void> {
    this.stmts.saveSurvey.run(respondent, JSON.stringify(answers), boardId);
  }

  async listSurveyAnswers(boardId: string): Promise<SurveyAnswerSet[]> {
    return this.stmts.listSurvey.all(boardId).map((r) => ({ respondent: r.respondent, answers: JSON.parse(r.answers) as Record<string, unknown> }));
  }

  async clearSurveyAnswers(boardId: string): Promise<void> {
    this.stmts.deleteSurvey.run(boardId);
  }

  async setAccess(boardId: string, a: BoardAccess): Promise<void> {
    this.stmts.setAccess.run(a.passcodeHash, a.expiresAt, boardId);
  }

  async getAccess(boardId: string): Promise<BoardAccess> {
    const r = this.stmts.getAccess.get(boardId);
    return { passcodeHash: r?.passcode_hash ?? null, expiresAt: r?.expires_at ?? null };
  }

  async touchBoard(boardId: string, at: number): Promise<void> {
    this.stmts.touch.run(at, boardId);
  }

  async extendBoard(boardId: string, at: number): Promise<void> {
    this.stmts.extend.run(at, at, boardId);
  }

  async boardActivity(boardId: string): Promise<BoardActivity | null> {
    const r = this.stmts.activity.get(boardId);
    return r ? { touchedAt: r.touched_at, extendedAt: r.extended_at } : null;
  }

  async untouchedSince(cutoff: number): Promise<string[]> {
    return this.stmts.untouched.all(cutoff).map((r) => r.id);
  }

  async mergePrivate(boardId: string, authorId: string, merge: (stored: Uint8Array | null) => Uint8Array): Promise<void> {
    this.db.transaction(() => {
      const row = this.stmts.getPrivate.get(boardId, authorId);
      this.stmts.putPrivate.run(boardId, authorId, merge(row ? bytes(row.state) : null));
    }).immediate();
  }

  async loadPrivate(boardId: string, authorId: string): Promise<Uint8Array | null> {
    const row = this.stmts.getPrivate.get(boardId, authorId);
    return row ? bytes(row.state) : null;
  }

  async listPrivate(boardId: string): Promise<PrivateRecord[]> {
    return this.stmts.listPrivate.all(boardId).map((r) => ({ authorId: r.author_id, state: bytes(r.state) }));
  }

  /** For the crash tests and operators: 'ok' when the file is sound. */
  integrityCheck(): string {
    return String(this.db.pragma('integrity_check', { simple: true }));
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
