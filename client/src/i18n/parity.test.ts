import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import i18n from './index';
// Every bundle the screens add on top of the shared files, so the check covers what the app really shows.
import '../facilitator/strings';
import '../grouping/strings';
import '../facilitator/auditStrings';
import '../moderation/strings';
import '../facilitator/importStrings';
import '../actions/strings';
import '../readiness/strings';
import '../reactions/strings';
import '../private/strings';
import '../ui/routeStrings';
import '../series/strings';
import { addExportTexts } from '../export/i18n';

addExportTexts();

type Tree = { [key: string]: unknown };
const bundle = (lng: 'ja' | 'en') => i18n.getResourceBundle(lng, 'translation') as Tree;

/** Every leaf of a nested bundle as `a.b.c` → text (array items as `a.0`). */
function leaves(tree: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof tree === 'string') return out.set(prefix, tree);
  if (tree && typeof tree === 'object') {
    for (const [k, v] of Object.entries(tree)) for (const [key, text] of leaves(v, prefix ? `${prefix}.${k}` : k)) out.set(key, text);
  }
  return out;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
/** The plural forms i18next picks from in a language (Japanese: only `other`). */
const pluralForms = (lng: string) => new Intl.PluralRules(lng).resolvedOptions().pluralCategories as string[];

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([^}\s,]+)[^}]*\}\}/g)].map((m) => m[1]).sort();

/** The literal keys the client asks for: t('a.b') and i18n.t('a.b'); keys built at run time are left to the screens' tests. */
function keysInSource(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      for (const [k, where] of keysInSource(path)) found.set(k, where);
    } else if (/\.tsx?$/.test(entry.name) && !/\.(test|bench)\.tsx?$/.test(entry.name)) {
      for (const m of readFileSync(path, 'utf8').matchAll(/\bt\(\s*['"]([A-Za-z][\w.]*)['"]/g)) found.set(m[1]!, path);
    }
  }
  return found;
}

describe('Japanese and English say the same things', () => {
  const ja = leaves(bundle('ja'));
  const en = leaves(bundle('en'));

  it('has every Japanese text in English and every English text in Japanese', () => {
    expect(ja.size).toBeGreaterThan(100);
    expect([...ja.keys()].filter((k) => !en.has(k)), 'missing in en').toEqual([]);
    expect([...en.keys()].filter((k) => !ja.has(k)), 'missing in ja').toEqual([]);
  });

  it('fills the same {{placeholders}} in both languages', () => {
    const differ = [...ja].filter(([k, text]) => en.has(k) && placeholders(text).join() !== placeholders(en.get(k)!).join());
    expect(differ.map(([k, text]) => `${k}: ja ${text} | en ${en.get(k)}`)).toEqual([]);
  });

  it('has every plural form each language picks from, and no form it never shows', () => {
    for (const [lng, texts] of [['ja', ja], ['en', en]] as const) {
      const forms = pluralForms(lng);
      const plurals = new Set([...texts.keys()].filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, '')));
      const missing = [...plurals].flatMap((base) => forms.filter((f) => !texts.has(`${base}_${f}`)).map((f) => `${base}_${f}`));
      expect(missing, `${lng}: plural forms missing`).toEqual([]);
      // A form the language never picks (Japanese `_one`) exists only because both files share one shape:
      // it must say what `_other` says, or it is a text nobody ever sees.
      const unseen = [...texts].filter(([k, text]) => PLURAL.test(k) && !forms.includes(k.match(PLURAL)![1]!) && text !== texts.get(k.replace(PLURAL, '_other')));
      expect(unseen.map(([k, text]) => `${lng} ${k}: ${text}`), `${lng}: plural forms never shown`).toEqual([]);
    }
  });

  it('has no empty text', () => {
    expect([...ja, ...en].filter(([, text]) => text.trim() === '').map(([k]) => k)).toEqual([]);
  });

  it('has a text in both languages for every key the screens ask for', () => {
    const used = keysInSource(resolve(import.meta.dirname, '..'));
    expect(used.size).toBeGreaterThan(100);
    // A key asked for with { count } is found under its plural forms.
    const has = (texts: Map<string, string>, key: string) => texts.has(key) || texts.has(`${key}_other`) || [...texts.keys()].some((k) => k.startsWith(`${key}.`));
    const missing = [...used].filter(([k]) => !has(ja, k) || !has(en, k)).map(([k, where]) => `${k} (${where})`);
    expect(missing).toEqual([]);
  });
});
