import * as Y from 'yjs';
import type { Section, TemplateId } from './schema';
import { newSectionId } from './ids';
import { setMeta, writeSection } from './doc';
import { SCHEMA_VERSION } from './migrations';

/** A column of a worksheet: the Japanese title as the workshop wrote it, with an English subtitle. */
export interface ColumnSpec {
  kind: string;
  ja: string;
  en: string;
}

/** Rows of columns, as the real worksheets laid them out. */
export const TEMPLATES: Record<TemplateId, { ja: string; en: string; rows: ColumnSpec[][] }> = {
  'impressions-unclear': {
    ja: '印象に残ったこと／わからなかったこと',
    en: 'Impressions / unclear points',
    rows: [
      [
        { kind: 'impression', ja: '印象に残ったこと', en: 'Impressions' },
        { kind: 'unclear', ja: 'わからなかったこと', en: 'Unclear points' },
      ],
    ],
  },
  troubles: {
    ja: '困っていること／どうしたらよかったんだろう',
    en: 'Troubles / what could have helped',
    rows: [
      [
        { kind: 'trouble', ja: '困っていること', en: 'Troubles' },
        { kind: 'could-help', ja: 'どうしたらよかったんだろう', en: 'What could have helped' },
      ],
    ],
  },
  'case-review': {
    ja: '事例の振り返り',
    en: 'Case review',
    rows: [
      [
        { kind: 'case-success', ja: '(A) 連携して対応に成功したケース', en: '(A) A case that went well through collaboration' },
        { kind: 'success-factors', ja: '(a) 成功要因', en: '(a) Success factors' },
      ],
      [
        { kind: 'case-hard', ja: '(B) 連携が難しかった／解決に結びつかなかったケース', en: '(B) A case that was hard or stayed unresolved' },
        { kind: 'wanted-agencies', ja: '(b) 連携したかった機関', en: '(b) Agencies we wanted to work with' },
        { kind: 'wished-resources', ja: '(c) あったらよかった社会資源', en: '(c) Resources we wished existed' },
      ],
    ],
  },
  efficiency: {
    ja: '会議・研修の効率化',
    en: 'Merging meetings and trainings',
    rows: [
      [
        { kind: 'mergeable', ja: '効率化できる会議・研修', en: 'Meetings or trainings that could be merged' },
        { kind: 'how', ja: '効率化の方法', en: 'How' },
        { kind: 'effect', ja: '期待できる効果', en: 'Expected effect' },
      ],
    ],
  },
  blank: { ja: '白紙', en: 'Blank', rows: [] },
};

export const SUMMARY_KIND = 'summary';
const COL_W = 560;
const COL_H = 820;
const SUMMARY_H = 260;
const GAP = 40;
const GROUP_GAP = 160;

export const groupName = (i: number): string => String.fromCharCode(65 + i);

/** Lays out one block per group (A, B, C…): a まとめ spot on top, the worksheet's columns below. */
export function layoutTemplate(template: TemplateId, groups: number): Section[] {
  const spec = TEMPLATES[template];
  if (spec.rows.length === 0) return [];
  const widest = Math.max(...spec.rows.map((r) => r.length));
  const blockW = widest * COL_W + (widest - 1) * GAP;
  const sections: Section[] = [];
  for (let g = 0; g < groups; g++) {
    const group = groupName(g);
    const x0 = g * (blockW + GROUP_GAP);
    sections.push({
      id: newSectionId(),
      title: `グループ${group} まとめ (Group ${group} summary)`,
      x: x0,
      y: 0,
      w: blockW,
      h: SUMMARY_H,
      group,
      kind: SUMMARY_KIND,
    });
    spec.rows.forEach((row, r) => {
      const colW = (blockW - (row.length - 1) * GAP) / row.length;
      row.forEach((col, c) => {
        sections.push({
          id: newSectionId(),
          title: `${col.ja} (${col.en})`,
          x: x0 + c * (colW + GAP),
          y: SUMMARY_H + GAP + r * (COL_H + GAP),
          w: colW,
          h: COL_H,
          group,
          kind: col.kind,
        });
      });
    });
  }
  return sections;
}

/** Fills a fresh doc with the board's meta and the template's sections, in one transaction. */
export function initBoard(
  doc: Y.Doc,
  opts: { title: string; template: TemplateId; groups: number; anonymous?: boolean },
): void {
  doc.transact(() => {
    setMeta(doc, { title: opts.title, template: opts.template, locked: false, anonymous: opts.anonymous ?? false, schemaVersion: SCHEMA_VERSION });
    for (const s of layoutTemplate(opts.template, opts.groups)) writeSection(doc, s);
  });
}

export type Lang = 'ja' | 'en';
const summaryTitle = (group: string, lang: Lang) => (lang === 'ja' ? `グループ${group} まとめ` : `Group ${group} summary`);
const COLUMN_SPECS: ReadonlyMap<string, ColumnSpec> = new Map(Object.values(TEMPLATES).flatMap((t) => t.rows.flat().map((c) => [c.kind, c] as const)));

/**
 * A section's title in one language. Templates write both (「印象に残ったこと (Impressions)」), which read as
 * clutter in either; a title the facilitator wrote themselves is shown as written.
 */
export function sectionTitleIn(section: Pick<Section, 'title' | 'kind' | 'group'>, lang: Lang): string {
  if (section.kind === SUMMARY_KIND && section.title === `${summaryTitle(section.group, 'ja')} (${summaryTitle(section.group, 'en')})`) return summaryTitle(section.group, lang);
  const spec = COLUMN_SPECS.get(section.kind);
  if (spec && section.title === `${spec.ja} (${spec.en})`) return spec[lang];
  return section.title;
}

/** What kind of column a section is, in words (the export's 欄の種類), never the raw kind id. */
export function columnKindLabel(kind: string, lang: Lang): string {
  if (kind === SUMMARY_KIND) return lang === 'ja' ? 'まとめ' : 'Summary';
  return COLUMN_SPECS.get(kind)?.[lang] ?? kind;
}
