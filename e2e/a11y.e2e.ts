import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { createBoard, docNotes, eventually, openBoard, useE2e } from './helpers';

const e2e = useE2e();

/** Findings that fail whatever their impact: once fixed, they stay fixed (meta-viewport: people on phones can zoom). */
const KEPT_FIXED: ReadonlySet<string> = new Set(['meta-viewport']);

/** axe-core on the page as it is now; serious and critical findings fail (and KEPT_FIXED ones), every one is printed. */
async function seriousViolations(page: Page, what: string): Promise<string[]> {
  const { violations, passes } = await new AxeBuilder({ page }).analyze();
  if (process.env.A11Y_DEBUG) console.log(what, 'passes', passes.length, 'violations', violations.map((v) => `${v.id}:${v.impact}:${v.nodes.length}`));
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical' || KEPT_FIXED.has(v.id));
  return bad.map((v) => `${what}: [${v.impact}] ${v.id} — ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n')}`);
}

/** A board with notes from two people, so the checks see real content (own and others' notes, a category). */
async function boardWithNotes() {
  const board = await createBoard(e2e.server.url, { title: '当別町 研修会', template: 'impressions-unclear', groups: 2 });
  const writer = await openBoard(e2e.browser, `${board.links.participant}&view=list`, { name: '社協 田中' });
  for (const text of ['断らない相談支援が印象に残った', '8050問題の世帯をどう見つけるか']) {
    await writer.page.getByRole('textbox', { name: /^グループA「印象に残ったこと/ }).focus();
    await writer.page.keyboard.insertText(text);
    await writer.page.keyboard.press('Enter');
  }
  await eventually(() => docNotes(writer.page), (n) => n.length === 2);
  return { board, writer };
}

describe('accessibility (axe-core, WCAG 2 A/AA rules)', () => {
  it('has no serious or critical violations on the home page, the board, the list view, the shortcut help, the join dialog and the phone view', async () => {
    const { board, writer } = await boardWithNotes();
    const problems: string[] = [];
    const contexts = [writer.context];
    try {
      // axe needs a page of a context it can open more pages in (for frames).
      const homeContext = await e2e.browser.newContext({ locale: 'ja-JP' });
      contexts.push(homeContext);
      const home = await homeContext.newPage();
      await home.goto(e2e.server.url);
      await home.getByTestId('new-board-form').waitFor();
      problems.push(...(await seriousViolations(home, 'home page')));

      const facilitator = await openBoard(e2e.browser, board.links.facilitator, { name: '進行役' });
      contexts.push(facilitator.context);
      await eventually(() => docNotes(facilitator.page), (n) => n.length === 2);
      problems.push(...(await seriousViolations(facilitator.page, 'board page (facilitator)')));
      await facilitator.page.keyboard.press('?');
      await facilitator.page.getByTestId('shortcut-help').waitFor();
      problems.push(...(await seriousViolations(facilitator.page, 'shortcut help')));
      await facilitator.page.keyboard.press('Escape');

      problems.push(...(await seriousViolations(writer.page, 'list view (participant)')));

      // A laptop on Zoom opening the participant link for the first time: the join dialog, with the groups.
      const laptopContext = await e2e.browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 800 } });
      contexts.push(laptopContext);
      const laptop = await laptopContext.newPage();
      await laptop.goto(board.links.participant);
      await laptop.getByTestId('join-dialog').waitFor({ timeout: 20_000 });
      problems.push(...(await seriousViolations(laptop, 'board page, join dialog (participant)')));

      // A phone in the hall: a touch screen of 360×640, the form view.
      const phoneContext = await e2e.browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'ja-JP', isMobile: true, hasTouch: true });
      const phone = { context: phoneContext, page: await phoneContext.newPage() };
      await phone.page.goto(`${board.links.participant}&view=phone`);
      await phone.page.waitForSelector('[data-testid="phone-page"] [data-testid="connection-badge"][data-status="online"]', { timeout: 20_000 });
      contexts.push(phone.context);
      const join = phone.page.getByTestId('join-ok');
      if (await join.isVisible().catch(() => false)) {
        problems.push(...(await seriousViolations(phone.page, 'phone view, join dialog')));
        await join.click();
      }
      await phone.page.getByTestId('phone-form').waitFor();
      problems.push(...(await seriousViolations(phone.page, 'phone view (360×640)')));
    } finally {
      for (const c of contexts) await c.close();
    }
    expect(problems, problems.join('\n\n')).toEqual([]);
  });
});

/** Text fields under 16px that are shown: iOS zooms the page into such a field when it gets focus. */
function smallFields(page: Page, where: string): Promise<string[]> {
  return page.evaluate((where) => {
    const out: string[] = [];
    const noText = new Set(['radio', 'checkbox', 'hidden', 'range', 'color', 'button', 'submit']);
    for (const el of document.querySelectorAll<HTMLElement>('input, textarea, select')) {
      if ((el instanceof HTMLInputElement && noText.has(el.type)) || !el.checkVisibility()) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < 16) out.push(`${where}: ${el.dataset.testid ?? el.getAttribute('aria-label') ?? el.outerHTML.slice(0, 100)} is ${size}px`);
    }
    return out;
  }, where);
}

describe('zooming on phones (low vision)', () => {
  it('lets the page zoom, keeps every field at 16px or more so focusing one does not zoom, and leaves pinch on the canvas to the board', async () => {
    const { board, writer } = await boardWithNotes();
    const phoneContext = await e2e.browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'ja-JP', isMobile: true, hasTouch: true });
    const small: string[] = [];
    try {
      await writer.context.close();
      const page = await phoneContext.newPage();
      await page.goto(e2e.server.url);
      await page.getByTestId('new-board-form').waitFor();
      const viewport = await page.locator('meta[name="viewport"]').getAttribute('content');
      expect(viewport).not.toMatch(/maximum-scale|user-scalable\s*=\s*(no|0)/);
      small.push(...(await smallFields(page, 'home page')));
      await page.getByTestId('new-submit').click();
      await page.getByTestId('board-links').waitFor();
      small.push(...(await smallFields(page, 'home page, links of the new board')));

      await page.goto(`${board.links.participant}&view=phone`);
      await page.getByTestId('join-dialog').waitFor({ timeout: 20_000 });
      small.push(...(await smallFields(page, 'phone, join dialog')));
      await page.getByTestId('join-name').fill('民生委員 山田');
      await page.getByTestId('join-ok').click();
      small.push(...(await smallFields(page, 'phone form')));
      await page.getByTestId('phone-text').fill('サロンの送迎が足りない');
      await page.getByTestId('phone-send').click();
      await page.getByTestId('phone-edit').first().click();
      small.push(...(await smallFields(page, 'phone, editing a note')));

      // The list view on the same phone (the accessible board): adding, editing and moving notes.
      await page.goto(`${board.links.participant}&view=list`);
      await page.getByTestId('list-add-text').first().waitFor({ timeout: 20_000 });
      await page.getByTestId('list-edit').first().click();
      small.push(...(await smallFields(page, 'list view on a phone')));

      // A board without groups asks only for a name.
      const blank = await createBoard(e2e.server.url, { template: 'blank' });
      await page.goto(`${blank.links.participant}&view=list`);
      await page.getByTestId('name-prompt').waitFor({ timeout: 20_000 });
      small.push(...(await smallFields(page, 'name prompt')));
      await page.getByTestId('name-skip').click();

      // The canvas on a touch screen: it takes pinch and pan itself, and its note editor is 16px or more.
      await page.goto(`${blank.links.participant}&view=board`);
      await page.getByTestId('board-canvas').waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('board-canvas').evaluate((el) => getComputedStyle(el).touchAction)).toBe('none');
      await page.getByTestId('add-note').click();
      await page.getByTestId('note-editor-input').waitFor();
      small.push(...(await smallFields(page, 'canvas, editing a note')));
    } finally {
      await phoneContext.close();
    }
    expect(small).toEqual([]);
  });
});

describe('language', () => {
  it('follows ?lang= in a board link, keeps it across a reload, and switches from the UI', async () => {
    const board = await createBoard(e2e.server.url, { template: 'impressions-unclear', groups: 1 });
    const en = await openBoard(e2e.browser, `${board.links.participant}&lang=en`);
    try {
      const { page } = en;
      expect(await page.getByTestId('add-note').textContent()).toContain('Add note');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      await page.reload();
      await page.getByTestId('add-note').waitFor();
      expect(await page.getByTestId('add-note').textContent()).toContain('Add note');
      await page.getByTestId('list-toggle').click();
      expect(await page.locator('#list-title').textContent()).toContain('Notes');
      await page.getByTestId('language-switch').click();
      await eventually(() => page.locator('#list-title').textContent(), (t) => !!t?.includes('付箋の一覧'));
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
    } finally {
      await en.context.close();
    }
  });

  it('forces Japanese with ?lang=ja in a browser set to English', async () => {
    const board = await createBoard(e2e.server.url, { template: 'impressions-unclear', groups: 1 });
    const context = await e2e.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    try {
      await context.addInitScript(() => localStorage.setItem('fusen.nameAsked', '1'));
      const page = await context.newPage();
      await page.goto(board.links.participant);
      await page.getByTestId('add-note').waitFor();
      expect(await page.getByTestId('add-note').textContent()).toContain('Add note');
      await page.goto(`${board.links.participant}&lang=ja`);
      await page.getByTestId('add-note').waitFor();
      expect(await page.getByTestId('add-note').textContent()).toContain('付箋を追加');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
    } finally {
      await context.close();
    }
  });
});

describe('keyboard shortcuts on the canvas', () => {
  it('adds a note with N, nudges the selection with the arrows on a slow laptop, and undoes only this person’s nudge', async () => {
    const board = await createBoard(e2e.server.url, { template: 'blank' });
    const a = await openBoard(e2e.browser, board.links.participant);
    const b = await openBoard(e2e.browser, board.links.participant);
    try {
      const { page } = a;
      // An old laptop: key presses come faster than the board redraws, and every one of them must count.
      await (await a.context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: 6 });
      await page.keyboard.press('n');
      await page.getByTestId('note-editor-input').waitFor();
      await page.keyboard.insertText('キーボードで書いた付箋');
      await page.keyboard.press('Escape');
      // The text reaches the doc while typing; the shortcuts below need the editor closed first.
      await page.getByTestId('note-editor-input').waitFor({ state: 'detached' });
      const [written] = await eventually(() => docNotes(b.page), (n) => n.length === 1 && n[0]!.text === 'キーボードで書いた付箋');
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.press('Shift+ArrowRight');
      await page.keyboard.press('ArrowDown');
      await eventually(() => docNotes(b.page), (n) => n[0]!.x === written!.x + 50 && n[0]!.y === written!.y + 10);
      await page.keyboard.press('ControlOrMeta+Z');
      await eventually(() => docNotes(b.page), (n) => n[0]!.x === written!.x && n[0]!.y === written!.y);
      expect((await docNotes(b.page))[0]!.text).toBe('キーボードで書いた付箋');
    } finally {
      await a.context.close();
      await b.context.close();
    }
  });
});
