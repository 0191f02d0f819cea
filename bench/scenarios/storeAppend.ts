import * as Y from 'yjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../server/store/sqlite';
import { newTokens, storeTokens } from '../../server/store/tokens';
import { ConfigSchema } from '../../server/config';
import { addNote } from '../../shared/board/doc';
import { initBoard } from '../../shared/board/templates';
import { round, sleep, type ScenarioResult } from '../lib/result';
import { percentile } from '../lib/histogram';

/** The server's default: the log is folded into one entry this often. */
const COMPACT_EVERY = ConfigSchema.parse({}).COMPACT_EVERY;
const BOARD = 'bench-board-0000000000001';

/**
 * What storing one change costs the server: a room stores each flush (one SQLite append) before
 * anyone sees it. Paced as a workshop of 30 sends them (30 a second, the process idle in between, as
 * the server is), and back to back for comparison: a write costs several times more when the caches
 * have gone cold between flushes, and at 30 people nearly every change is its own flush. p50/p99/max
 * are the paced appends' wall time; CPU per op is theirs too.
 */
export async function storeAppend(appends = 600, perSecond = 30): Promise<ScenarioResult> {
  const dir = mkdtempSync(join(tmpdir(), 'fusen-bench-store-'));
  const store = new SqliteStore(dir);
  try {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'ベンチマーク', template: 'impressions-unclear', groups: 3 });
    await store.createBoard({ id: BOARD, title: 'ベンチマーク', createdAt: Date.now(), tokens: storeTokens('board', newTokens()), locked: false }, Y.encodeStateAsUpdate(doc));
    const updates = noteUpdates(doc, appends);
    // Back to back first, which also gets the code compiled: the paced figure is then the cold caches' alone.
    const backToBack = await appendAll(store, updates, 0);
    const paced = await appendAll(store, updates, 1000 / perSecond);
    return {
      name: 'store-append',
      server: 'ours',
      p50Ms: paced.p50Ms,
      p99Ms: paced.p99Ms,
      maxMs: paced.maxMs,
      cpuMsPerOp: round((paced.userUs + paced.sysUs) / 1000, 3),
      rssMb: null,
      dropped: null,
      extra: {
        appends: updates.length,
        [`userUsAt${perSecond}PerSecond`]: paced.userUs,
        [`sysUsAt${perSecond}PerSecond`]: paced.sysUs,
        userUsBackToBack: backToBack.userUs,
        sysUsBackToBack: backToBack.sysUs,
        p50MsBackToBack: backToBack.p50Ms,
      },
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One update per new note, as a participant's client sends it. */
function noteUpdates(doc: Y.Doc, notes: number): Uint8Array[] {
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < notes; i++) addNote(doc, { text: `相談できる場所がほしい（${i}）`, x: i % 40, y: i % 30, authorId: 'bench-author-0000000001' });
  return updates;
}

/** Appends every update, `gapMs` apart, compacting as the server does; CPU per append and wall-time quantiles. */
async function appendAll(store: SqliteStore, updates: Uint8Array[], gapMs: number) {
  let user = 0;
  let system = 0;
  const wallMs: number[] = [];
  for (const u of updates) {
    if (gapMs > 0) await sleep(gapMs);
    const before = process.cpuUsage();
    const t0 = performance.now();
    const { logLength } = await store.appendUpdate(BOARD, u);
    wallMs.push(performance.now() - t0);
    const used = process.cpuUsage(before);
    user += used.user;
    system += used.system;
    if (logLength >= COMPACT_EVERY) await store.compact(BOARD, (log) => Y.mergeUpdates(log.map((e) => e.update)));
  }
  const at = (q: number) => round(percentile(wallMs, q), 3);
  return { userUs: round(user / updates.length, 1), sysUs: round(system / updates.length, 1), p50Ms: at(0.5), p99Ms: at(0.99), maxMs: at(1) };
}
