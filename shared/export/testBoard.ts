import * as Y from 'yjs';
import { addNote, readBoard, setNoteCategory, sectionsOf } from '../board/doc';
import { initBoard } from '../board/templates';
import type { Section } from '../board/schema';
import { readSection } from '../board/doc';

/** Texts that try to become a formula, HTML, a link, a heading or a broken CSV record. */
export const HOSTILE_TEXTS = [
  '=SUM(A1)',
  '+81-3-1234',
  '-1+2',
  '@cmd',
  '\tタブで始まる',
  '＝HYPERLINK("http://evil.example")',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[こちら](https://evil.example)',
  'https://example.com と www.example.jp',
  '# 見出しではない',
  '1. 番号ではない',
  '"引用符", カンマ',
  '一行目\n二行目\r\n三行目',
  '**太字** _斜体_ `code` ~~取消~~ | 表 | \\ バックスラッシュ &amp; ![画像](x.png)',
  '8050問題の世帯へのアウトリーチ',
];

export function sectionsByGroup(doc: Y.Doc): Section[] {
  const out: Section[] = [];
  sectionsOf(doc).forEach((v, id) => {
    const s = readSection(id, v);
    if (s) out.push(s);
  });
  return out;
}

/** A three-group board with one note per hostile text, spread over the groups' columns. */
export function hostileBoard(opts: { anonymous?: boolean; texts?: string[] } = {}): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, { title: '当別町 研修 <b>2020</b>', template: 'impressions-unclear', groups: 3, anonymous: opts.anonymous });
  const columns = sectionsByGroup(doc).filter((s) => s.kind !== 'summary');
  (opts.texts ?? HOSTILE_TEXTS).forEach((text, i) => {
    const s = columns[i % columns.length]!;
    const id = addNote(doc, { text, x: s.x + 20, y: s.y + 80, sectionId: s.id, authorId: `u${i}`, author: `記入者${i}` }, null, 1_603_170_000_000 + i * 1000);
    if (i % 3 === 0) setNoteCategory(doc, id, 'consultation', 'manual');
    if (i % 3 === 1) setNoteCategory(doc, id, 'participation', 'auto');
  });
  return doc;
}

export const viewOf = (doc: Y.Doc) => readBoard(doc);
