import { UnknownSeriesError, type Appended, type AuditEntry, type BoardAccess, type BoardActivity, type BoardRecord, type LoggedUpdate, type PrivateRecord, type SeriesBoard, type SeriesRecord, type SnapshotMeta, type SnapshotRecord, type Store, type SurveyAnswerSet } from './store';

const OPEN: BoardAccess = { passcodeHash: null, expiresAt: null };

const oldestFirst = (a: BoardRecord, b: BoardRecord): number => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Keeps everything in memory: for tests and benchmarks, never for a real workshop. */
export class MemoryStore implements Store {
  readonly kind = 'memory';
  private boards = new Map<string, BoardRecord>();
  private logs = new Map<string, LoggedUpdate[]>();
  private lastSeq = 0;
  private snapshots = new Map<string, SnapshotRecord[]>();
  private audit = new Map<string, AuditEntry[]>();
  private activity = new Map<string, BoardActivity>();
  private access = new Map<string, BoardAccess>();
  private survey = new Map<string, Map<string, Record<string, unknown>>>();
  private series = new Map<string, SeriesRecord>();
  /** board id → its place in a series */
  private seriesOf = new Map<string, { seriesId: string; sealedToken: string }>();
  /** boardId → authorId → their private notes. */
  private privates = new Map<string, Map<string, Uint8Array>>();

  async createBoard(board: BoardRecord, initialUpdate: Uint8Array, inSeries?: { seriesId: string; sealedToken: string }): Promise<void> {
    if (this.boards.has(board.id)) throw new Error(`board ${board.id} exists`);
    if (inSeries && !this.series.has(inSeries.seriesId)) throw new UnknownSeriesError(`unknown series ${inSeries.seriesId}`);
    if (inSeries) this.seriesOf.set(board.id, { ...inSeries });
    this.boards.set(board.id, structuredClone(board));
    this.logs.set(board.id, [{ seq: ++this.lastSeq, update: initialUpdate.slice() }]);
  }

  async getBoard(boardId: string): Promise<BoardRecord | null> {
    const b = this.boards.get(boardId);
    return b ? structuredClone(b) : null;
  }

  async listBoards(): Promise<BoardRecord[]> {
    return [...this.boards.values()].sort(oldestFirst).map((b) => structuredClone(b));
  }

  async updateBoard(boardId: string, patch: Partial<Pick<BoardRecord, 'title' | 'tokens' | 'locked'>>): Promise<void> {
    const b = this.boards.get(boardId);
    if (b) this.boards.set(boardId, { ...b, ...structuredClone(patch) });
  }

  async deleteBoard(boardId: string): Promise<void> {
    this.boards.delete(boardId);
    this.logs.delete(boardId);
    this.snapshots.delete(boardId);
    this.audit.delete(boardId);
    this.survey.delete(boardId);
    this.activity.delete(boardId);
    this.access.delete(boardId);
    this.seriesOf.delete(boardId);
    this.privates.delete(boardId);
  }

  async createSeries(series: SeriesRecord): Promise<void> {
    if (this.series.has(series.id)) throw new Error(`series ${series.id} exists`);
    this.series.set(series.id, { ...series });
  }

  async getSeries(seriesId: string): Promise<SeriesRecord | null> {
    const s = this.series.get(seriesId);
    return s ? { ...s } : null;
  }

  async listSeries(): Promise<SeriesRecord[]> {
    return [...this.series.values()].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1)).map((s) => ({ ...s }));
  }

  async seriesBoards(seriesId: string): Promise<SeriesBoard[]> {
    const boards = [...this.seriesOf].filter(([, s]) => s.seriesId === seriesId).map(([id]) => this.boards.get(id)!);
    return boards.sort(oldestFirst).map((b) => ({ boardId: b.id, sealedToken: this.seriesOf.get(b.id)!.sealedToken }));
  }

  async setAccess(boardId: string, access: BoardAccess): Promise<void> {
    if (this.boards.has(boardId)) this.access.set(boardId, { ...access });
  }

  async getAccess(boardId: string): Promise<BoardAccess> {
    return { ...(this.access.get(boardId) ?? OPEN) };
  }

  async touchBoard(boardId: string, at: number): Promise<void> {
    const a = await this.boardActivity(boardId);
    if (a) this.activity.set(boardId, { ...a, touchedAt: Math.max(a.touchedAt, at) });
  }

  async extendBoard(boardId: string, at: number): Promise<void> {
    const a = await this.boardActivity(boardId);
    if (a) this.activity.set(boardId, { touchedAt: Math.max(a.touchedAt, at), extendedAt: at });
  }

  async boardActivity(boardId: string): Promise<BoardActivity | null> {
    const b = this.boards.get(boardId);
    return b ? { ...(this.activity.get(boardId) ?? { touchedAt: b.createdAt, extendedAt: null }) } : null;
  }

  async untouchedSince(cutoff: number): Promise<string[]> {
    const found: { id: string; at: number }[] = [];
    for (const id of this.boards.keys()) {
      const a = (await this.boardActivity(id))!;
      if (a.touchedAt < cutoff) found.push({ id, at: a.touchedAt });
    }
    return found.sort((x, y) => x.at - y.at).map((f) => f.id);
  }

  async appendAudit(boardId: string, entry: AuditEntry): Promise<void> {
    if (!this.boards.has(boardId)) return;
    this.audit.set(boardId, [...(this.audit.get(boardId) ?? []), structuredClone(entry)]);
  }

  async saveSurveyAnswers(boardId: string, respondent: string, answers: Record<string, unknown>): Promise<void> {
    if (!this.boards.has(boardId)) return;
    const answered = this.survey.get(boardId) ?? new Map<string, Record<string, unknown>>();
    answered.set(respondent, structuredClone(answers));
    this.survey.set(boardId, answered);
  }

  async listSurveyAnswers(boardId: string): Promise<SurveyAnswerSet[]> {
    const answered = this.survey.get(boardId);
    return answered ? [...answered.keys()].sort().map((respondent) => ({ respondent, answers: structuredClone(answered.get(respondent)!) })) : [];
  }

  async clearSurveyAnswers(boardId: string): Promise<void> {
    this.survey.delete(boardId);
  }

  async listAudit(boardId: string): Promise<AuditEntry[]> {
    return structuredClone(this.audit.get(boardId) ?? []);
  }

  async appendUpdate(boardId: string, update: Uint8Array): Promise<Appended> {
    const log = this.logs.get(boardId);
    if (!log) throw new Error(`unknown board ${boardId}`);
    const seq = ++this.lastSeq;
    log.push({ seq, update: update.slice() });
    return { seq, logLength: log.length };
  }

  async loadLog(boardId: string): Promise<LoggedUpdate[]> {
    return [...(this.logs.get(boardId) ?? [])];
  }

  async compact(boardId: string, merge: (log: LoggedUpdate[]) => Uint8Array): Promise<number | null> {
    const log = this.logs.get(boardId);
    if (!log || log.length < 2) return null;
    const n = log.length;
    const seq = ++this.lastSeq;
    this.logs.set(boardId, [{ seq, update: merge(log.slice(0, n)) }, ...log.slice(n)]);
    return seq;
  }

  async saveSnapshot(snapshot: SnapshotRecord): Promise<void> {
    const list = this.snapshots.get(snapshot.boardId) ?? [];
    list.push({ ...snapshot, state: snapshot.state.slice() });
    this.snapshots.set(snapshot.boardId, list);
  }

  async listSnapshots(boardId: string): Promise<SnapshotMeta[]> {
    return (this.snapshots.get(boardId) ?? []).map(({ id, boardId: b, name, createdAt }) => ({ id, boardId: b, name, createdAt }));
  }

  async getSnapshot(boardId: string, snapshotId: string): Promise<SnapshotRecord | null> {
    return (this.snapshots.get(boardId) ?? []).find((s) => s.id === snapshotId) ?? null;
  }

  async mergePrivate(boardId: string, authorId: string, merge: (stored: Uint8Array | null) => Uint8Array): Promise<void> {
    const mine = this.privates.get(boardId) ?? new Map<string, Uint8Array>();
    mine.set(authorId, merge(mine.get(authorId)?.slice() ?? null).slice());
    this.privates.set(boardId, mine);
  }

  async loadPrivate(boardId: string, authorId: string): Promise<Uint8Array | null> {
    return this.privates.get(boardId)?.get(authorId)?.slice() ?? null;
  }

  async listPrivate(boardId: string): Promise<PrivateRecord[]> {
    const mine = this.privates.get(boardId) ?? new Map<string, Uint8Array>();
    return [...mine.keys()].sort().map((authorId) => ({ authorId, state: mine.get(authorId)!.slice() }));
  }

  async close(): Promise<void> {}
}
