import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createBoard, drawnNoteTexts, eventually, openBoard, useE2e } from './helpers';
import { honestClient } from '../server/reliability/honest';
import { readBoard } from '../shared/board/doc';

const e2e = useE2e();

/** Note texts that would run script or add elements if anything put them into the page as HTML. */
const HOSTILE = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=2</script>相談',
  '"><svg onload="window.__xss=3"></svg>',
  '<a href="javascript:window.__xss=4">見守り</a>',
  '<iframe srcdoc="<p>x"></iframe>&lt;b&gt;',
];

/** Anything that got into the page from the notes as markup, or ran. */
function injected(page: Page) {
  return page.evaluate(() => ({
    ran: (window as unknown as { __xss?: number }).__xss ?? null,
    elements: document.querySelectorAll('img[src="x"], iframe, script:not([src]), a[href^="javascript:"], [onerror], [onload]').length,
  }));
}

describe('note text is only ever text', () => {
  it('shows hostile-looking notes literally on the canvas, in the list view and on the phone, and runs nothing', async () => {
    const board = await createBoard(e2e.server.url, { title: '安全な表示', template: 'impressions-unclear', groups: 2 });
    // Written by an ordinary client straight into the doc, as any client could; author and presence names too.
    const writer = await honestClient(e2e.server.wsUrl, board.boardId, board.participantToken, '<b onmouseover=alert(1)>名前</b>');
    await writer.synced;
    const column = readBoard(writer.doc).sections.find((s) => s.group === 'A' && s.kind !== 'summary')!;
    HOSTILE.forEach((text, i) => writer.write(text, column.x + 10 + (i % 2) * 170, column.y + 40 + Math.floor(i / 2) * 130));
    for (const id of writer.written.keys()) {
      const m = writer.doc.getMap('notes').get(id) as { set(k: string, v: unknown): void };
      m.set('sectionId', column.id);
      m.set('author', '<img src=x onerror="window.__xss=9">');
    }
    const dialogs: string[] = [];

    const desk = await openBoard(e2e.browser, board.links.facilitator, { name: '<i>進行役</i>' });
    desk.page.on('dialog', (d) => (dialogs.push(d.message()), void d.dismiss()));
    const drawn = await eventually(() => drawnNoteTexts(desk.page), (t) => t.length === HOSTILE.length);
    expect([...drawn].sort()).toEqual([...HOSTILE].sort());
    expect(await injected(desk.page)).toEqual({ ran: null, elements: 0 });

    const list = await openBoard(e2e.browser, `${board.links.participant}&view=list`, { name: 'リスト' });
    list.page.on('dialog', (d) => (dialogs.push(d.message()), void d.dismiss()));
    const shown = await eventually(
      () => list.page.locator('[data-testid="list-note"] [id$="-text"], [data-testid="list-note"] p').allTextContents(),
      (t) => HOSTILE.every((h) => t.some((x) => x.includes(h))),
    );
    expect(shown.length).toBeGreaterThanOrEqual(HOSTILE.length);
    expect(await injected(list.page)).toEqual({ ran: null, elements: 0 });

    const phoneContext = await e2e.browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, locale: 'ja-JP' });
    const phone = await phoneContext.newPage();
    phone.on('dialog', (d) => (dialogs.push(d.message()), void d.dismiss()));
    await phone.goto(board.links.participant);
    await phone.getByTestId('join-dialog').waitFor({ timeout: 20_000 });
    await phone.getByTestId('join-name').fill('<script>window.__xss=5</script>');
    await phone.getByTestId('join-group-A').check({ force: true });
    await phone.getByTestId('join-ok').click();
    const items = await eventually(
      () => phone.locator('[data-testid="phone-note"] .ws-note-text').allTextContents(),
      (t) => t.length === HOSTILE.length,
    );
    expect([...items].sort()).toEqual([...HOSTILE].sort());
    expect(await injected(phone)).toEqual({ ran: null, elements: 0 });

    // The hostile presence name reached every page as data, and still nothing ran.
    await new Promise((r) => setTimeout(r, 500));
    for (const p of [desk.page, list.page, phone]) expect(await injected(p)).toEqual({ ran: null, elements: 0 });
    expect(dialogs).toEqual([]);
    writer.destroy();
    await Promise.all([desk.context.close(), list.context.close(), phoneContext.close()]);
  });
});
