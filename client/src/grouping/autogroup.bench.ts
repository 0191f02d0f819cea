/**
 * What one press of Auto-group costs: classify + cluster + lay out (plan), the single transaction (apply),
 * the one update every browser receives, and the one-step undo. Run: `npm run bench:autogroup` (add `-- --browser` for the
 * in-browser figures of glide.bench.ts, after `npx vite build`).
 * Figures only; nothing here is asserted.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import * as Y from 'yjs';
import { addNote, initBoard, readBoard } from '../../../shared/board';
import { applyAutoGroup, planAutoGroup } from '../../../shared/grouping';
import { createUndoManager, LOCAL_ORIGIN } from '../actions';
import { browserBench } from './glide.bench';

const texts = readFileSync(resolve(import.meta.dirname, '../../../shared/grouping/fixtures/dev-notes.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => (JSON.parse(l) as { text: string }).text);

/** A three-group worksheet with `n` real notes (repeated with a number so they are not identical). */
function board(n: number): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'bench', template: 'impressions-unclear', groups: 3 });
  const sections = readBoard(doc).sections.filter((s) => s.kind !== 'summary');
  for (let i = 0; i < n; i++) {
    const s = sections[i % sections.length]!;
    const text = i < texts.length ? texts[i]! : `${texts[i % texts.length]}（${Math.floor(i / texts.length) + 1}）`;
    addNote(doc, { text, x: s.x + 10 + (i % 3) * 20, y: s.y + 60 + (i % 7) * 40, sectionId: s.id, authorId: `p${i % 30}` }, 'remote', 1000 + i);
  }
  return doc;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => x.toFixed(1).padStart(8);

function run(n: number, rounds: number) {
  const plan: number[] = [];
  const apply: number[] = [];
  const undo: number[] = [];
  let bytes = 0;
  let updates = 0;
  for (let r = 0; r < rounds; r++) {
    const doc = board(n);
    const um = createUndoManager(doc);
    const sizes: number[] = [];
    doc.on('update', (u: Uint8Array) => sizes.push(u.length));
    let t = performance.now();
    const p = planAutoGroup(doc);
    plan.push(performance.now() - t);
    t = performance.now();
    applyAutoGroup(doc, p, LOCAL_ORIGIN);
    apply.push(performance.now() - t);
    bytes = sizes[0]!;
    updates = sizes.length;
    t = performance.now();
    um.undo();
    undo.push(performance.now() - t);
  }
  console.log(`${String(n).padStart(6)} ${ms(median(plan))} ${ms(median(apply))} ${ms(median(undo))} ${String(updates).padStart(8)} ${String(bytes).padStart(10)}`);
}

planAutoGroup(board(20)); // warm-up: builds the model once, as the first press in a browser does
console.log(`Machine: ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (wall times scale with load)`);
console.log('Auto-group, median of 7 runs per size (ms wall); updates = doc updates sent per press; bytes = size of that update');
console.log(' notes     plan    apply     undo  updates      bytes');
for (const n of [50, 300, 1000]) run(n, 7);
if (process.argv.includes('--browser')) await browserBench([50, 300, 800]);
