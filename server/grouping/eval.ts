/**
 * npm run eval:grouping
 *
 * Leave-source-out cross-validation over the labelled corpus and the external opinions: notes are dealt to folds
 * by source, so a note is only ever scored by a model fitted on other sources. Prints, per model, accuracy,
 * macro-F1, per-class F1, the confusion matrix, a reliability table with ECE, and the coverage and precision of the
 * notes not flagged for review; then, as a secondary figure, the seed seminar's dev notes scored by a model fitted
 * on the whole corpus; then timings.
 */
import { loadCorpus, loadDevNotes, type CorpusNote } from './corpus';
import { sourceFolds } from './folds';
import { formatReport, report, type Prediction } from './metrics';
import { baselineTrainer, type Trainer } from './trainers';

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
  const trainers: Trainer[] = [baselineTrainer()];
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
}

await main();
