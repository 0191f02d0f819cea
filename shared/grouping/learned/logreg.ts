/**
 * Multinomial logistic regression with L2 over sparse features, fitted by full-batch Adam (the loss is convex, so
 * the result does not depend on the order of the notes). Each note's vector is scaled to unit length, so a long
 * note does not outvote a short one.
 */
export interface LogRegOptions {
  l2: number;
  iterations: number;
  learningRate: number;
  /** Features seen in fewer training notes than this are dropped. */
  minCount: number;
}

export const DEFAULT_LOGREG: LogRegOptions = { l2: 1e-4, iterations: 150, learningRate: 0.1, minCount: 2 };

export interface LogRegWeights {
  classes: string[];
  features: string[];
  /** weights[featureIndex * classes.length + classIndex] */
  weights: number[];
  bias: number[];
}

export interface TrainingRow {
  features: readonly string[];
  category: string;
  weight?: number;
}

interface Sparse {
  idx: Int32Array;
  val: Float64Array;
}

/** Character n-grams, words and lexicon concepts are scaled apart, so the many n-grams do not drown the few words. */
const groupOf = (f: string): number => (f.startsWith('c:') ? 0 : f.startsWith('l:') || f.startsWith('k:') || f.startsWith('v:') ? 2 : 1);

function encode(features: readonly string[], index: ReadonlyMap<string, number>): Sparse {
  const idx: number[] = [];
  const grp: number[] = [];
  const count = [0, 0, 0];
  for (const f of features) {
    const i = index.get(f);
    if (i === undefined) continue;
    idx.push(i);
    const g = groupOf(f);
    grp.push(g);
    count[g]!++;
  }
  return { idx: Int32Array.from(idx), val: Float64Array.from(grp, (g) => 1 / Math.sqrt(count[g]!)) };
}

/** Features are already distinct when they come from the featurizer; a Set only when they are not. */
function unique(features: readonly string[]): readonly string[] {
  return new Set(features).size === features.length ? features : [...new Set(features)];
}

export function trainLogReg(rows: readonly TrainingRow[], classes: readonly string[], opts: Partial<LogRegOptions> = {}): LogRegWeights {
  const o = { ...DEFAULT_LOGREG, ...opts };
  const C = classes.length;
  const df = new Map<string, number>();
  for (const r of rows) for (const f of new Set(r.features)) df.set(f, (df.get(f) ?? 0) + 1);
  const features = [...df].filter(([, n]) => n >= o.minCount).map(([f]) => f).sort();
  const index = new Map(features.map((f, i) => [f, i]));
  const X = rows.map((r) => encode([...new Set(r.features)], index));
  const y = rows.map((r) => classes.indexOf(r.category));
  const sw = rows.map((r) => r.weight ?? 1);
  const W = new Float64Array(features.length * C);
  const b = new Float64Array(C);
  const m = new Float64Array(W.length + C);
  const v = new Float64Array(W.length + C);
  const g = new Float64Array(W.length + C);
  const totalW = sw.reduce((s, x) => s + x, 0);
  const p = new Float64Array(C);
  const b1 = 0.9;
  const b2 = 0.999;
  for (let t = 1; t <= o.iterations; t++) {
    g.fill(0);
    for (let n = 0; n < X.length; n++) {
      if (y[n]! < 0) continue;
      const { idx, val } = X[n]!;
      for (let c = 0; c < C; c++) p[c] = b[c]!;
      for (let j = 0; j < idx.length; j++) for (let c = 0; c < C; c++) p[c]! += W[idx[j]! * C + c]! * val[j]!;
      let max = -Infinity;
      for (let c = 0; c < C; c++) max = Math.max(max, p[c]!);
      let z = 0;
      for (let c = 0; c < C; c++) z += p[c] = Math.exp(p[c]! - max);
      const s = sw[n]! / totalW;
      for (let c = 0; c < C; c++) {
        const d = (p[c]! / z - (c === y[n] ? 1 : 0)) * s;
        g[W.length + c]! += d;
        for (let j = 0; j < idx.length; j++) g[idx[j]! * C + c]! += d * val[j]!;
      }
    }
    for (let i = 0; i < W.length; i++) g[i]! += o.l2 * W[i]!;
    const lr = (o.learningRate * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t);
    for (let i = 0; i < g.length; i++) {
      m[i] = b1 * m[i]! + (1 - b1) * g[i]!;
      v[i] = b2 * v[i]! + (1 - b2) * g[i]! * g[i]!;
      const step = (lr * m[i]!) / (Math.sqrt(v[i]!) + 1e-8);
      if (i < W.length) W[i]! -= step;
      else b[i - W.length]! -= step;
    }
  }
  return { classes: [...classes], features, weights: Array.from(W), bias: Array.from(b) };
}

/** A fitted model ready to score notes. */
export class LogReg {
  private readonly index: Map<string, number>;
  constructor(readonly w: LogRegWeights) {
    this.index = new Map(w.features.map((f, i) => [f, i]));
  }

  /** Raw class scores (logits) for a note's features. */
  logits(features: readonly string[]): number[] {
    const C = this.w.classes.length;
    const { idx, val } = encode(unique(features), this.index);
    const out = [...this.w.bias];
    for (let j = 0; j < idx.length; j++) for (let c = 0; c < C; c++) out[c]! += this.w.weights[idx[j]! * C + c]! * val[j]!;
    return out;
  }

  /** How much each known feature pushes class `c` above the other classes' mean. */
  contributions(features: readonly string[], c: number): Map<string, number> {
    const C = this.w.classes.length;
    const uniq = unique(features).filter((f) => this.index.has(f));
    const { val } = encode(uniq, this.index);
    const out = new Map<string, number>();
    for (const [j, f] of uniq.entries()) {
      const i = this.index.get(f)!;
      let others = 0;
      for (let k = 0; k < C; k++) if (k !== c) others += this.w.weights[i * C + k]!;
      out.set(f, (this.w.weights[i * C + c]! - others / (C - 1)) * val[j]!);
    }
    return out;
  }

  known(features: readonly string[]): number {
    let n = 0;
    for (const f of new Set(features)) if (this.index.has(f)) n++;
    return n;
  }
}

export function softmax(logits: readonly number[], temperature = 1): number[] {
  const s = logits.map((x) => x / temperature);
  const max = Math.max(...s);
  const e = s.map((x) => Math.exp(x - max));
  const z = e.reduce((a, x) => a + x, 0);
  return e.map((x) => x / z);
}
