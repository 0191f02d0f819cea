import builtinSynonyms from './data/synonyms.json';
import type { Taxonomy } from './types';
import { isLatinTerm, latinKey, normalize } from './text';

/** Relative weights of the kinds of lexicon evidence. */
export const TERM_WEIGHT = { seed: 1, weak: 0.35, synonymFactor: 0.8 } as const;

interface Entry {
  /** Normalised term as matched (Japanese) or stemmed key (Latin). */
  term: string;
  /** The seed term it stands for (itself, or the seed a synonym came from). */
  canonical: string;
  weights: Map<string, number>;
}

export interface LexiconHit {
  /** The matched words as they stand in the (normalised) note. */
  surface: string;
  canonical: string;
  weights: ReadonlyMap<string, number>;
}

export interface CompiledLexicon {
  match(normalized: string): LexiconHit[];
  /** Per category: sum of weights of distinct matched terms, and the hits that count for it (strongest first). */
  score(hits: readonly LexiconHit[]): Map<string, { score: number; hits: LexiconHit[] }>;
  size: number;
}

const BUILTIN: Record<string, string[]> = (builtinSynonyms as { synonyms: Record<string, string[]> }).synonyms;

function add(map: Map<string, Entry>, term: string, canonical: string, category: string, weight: number): void {
  if (!term) return;
  let e = map.get(term);
  if (!e) {
    e = { term, canonical, weights: new Map() };
    map.set(term, e);
  }
  // A term listed directly beats the same string reached as a synonym.
  if ((e.weights.get(category) ?? 0) < weight) {
    e.weights.set(category, weight);
    if (e.canonical !== term && canonical === term) e.canonical = term;
  }
}

/** Compiles a taxonomy's seed and weak terms, expanded with synonyms, into a longest-match matcher. */
export function compileLexicon(taxonomy: Taxonomy): CompiledLexicon {
  const ja = new Map<string, Entry>();
  const latin = new Map<string, Entry>();
  const extra = taxonomy.synonyms ?? {};
  const synonymsOf = (t: string): string[] => [...(BUILTIN[t] ?? []), ...(extra[t] ?? []).map(normalize)];
  for (const cat of taxonomy.categories) {
    const lists: [string[], number][] = [
      [cat.seedTerms, TERM_WEIGHT.seed],
      [cat.weakTerms ?? [], TERM_WEIGHT.weak],
    ];
    for (const [terms, weight] of lists) {
      for (const raw of terms) {
        const t = normalize(raw);
        if (!t) continue;
        if (isLatinTerm(t)) {
          add(latin, latinKey(t), t, cat.id, weight);
          continue;
        }
        add(ja, t, t, cat.id, weight);
        for (const s of synonymsOf(t)) {
          if (isLatinTerm(s)) add(latin, latinKey(s), t, cat.id, weight * TERM_WEIGHT.synonymFactor);
          else add(ja, s, t, cat.id, weight * TERM_WEIGHT.synonymFactor);
        }
      }
    }
  }
  // Japanese: index by first character, longest first.
  const byFirst = new Map<string, Entry[]>();
  for (const e of ja.values()) {
    const first = e.term[0]!;
    const list = byFirst.get(first) ?? [];
    list.push(e);
    byFirst.set(first, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.term.length - a.term.length);
  let maxLatinWords = 1;
  for (const k of latin.keys()) maxLatinWords = Math.max(maxLatinWords, k.split(' ').length);

  function match(normalized: string): LexiconHit[] {
    const hits: LexiconHit[] = [];
    // Japanese and other non-Latin terms: greedy longest match, left to right, no overlaps.
    let i = 0;
    while (i < normalized.length) {
      const list = byFirst.get(normalized[i]!);
      let matched: Entry | undefined;
      if (list) for (const e of list) if (normalized.startsWith(e.term, i)) { matched = e; break; }
      if (matched) {
        hits.push({ surface: matched.term, canonical: matched.canonical, weights: matched.weights });
        i += matched.term.length;
      } else i++;
    }
    // Latin-script terms: stemmed word sequences, longest first.
    const toks: { stem: string; surface: string }[] = [];
    for (const m of normalized.matchAll(/[a-z0-9\u00c0-\u024f]+(?:[-'][a-z0-9\u00c0-\u024f]+)*/g)) {
      toks.push({ stem: latinKey(m[0]), surface: m[0] });
    }
    let j = 0;
    while (j < toks.length) {
      let took = 0;
      for (let n = Math.min(maxLatinWords, toks.length - j); n >= 1; n--) {
        const key = toks.slice(j, j + n).map((t) => t.stem).join(' ');
        const e = latin.get(key);
        if (e) {
          hits.push({ surface: toks.slice(j, j + n).map((t) => t.surface).join(' '), canonical: e.canonical, weights: e.weights });
          took = n;
          break;
        }
      }
      j += took || 1;
    }
    return hits;
  }

  function score(hits: readonly LexiconHit[]): Map<string, { score: number; hits: LexiconHit[] }> {
    const out = new Map<string, { score: number; hits: LexiconHit[] }>();
    const seen = new Set<string>();
    for (const h of hits) {
      for (const [cat, w] of h.weights) {
        const key = `${cat}\u0000${h.canonical}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const s = out.get(cat) ?? { score: 0, hits: [] };
        s.score += w;
        s.hits.push(h);
        out.set(cat, s);
      }
    }
    for (const [cat, s] of out) s.hits.sort((a, b) => (b.weights.get(cat) ?? 0) - (a.weights.get(cat) ?? 0));
    return out;
  }

  return { match, score, size: ja.size + latin.size };
}
