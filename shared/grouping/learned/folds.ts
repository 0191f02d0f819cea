/** Folds grouped by source, so a note is never scored by a model that saw any note of its source. */

function hash(s: string, seed: number): number {
  let h = 2166136261 ^ seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * Fold per item: sources in a seeded order, each whole source dealt to the fold with fewest notes so far.
 * Largest sources are placed first so the folds stay balanced.
 */
export function sourceFolds(sources: readonly string[], k: number, seed = 1): number[] {
  const size = new Map<string, number>();
  for (const s of sources) size.set(s, (size.get(s) ?? 0) + 1);
  const order = [...size.keys()].sort((a, b) => size.get(b)! - size.get(a)! || hash(a, seed) - hash(b, seed));
  const load = new Array<number>(k).fill(0);
  const foldOf = new Map<string, number>();
  for (const s of order) {
    let best = 0;
    for (let f = 1; f < k; f++) if (load[f]! < load[best]!) best = f;
    foldOf.set(s, best);
    load[best]! += size.get(s)!;
  }
  return sources.map((s) => foldOf.get(s)!);
}
