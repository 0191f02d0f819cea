/**
 * npm run eval:grouping
 *
 * Scores the classifier on the labelled dev notes by stratified k-fold cross-validation (every note is scored by a
 * model whose naive Bayes part was trained on the other folds only; the seed lexicon is hand-written, not fitted),
 * compares variants and the majority-class baseline, and times classify + cluster and the CLI on 300 notes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crossValidatedPredictions, score, type Variant } from './cv';
import { defaultModel } from './model';
import { groupNotes } from './group';
import type { LabelledExample } from './types';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const CATEGORIES = ['consultation', 'participation', 'community', 'unsorted'];
const K = 5;
const SEEDS = [1, 2, 3, 4, 5];

const notes = readFileSync(join(here, 'fixtures', 'dev-notes.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as { id: string; text: string; category: string; agreement: number });
const examples: LabelledExample[] = notes.map((n) => ({ text: n.text, category: n.category }));
const gold = examples.map((e) => e.category);

const f3 = (x: number): string => x.toFixed(3);
const pad = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - s.length));

console.log(`Dev notes: ${notes.length} (${CATEGORIES.map((c) => `${c} ${gold.filter((g) => g === c).length}`).join(', ')})`);
console.log(`Stratified ${K}-fold cross-validation, averaged over ${SEEDS.length} shuffles (seeds ${SEEDS.join(',')}).\n`);

const variants: { v: Variant; name: string }[] = [
  { v: 'lexicon+nb', name: 'lexicon + naive Bayes (shipped)' },
  { v: 'lexicon-only', name: 'lexicon only, no training' },
  { v: 'nb-only', name: 'naive Bayes only' },
  { v: 'majority', name: 'majority-class baseline' },
];
console.log(`${pad('variant', 34)} ${pad('accuracy', 9)} ${pad('macro-F1', 9)} ${CATEGORIES.map((c) => pad(`F1 ${c}`, 17)).join(' ')}`);
const pooled = new Map<Variant, string[]>();
for (const { v, name } of variants) {
  let acc = 0;
  let macro = 0;
  const per: Record<string, number> = Object.fromEntries(CATEGORIES.map((c) => [c, 0]));
  const allPred: string[] = [];
  for (const seed of SEEDS) {
    const pred = crossValidatedPredictions(examples, { k: K, seed, variant: v });
    const s = score(gold, pred, CATEGORIES);
    acc += s.accuracy;
    macro += s.macroF1;
    for (const c of CATEGORIES) per[c]! += s.perCategory[c]!.f1;
    allPred.push(...pred);
  }
  pooled.set(v, allPred);
  const n = SEEDS.length;
  console.log(`${pad(name, 34)} ${pad(f3(acc / n), 9)} ${pad(f3(macro / n), 9)} ${CATEGORIES.map((c) => pad(f3(per[c]! / n), 17)).join(' ')}`);
}

// Confusion matrix of the shipped variant, pooled over the shuffles (rows: gold, columns: predicted).
const shipped = pooled.get('lexicon+nb')!;
const goldRep = SEEDS.flatMap(() => gold);
console.log(`\nConfusion (lexicon + naive Bayes, pooled over shuffles; rows gold, columns predicted):`);
console.log(`${pad('', 14)} ${CATEGORIES.map((c) => pad(c.slice(0, 12), 13)).join(' ')}`);
for (const g of CATEGORIES) {
  const row = CATEGORIES.map((p) => pad(String(goldRep.filter((x, i) => x === g && shipped[i] === p).length), 13));
  console.log(`${pad(g, 14)} ${row.join(' ')}`);
}

// Agreement 3 notes only (all three labellers agreed).
{
  const idx = notes.map((n, i) => (n.agreement === 3 ? i : -1)).filter((i) => i >= 0);
  const pred = crossValidatedPredictions(examples, { k: K, seed: 1, variant: 'lexicon+nb' });
  const s = score(
    idx.map((i) => gold[i]!),
    idx.map((i) => pred[i]!),
    CATEGORIES,
  );
  console.log(`\nOn the ${idx.length} notes all three labellers agreed on (seed 1): accuracy ${f3(s.accuracy)}, macro-F1 ${f3(s.macroF1)}`);
}

// Timing: 300 notes (the dev notes five times, each copy made distinct).
const many = Array.from({ length: 300 }, (_, i) => ({ id: `n${i}`, text: `${notes[i % notes.length]!.text}${i >= notes.length ? `（${Math.floor(i / notes.length)}）` : ''}` }));
defaultModel();
for (let i = 0; i < 5; i++) groupNotes(many); // warm-up
const times: number[] = [];
const cpu: number[] = [];
for (let i = 0; i < 20; i++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  groupNotes(many);
  times.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
}
times.sort((a, b) => a - b);
cpu.sort((a, b) => a - b);
console.log(`\nMachine: ${cpus().length} CPUs, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} (wall times scale with load)`);
console.log(
  `Classify + cluster 300 notes in one process (after warm-up, 20 runs): median ${times[10]!.toFixed(1)} ms wall ` +
    `(CPU ${cpu[10]!.toFixed(1)} ms), max ${times[19]!.toFixed(1)} ms wall`,
);

const dir = mkdtempSync(join(tmpdir(), 'grouping-eval-'));
try {
  const file = join(dir, 'notes.jsonl');
  writeFileSync(file, many.map((n) => JSON.stringify(n)).join('\n') + '\n');
  const tsx = join(root, 'node_modules', '.bin', 'tsx');
  const t0 = performance.now();
  const r = spawnSync(tsx, [join(here, 'cli.ts'), '--input', file], { cwd: root, encoding: 'utf8' });
  const wall = performance.now() - t0;
  const lines = r.stdout.split('\n').filter(Boolean).length;
  console.log(`CLI (tsx shared/grouping/cli.ts) on 300 notes: wall ${(wall / 1000).toFixed(2)} s, exit ${r.status}, ${lines} lines`);
  const t1 = performance.now();
  const r2 = spawnSync('npm', ['run', '--silent', 'group', '--', '--input', file], { cwd: root, encoding: 'utf8' });
  const wall2 = performance.now() - t1;
  console.log(`CLI (npm run --silent group) on 300 notes:  wall ${(wall2 / 1000).toFixed(2)} s, exit ${r2.status}, ${r2.stdout.split('\n').filter(Boolean).length} lines`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
