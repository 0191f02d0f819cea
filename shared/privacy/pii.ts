/**
 * Finds what identifies a person in a note's text — phone numbers, e-mail addresses, postal codes,
 * street addresses, names with an honorific — so exports can mask it and keep the rest of the text.
 * Notes in these workshops are about real households ("〇〇さん宅の8050"), written fast on phones, in
 * half- and full-width characters alike.
 */

export type PiiKind = 'phone' | 'email' | 'postal' | 'address' | 'name' | 'family';

export interface PiiMatch {
  kind: PiiKind;
  start: number;
  end: number;
}

const D = '[0-9０-９]';
const DASH = '[-‐‑–—−ー－]';

const PATTERNS: { kind: PiiKind; re: RegExp }[] = [
  { kind: 'email', re: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g },
  // 〒060-0001, 060－0001 (before phones: the same digits in another shape).
  { kind: 'postal', re: new RegExp(`〒\\s?${D}{3}${DASH}?${D}{4}|(?<!${D})${D}{3}${DASH}${D}{4}(?!${D}|${DASH})`, 'g') },
  // 011-234-5678, 090-1234-5678, (0144)12-3456, 09012345678.
  { kind: 'phone', re: new RegExp(`(?<!${D})(?:[(（]?[0０]${D}{1,4}[)）]?${DASH}?${D}{1,4}${DASH}?${D}{3,4}|[0０][5-9５-９][0０]${D}{8})(?!${D})`, 'g') },
  // 3丁目4番5号, 2丁目, 12番地, 北1条西2丁目 and a place name's 1-2-3.
  {
    kind: 'address',
    re: new RegExp(
      `(?:[北南東西]?${D}+条[東西北南]?)?[0-9０-９一二三四五六七八九十]+丁目(?:${D}+(?:番地?|${DASH})(?:${D}+号?)?)?|${D}+番地(?:${DASH}?${D}+)?|${D}+番${D}+号|(?<=[町村区市目])${D}{1,4}${DASH}${D}{1,4}(?:${DASH}${D}{1,4})?`,
      'g',
    ),
  },
];

/**
 * Words an honorific follows that are not names: roles, relations, whole groups. 「利用者さん」「お母さん」
 * 「皆様」 stay as they are.
 */
const NOT_NAMES = new Set(
  (
    '皆 みな みんな お客 客 利用者 家族 ご家族 民生委員 児童委員 委員 担当 担当者 相談者 当事者 高齢者 お年寄り 子ども 子供 お子 娘 息子 ' +
    'お母 お父 母 父 お兄 お姉 兄 姉 奥 旦那 ご主人 主人 職員 住民 区長 会長 町内会長 自治会長 相手 本人 ご本人 患者 隣 お隣 近所 ご近所 ' +
    '先輩 後輩 講師 先生 事務局 参加者 皆さま 神 お医者 医者 看護師 ヘルパー 役場 行政 市役所 町役場 社協 業者 大家 お嬢 坊 坊っ ' +
    'クライアント スタッフ パート アルバイト 主任 学生 大学生 生徒 店員 店主 社長 部長 課長 係長 上司 同僚 保健師 ケアマネ ケアマネジャー ' +
    '社会福祉士 ボランティア メンバー 嫁 お嫁 婿 孫 お孫 祖母 祖父 叔母 叔父 甥 姪 友人 友達 仲間 ' +
    // Words that end in 様 without being an honorific: 多様, 同様, 模様, 仕様, 異様, 一様, 有様, 各様.
    '多 同 模 仕 異 一 有 各 王'
  ).split(' '),
);
const HONORIFIC = /(?:さん|さま|様|氏|くん|君|ちゃん|殿)/;
const NAME = new RegExp(`(\\p{Script=Han}{1,4}|\\p{Script=Katakana}[\\p{Script=Katakana}ー]{1,7}|[A-Z][a-z]{1,15})(?=${HONORIFIC.source})`, 'gu');

function names(text: string): PiiMatch[] {
  const found: PiiMatch[] = [];
  for (const m of text.matchAll(NAME)) {
    const word = m[1]!;
    if (NOT_NAMES.has(word) || [...NOT_NAMES].some((w) => w.length >= 2 && word.endsWith(w))) continue;
    found.push({ kind: 'name', start: m.index, end: m.index + word.length });
  }
  return found;
}

/** Every match in the text, in order, none overlapping (the earlier and longer one wins). */
export function findPii(text: string): PiiMatch[] {
  const all: PiiMatch[] = [];
  for (const { kind, re } of PATTERNS) for (const m of text.matchAll(re)) all.push({ kind, start: m.index, end: m.index + m[0].length });
  all.push(...names(text));
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: PiiMatch[] = [];
  for (const m of all) if (kept.length === 0 || m.start >= kept[kept.length - 1]!.end) kept.push(m);
  return kept;
}

/** What stands in for each kind: a name keeps its honorific (〇〇さん), so the sentence still reads. */
export const MASKS: Record<PiiKind, string> = {
  phone: '〔電話番号〕',
  email: '〔メール〕',
  postal: '〔郵便番号〕',
  address: '〔番地〕',
  name: '〇〇',
  family: '〔年代と続柄〕',
};

export function maskPii(text: string): string {
  let out = '';
  let at = 0;
  for (const m of findPii(text)) {
    out += text.slice(at, m.start) + MASKS[m.kind];
    at = m.end;
  }
  return out + text.slice(at);
}

/**
 * A person described by age and family — 「80代の母と50代の息子」, 「父（70歳）」, 「中学2年の孫」: with the
 * town, enough to recognise a household in a small community. Only a relation with an age counts:
 * 「80代の方」, 「30代の職員」, 「母子家庭」, 「5歳児健診」 are left alone.
 */
const AGE = `(?:${D}{1,3}(?:代(?:前半|後半|半ば)?|歳|才)|(?:小学|中学|高校)${D}?(?:年生?|生))`;
const RELATION =
  '(?:義?(?:母|父)(?:親)?|ご?両親|息子|娘|長男|長女|次男|次女|三男|三女|夫婦|夫|妻|旦那|嫁|婿|祖母|祖父|孫|兄|姉|弟|妹|叔母|叔父|伯母|伯父|甥|姪|お母さん|お父さん|おばあさん|おじいさん|おばあちゃん|おじいちゃん)';
const LINK = '(?:の|で|に|になる|くらいの|ぐらいの|前後の|位の)?';
const FAMILY = new RegExp(
  `(?<!${D})${AGE}${LINK}${RELATION}(?!${D})|${RELATION}(?:さん|様)?[（(]?${D}{1,3}(?:代|歳|才)[）)]?`,
  'g',
);

function familyMatches(text: string): PiiMatch[] {
  return [...text.matchAll(FAMILY)].map((m) => ({ kind: 'family' as const, start: m.index, end: m.index + m[0].length }));
}

/**
 * What the facilitator's approval queue warns about: everything findPii finds, and a person described by
 * age and family. Exports keep masking only what findPii finds: the age and family of a case are what the
 * report is about (8050), and with names and addresses masked they no longer point at one household.
 */
export function findPersonalInfo(text: string): PiiMatch[] {
  const all = [...findPii(text), ...familyMatches(text)].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: PiiMatch[] = [];
  for (const m of all) if (kept.length === 0 || m.start >= kept[kept.length - 1]!.end) kept.push(m);
  return kept;
}

/** The kinds of personal information a note seems to hold, each once, in a fixed order. */
export function personalInfoWarnings(text: string): PiiKind[] {
  const found = new Set(findPersonalInfo(text).map((m) => m.kind));
  return (['name', 'family', 'phone', 'email', 'postal', 'address'] as const).filter((k) => found.has(k));
}
