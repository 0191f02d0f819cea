import type { Store } from '../store/store';

/**
 * A real store with the faults of a real outage injected in front of it: `down()` fails every call
 * as a stopped database does, `holdAppends()` keeps appends waiting as a slow one does (a comeback
 * write in flight) until `release()`.
 */
export interface FaultyStore extends Store {
  down(): void;
  up(): void;
  holdAppends(): void;
  /** Resolves once an append is waiting on the hold. */
  appendHeld(): Promise<void>;
  release(): void;
}

export function faultyStore(inner: Store): FaultyStore {
  let isDown = false;
  let hold: { promise: Promise<void>; open: () => void } | null = null;
  let onHeld: (() => void) | null = null;
  const failing = <T>(call: () => Promise<T>): Promise<T> => (isDown ? Promise.reject(new Error('connect ECONNREFUSED (injected)')) : call());
  return {
    kind: inner.kind,
    createBoard: (b, u, s) => failing(() => inner.createBoard(b, u, s)),
    getBoard: (id) => failing(() => inner.getBoard(id)),
    listBoards: () => failing(() => inner.listBoards()),
    updateBoard: (id, p) => failing(() => inner.updateBoard(id, p)),
    deleteBoard: (id) => failing(() => inner.deleteBoard(id)),
    appendUpdate: (id, u) =>
      failing(async () => {
        if (hold) {
          onHeld?.();
          await hold.promise;
        }
        return inner.appendUpdate(id, u);
      }),
    loadLog: (id) => failing(() => inner.loadLog(id)),
    compact: (id, merge) => failing(() => inner.compact(id, merge)),
    saveSnapshot: (s) => failing(() => inner.saveSnapshot(s)),
    listSnapshots: (id) => failing(() => inner.listSnapshots(id)),
    getSnapshot: (id, s) => failing(() => inner.getSnapshot(id, s)),
    appendAudit: (id, e) => failing(() => inner.appendAudit(id, e)),
    listAudit: (id) => failing(() => inner.listAudit(id)),
    setAccess: (id, a) => failing(() => inner.setAccess(id, a)),
    getAccess: (id) => failing(() => inner.getAccess(id)),
    saveSurveyAnswers: (id, r, a) => failing(() => inner.saveSurveyAnswers(id, r, a)),
    listSurveyAnswers: (id) => failing(() => inner.listSurveyAnswers(id)),
    clearSurveyAnswers: (id) => failing(() => inner.clearSurveyAnswers(id)),
    touchBoard: (id, at) => failing(() => inner.touchBoard(id, at)),
    extendBoard: (id, at) => failing(() => inner.extendBoard(id, at)),
    boardActivity: (id) => failing(() => inner.boardActivity(id)),
    untouchedSince: (cutoff) => failing(() => inner.untouchedSince(cutoff)),
    createSeries: (s) => failing(() => inner.createSeries(s)),
    getSeries: (id) => failing(() => inner.getSeries(id)),
    listSeries: () => failing(() => inner.listSeries()),
    seriesBoards: (id) => failing(() => inner.seriesBoards(id)),
    mergePrivate: (id, a, merge) => failing(() => inner.mergePrivate(id, a, merge)),
    loadPrivate: (id, a) => failing(() => inner.loadPrivate(id, a)),
    listPrivate: (id) => failing(() => inner.listPrivate(id)),
    close: () => inner.close(),
    down: () => void (isDown = true),
    up: () => void (isDown = false),
    holdAppends() {
      let open!: () => void;
      hold = { promise: new Promise<void>((r) => (open = r)), open };
    },
    appendHeld: () => new Promise<void>((r) => (onHeld = r)),
    release() {
      hold?.open();
      hold = null;
    },
  };
}
