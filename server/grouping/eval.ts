/**
 * npm run eval:grouping
 *
 * Leave-source-out cross-validation over the labelled corpus and the external opinions: notes are dealt to folds
 * by source, so a note is only ever scored by a model fitted on other sources. Prints, per model, accuracy,
 * macro-F1, per-class F1, the confusion matrix, a reliability table with ECE, and the coverage and precision of the
 * notes not flagged for review; then, as a secondary figure, the seed seminar's dev notes scored by a model fitted
 * on the whole corpus; then timings of the shipped model (server/grouping/model.json).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCorpus, loadDevNotes, type CorpusNote } from './corpus';
import { sourceFolds } from '../../shared/grouping/learned/folds';
import { formatReport, report, type Prediction } from './metrics';
import { createFeaturizer } from '../../shared/grouping/learned/features';
import { loadAnalyser } from './analyser';
import { loadGroupingService } from './service';
import { baselineTrainer, learnedTrainer, memoFeaturizer, type Trainer } from './trainers';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CATEGORIES = ['consultation', 'participation', 'community', 'unsorted'];
const K = 10;

async function crossValidate(trainer: Trainer, notes: readonly CorpusNote[]): Promise<Prediction[]> {
  const folds = sourceFolds(
    notes.map((n) => n.source),
    K,
  );
  const preds = new Array<Prediction>(notes.length);
  for (let f = 0; f < K; f++) {
    const train = notes.filter((_, i) => folds[i] !== f);
    const trainSources = new Set(train.map((n) => n.source));
    const classify = await trainer.fit(train);
    notes.forEach((n, i) => {
      if (folds[i] !== f) return;
      if (trainSources.has(n.source)) throw new Error(`source ${n.source} is in both training and test`);
      preds[i] = { gold: n.category, ...classify(n.text) };
    });
  }
  return preds;
}

async function main(): Promise<void> {
  const notes = loadCorpus();
  const dev = loadDevNotes();
  const sources = new Set(notes.map((n) => n.source));
  console.log(
    `Corpus + external: ${notes.length} notes from ${sources.size} sources (${CATEGORIES.map((c) => `${c} ${notes.filter((n) => n.category === c).length}`).join(', ')})`,
  );
  console.log(`Leave-source-out ${K}-fold cross-validation: every source's notes are held out together.\n`);
  const featurize = memoFeaturizer(createFeaturizer(await loadAnalyser()));
  // GROUPING_ONLY=learned skips the baseline while working on the model.
  const only = process.env.GROUPING_ONLY;
  const trainers: Trainer[] = [baselineTrainer(), learnedTrainer(featurize)].filter((t) => !only || t.name.includes(only));
  for (const t of trainers) {
    const preds = await crossValidate(t, notes);
    console.log(formatReport(`${t.name}: leave-source-out`, report(preds, CATEGORIES), CATEGORIES));
    for (const set of ['corpus', 'external'] as const) {
      const sub = preds.filter((_, i) => notes[i]!.set === set);
      const r = report(sub, CATEGORIES);
      console.log(`  ${set} only: n ${r.scores.n}, accuracy ${r.scores.accuracy.toFixed(3)}, macro-F1 ${r.scores.macroF1.toFixed(3)}`);
    }
    const classify = await t.fit(notes);
    const devPreds = dev.map((n) => ({ gold: n.category, ...classify(n.text) }));
    const d = report(devPreds, CATEGORIES);
    console.log(
      `  secondary: ${dev.length} dev notes of the seed seminar, model fitted on the whole corpus: accuracy ${d.scores.accuracy.toFixed(3)}, macro-F1 ${d.scores.macroF1.toFixed(3)}, coverage ${d.coverage.toFixed(3)} at precision ${d.precisionNotFlagged.toFixed(3)}\n`,
    );
  }
  await timings(notes);
}

/** Classify + cluster 300 notes with the shipped model, and the CLI on the same notes. */
async function timings(notes: readonly CorpusNote[]): Promise<void> {
  const many = notes.slice(0, 300).map((n, i) => ({ id: `n${i}`, text: n.text }));
  const service = await loadGroupingService();
  const run = (batch: { id: string; text: string }[]): { wall: number; cpu: number } => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    service.group(batch);
    const c = process.cpuUsage(c0);
    return { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
  };
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  // Warm-up on other texts, then each run on texts never analysed before (a board's first Auto-group) ...
  for (let i = 0; i < 5; i++) run(many.map((n) => ({ ...n, text: `${n.text}（準備${i}）` })));
  const fresh = Array.from({ length: 10 }, (_, k) => run(many.map((n) => ({ ...n, text: `${n.text}（${k}）` }))));
  // ... and again on the same notes (a re-run: the analysis of unchanged notes is kept).
  const again = Array.from({ length: 10 }, () => run(many));
  console.log(`Machine: ${cpus().length} CPUs, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} (wall times scale with load)`);
  console.log(
    `Classify + cluster 300 notes in one process, after warm-up (median of 10): new notes ${median(fresh.map((r) => r.wall)).toFixed(1)} ms wall (CPU ${median(fresh.map((r) => r.cpu)).toFixed(1)} ms); ` +
      `re-run on the same notes ${median(again.map((r) => r.wall)).toFixed(1)} ms wall (CPU ${median(again.map((r) => r.cpu)).toFixed(1)} ms)`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'grouping-eval-'));
  try {
    const file = join(dir, 'notes.jsonl');
    writeFileSync(file, many.map((n) => JSON.stringify(n)).join('\n') + '\n');
    const t0 = performance.now();
    const r = spawnSync('npm', ['run', '--silent', 'group', '--', '--input', file], { cwd: root, encoding: 'utf8' });
    const wall = performance.now() - t0;
    console.log(`CLI (npm run --silent group) on 300 notes: wall ${(wall / 1000).toFixed(2)} s, exit ${r.status}, ${r.stdout.split('\n').filter(Boolean).length} lines`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
