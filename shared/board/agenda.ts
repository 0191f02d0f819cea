import * as Y from 'yjs';
import { z } from 'zod';
import { LIMITS } from './schema';
import { metaOf } from './doc';
import { newClientKey } from './ids';

/**
 * The timed agenda of a session (e.g. 13:35–14:10 group discussion ①) and one timer everybody sees.
 * Both live in `meta` as plain values, replaced whole: only the facilitator writes them, so there is
 * nothing to merge, and a replaced value can never be half-written.
 */
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
export const TimeOfDaySchema = z.string().regex(HHMM, 'time must be HH:MM (00:00–23:59)');

export const PhaseSchema = z
  .object({
    id: z.string().min(1).max(32),
    title: z.string().trim().min(1, 'title is required').max(LIMITS.titleMax),
    start: TimeOfDaySchema,
    end: TimeOfDaySchema,
  })
  .refine((p) => minutesOf(p.end) > minutesOf(p.start), { message: 'end must be after start', path: ['end'] });
export type Phase = z.infer<typeof PhaseSchema>;

export const AGENDA_MAX_PHASES = 30;
export const AgendaSchema = z.array(PhaseSchema).max(AGENDA_MAX_PHASES);

/** A running timer counts down from `startedAt`; a paused one keeps what was left. */
export const TimerSchema = z.object({
  phaseId: z.string().max(32).nullable(),
  startedAt: z.number().int().nonnegative(),
  durationMs: z.number().int().positive().max(24 * 3_600_000),
  pausedRemainingMs: z.number().int().nonnegative().optional(),
});
export type Timer = z.infer<typeof TimerSchema>;

export class AgendaInputError extends Error {}

export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

export const phaseDurationMs = (p: Pick<Phase, 'start' | 'end'>): number => (minutesOf(p.end) - minutesOf(p.start)) * 60_000;

export const newPhaseId = (): string => `p_${newClientKey().slice(0, 10)}`;

/** The agenda in time order; whatever in the doc breaks the schema is left out rather than shown wrong. */
export function readAgenda(doc: Y.Doc): Phase[] {
  const raw = metaOf(doc).get('agenda');
  if (!Array.isArray(raw)) return [];
  const phases: Phase[] = [];
  for (const p of raw) {
    const r = PhaseSchema.safeParse(p);
    if (r.success) phases.push(r.data);
  }
  return phases.sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
}

/** Replaces the agenda; throws AgendaInputError naming the bad phase and field, and writes nothing. */
export function setAgenda(doc: Y.Doc, phases: readonly Phase[], origin: unknown = null): void {
  const r = AgendaSchema.safeParse(phases);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const [index, field] = issue.path;
    const where = typeof index === 'number' ? `phase ${index + 1}${field ? ` ${String(field)}` : ''}: ` : '';
    throw new AgendaInputError(`${where}${issue.message}`);
  }
  const sorted = [...r.data].sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
  doc.transact(() => metaOf(doc).set('agenda', sorted), origin);
}

/** The phase whose time span holds `minutes` (minutes since midnight), if any. */
export function phaseAt(agenda: readonly Phase[], minutes: number): Phase | null {
  return agenda.find((p) => minutesOf(p.start) <= minutes && minutes < minutesOf(p.end)) ?? null;
}

export function readTimer(doc: Y.Doc): Timer | null {
  const r = TimerSchema.safeParse(metaOf(doc).get('timer'));
  return r.success ? r.data : null;
}

function writeTimer(doc: Y.Doc, timer: Timer | null, origin: unknown): void {
  if (timer) TimerSchema.parse(timer);
  doc.transact(() => metaOf(doc).set('timer', timer), origin);
}

/** Starts a countdown, for a phase (its length) or for any duration. */
export function startTimer(
  doc: Y.Doc,
  opts: { phaseId?: string | null; durationMs: number },
  origin: unknown = null,
  now = Date.now(),
): void {
  if (!Number.isInteger(opts.durationMs) || opts.durationMs <= 0) throw new AgendaInputError('duration must be a positive whole number of milliseconds');
  writeTimer(doc, { phaseId: opts.phaseId ?? null, startedAt: now, durationMs: opts.durationMs }, origin);
}

export function pauseTimer(doc: Y.Doc, origin: unknown = null, now = Date.now()): void {
  const t = readTimer(doc);
  if (!t || t.pausedRemainingMs !== undefined) return;
  writeTimer(doc, { ...t, pausedRemainingMs: timerRemainingMs(t, now) }, origin);
}

/** Resumes so that what was left when paused is what is left now. */
export function resumeTimer(doc: Y.Doc, origin: unknown = null, now = Date.now()): void {
  const t = readTimer(doc);
  if (!t || t.pausedRemainingMs === undefined) return;
  writeTimer(doc, { phaseId: t.phaseId, durationMs: t.durationMs, startedAt: now - (t.durationMs - t.pausedRemainingMs) }, origin);
}

export const stopTimer = (doc: Y.Doc, origin: unknown = null): void => writeTimer(doc, null, origin);

/** Milliseconds left; negative once overrun, so the display can show how far over time a phase ran. */
export function timerRemainingMs(t: Timer, now: number): number {
  return t.pausedRemainingMs ?? t.durationMs - (now - t.startedAt);
}

/** "12:05", or "-0:42" when overrun; whole seconds, rounded up so 0:00 means time is really up. */
export function formatRemaining(ms: number): string {
  const over = ms < 0;
  const s = over ? Math.floor(-ms / 1000) : Math.ceil(ms / 1000);
  const text = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  return over ? `-${text}` : text;
}

/** Agendas of the real sessions (see DOMAIN.md), to start from instead of typing every phase. */
export const AGENDA_PRESETS: Record<'tobetsu' | 'tomakomai', { ja: string; en: string; phases: Omit<Phase, 'id'>[] }> = {
  tobetsu: {
    ja: '当別町セミナー (15:00–17:00)',
    en: 'Tōbetsu seminar',
    phases: [
      { title: '開会', start: '15:00', end: '15:05' },
      { title: '行政説明 (オンライン)', start: '15:05', end: '15:30' },
      { title: '事例報告', start: '15:30', end: '15:55' },
      { title: '休憩', start: '15:55', end: '16:05' },
      { title: 'グループ討議 ① 印象に残ったこと／わからなかったこと', start: '16:05', end: '16:30' },
      { title: 'グループ討議 ② 困っていること／どうしたらよかったんだろう', start: '16:30', end: '16:55' },
      { title: '閉会', start: '16:55', end: '17:00' },
    ],
  },
  tomakomai: {
    ja: '苫小牧市研修 (13:30–15:30)',
    en: 'Tomakomai training',
    phases: [
      { title: '開会・趣旨説明', start: '13:30', end: '13:35' },
      { title: 'グループ討議 ①', start: '13:35', end: '14:10' },
      { title: '全体共有 (1〜2グループ発表・助言者コメント)', start: '14:10', end: '14:30' },
      { title: '休憩', start: '14:30', end: '14:40' },
      { title: 'グループ討議 ②', start: '14:40', end: '15:10' },
      { title: '全体共有・まとめ', start: '15:10', end: '15:25' },
      { title: 'アンケート記入', start: '15:25', end: '15:30' },
    ],
  },
};

export function presetAgenda(preset: keyof typeof AGENDA_PRESETS): Phase[] {
  return AGENDA_PRESETS[preset].phases.map((p) => ({ ...p, id: newPhaseId() }));
}
