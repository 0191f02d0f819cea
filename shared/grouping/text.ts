/**
 * Text handling for grouping: normalisation, word segmentation (Intl.Segmenter, 'ja' word granularity),
 * character bigrams and a light English stemmer. Pure functions; run in Node 20+ and browsers.
 */

/** Notes longer than this are cut before analysis: a sticky note is short, and this bounds the work. */
export const MAX_ANALYSED_CHARS = 1000;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Markup is treated as text to read, never as something to run: tags are dropped, a few entities decoded. */
export function stripMarkup(text: string): string {
  return text
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]{0,500}>/g, ' ')
    .replace(/&(amp|lt|gt|quot|apos|nbsp);/g, (_m, e: string) => ENTITIES[e] ?? ' ');
}

/** NFKC (full-width digits and letters become ASCII, half-width kana become full-width), lower case, single spaces. */
export function normalize(text: string): string {
  const s = typeof text === 'string' ? text : '';
  return stripMarkup(s.slice(0, MAX_ANALYSED_CHARS * 2))
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\u3000]+/g, ' ')
    .trim()
    .slice(0, MAX_ANALYSED_CHARS);
}

type SegmenterLike = { segment(input: string): Iterable<{ segment: string; isWordLike?: boolean }> };
let segmenter: SegmenterLike | null | undefined;

function getSegmenter(): SegmenterLike | null {
  if (segmenter === undefined) {
    try {
      segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('ja', { granularity: 'word' }) : null;
    } catch {
      segmenter = null;
    }
  }
  return segmenter;
}

const CONTENT_RE = /[\p{L}\p{N}]/u;
const HIRAGANA_ONLY_RE = /^[\u3040-\u309f\u30fc]+$/;
const KANJI_KATA_RE = /^[\u4e00-\u9fff\u3400-\u4dbf\u30a0-\u30ff\u3005\u30fc]+$/;

/**
 * Word tokens by Intl.Segmenter (ICU's dictionary segmentation for Japanese, spaces for English).
 * Falls back to splitting on script changes where Intl.Segmenter is missing.
 */
export function words(normalized: string): string[] {
  const seg = getSegmenter();
  const out: string[] = [];
  if (seg) {
    for (const s of seg.segment(normalized)) if (s.isWordLike && CONTENT_RE.test(s.segment)) out.push(s.segment);
    return out;
  }
  const re = /[\u4e00-\u9fff\u3005]+|[\u30a0-\u30ff\u30fc]+|[\u3040-\u309f]+|[a-z0-9]+/g;
  for (const m of normalized.matchAll(re)) out.push(m[0]);
  return out;
}

/** Word tokens plus compounds of adjacent kanji/katakana tokens (重層|的|支援 → 支援体制…), for features and labels. */
export function wordsWithCompounds(normalized: string): string[] {
  const ws = words(normalized);
  const out = [...ws];
  for (let i = 0; i < ws.length; i++) {
    let comp = ws[i]!;
    if (!KANJI_KATA_RE.test(comp)) continue;
    for (let j = i + 1; j < Math.min(ws.length, i + 3); j++) {
      const next = ws[j]!;
      if (!KANJI_KATA_RE.test(next)) break;
      comp += next;
      if (comp.length > 8) break;
      out.push(comp);
    }
  }
  return out;
}

/** Character bigrams of the runs of letters and digits (punctuation and spaces break runs). */
export function charBigrams(normalized: string): string[] {
  const out: string[] = [];
  for (const m of normalized.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    const run = m[0];
    if (/^[a-z0-9]+$/.test(run)) continue; // Latin words are handled as stemmed words
    const chars = Array.from(run);
    if (chars.length === 1) out.push(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  }
  return out;
}

/** A light English stemmer: enough to match volunteers/volunteer, neighbours/neighbour, helping/help. */
export function stem(word: string): string {
  let w = word.toLowerCase().replace(/'s$/, '');
  if (w.length > 4 && w.endsWith('ies')) w = w.slice(0, -3) + 'y';
  else if (w.length > 4 && w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  return w;
}

/** Latin-script tokens (and digits, e.g. 8050) of a normalised text, stemmed. */
export function latinTokens(normalized: string): string[] {
  const out: string[] = [];
  for (const m of normalized.matchAll(/[a-z0-9\u00c0-\u024f]+(?:[-'][a-z0-9\u00c0-\u024f]+)*/g)) out.push(stem(m[0]));
  return out;
}

export const isLatinTerm = (term: string): boolean => /^[\x20-\x7e\u00c0-\u024f]+$/.test(term);

/** Stemmed form of an English (or ASCII) term, words joined by single spaces. */
export const latinKey = (term: string): string => latinTokens(normalize(term)).join(' ');

/** Words that make poor labels or features on their own. */
const STOP = new Set(
  (
    'こと もの ため よう これ それ あれ どう どの ところ 必要 大切 大事 今後 自分 たくさん 出来 できる する した して ない ある いる なる ' +
    'いう 思う 思い 思います 感じ 感じた わから わからない わかる 考え 方 的 性 者 等 など もっと とても より また まだ 今 現在 ' +
    'the a an and or of to in on for with is are be was were it this that these those we i you they he she at by as from not no ' +
    'can could should would do does did have has had our their my your more most very so but if how what which who'
  ).split(' '),
);

/** A token worth keeping as a feature or label word. */
export function isContentWord(w: string): boolean {
  const len = w.length; // UTF-16 units: fine here, the notes' words are in the BMP
  if (len === 0 || STOP.has(w)) return false;
  if (len < 2) return /^[\u4e00-\u9fff]$/.test(w);
  if (len < 3 && HIRAGANA_ONLY_RE.test(w)) return false;
  return CONTENT_RE.test(w);
}

/** Label candidates: content words and compounds; single kanji are too vague for a label. */
export function isLabelWord(w: string): boolean {
  if (!isContentWord(w) || Array.from(w).length < 2 || /^\d+$/.test(w)) return false;
  if (HIRAGANA_ONLY_RE.test(w) && Array.from(w).length < 4) return false;
  // "一人を", "住民の": a word with a trailing particle reads badly as a label.
  return !/[\u4e00-\u9fff\u30a0-\u30ff][をのがにではとへも]$/.test(w);
}
