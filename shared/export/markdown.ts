import { STAMPS, STAMP_EMOJI, STAMP_LABEL_JA } from '../board/reactions';
import { groupLabel, type NoteRow, type NoteTable } from './table';

/**
 * Every ASCII character that Markdown (CommonMark, GFM, and common extensions like math) gives meaning to.
 * `.` `:` `@` are escaped too because GFM turns `www.x`, `https://x` and `a@b.jp` into links by themselves.
 * CommonMark renders any backslash-escaped ASCII punctuation as the plain character, so nothing is lost.
 */
const SPECIAL = /[\\`*_{}[\]()<>#+\-.!|~=&:@$^]/g;

/** One line of plain text as Markdown inline content that renders as exactly that text. */
export const escapeInline = (line: string): string => line.replace(SPECIAL, (c) => `\\${c}`);

/** For headings and details: line breaks would end a heading, so they become spaces. */
const oneLine = (s: string): string => escapeInline(s.replace(/\s+/g, ' ').trim());

/**
 * Multi-line text as the content of one block: lines trimmed (leading spaces would start code blocks),
 * blank lines dropped (they would end the list item), the rest joined with hard line breaks and indented
 * so they stay inside the list item.
 */
export function escapeBlock(text: string, indent = ''): string {
  const lines = text
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map(escapeInline);
  return lines.join(`\\\n${indent}`);
}

function noteItem(row: NoteRow): string {
  const stamps = STAMPS.filter((s) => row[s] > 0).map((s) => `${STAMP_EMOJI[s]}${STAMP_LABEL_JA[s]}${row[s]}`);
  const details = [row.categoryLabel, row.clusterLabel, row.votes > 0 ? `${row.votes}票` : '', ...stamps, row.author ?? ''].filter(Boolean);
  const text = escapeBlock(row.text, '  ') || escapeInline('（空の付箋）');
  return `- ${text}${details.length ? `（${details.map(oneLine).join('・')}）` : ''}`;
}

/** Rows of one group, split where the section changes (rows come sorted by section). */
function bySection(rows: readonly NoteRow[]): NoteRow[][] {
  const runs: NoteRow[][] = [];
  for (const r of rows) {
    const last = runs.at(-1);
    if (last && last[0]!.sectionTitle === r.sectionTitle && last[0]!.columnKind === r.columnKind) last.push(r);
    else runs.push([r]);
  }
  return runs;
}

/** The 付箋記入記録 as Markdown for a report: a heading per group and per section, a list item per note. */
export function toMarkdown(table: NoteTable, opts: { subtitle?: string } = {}): string {
  const out: string[] = [`# ${oneLine(table.title || 'ワークショップ')}`, ''];
  if (opts.subtitle) out.push(oneLine(opts.subtitle), '');
  out.push(escapeInline(`付箋 ${table.rows.length} 枚`), '');
  for (const group of table.groups) {
    const rows = table.rows.filter((r) => r.group === group);
    if (rows.length === 0) continue;
    out.push(`## ${escapeInline(groupLabel(group))}`, '');
    for (const run of bySection(rows)) {
      out.push(`### ${oneLine(run[0]!.sectionTitle)}`, '');
      for (const row of run) out.push(noteItem(row));
      out.push('');
    }
  }
  return out.join('\n');
}
