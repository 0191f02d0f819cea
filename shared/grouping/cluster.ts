import type { NoteFeatures } from './model';
import { isLabelWord } from './text';

/**
 * KJ法-style affinity groups inside a category: average-linkage agglomerative clustering of TF-IDF vectors
 * (character bigrams, words, lexicon concepts), merging while the similarity stays above a threshold and the
 * group stays within a size cap. Labels come from c-TF-IDF over the notes' own words.
 */
export interface ClusterOptions {
  /** Minimum average cosine similarity between two groups to merge them. */
  threshold: number;
  /** Largest group (a KJ法 island of sticky notes stays readable). */
  maxSize: number;
  /** At most this many words in a label. */
  labelWords: number;
}

export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = { threshold: 0.2, maxSize: 8, labelWords: 2 };

export interface ClusterItem {
  id: string;
  text: string;
  features: NoteFeatures;
}

export interface RawCluster {
  noteIds: string[];
  label: string;
}

/** A sparse vector: feature ids in ascending order with their weights, unit length. */
interface Vec {
  ids: Int32Array;
  w: Float64Array;
}

function tfidfVectors(items: readonly ClusterItem[], df: ReadonlyMap<string, number>, nDocs: number): Vec[] {
  const ids = new Map<string, number>();
  return items.map((it) => {
    const v = new Map<number, number>();
    const add = (f: string, w: number): void => {
      const idf = Math.log((1 + nDocs) / (1 + (df.get(f) ?? 0))) + 1;
      let id = ids.get(f);
      if (id === undefined) ids.set(f, (id = ids.size));
      v.set(id, (v.get(id) ?? 0) + w * idf);
    };
    for (const f of it.features.simFeatures) add(f, f.startsWith('w:') ? 1.5 : 1);
    for (const h of it.features.hits) add('l:' + h.canonical, 2);
    const entries = [...v].sort((a, b) => a[0] - b[0]);
    let norm = 0;
    for (const [, x] of entries) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    return { ids: Int32Array.from(entries.map((e) => e[0])), w: Float64Array.from(entries.map((e) => e[1] / norm)) };
  });
}

function cosine(a: Vec, b: Vec): number {
  let i = 0;
  let j = 0;
  let dot = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i]!;
    const y = b.ids[j]!;
    if (x === y) dot += a.w[i++]! * b.w[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return dot;
}

/** Document frequencies of similarity features over all notes of the board (shared by clustering and labels). */
export function documentFrequencies(all: readonly NoteFeatures[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const f of all) {
    const seen = new Set<string>([...f.simFeatures, ...f.hits.map((h) => 'l:' + h.canonical)]);
    for (const x of seen) df.set(x, (df.get(x) ?? 0) + 1);
  }
  return df;
}

/**
 * Groups of indices (each of size ≥ 1) by average-linkage agglomeration with a size cap.
 * Keeps each group's best admissible partner cached, so a merge costs O(n) plus the rows it invalidates.
 */
export function agglomerate(sim: Float64Array, n: number, threshold: number, maxSize: number): number[][] {
  const members: (number[] | null)[] = Array.from({ length: n }, (_, i) => [i]);
  const bestJ = new Int32Array(n).fill(-1);
  const bestS = new Float64Array(n).fill(-Infinity);
  const refresh = (i: number): void => {
    const mi = members[i]!;
    let bj = -1;
    let bs = -Infinity;
    for (let j = 0; j < n; j++) {
      const mj = members[j];
      if (j === i || !mj || mi.length + mj.length > maxSize) continue;
      const s = sim[i * n + j]!;
      if (s >= threshold && s > bs) {
        bs = s;
        bj = j;
      }
    }
    bestJ[i] = bj;
    bestS[i] = bs;
  };
  for (let i = 0; i < n; i++) refresh(i);
  for (;;) {
    let bi = -1;
    let bs = -Infinity;
    for (let i = 0; i < n; i++) if (members[i] && bestJ[i]! >= 0 && bestS[i]! > bs) {
      bs = bestS[i]!;
      bi = i;
    }
    if (bi < 0) break;
    const bj = bestJ[bi]!;
    const a = members[bi]!;
    const b = members[bj]!;
    // Lance–Williams update for average linkage.
    for (let k = 0; k < n; k++) {
      if (k === bi || k === bj || !members[k]) continue;
      const s = (a.length * sim[bi * n + k]! + b.length * sim[bj * n + k]!) / (a.length + b.length);
      sim[bi * n + k] = s;
      sim[k * n + bi] = s;
    }
    members[bi] = [...a, ...b];
    members[bj] = null;
    refresh(bi);
    for (let k = 0; k < n; k++) {
      if (!members[k] || k === bi) continue;
      if (bestJ[k] === bi || bestJ[k] === bj) refresh(k);
      else {
        const s = sim[k * n + bi]!;
        if (s >= threshold && s > bestS[k]! && members[k]!.length + members[bi]!.length <= maxSize) {
          bestJ[k] = bi;
          bestS[k] = s;
        }
      }
    }
  }
  return members.filter((m): m is number[] => m !== null);
}

/** Candidate label words of one note: matched lexicon terms and segmented words/compounds found in its own text. */
export function labelCandidates(text: string, f: NoteFeatures): Set<string> {
  const raw = text.toLowerCase();
  const out = new Set<string>();
  // Only words that stand in the note as written (a label must be the notes' own words).
  const ok = (w: string): boolean => isLabelWord(w) && raw.includes(w);
  for (const h of f.hits) if (ok(h.surface)) out.add(h.surface);
  // Segmented words that start in hiragana are mostly verb or particle fragments (かけ合う of 気にかけ合う).
  for (const w of f.words) if (!/^[\u3040-\u309f]/.test(w) && ok(w)) out.add(w);
  return out;
}

/** A short label from the cluster's own words: the terms most particular to it (c-TF-IDF), shared words first. */
export function clusterLabel(
  cluster: readonly ClusterItem[],
  termDf: ReadonlyMap<string, number>,
  nDocs: number,
  words = 2,
): string {
  const tf = new Map<string, number>();
  for (const it of cluster) for (const w of labelCandidates(it.text, it.features)) tf.set(w, (tf.get(w) ?? 0) + 1);
  const scored = [...tf]
    .map(([w, n]) => ({
      w,
      n,
      s: (n / cluster.length) * Math.log(1 + nDocs / (termDf.get(w) ?? 1)) * (1 + Math.min(Array.from(w).length, 6) / 6),
    }))
    .sort((a, b) => Number(b.n >= 2) - Number(a.n >= 2) || b.s - a.s || b.w.length - a.w.length || (a.w < b.w ? -1 : 1));
  const chosen: string[] = [];
  for (const c of scored) {
    if (chosen.length >= words) break;
    if (chosen.length > 0 && c.n < 2) break;
    if (chosen.some((x) => x.includes(c.w) || c.w.includes(x))) continue;
    chosen.push(c.w);
  }
  return chosen.join('・');
}

/** Clusters the notes of one category. Returns groups of two or more notes; the rest stay single. */
export function clusterCategory(
  items: readonly ClusterItem[],
  df: ReadonlyMap<string, number>,
  termDf: ReadonlyMap<string, number>,
  nDocs: number,
  opts: ClusterOptions = DEFAULT_CLUSTER_OPTIONS,
): RawCluster[] {
  const n = items.length;
  if (n < 2) return [];
  const vecs = tfidfVectors(items, df, nDocs);
  const sim = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = cosine(vecs[i]!, vecs[j]!);
      sim[i * n + j] = s;
      sim[j * n + i] = s;
    }
  }
  const maxSize = Math.max(2, Math.floor(opts.maxSize));
  return agglomerate(sim, n, opts.threshold, maxSize)
    .filter((g) => g.length >= 2)
    .map((g) => {
      const members = g.map((i) => items[i]!);
      return { noteIds: members.map((m) => m.id), label: clusterLabel(members, termDf, nDocs, opts.labelWords) };
    });
}
