import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import JSZip from 'jszip';
import { addNote, readBoard, setNoteCategory } from '../../shared/board/doc';
import { readAgenda, setAgenda } from '../../shared/board/agenda';
import { initBoard } from '../../shared/board/templates';
import { buildNoteTable } from '../../shared/export/table';
import { readExportExtras } from '../../shared/export/extras';
import { buildDocx } from './docx';
import { sectionsByGroup } from '../../shared/export/testBoard';

/** A session as the Tomakomai report records one: an agenda, two groups' notes in their columns, sorted into the supports. */
function session(anonymous = false): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, { title: '苫小牧市 重層的支援体制整備事業 第3回研修', template: 'impressions-unclear', groups: 2, anonymous });
  setAgenda(doc, [
    { id: 'p1', title: '行政説明', start: '13:30', end: '14:00' },
    { id: 'p2', title: 'グループワーク①', start: '14:00', end: '15:00' },
  ]);
  const col = (group: string, kind: string) => sectionsByGroup(doc).find((s) => s.group === group && s.kind === kind)!;
  const write = (group: string, kind: string, text: string, author: string, category?: string) => {
    const s = col(group, kind);
    const id = addNote(doc, { text, x: s.x + 20, y: s.y + 80, sectionId: s.id, authorId: author, author });
    if (category) setNoteCategory(doc, id, category, 'manual');
  };
  write('A', 'impression', '断らない相談支援が印象に残った', '田中', 'consultation');
  write('A', 'unclear', '参加支援の範囲がわからなかった', '佐藤', 'participation');
  write('B', 'impression', '地域のサロンで見守りができる', '鈴木', 'community');
  write('B', 'unclear', '8050問題の世帯をどう見つけるか', '田中');
  return doc;
}

async function report(doc: Y.Doc): Promise<JSZip> {
  const table = buildNoteTable(readBoard(doc), readExportExtras(doc));
  return JSZip.loadAsync(await buildDocx(table, { exportedAt: Date.UTC(2026, 11, 3, 6, 0), agenda: readAgenda(doc), writers: 3 }));
}
const part = async (zip: JSZip, name: string) => zip.file(name)!.async('string');

/** The document's paragraphs as a person reads them, in order. */
const paragraphs = (xml: string) => [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));

describe('the Word report', () => {
  it('has the title, the agenda as a table, the 付箋記入記録 by group and column, and the notes by support', async () => {
    const zip = await report(session());
    const text = paragraphs(await part(zip, 'word/document.xml'));
    expect(text[0]).toBe('苫小牧市 重層的支援体制整備事業 第3回研修');
    expect(text).toContain('作成日時（日本時間）：2026-12-03 15:00:00');
    expect(text).toContain('付箋 4 枚（グループA 2 枚、グループB 2 枚）。記入した人 3 人。');
    const at = (s: string) => text.indexOf(s);
    expect(at('次第')).toBeGreaterThan(0);
    expect(text.slice(at('次第'), at('付箋記入記録'))).toEqual(['次第', '時間', '内容', '13:30〜14:00', '行政説明', '14:00〜15:00', 'グループワーク①']);
    // One row per group, one column per kind of column, each note in its cell with its writer.
    expect(text.slice(at('付箋記入記録'), at('三つの支援による整理'))).toEqual([
      '付箋記入記録', 'グループ', '印象に残ったこと', 'わからなかったこと',
      'グループA', '・断らない相談支援が印象に残った（田中）', '・参加支援の範囲がわからなかった（佐藤）',
      'グループB', '・地域のサロンで見守りができる（鈴木）', '・8050問題の世帯をどう見つけるか（田中）',
    ]);
    const supports = text.slice(at('三つの支援による整理'));
    expect(supports.filter((p) => /（\d+ 枚）$/.test(p))).toEqual(['相談支援（1 枚）', '参加支援（1 枚）', '地域づくりに向けた支援（1 枚）', '未分類（1 枚）']);
    expect(supports).toContain('・地域のサロンで見守りができる（鈴木）　[グループB]');
    // Fonts named for Japanese text, so Word on a municipal PC does not substitute them.
    const styles = await part(zip, 'word/styles.xml');
    expect(styles).toContain('w:eastAsia="ＭＳ 明朝"');
    expect(styles).toContain('w:eastAsia="ＭＳ ゴシック"');
  });

  it('leaves every author out on an anonymous board', async () => {
    const body = await part(await report(session(true)), 'word/document.xml');
    for (const name of ['田中', '佐藤', '鈴木']) expect(body).not.toContain(name);
    expect(paragraphs(body).join('\n')).toContain('匿名のボード');
  });
});
