import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAgenda, type Phase } from '../../shared/board/agenda';
import { newClientKey } from '../../shared/board/ids';
import { startApp } from '../testing/inProcess';
import { createBoard } from '../testing/startServer';
import { connectClient, eventually } from '../testing/clients';
import { writeNotes } from '../plugins/exportTesting';
import { autoSnapshotName, phasesEndedBetween, snapshotEndedPhases, startAutoSnapshots } from './autoSnapshot';

const AGENDA: Phase[] = [
  { id: 'p1', title: 'グループ討議 ①', start: '13:35', end: '14:10' },
  { id: 'p2', title: '全体共有', start: '14:10', end: '14:30' },
  { id: 'p3', title: '夜の部', start: '23:00', end: '23:59' },
];
/**
 * The app's own timer runs on the real clock during these tests: the boards' agendas are moved twelve
 * hours away from now so that it never snapshots them on its own.
 */
const jstHourNow = new Date(Date.now() + 9 * 3600_000).getUTCHours();
const shift = jstHourNow >= 8 && jstHourNow < 20 ? -12 : 0;
const at = (hhmm: string) => `${String(Number(hhmm.slice(0, 2)) + shift).padStart(2, '0')}${hhmm.slice(2)}`;
const BOARD_AGENDA: Phase[] = AGENDA.slice(0, 2).map((p) => ({ ...p, start: at(p.start), end: at(p.end) }));
/** A moment on 2020-11-20 in Japan time. */
const jst = (hhmm: string, seconds = 0) => Date.parse(`2020-11-20T${hhmm}:00+09:00`) + seconds * 1000;

describe('phasesEndedBetween', () => {
  it('finds the phases whose end time passed in the window, in Japan time', () => {
    expect(phasesEndedBetween(AGENDA, jst('14:09', 50), jst('14:10', 5)).map((p) => p.id)).toEqual(['p1']);
    expect(phasesEndedBetween(AGENDA, jst('14:10', 0), jst('14:10', 15))).toEqual([]);
    expect(phasesEndedBetween(AGENDA, jst('14:00'), jst('14:40')).map((p) => p.id)).toEqual(['p1', 'p2']);
    expect(phasesEndedBetween(AGENDA, jst('23:58'), jst('23:58') + 3 * 60_000).map((p) => p.id)).toEqual(['p3']);
    expect(phasesEndedBetween(AGENDA, jst('14:20'), jst('14:10'))).toEqual([]);
  });
});

describe('automatic snapshots at the end of an agenda phase', () => {
  let srv: Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => {
    srv = await startApp();
  });
  afterAll(() => srv.close());

  async function boardWithAgenda() {
    const b = await createBoard(srv.url, { title: '苫小牧市 研修' });
    const f = connectClient(srv.wsUrl, b.boardId, b.facilitatorToken, { key: newClientKey() });
    await f.synced;
    setAgenda(f.doc, BOARD_AGENDA);
    await writeNotes(srv, b, ['多機関で情報共有できた']);
    return { b, f };
  }

  const names = async (b: { boardId: string; facilitatorToken: string }) =>
    ((await (await fetch(`${srv.url}/api/boards/${b.boardId}/snapshots?token=${b.facilitatorToken}`)).json()) as { snapshots: { name: string }[] }).snapshots.map((s) => s.name);

  it('takes one when a phase ends, none again while nothing changes, and one for the next phase after edits', async () => {
    const { b, f } = await boardWithAgenda();
    try {
      expect(await eventually(() => f.doc.getMap('meta').get('agenda') !== undefined)).toBe(true);
      expect(await snapshotEndedPhases(srv.app, b.boardId, jst(at('14:09'), 50), jst(at('14:10'), 5))).toBe(1);
      expect(await names(b)).toEqual([autoSnapshotName(BOARD_AGENDA[0]!)]);
      expect(await names(b)).toEqual([`グループ討議 ①（${at('14:10')} 終了・自動）`]);
      // Nothing changed since: the end of the next phase adds no copy.
      expect(await snapshotEndedPhases(srv.app, b.boardId, jst(at('14:29'), 50), jst(at('14:30'), 5))).toBe(0);
      await writeNotes(srv, b, ['全体共有で出た意見']);
      expect(await snapshotEndedPhases(srv.app, b.boardId, jst(at('14:29'), 50), jst(at('14:30'), 5))).toBe(1);
      const snaps = await names(b);
      expect(snaps).toHaveLength(2);
      const last = (await (await fetch(`${srv.url}/api/boards/${b.boardId}/export.json?token=${b.facilitatorToken}&snapshot=${await lastId(b)}`)).json()) as { notes: { text: string }[] };
      expect(last.notes.map((n) => n.text).sort()).toEqual(['全体共有で出た意見', '多機関で情報共有できた']);
    } finally {
      f.destroy();
    }
  });

  async function lastId(b: { boardId: string; facilitatorToken: string }): Promise<string> {
    const list = (await (await fetch(`${srv.url}/api/boards/${b.boardId}/snapshots?token=${b.facilitatorToken}`)).json()) as { snapshots: { id: string }[] };
    return list.snapshots.at(-1)!.id;
  }

  it('runs on its own for every loaded board as the clock passes a phase end', async () => {
    const { b, f } = await boardWithAgenda();
    let clock = jst(at('14:09'), 55);
    const stop = startAutoSnapshots(srv.app, 20, () => clock);
    try {
      await new Promise((r) => setTimeout(r, 100));
      expect(await names(b)).toEqual([]);
      clock = jst(at('14:10'), 2);
      let got: string[] = [];
      for (const end = Date.now() + 10_000; got.length === 0 && Date.now() < end; await new Promise((r) => setTimeout(r, 50))) got = await names(b);
      expect(got).toEqual([`グループ討議 ①（${at('14:10')} 終了・自動）`]);
    } finally {
      stop();
      f.destroy();
    }
  });
});
