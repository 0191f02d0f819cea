/** Scores for held-out predictions: accuracy, F1, confusion, reliability (ECE) and review coverage. */
import { score, type Scores } from '../../shared/grouping/cv';

export interface Prediction {
  gold: string;
  category: string;
  confidence: number;
  needsReview: boolean;
}

export interface Report {
  scores: Scores;
  confusion: number[][];
  bins: { lo: number; hi: number; n: number; accuracy: number; confidence: number }[];
  ece: number;
  coverage: number;
  precisionNotFlagged: number;
  precisionFlagged: number;
}

export function report(preds: readonly Prediction[], categories: readonly string[]): Report {
  const scores = score(
    preds.map((p) => p.gold),
    preds.map((p) => p.category),
    categories,
  );
  const confusion = categories.map((g) => categories.map((c) => preds.filter((p) => p.gold === g && p.category === c).length));
  const edges = [0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001];
  const bins: Report['bins'] = [];
  let ece = 0;
  for (let i = 0; i + 1 < edges.length; i++) {
    const inBin = preds.filter((p) => p.confidence >= edges[i]! && p.confidence < edges[i + 1]!);
    if (inBin.length === 0) continue;
    const accuracy = inBin.filter((p) => p.gold === p.category).length / inBin.length;
    const confidence = inBin.reduce((s, p) => s + p.confidence, 0) / inBin.length;
    bins.push({ lo: edges[i]!, hi: Math.min(1, edges[i + 1]!), n: inBin.length, accuracy, confidence });
    ece += (inBin.length / preds.length) * Math.abs(accuracy - confidence);
  }
  const kept = preds.filter((p) => !p.needsReview);
  const flagged = preds.filter((p) => p.needsReview);
  const right = (xs: readonly Prediction[]): number => (xs.length ? xs.filter((p) => p.gold === p.category).length / xs.length : 0);
  return {
    scores,
    confusion,
    bins,
    ece,
    coverage: preds.length ? kept.length / preds.length : 0,
    precisionNotFlagged: right(kept),
    precisionFlagged: right(flagged),
  };
}

const f3 = (x: number): string => x.toFixed(3);
const pad = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - s.length));

export function formatReport(title: string, r: Report, categories: readonly string[]): string {
  const lines: string[] = [];
  lines.push(`== ${title} (n = ${r.scores.n})`);
  lines.push(`accuracy ${f3(r.scores.accuracy)}   macro-F1 ${f3(r.scores.macroF1)}`);
  lines.push(
    `per-class F1: ${categories.map((c) => `${c} ${f3(r.scores.perCategory[c]!.f1)} (P ${f3(r.scores.perCategory[c]!.precision)} R ${f3(r.scores.perCategory[c]!.recall)} n ${r.scores.perCategory[c]!.support})`).join(', ')}`,
  );
  lines.push(`confusion (rows gold, columns predicted):`);
  lines.push(`${pad('', 14)} ${categories.map((c) => pad(c.slice(0, 12), 13)).join(' ')}`);
  categories.forEach((g, i) => lines.push(`${pad(g, 14)} ${r.confusion[i]!.map((n) => pad(String(n), 13)).join(' ')}`));
  lines.push(`reliability (confidence bin: notes, mean confidence, accuracy):`);
  for (const b of r.bins) lines.push(`  [${b.lo.toFixed(1)}, ${b.hi.toFixed(1)}): ${pad(String(b.n), 5)} conf ${f3(b.confidence)}  acc ${f3(b.accuracy)}`);
  lines.push(`ECE ${f3(r.ece)}`);
  lines.push(
    `not flagged for review: coverage ${f3(r.coverage)}, precision ${f3(r.precisionNotFlagged)}; flagged (要確認): ${Math.round((1 - r.coverage) * r.scores.n)} notes, right ${f3(r.precisionFlagged)}`,
  );
  return lines.join('\n');
}
