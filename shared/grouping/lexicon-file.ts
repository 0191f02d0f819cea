import type { LocalisedLabel, Taxonomy, TaxonomyCategory } from './types';

/**
 * An organisation's lexicon file (JSON), merged into a taxonomy's seed terms:
 *
 * {
 *   "version": 1,
 *   "categories": {
 *     "consultation": { "terms": ["くらしサポート窓口"], "weakTerms": ["ケース検討"] },
 *     "community": ["茶の間", "寄り合い"],                      // shorthand: a list of terms
 *     "employment": { "label": {"ja": "就労", "en": "Employment"}, "description": "…", "terms": ["職場実習"] }
 *   },
 *   "synonyms": { "サロン": ["お茶の間", "寄り合い処"] },       // extra variants of any seed term
 *   "remove": ["イベント"]                                       // seed terms to drop
 * }
 *
 * A category id that is not in the taxonomy adds a new category when it has a label.
 */
export interface LexiconCategoryEntry {
  terms?: string[];
  weakTerms?: string[];
  label?: LocalisedLabel;
  description?: string;
}

export interface LexiconFile {
  version?: number;
  categories: Record<string, LexiconCategoryEntry>;
  synonyms?: Record<string, string[]>;
  remove?: string[];
}

export class LexiconError extends Error {}

const MAX_TERMS = 5000;
const MAX_TERM_LEN = 60;

function stringList(v: unknown, where: string): string[] {
  if (!Array.isArray(v)) throw new LexiconError(`${where}: must be an array of strings`);
  if (v.length > MAX_TERMS) throw new LexiconError(`${where}: at most ${MAX_TERMS} terms`);
  return v.map((t, i) => {
    if (typeof t !== 'string' || !t.trim()) throw new LexiconError(`${where}[${i}]: must be a non-empty string`);
    if (t.length > MAX_TERM_LEN) throw new LexiconError(`${where}[${i}]: at most ${MAX_TERM_LEN} characters`);
    return t.trim();
  });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates a parsed lexicon file; throws LexiconError naming the bad field. */
export function parseLexiconFile(raw: unknown): LexiconFile {
  if (!isObject(raw)) throw new LexiconError('lexicon: must be a JSON object');
  if (raw.version !== undefined && raw.version !== 1) throw new LexiconError('lexicon.version: only version 1 is known');
  if (!isObject(raw.categories)) throw new LexiconError('lexicon.categories: must be an object of category id → terms');
  const categories: Record<string, LexiconCategoryEntry> = {};
  for (const [id, v] of Object.entries(raw.categories)) {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw new LexiconError(`lexicon.categories: bad category id "${id.slice(0, 70)}"`);
    const where = `lexicon.categories.${id}`;
    if (Array.isArray(v)) {
      categories[id] = { terms: stringList(v, where) };
      continue;
    }
    if (!isObject(v)) throw new LexiconError(`${where}: must be an array of terms or an object`);
    const e: LexiconCategoryEntry = {};
    if (v.terms !== undefined) e.terms = stringList(v.terms, `${where}.terms`);
    if (v.weakTerms !== undefined) e.weakTerms = stringList(v.weakTerms, `${where}.weakTerms`);
    if (v.label !== undefined) {
      const l = v.label;
      if (!isObject(l) || typeof l.ja !== 'string' || typeof l.en !== 'string') {
        throw new LexiconError(`${where}.label: must be {"ja": string, "en": string}`);
      }
      e.label = { ja: l.ja.slice(0, 80), en: l.en.slice(0, 80) };
    }
    if (v.description !== undefined) {
      if (typeof v.description !== 'string') throw new LexiconError(`${where}.description: must be a string`);
      e.description = v.description.slice(0, 500);
    }
    categories[id] = e;
  }
  const out: LexiconFile = { version: 1, categories };
  if (raw.synonyms !== undefined) {
    if (!isObject(raw.synonyms)) throw new LexiconError('lexicon.synonyms: must be an object of term → synonyms');
    out.synonyms = {};
    for (const [k, v] of Object.entries(raw.synonyms)) out.synonyms[k] = stringList(v, `lexicon.synonyms.${k}`);
  }
  if (raw.remove !== undefined) out.remove = stringList(raw.remove, 'lexicon.remove');
  return out;
}

/** A new taxonomy with the lexicon's terms merged in (the input is not changed). */
export function mergeLexicon(taxonomy: Taxonomy, lexicon: LexiconFile): Taxonomy {
  const remove = new Set((lexicon.remove ?? []).map((t) => t.normalize('NFKC').toLowerCase()));
  const keep = (t: string): boolean => !remove.has(t.normalize('NFKC').toLowerCase());
  const categories: TaxonomyCategory[] = taxonomy.categories.map((c) => ({
    ...c,
    seedTerms: c.seedTerms.filter(keep),
    weakTerms: (c.weakTerms ?? []).filter(keep),
  }));
  for (const [id, e] of Object.entries(lexicon.categories)) {
    let cat = categories.find((c) => c.id === id);
    if (!cat) {
      if (!e.label) {
        throw new LexiconError(
          `lexicon.categories.${id}: not a category of this taxonomy (${categories.map((c) => c.id).join(', ')}); give a label to add it`,
        );
      }
      cat = { id, label: e.label, description: e.description ?? '', seedTerms: [], weakTerms: [] };
      categories.push(cat);
    }
    if (e.label) cat.label = e.label;
    if (e.description) cat.description = e.description;
    cat.seedTerms = [...new Set([...cat.seedTerms, ...(e.terms ?? [])])];
    cat.weakTerms = [...new Set([...(cat.weakTerms ?? []), ...(e.weakTerms ?? [])])];
  }
  const synonyms = { ...(taxonomy.synonyms ?? {}) };
  for (const [k, v] of Object.entries(lexicon.synonyms ?? {})) synonyms[k] = [...new Set([...(synonyms[k] ?? []), ...v])];
  return { ...taxonomy, categories, synonyms };
}
