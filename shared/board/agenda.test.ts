import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  AgendaInputError,
  formatRemaining,
  pauseTimer,
  phaseAt,
  phaseDurationMs,
  presetAgenda,
  readAgenda,
  readTimer,
  resumeTimer,
  setAgenda,
  startTimer,
  stopTimer,
  timerRemainingMs,
  minutesOf,
} from './agenda';
import { metaOf } from './doc';

const sync = (a: Y.Doc, b: Y.Doc) => Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));

describe('agenda', () => {
  it('keeps the phases in time order and other clients see the same agenda', () => {
    const doc = new Y.Doc();
    setAgenda(doc, [
      { id: 'p2', title: '全体共有', start: '14:10', end: '14:30' },
      { id: 'p1', title: 'グループ討議 ①', start: '13:35', end: '14:10' },
    ]);
    const other = new Y.Doc();
    sync(doc, other);
    expect(readAgenda(other).map((p) => p.title)).toEqual(['グループ討議 ①', '全体共有']);
    expect(phaseDurationMs(readAgenda(other)[0]!)).toBe(35 * 60_000);
  });

  it('refuses a bad phase with a message naming it, and leaves the agenda as it was', () => {
    const doc = new Y.Doc();
    const good = presetAgenda('tomakomai');
    setAgenda(doc, good);
    const cases: [unknown, RegExp][] = [
      [{ id: 'x', title: '討議', start: '25:00', end: '26:00' }, /phase 1 start: time must be HH:MM/],
      [{ id: 'x', title: '討議', start: '14:10', end: '13:35' }, /phase 1 end: end must be after start/],
      [{ id: 'x', title: '  ', start: '13:00', end: '13:10' }, /phase 1 title: title is required/],
    ];
    for (const [phase, msg] of cases) {
      expect(() => setAgenda(doc, [phase as never])).toThrow(AgendaInputError);
      expect(() => setAgenda(doc, [phase as never])).toThrow(msg);
    }
    expect(readAgenda(doc)).toEqual(good);
  });

  it('ignores phases in the doc that break the schema instead of failing the whole agenda', () => {
    const doc = new Y.Doc();
    metaOf(doc).set('agenda', [{ id: 'ok', title: '休憩', start: '14:30', end: '14:40' }, { id: 'bad', title: 3 }, 'junk']);
    expect(readAgenda(doc).map((p) => p.id)).toEqual(['ok']);
    metaOf(doc).set('agenda', 'not a list');
    expect(readAgenda(doc)).toEqual([]);
  });

  it('finds the phase running at a time of day', () => {
    const agenda = presetAgenda('tomakomai');
    expect(phaseAt(agenda, minutesOf('13:50'))?.title).toBe('グループ討議 ①');
    expect(phaseAt(agenda, minutesOf('14:10'))?.title).toContain('全体共有');
    expect(phaseAt(agenda, minutesOf('16:00'))).toBeNull();
    expect(presetAgenda('tobetsu').find((p) => p.start === '16:05')?.title).toContain('グループ討議');
  });
});

describe('timer everyone sees', () => {
  const T0 = 1_700_000_000_000;

  it('counts down from the start, pauses keeping what is left, resumes from there', () => {
    const doc = new Y.Doc();
    startTimer(doc, { phaseId: 'p1', durationMs: 35 * 60_000 }, null, T0);
    expect(timerRemainingMs(readTimer(doc)!, T0 + 5 * 60_000)).toBe(30 * 60_000);
    pauseTimer(doc, null, T0 + 5 * 60_000);
    expect(timerRemainingMs(readTimer(doc)!, T0 + 60 * 60_000)).toBe(30 * 60_000);
    resumeTimer(doc, null, T0 + 60 * 60_000);
    expect(timerRemainingMs(readTimer(doc)!, T0 + 70 * 60_000)).toBe(20 * 60_000);
    const other = new Y.Doc();
    sync(doc, other);
    expect(readTimer(other)).toEqual(readTimer(doc));
    stopTimer(doc);
    expect(readTimer(doc)).toBeNull();
  });

  it('shows the time left, and how far over time once it runs out', () => {
    expect(formatRemaining(35 * 60_000)).toBe('35:00');
    expect(formatRemaining(61_500)).toBe('1:02');
    expect(formatRemaining(0)).toBe('0:00');
    expect(formatRemaining(-42_000)).toBe('-0:42');
  });

  it('refuses a timer without a positive duration and writes nothing', () => {
    const doc = new Y.Doc();
    expect(() => startTimer(doc, { durationMs: 0 })).toThrow(AgendaInputError);
    expect(() => startTimer(doc, { durationMs: Number.NaN })).toThrow(AgendaInputError);
    expect(readTimer(doc)).toBeNull();
    metaOf(doc).set('timer', { startedAt: 'soon' });
    expect(readTimer(doc)).toBeNull();
  });
});
