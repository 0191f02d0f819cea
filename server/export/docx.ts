import { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Phase } from '../../shared/board/agenda';
import { formatJst, groupLabel, summarize, type NoteRow, type NoteTable } from '../../shared/export/table';
import type { SnapshotRef } from '../../shared/export/json';

export interface ReportInfo {
  exportedAt: number;
  snapshot?: SnapshotRef | null;
  agenda: readonly Phase[];
  /** How many people wrote notes (distinct writers; imported notes are nobody's). */
  writers: number;
}

/** Fonts every Windows PC in a Japanese office has, named for Latin and for Japanese text, so Word never substitutes. */
const BODY_FONT = { ascii: 'Century', hAnsi: 'Century', eastAsia: 'ＭＳ 明朝', cs: 'Century' };
const HEADING_FONT = { ascii: 'Arial', hAnsi: 'Arial', eastAsia: 'ＭＳ ゴシック', cs: 'Arial' };
const HEADER_SHADING = { type: ShadingType.CLEAR, color: 'auto', fill: 'E8EEF7' };
const THIN = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
const BORDERS = { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN };

const text = (t: string, opts: { bold?: boolean } = {}) => new TextRun({ text: t, bold: opts.bold });
const para = (t: string, opts: { bold?: boolean } = {}) => new Paragraph({ children: [text(t, opts)] });
const heading = (t: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) => new Paragraph({ heading: level, children: [text(t)] });

function cell(lines: readonly string[], opts: { header?: boolean; width?: number } = {}): TableCell {
  return new TableCell({
    children: (lines.length ? lines : ['']).map((l) => para(l, { bold: opts.header })),
    ...(opts.header ? { shading: HEADER_SHADING } : {}),
    ...(opts.width ? { width: { size: opts.width, type: WidthType.PERCENTAGE } } : {}),
  });
}

function table(header: readonly string[], rows: readonly (readonly string[] | readonly string[][])[], widths?: readonly number[]): Table {
  const asLines = (c: string | readonly string[]) => (typeof c === 'string' ? [c] : c);
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: BORDERS,
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h, i) => cell([h], { header: true, width: widths?.[i] })) }),
      ...rows.map((r) => new TableRow({ children: r.map((c, i) => cell(asLines(c), { width: widths?.[i] })) })),
    ],
  });
}

/** The supports under their names in the community support system, as a report to the municipality writes them. */
const SUPPORT_TITLES: Record<string, string> = { community: '地域づくりに向けた支援' };

/** A note as a line of the report: its text, and who wrote it where names are kept. */
const noteLine = (r: NoteRow) => `・${r.text.replace(/\s*\n\s*/g, ' ')}${r.author ? `（${r.author}）` : ''}`;

function overview(t: NoteTable, info: ReportInfo): Paragraph[] {
  const s = summarize(t);
  return [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [text(t.title)] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [text(`作成日時（日本時間）：${formatJst(info.exportedAt)}`)] }),
    ...(info.snapshot ? [new Paragraph({ alignment: AlignmentType.RIGHT, children: [text(`スナップショット「${info.snapshot.name}」（${formatJst(info.snapshot.createdAt)}）`)] })] : []),
    para(`付箋 ${s.total} 枚（${s.byGroup.map((g) => `${g.label} ${g.count} 枚`).join('、') || 'グループなし'}）。記入した人 ${info.writers} 人${t.anonymous ? '（匿名のボード：記入者名は載せていません）' : ''}。`),
  ];
}

type Level = 1 | 2;
const LEVELS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4] as const;
const at = (level: Level, below = 0) => LEVELS[level - 1 + below]!;

function agendaPart(agenda: readonly Phase[], level: Level = 1): (Paragraph | Table)[] {
  if (agenda.length === 0) return [];
  return [heading('次第', at(level)), table(['時間', '内容'], agenda.map((p) => [`${p.start}〜${p.end}`, p.title]), [20, 80])];
}

/** The 付箋記入記録: one row per group, one column per kind of worksheet column, each cell the notes written there. */
function recordPart(t: NoteTable, level: Level = 1): (Paragraph | Table)[] {
  if (t.rows.length === 0) return [heading('付箋記入記録', at(level)), para('付箋はありません。')];
  const kinds: { kind: string; label: string }[] = [];
  for (const r of t.rows) if (!kinds.some((k) => k.kind === r.columnKind)) kinds.push({ kind: r.columnKind, label: r.columnKind ? r.columnKindLabel : '欄外' });
  const rows = t.groups
    .filter((g) => t.rows.some((r) => r.group === g))
    .map((g) => [[groupLabel(g)], ...kinds.map((k) => t.rows.filter((r) => r.group === g && r.columnKind === k.kind).map(noteLine))]);
  const first = 14;
  const rest = (100 - first) / kinds.length;
  return [heading('付箋記入記録', at(level)), table(['グループ', ...kinds.map((k) => k.label)], rows, [first, ...kinds.map(() => rest)])];
}

/** A note of the supports part, and where it was written (its group; across a series, its session too). */
interface Sorted {
  row: NoteRow;
  where: string;
}

/** The notes sorted into the three supports (and unsorted), each support's notes by cluster, each note with where it was written. */
function supportsPart(categories: NoteTable['categories'], notes: readonly Sorted[], level: Level = 1): Paragraph[] {
  const out: Paragraph[] = [heading('三つの支援による整理', at(level))];
  for (const c of categories) {
    const inSupport = notes.filter((n) => n.row.category === c.id);
    if (inSupport.length === 0) continue;
    out.push(heading(`${SUPPORT_TITLES[c.id] ?? c.label}（${inSupport.length} 枚）`, at(level, 1)));
    const clusters = [...new Set(inSupport.map((n) => n.row.clusterLabel))].sort((a, b) => ((a === '') === (b === '') ? a.localeCompare(b, 'ja') : a === '' ? 1 : -1));
    for (const label of clusters) {
      if (clusters.length > 1 || label) out.push(heading(label || 'その他', at(level, 2)));
      for (const n of inSupport.filter((x) => x.row.clusterLabel === label)) out.push(para(`${noteLine(n.row)}\u3000[${n.where}]`));
    }
  }
  return out;
}

const byGroup = (t: NoteTable): Sorted[] => t.rows.map((row) => ({ row, where: groupLabel(row.group) }));

/** A Word document in the report's fonts and headings: what the secretariat edits and hands on. */
function report(title: string, children: (Paragraph | Table)[]): Promise<Buffer> {
  const doc = new Document({
    creator: 'fusen-board',
    title,
    styles: {
      default: {
        document: { run: { font: BODY_FONT, size: 21 } },
        title: { run: { font: HEADING_FONT, size: 32, bold: true } },
        heading1: { run: { font: HEADING_FONT, size: 26, bold: true } },
        heading2: { run: { font: HEADING_FONT, size: 23, bold: true } },
        heading3: { run: { font: HEADING_FONT, size: 21, bold: true } },
      },
    },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}

/** The session written up as the secretariat's report. */
export function buildDocx(t: NoteTable, info: ReportInfo): Promise<Buffer> {
  return report(t.title, [...overview(t, info), ...agendaPart(info.agenda), ...recordPart(t), ...supportsPart(t.categories, byGroup(t))]);
}

export interface ReportSession {
  title: string;
  table: NoteTable;
  agenda: readonly Phase[];
}

/**
 * A series written up: the counts per support and session, then each session's agenda and 付箋記入記録, then
 * every session's notes sorted into the three supports together, each with its session and group — the
 * material for the municipality's plan that the secretariat used to sort by hand.
 */
export function buildSeriesDocx(title: string, sessions: readonly ReportSession[], exportedAt: number): Promise<Buffer> {
  const categories = [...new Map(sessions.flatMap((s) => s.table.categories).map((c) => [c.id, c])).values()];
  const count = (s: ReportSession, id: string) => s.table.rows.filter((r) => r.category === id).length;
  const summary = table(
    ['回', ...categories.map((c) => SUPPORT_TITLES[c.id] ?? c.label), '計'],
    [
      ...sessions.map((s) => [s.title, ...categories.map((c) => String(count(s, c.id))), String(s.table.rows.length)]),
      ['合計', ...categories.map((c) => String(sessions.reduce((n, s) => n + count(s, c.id), 0))), String(sessions.reduce((n, s) => n + s.table.rows.length, 0))],
    ],
  );
  const perSession = sessions.flatMap((s) => [heading(s.title, HeadingLevel.HEADING_1), ...agendaPart(s.agenda, 2), ...recordPart(s.table, 2)]);
  const together = sessions.flatMap((s) => s.table.rows.map((row) => ({ row, where: `${s.title}・${groupLabel(row.group)}` })));
  return report(title, [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [text(title)] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [text(`作成日時（日本時間）：${formatJst(exportedAt)}`)] }),
    heading('集計（支援の種類 × 回）', HeadingLevel.HEADING_1),
    summary,
    ...perSession,
    ...supportsPart(categories, together),
  ]);
}
