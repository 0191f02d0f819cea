import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createBoard, openBoard, screenshotPath, useE2e } from './helpers';

const e2e = useE2e();

interface Box {
  name: string;
  x: number;
  y: number;
  w: number;
  h: number;
  /** In a panel that scrolls: may be cut at its edge. */
  scrolls: boolean;
}

/** Every visible named control of the page (buttons, links, fields), with its box; controls inside another control are left out. */
function controls(page: Page): Promise<Box[]> {
  return page.evaluate(() => {
    const els = [...document.querySelectorAll<HTMLElement>('button, a[href], input:not([type=hidden]), select, textarea, [role=button]')];
    return els
      .filter((el) => !el.parentElement?.closest('button, a[href], [role=button]'))
      .filter((el) => {
        const r = el.getBoundingClientRect();
        const s = getComputedStyle(el);
        // A skip link waits above the page until it is focused.
        const parked = r.bottom <= 0 || r.right <= 0;
        // Scrolled out of a panel or toolbar that scrolls: not on screen now, and not in the way.
        const cx = r.x + r.width / 2;
        const cy = r.y + r.height / 2;
        for (let a = el.parentElement; a; a = a.parentElement) {
          const o = getComputedStyle(a);
          if (!/(auto|scroll|hidden)/.test(o.overflowX + o.overflowY)) continue;
          const p = a.getBoundingClientRect();
          if (cx < p.left || cx > p.right || cy < p.top || cy > p.bottom) return false;
        }
        // Covered by something else (a panel over the toolbar) is as good as missing.
        const top = document.elementFromPoint(cx, cy);
        const covered = !!top && top !== el && !el.contains(top) && !top.contains(el) && cy < innerHeight && cx < innerWidth;
        if (covered) throw new Error(`${el.getAttribute('aria-label') ?? el.textContent?.trim() ?? el.tagName} is covered by ${top.className || top.tagName}`);
        return !parked && r.width > 1 && r.height > 1 && s.visibility !== 'hidden' && !el.closest('[hidden]') && Number(s.opacity) > 0;
      })
      .map((el) => {
        const r = el.getBoundingClientRect();
        const name = el.getAttribute('aria-label') ?? el.textContent?.trim() ?? el.getAttribute('data-testid') ?? el.tagName;
        return { name: name || el.tagName, x: r.x, y: r.y, w: r.width, h: r.height, scrolls: !!el.closest('.ws-panel, .toolbar') };
      });
  });
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5;

async function expectNoOverlap(page: Page, state: string): Promise<void> {
  const boxes = await controls(page);
  const size = page.viewportSize()!;
  for (const b of boxes.filter((x) => !x.scrolls)) {
    expect(b.x >= -0.5 && b.y >= -0.5 && b.x + b.w <= size.width + 0.5 && b.y + b.h <= size.height + 0.5, `${state}: ${b.name} is off screen`).toBe(true);
  }
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!), `${state}: 「${boxes[i]!.name}」 and 「${boxes[j]!.name}」 overlap`).toBe(false);
  }
}

describe('the facilitator’s controls on a laptop and a projector', () => {
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 1920, height: 1080 },
  ]) {
    it(`no two named controls overlap at ${viewport.width}×${viewport.height}, in Japanese and in English, tools closed and open`, async () => {
      const board = await createBoard(e2e.server.url, { title: '当別町 地域共生社会セミナー（重層的支援体制整備事業）', template: 'impressions-unclear', groups: 3 });
      const fac = await openBoard(e2e.browser, board.links.facilitator, { name: '進行役', viewport });
      const { page } = fac;
      try {
        for (const lang of ['ja', 'en']) {
          await expectNoOverlap(page, `${lang} board`);
          await page.getByTestId('ws-panel-open').click();
          await page.getByTestId('ws-panel').waitFor();
          await expectNoOverlap(page, `${lang} tools open`);
          await page.screenshot({ path: screenshotPath(`controls-${lang}-${viewport.width}.png`) });
          await page.getByTestId('ws-panel').getByRole('button', { name: lang === 'ja' ? '閉じる' : 'Close' }).first().click();
          if (lang === 'ja') await page.getByTestId('language-switch').click();
        }
      } finally {
        await fac.context.close();
      }
    });
  }
});
