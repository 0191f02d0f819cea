import { sourceFolds } from './folds';
import type { NoteFeatures } from '../model';
import type { Featurizer, NoteFeatureSet } from './features';
import { LogReg, softmax, trainLogReg, type LogRegOptions, type LogRegWeights } from './logreg';

/**
 * The learned classifier: logistic regression over the note's features (see features.ts), its confidence
 * calibrated by a temperature and its review threshold both chosen on held-out sources of the training corpus,
 * so the confidence means what it says on notes from sources the model has not seen.
 */
export const CLASSES = ['consultation', 'participation', 'community', 'unsorted'] as const;
export const FALLBACK = 'unsorted';
/** Notes not flagged for review should be right at least this often. */
export const TARGET_PRECISION = 0.92;

export interface LearnedModelFile {
  version: 1;
  /** Hash of the corpus lines the model was fitted on (a test checks the shipped file is current). */
  corpusHash: string;
  notes: number;
  temperature: number;
  /** Answers below this calibrated confidence are flagged for review. */
  reviewBelow: number;
  logreg: LogRegWeights;
}

export interface LearnedAnswer {
  category: string;
  confidence: number;
  needsReview: boolean;
  /** Words of the note that decided it, strongest first (or why it was left for review). */
  reasons: string[];
  probabilities: Record<string, number>;
}

export interface LabelledNote {
  text: string;
  category: string;
  /** Notes of one source are held out together when the temperature and threshold are chosen. */
  source: string;
}

export interface FitOptions {
  logreg?: Partial<LogRegOptions>;
  innerFolds?: number;
  targetPrecision?: number;
}

const NEG_WORD = '（否定）';

/** Explains an answer in the note's own words: the words whose features pushed the chosen class most. */
function reasonsFor(model: LogReg, f: NoteFeatureSet, c: number): string[] {
  const byWord = new Map<string, number>();
  let negation = 0;
  for (const [feat, v] of model.contributions(f.features, c)) {
    if (feat === 'NEG' || feat === 'NOLONGER') {
      if (feat === 'NOLONGER') negation += v;
      continue;
    }
    const from = (f.origin.get(feat) ?? []).filter((w) => !f.light.has(w) && Array.from(w).length > 1);
    for (const w of from) {
      const key = feat.startsWith('n:') ? w + NEG_WORD : w;
      byWord.set(key, (byWord.get(key) ?? 0) + v / from.length);
    }
  }
  const out = [...byWord]
    .filter(([, v]) => v > 0.05)
    .sort((a, b) => b[1] - a[1])
    .map(([w]) => w);
  // A word inside a longer reason adds nothing.
  const kept = out.filter((w, i) => !out.some((o, j) => j < i && o.includes(w)));
  if (negation > 0.05) kept.push('もう不要（否定）');
  return kept.slice(0, 4);
}

export class LearnedClassifier {
  private readonly model: LogReg;
  private neighbours: { features: Set<string>; category: string; text: string }[] = [];

  constructor(
    readonly file: LearnedModelFile,
    readonly featurize: Featurizer,
  ) {
    this.model = new LogReg(file.logreg);
  }

  /** A copy that also leans towards the categories of similar notes the facilitator corrected on this board. */
  withCorrections(examples: readonly { text: string; category: string }[]): LearnedClassifier {
    const valid = examples.filter((e) => (CLASSES as readonly string[]).includes(e.category));
    if (valid.length === 0) return this;
    const copy = new LearnedClassifier(this.file, this.featurize);
    copy.neighbours = [
      ...this.neighbours,
      ...valid.map((e) => ({ features: new Set(this.featurize(e.text).features.filter((x) => x.startsWith('c:') || x.startsWith('w:'))), category: e.category, text: e.text })),
    ];
    return copy;
  }

  logits(f: NoteFeatureSet): number[] {
    return this.model.logits(f.features);
  }

  /** `base`: the hand model's features of the text, if the caller has them (saves analysing it twice). */
  classify(text: string, pre?: NoteFeatureSet, base?: NoteFeatures): LearnedAnswer {
    const f = pre ?? this.featurize(text, base);
    const classes = this.file.logreg.classes;
    const logits = this.model.logits(f.features);
    let reasonFromCorrection: string | null = null;
    if (this.neighbours.length) {
      const mine = new Set(f.features.filter((x) => x.startsWith('c:') || x.startsWith('w:')));
      let best: { sim: number; category: string; text: string } | null = null;
      for (const n of this.neighbours) {
        let inter = 0;
        for (const x of mine) if (n.features.has(x)) inter++;
        const sim = mine.size && n.features.size ? inter / Math.sqrt(mine.size * n.features.size) : 0;
        if (!best || sim > best.sim) best = { sim, category: n.category, text: n.text };
      }
      // A near-copy of a corrected note follows the correction; a loose likeness only nudges.
      if (best && best.sim >= 0.3) {
        logits[classes.indexOf(best.category)]! += 8 * best.sim;
        reasonFromCorrection = `≈「${Array.from(best.text).slice(0, 20).join('')}」`;
      }
    }
    const probs = softmax(logits, this.file.temperature);
    let c = 0;
    for (let k = 1; k < probs.length; k++) if (probs[k]! > probs[c]!) c = k;
    const probabilities = Object.fromEntries(classes.map((k, i) => [k, probs[i]!]));
    // Nothing of the note's own words is known (the hand lexicon's verdict alone is no reading of it).
    if (this.model.known(f.features.filter((x) => !x.startsWith('v:'))) === 0) {
      return { category: FALLBACK, confidence: probabilities[FALLBACK] ?? 0, needsReview: true, reasons: [], probabilities };
    }
    const reasons = reasonsFor(this.model, f, c);
    if (reasonFromCorrection) reasons.unshift(reasonFromCorrection);
    const confidence = probs[c]!;
    return { category: classes[c]!, confidence, needsReview: confidence < this.file.reviewBelow, reasons: reasons.slice(0, 4), probabilities };
  }
}

/** Lowest confidence cut whose answers above it are right at least `target` of the time. */
export function chooseThreshold(scored: readonly { confidence: number; right: boolean }[], target: number): number {
  const sorted = [...scored].sort((a, b) => b.confidence - a.confidence);
  let right = 0;
  let cut = 1;
  sorted.forEach((s, i) => {
    if (s.right) right++;
    const n = i + 1;
    const next = sorted[i + 1];
    if (n >= 20 && right / n >= target && (!next || next.confidence < s.confidence)) cut = s.confidence;
  });
  return cut;
}

/** Temperature minimising the negative log-likelihood of held-out answers. */
export function fitTemperature(held: readonly { logits: number[]; gold: number }[]): number {
  let best = 1;
  let bestLoss = Infinity;
  for (let t = 0.2; t <= 4.001; t += 0.05) {
    let loss = 0;
    for (const h of held) loss -= Math.log(Math.max(1e-12, softmax(h.logits, t)[h.gold]!));
    if (loss < bestLoss) {
      bestLoss = loss;
      best = t;
    }
  }
  return Math.round(best * 100) / 100;
}

/**
 * Fits the weights on all notes; the temperature and the review threshold come from an inner cross-validation
 * in which each source's notes are held out together.
 */
export function fitLearned(notes: readonly LabelledNote[], featurize: Featurizer, corpusHash: string, opts: FitOptions = {}): LearnedModelFile {
  const feats = notes.map((n) => featurize(n.text));
  const rows = notes.map((n, i) => ({ features: feats[i]!.features, category: n.category }));
  const k = opts.innerFolds ?? 5;
  const folds = sourceFolds(
    notes.map((n) => n.source),
    k,
  );
  const held: { logits: number[]; gold: number }[] = [];
  for (let f = 0; f < k; f++) {
    const w = trainLogReg(
      rows.filter((_, i) => folds[i] !== f),
      CLASSES,
      opts.logreg,
    );
    const m = new LogReg(w);
    rows.forEach((r, i) => {
      if (folds[i] === f) held.push({ logits: m.logits(r.features), gold: CLASSES.indexOf(r.category as (typeof CLASSES)[number]) });
    });
  }
  const temperature = fitTemperature(held);
  const scored = held.map((h) => {
    const p = softmax(h.logits, temperature);
    let c = 0;
    for (let j = 1; j < p.length; j++) if (p[j]! > p[c]!) c = j;
    return { confidence: p[c]!, right: c === h.gold };
  });
  const reviewBelow = chooseThreshold(scored, opts.targetPrecision ?? TARGET_PRECISION);
  return { version: 1, corpusHash, notes: notes.length, temperature, reviewBelow, logreg: trainLogReg(rows, CLASSES, opts.logreg) };
}
