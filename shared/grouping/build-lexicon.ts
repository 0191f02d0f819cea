/**
 * Build step: precompiles the small part of the Sudachi synonym dictionary (sudachi-synonyms-dictionary, Apache-2.0)
 * that concerns the seed terms, plus the labelled dev notes as training data, into committed JSON files:
 *
 *   shared/grouping/data/synonyms.json   seed term → synonyms
 *   shared/grouping/data/training.json   [{text, category}] from shared/grouping/fixtures/dev-notes.jsonl
 *
 * Run: npx tsx shared/grouping/build-lexicon.ts [--extra org-lexicon.json]
 * (--extra also expands an organisation's own terms; the default build needs no arguments.)
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_TAXONOMY } from './taxonomy';
import { isLatinTerm, normalize } from './text';
import { parseLexiconFile } from './lexicon-file';

interface SudachiItem {
  expandControl: number;
  vocabularyNumber?: number;
  hyoukiYure: string;
  midashi: string;
  bunya: string[];
}
interface SudachiGroup {
  id: string;
  items: SudachiItem[];
}

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Synonyms that drift from the welfare meaning of a seed (e.g. 役割 → 使命, 支援 → 後援) or are too common to
 * say anything (e.g. 家). Checked by reading the generated file.
 */
const BLOCK = new Set([
  '使命', '重要課題', '重要任務', '任務', 'ミッション', '役柄', 'ロール', '務め', '業務', '生業', '職', '家', 'いえ', 'ハウス',
  '所在', '暮らし', '暮し', '居住', '雇う', '採用', '勤める', 'つとめる', '介錯', '看病', '看護', '介添え', '介抱',
  'エリア', 'ゾーン', 'リージョン', '区域', '後援', '後押し', '応援', '力添え', '扶持', '扶助', '援助', 'サポ',
  '集合', '集会', '会合', '会', '催し', '催し物', '催事', '見張り', '監視', '案内', 'インフォメーション',
  '喫茶', '喫茶店', 'コーヒーショップ', '発表', '公表', '告知', '宣伝', '平和', '家屋',
  '世話', '手伝い', '手助け', '相手', '関係', '接触', '作業', 'ワーク', '労働', '調べ', '調査', '診断',
  '接続', 'スキンシップ', '略儀', '略式', 'ケースエンターテイメント', 'メカ', 'メカニズム', '構造', '機構', '作用', '疲弊',
  '達人', '返り咲き', 'カムバック', '再起', '本拠', '政略', '到着地', '旅先', '目的地', '行先', 'うかがう', 'たずねる',
  '伺う', '訪れる', 'そろう', 'とりそろう', 'とり揃う', '取りそろう', '取り揃う', '取揃う', '揃う', 'リース', 'レンタル',
  'プライド', '評価', '査定', '構想', '観念', 'もうけ', '儲け', 'エンタープライズ', 'コンセプション', 'デフィニション',
  'あいだ', '合間', '絶え間', '透き間', 'ミーティング', '会議', 'うち合わせ', '打ち合わせ', '打合せ', '教え子', '学徒',
  '移住', '補給金', '交際', 'パト', 'そうじ', '掃除', 'ビレッジ',
]);

function loadDictionary(): SudachiGroup[] {
  // The package exports only its fetch function; read the JSON file next to its entry point.
  const require = createRequire(import.meta.url);
  const file = join(dirname(require.resolve('sudachi-synonyms-dictionary')), 'sudachi-synonyms-dictionary.json');
  return JSON.parse(readFileSync(file, 'utf8')) as SudachiGroup[];
}

export function buildSynonyms(seeds: readonly string[], dict: readonly SudachiGroup[]): Record<string, string[]> {
  const byWord = new Map<string, SudachiGroup[]>();
  for (const g of dict) {
    for (const it of g.items) {
      if (it.expandControl === 2) continue;
      const list = byWord.get(it.midashi) ?? [];
      list.push(g);
      byWord.set(it.midashi, list);
    }
  }
  const seedSet = new Set(seeds.map((s) => normalize(s)));
  const out: Record<string, string[]> = {};
  for (const seed of [...seedSet].sort()) {
    if (isLatinTerm(seed) || Array.from(seed).length < 2) continue;
    const found = new Set<string>();
    for (const g of byWord.get(seed) ?? []) {
      // Groups with many vocabularies drift in meaning; keep only small groups whole, else the seed's own vocabulary.
      const own = g.items.find((it) => it.midashi === seed);
      const small = new Set(g.items.map((it) => it.vocabularyNumber)).size <= 8;
      for (const it of g.items) {
        if (it.expandControl === 2 || it.hyoukiYure === '間違い表記') continue;
        if (!small && it.vocabularyNumber !== own?.vocabularyNumber) continue;
        const w = normalize(it.midashi);
        if (w === seed || seedSet.has(w) || BLOCK.has(w) || isLatinTerm(w) || Array.from(w).length < 2) continue;
        found.add(w);
      }
    }
    if (found.size > 0) out[seed] = [...found].sort();
  }
  return out;
}

function main(): void {
  const args = process.argv.slice(2);
  const seeds: string[] = [];
  for (const c of DEFAULT_TAXONOMY.categories) seeds.push(...c.seedTerms);
  const extraAt = args.indexOf('--extra');
  if (extraAt >= 0 && args[extraAt + 1]) {
    const lex = parseLexiconFile(JSON.parse(readFileSync(args[extraAt + 1]!, 'utf8')));
    for (const c of Object.values(lex.categories)) seeds.push(...(c.terms ?? []));
  }
  const synonyms = buildSynonyms(seeds, loadDictionary());
  mkdirSync(join(here, 'data'), { recursive: true });
  writeFileSync(
    join(here, 'data', 'synonyms.json'),
    JSON.stringify(
      {
        source: 'sudachi-synonyms-dictionary (SudachiDict synonyms, Apache-2.0), subset for the seed terms; built by build-lexicon.ts',
        synonyms,
      },
      null,
      0,
    ).replace(/\],"/g, '],\n"') + '\n',
  );
  const training = readFileSync(join(here, 'fixtures', 'dev-notes.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const n = JSON.parse(l) as { text: string; category: string };
      return { text: n.text, category: n.category };
    });
  writeFileSync(join(here, 'data', 'training.json'), '[\n' + training.map((t) => JSON.stringify(t)).join(',\n') + '\n]\n');
  const count = Object.values(synonyms).reduce((a, s) => a + s.length, 0);
  console.log(`synonyms: ${Object.keys(synonyms).length} seed terms, ${count} synonyms; training: ${training.length} examples`);
}

main();
