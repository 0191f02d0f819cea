import { compileLexicon, type CompiledLexicon } from '../lexicon';
import { createModel, type Model, type NoteFeatures } from '../model';
import type { Taxonomy } from '../types';
import { DEFAULT_TAXONOMY } from '../taxonomy';
import { normalize } from '../text';
import type { Analyse, Morpheme } from './types';

/**
 * Features of one note for the learned classifier, each tied to the words of the note it came from (for reasons):
 * - `c:` character 2- and 3-grams of the normalised text (robust to spelling and unknown words),
 * - `w:` base forms of content words and noun compounds (whole words: ワークショップ is not ショップ),
 * - `h:` the head of the note: the last content words of its last sentence, where Japanese puts what it is about,
 * - `n:` content words under a negation (「もう必要ない」), and the flags NEG / NOLONGER,
 * - `l:` hand-lexicon concepts matched on whole words, and `k:` the lexicon's category for each,
 * - `v:` the hand lexicon's own verdict (category and how sure), one piece of evidence among the others.
 */
export interface NoteFeatureSet {
  features: string[];
  /** For each feature, the words of the note it came from. */
  origin: Map<string, string[]>;
  /** Content words in the note's own spelling, in order. */
  words: string[];
  /** Spellings of words too light to explain an answer (する, ある, 人 …). */
  light: Set<string>;
}

const CONTENT_POS = new Set(['名詞', '動詞', '形容詞', '副詞']);
const SKIP_NOUN = new Set(['非自立', '数', '代名詞', '接尾', '副詞可能']);
/** Words that carry the sentence but say nothing of its topic; the head is sought before them. */
const LIGHT = new Set(
  'する ある いる なる 思う 考える 感じる できる 出来る 分かる わかる 知る 必要 大切 大事 重要 ない 欲しい ほしい 良い いい よい こと もの ため よう 方 人 さ 的 いく くる 行う 今後 今回 自分 私 みんな 皆 たい 等 など 様 さん 今 時 場合 もう 行く 来る みる 見る 言う'.split(
    ' ',
  ),
);
/** Longest lexicon term looked for from one word boundary, in UTF-16 units. */
const MAX_TERM = 16;
const NEGATORS = new Set(['ない', 'ぬ', 'ず', 'ん', '無い', 'いらない', '要らない']);

function isContent(m: Morpheme): boolean {
  if (!CONTENT_POS.has(m.pos)) return false;
  if (m.pos === '名詞' && SKIP_NOUN.has(m.pos1)) return false;
  if (m.pos === '動詞' && m.pos1 !== '自立') return false;
  if (m.pos === '形容詞' && m.pos1 !== '自立') return false;
  return !/^[\p{P}\p{S}0-9]+$/u.test(m.surface);
}

const isBoundary = (m: Morpheme): boolean => m.pos === '記号' || (m.pos === '助詞' && m.pos1 === '接続助詞');
const isNegator = (m: Morpheme): boolean =>
  (m.pos === '助動詞' && NEGATORS.has(m.base)) || (m.pos === '形容詞' && (m.base === 'ない' || m.base === '無い')) || m.base === '不要';

interface Word {
  surface: string;
  base: string;
  negated: boolean;
  sentence: number;
  /** Character span in the normalised text. */
  start: number;
  end: number;
}

/** Content words, consecutive nouns joined into one compound as well (地域包括支援センター). */
function contentWords(ms: readonly Morpheme[]): { words: Word[]; compounds: Word[]; negation: boolean; noLonger: boolean } {
  const words: Word[] = [];
  const compounds: Word[] = [];
  let pos = 0;
  let sentence = 0;
  let clause: Word[] = [];
  let negation = false;
  let noLonger = false;
  let sawMou = false;
  let run: Word[] = [];
  const flushRun = (): void => {
    if (run.length > 1)
      compounds.push({
        surface: run.map((w) => w.surface).join(''),
        base: run.map((w) => w.surface).join(''),
        negated: false,
        sentence: run[0]!.sentence,
        start: run[0]!.start,
        end: run[run.length - 1]!.end,
      });
    run = [];
  };
  for (const m of ms) {
    const start = pos;
    pos += m.surface.length;
    if (isBoundary(m)) {
      flushRun();
      clause = [];
      if (m.pos === '記号' && /[。!?！？\n]/.test(m.surface)) {
        sentence++;
        sawMou = false;
      }
      continue;
    }
    if (m.base === 'もう' || m.base === 'これ以上') sawMou = true;
    if (isNegator(m)) {
      // 「分からない」「できない」 negate nothing the note is about; 「活動は必要ない」 does.
      const topical = clause.filter((w) => !LIGHT.has(w.base));
      if (topical.length) {
        negation = true;
        if (sawMou) noLonger = true;
        for (const w of topical) w.negated = true;
      }
    }
    if (isContent(m)) {
      const w: Word = { surface: m.surface, base: m.base, negated: false, sentence, start, end: pos };
      words.push(w);
      clause.push(w);
      if (m.pos === '名詞') run.push(w);
      else flushRun();
    } else if (!(m.pos === '名詞' && m.pos1 === '接尾')) flushRun();
    else if (run.length) {
      // A suffix (〜者, 〜化, 〜づくり) extends the compound it follows.
      run.push({ surface: m.surface, base: m.surface, negated: false, sentence, start, end: pos });
    }
  }
  flushRun();
  return { words, compounds, negation, noLonger };
}

/** What the hand lexicon alone says (substring matches, weighted terms), binned, for the model to weigh. */
function lexiconVerdict(model: Model, text: string, add: (f: string, from?: string) => void, base?: NoteFeatures): void {
  const r = model.classify(text, base);
  const p = r.probabilities[r.category] ?? 0;
  const bin = p >= 0.75 ? 'hi' : p >= 0.5 ? 'mid' : 'lo';
  // The hand model writes a synonym's reason as "surface (≈seed)"; the note's own word is the surface.
  const word = r.reasons[0]?.split(' (≈')[0];
  add(`v:${r.category}`, word);
  add(`v:${r.category}:${bin}`, word);
}

/** `base` is the same text's features for the hand model, when the caller has them already (clustering does). */
export interface Featurizer {
  (text: string, base?: NoteFeatures): NoteFeatureSet;
}

/** Builds the feature function around an analyser and the hand lexicon. */
export function createFeaturizer(analyse: Analyse, lexicon: CompiledLexicon = compileLexicon(DEFAULT_TAXONOMY), taxonomy: Taxonomy = DEFAULT_TAXONOMY): Featurizer {
  const handModel = createModel({ taxonomy, training: 'none' });
  return (text: string, base?: NoteFeatures): NoteFeatureSet => {
    const norm = normalize(text);
    const origin = new Map<string, string[]>();
    const add = (f: string, from?: string): void => {
      const o = origin.get(f);
      if (!o) origin.set(f, from ? [from] : []);
      else if (from && !o.includes(from)) o.push(from);
    };
    const light = new Set<string>();
    if (!norm) return { features: [], origin, words: [], light };
    const ms = analyse(norm);
    const { words, compounds, negation, noLonger } = contentWords(ms);
    const spans = [...compounds, ...words];
    const wordAt = (s: number, e: number): string | undefined => spans.find((w) => w.start <= s && e <= w.end)?.surface;

    // Character n-grams over the text without spaces and punctuation, attributed to the word they lie in.
    const chars = Array.from(norm);
    const keep = chars.map((c) => !/[\s\p{P}\p{S}]/u.test(c));
    let offset = 0;
    const at: number[] = chars.map((c) => {
      const o = offset;
      offset += c.length;
      return o;
    });
    for (const n of [2, 3]) {
      for (let i = 0; i + n <= chars.length; i++) {
        let ok = true;
        for (let j = i; j < i + n; j++) if (!keep[j]) ok = false;
        if (!ok) continue;
        const g = chars.slice(i, i + n).join('');
        add('c:' + g, wordAt(at[i]!, at[i + n - 1]! + chars[i + n - 1]!.length));
      }
    }
    for (const w of words) {
      if (LIGHT.has(w.base) || /^[\p{Script=Hiragana}]{1,2}$/u.test(w.surface)) light.add(w.surface);
      add('w:' + w.base, w.surface);
      if (w.negated) add('n:' + w.base, w.surface);
    }
    for (const c of compounds) add('w:' + c.base, c.surface);
    // Head: the last two topic-bearing words of the last sentence that has any.
    const topical = words.filter((w) => !LIGHT.has(w.base) && !w.negated);
    if (topical.length) {
      const lastSentence = topical[topical.length - 1]!.sentence;
      const inLast = topical.filter((w) => w.sentence === lastSentence);
      for (const w of inLast.slice(-2)) add('h:' + w.base, w.surface);
      const headCompound = compounds.filter((c) => c.sentence === lastSentence).pop();
      if (headCompound && headCompound.end >= inLast[inLast.length - 1]!.end) add('h:' + headCompound.base, headCompound.surface);
    }
    if (negation) add('NEG');
    if (noLonger) add('NOLONGER');
    // Lexicon concepts, kept only when the match starts and ends on word boundaries.
    const bounds = new Set<number>([0]);
    let p = 0;
    for (const m of ms) bounds.add((p += m.surface.length));
    for (const s of bounds) {
      // Terms are short: a window from this boundary is enough, and keeps the scan linear in the note.
      const hit = lexicon.match(norm.slice(s, s + MAX_TERM))[0];
      if (!hit || !norm.startsWith(hit.surface, s) || !bounds.has(s + hit.surface.length)) continue;
      add('l:' + hit.canonical, hit.surface);
      for (const cat of hit.weights.keys()) add('k:' + cat, hit.surface);
    }
    lexiconVerdict(handModel, text, add, base);
    return { features: [...origin.keys()], origin, words: words.map((w) => w.surface), light };
  };
}
