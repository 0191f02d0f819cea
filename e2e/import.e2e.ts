import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { createBoard, docNotes, eventually, openBoard, screenshotPath, useE2e } from './helpers';

const e2e = useE2e();

const PAPER = ['断らない相談支援が印象に残った', '参加支援の範囲がわからなかった', '地域のサロンで見守りができる'];

describe('bringing paper notes onto the board', () => {
  it('pastes typed-up notes into a group column with a preview, and reads a CSV file, all or nothing', async () => {
    const board = await createBoard(e2e.server.url, { title: '苫小牧市 第4回研修', template: 'impressions-unclear', groups: 3 });
    const fac = await openBoard(e2e.browser, board.links.facilitator, { name: '事務局' });
    const phone = await openBoard(e2e.browser, board.links.participant, { name: '会場', viewport: { width: 360, height: 640 } });
    try {
      await fac.page.getByTestId('ws-panel-open').click();
      const box = fac.page.getByTestId('import-notes');
      await box.scrollIntoViewIfNeeded();
      await fac.page.getByTestId('import-paste').fill(`${PAPER.join('\n')}\n\n${'あ'.repeat(501)}`);
      await fac.page.getByTestId('import-group').selectOption('B');
      await fac.page.getByTestId('import-column').selectOption('unclear');
      // The preview shows four notes and flags the one too long to send: nothing can be added yet.
      expect(await fac.page.getByTestId('import-preview').locator('li').count()).toBe(4);
      expect(await fac.page.getByTestId('import-preview').textContent()).toContain('501文字（500文字まで）');
      expect(await fac.page.getByTestId('import-submit').isDisabled()).toBe(true);
      await fac.page.getByTestId('import-section').screenshot({ path: screenshotPath('import-panel-1280.png') });

      await fac.page.getByTestId('import-paste').fill(PAPER.join('\n'));
      await fac.page.getByTestId('import-submit').click();
      await eventually(() => fac.page.getByTestId('import-status').textContent(), (t) => t === '3枚取り込みました');
      const notes = await eventually(() => docNotes(fac.page), (n) => n.length === 3);
      const sections = await fac.page.evaluate(() => {
        const m: Record<string, string> = {};
        window.__board!.doc.getMap('sections').forEach((v, id) => {
          const s = v as { get(k: string): unknown };
          m[id] = `${String(s.get('group'))}/${String(s.get('kind'))}`;
        });
        return m;
      });
      expect(notes.map((n) => sections[n.sectionId ?? ''])).toEqual(['B/unclear', 'B/unclear', 'B/unclear']);
      // Everyone else has them at once.
      await eventually(() => docNotes(phone.page), (n) => PAPER.every((p) => n.some((x) => x.text === p)));

      // A file with one bad row is refused whole, and the message names the row.
      const bad = join(tmpdir(), `import-${Date.now()}.csv`);
      writeFileSync(bad, '\ufeff本文,グループ\n就労体験の場がほしい,A\n居場所づくり,Z\n');
      await fac.page.getByTestId('import-file').setInputFiles(bad);
      await eventually(() => fac.page.getByTestId('import-status').textContent(), (t) => !!t?.includes('row 3') && t.includes('何も追加していません'));
      expect((await docNotes(fac.page)).length).toBe(3);
      const good = join(tmpdir(), `import-${Date.now()}-ok.csv`);
      writeFileSync(good, '\ufeff本文,グループ\n就労体験の場がほしい,A\n居場所づくり,C\n');
      await fac.page.getByTestId('import-file').setInputFiles(good);
      await eventually(() => fac.page.getByTestId('import-status').textContent(), (t) => t === '2枚取り込みました');
      await eventually(() => docNotes(fac.page), (n) => n.length === 5);
      await fac.page.screenshot({ path: screenshotPath('import-board-1280.png') });
    } finally {
      await fac.context.close();
      await phone.context.close();
    }
  });
});
