import * as Y from 'yjs';
import { z } from 'zod';
import { metaOf } from './doc';

/**
 * The end-of-session survey (アンケート), as the paper questionnaires of the real sessions asked it:
 * 1–5 scales with labelled ends, one or several choices, free text. The questions and whether the
 * survey is open live in the board's meta (written by the server, so every device and the projector
 * follow them); the answers never enter the board: the server keeps them apart, under a respondent id
 * nobody can tie to a person (server/plugins/survey.ts).
 */
export const SURVEY_KINDS = ['scale', 'single', 'multi', 'text'] as const;
export const SURVEY_TEXT_MAX = 1_000;
export const SURVEY_QUESTIONS_MAX = 30;
export const SCALE_POINTS = 5;

export const SurveyQuestionSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'id: letters, digits, _ or -, at most 32'),
    kind: z.enum(SURVEY_KINDS),
    text: z.string().trim().min(1, 'the question needs a text').max(300),
    /** For single and multi: the choices; for scale: the labels of its two ends (1 and 5). */
    choices: z.array(z.string().trim().min(1).max(100)).max(12).optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    const n = q.choices?.length ?? 0;
    if ((q.kind === 'single' || q.kind === 'multi') && n < 2) ctx.addIssue({ code: 'custom', path: ['choices'], message: 'give at least two choices' });
    if (q.kind === 'scale' && n !== 0 && n !== 2) ctx.addIssue({ code: 'custom', path: ['choices'], message: 'a scale takes the labels of its two ends, or none' });
    if (q.kind === 'text' && n > 0) ctx.addIssue({ code: 'custom', path: ['choices'], message: 'a text question has no choices' });
  });
export type SurveyQuestion = z.infer<typeof SurveyQuestionSchema>;

export const SurveyInputSchema = z
  .object({
    questions: z
      .array(SurveyQuestionSchema)
      .min(1, 'give at least one question')
      .max(SURVEY_QUESTIONS_MAX)
      .refine((qs) => new Set(qs.map((q) => q.id)).size === qs.length, 'each question needs its own id'),
  })
  .strict();
export type SurveyInput = z.infer<typeof SurveyInputSchema>;

export const SurveyStateSchema = SurveyInputSchema.extend({ open: z.boolean() });
export type SurveyState = z.infer<typeof SurveyStateSchema>;

/** One person's answers: a scale's value 1–5, a choice's index, several indexes, or text. */
export type SurveyValue = number | number[] | string;
export type SurveyAnswers = Record<string, SurveyValue>;

export const SurveyAnswersSchema = z.object({ answers: z.record(z.string(), z.union([z.number(), z.array(z.number()), z.string()])) }).strict();

/** Why an answer set is refused, naming the question. */
export class SurveyAnswerError extends Error {
  constructor(
    readonly questionId: string,
    message: string,
  ) {
    super(`${questionId}: ${message}`);
  }
}

const isIndex = (v: unknown, n: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < n;

/** The answers as they will be kept: every value checked against its question; unanswered questions left out. */
export function checkAnswers(questions: readonly SurveyQuestion[], answers: Record<string, unknown>): SurveyAnswers {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const out: SurveyAnswers = {};
  for (const [id, v] of Object.entries(answers)) {
    const q = byId.get(id);
    if (!q) throw new SurveyAnswerError(id, 'no such question');
    const n = q.choices?.length ?? 0;
    if (q.kind === 'scale') {
      if (!(typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= SCALE_POINTS)) throw new SurveyAnswerError(id, `answer with a whole number from 1 to ${SCALE_POINTS}`);
      out[id] = v;
    } else if (q.kind === 'single') {
      if (!isIndex(v, n)) throw new SurveyAnswerError(id, `answer with a choice from 0 to ${n - 1}`);
      out[id] = v;
    } else if (q.kind === 'multi') {
      if (!Array.isArray(v) || !v.every((x) => isIndex(x, n)) || new Set(v).size !== v.length) throw new SurveyAnswerError(id, `answer with distinct choices from 0 to ${n - 1}`);
      out[id] = [...v].sort((a, b) => a - b);
    } else {
      if (typeof v !== 'string') throw new SurveyAnswerError(id, 'answer with text');
      const text = v.trim();
      if (text.length > SURVEY_TEXT_MAX) throw new SurveyAnswerError(id, `at most ${SURVEY_TEXT_MAX} characters`);
      if (text) out[id] = text;
    }
  }
  return out;
}

export interface QuestionResult {
  id: string;
  /** counts[i]: answers with scale value i+1, or choosing choice i. */
  counts?: number[];
  /** The free-text answers, in an order that says nothing about who answered when. */
  texts?: string[];
}
export interface SurveyResults {
  respondents: number;
  questions: QuestionResult[];
}

/** The totals per question: counts per value or choice, and free texts sorted (never in the order answered). */
export function tallySurvey(questions: readonly SurveyQuestion[], answerSets: readonly SurveyAnswers[]): SurveyResults {
  return {
    respondents: answerSets.length,
    questions: questions.map((q) => {
      if (q.kind === 'text') {
        const texts = answerSets.map((a) => a[q.id]).filter((v): v is string => typeof v === 'string');
        return { id: q.id, texts: texts.sort((a, b) => a.localeCompare(b, 'ja')) };
      }
      const counts = new Array<number>(q.kind === 'scale' ? SCALE_POINTS : (q.choices?.length ?? 0)).fill(0);
      for (const a of answerSets) {
        const v = a[q.id];
        for (const x of Array.isArray(v) ? v : typeof v === 'number' ? [v] : []) {
          const i = q.kind === 'scale' ? x - 1 : x;
          if (i >= 0 && i < counts.length) counts[i]!++;
        }
      }
      return { id: q.id, counts };
    }),
  };
}

/** The survey on this board, if a facilitator set one (an unreadable value counts as none). */
export function readSurvey(doc: Y.Doc): SurveyState | null {
  const v = metaOf(doc).get('survey');
  const parsed = SurveyStateSchema.safeParse(v instanceof Y.AbstractType ? v.toJSON() : v);
  return parsed.success ? parsed.data : null;
}

export function writeSurvey(doc: Y.Doc, survey: SurveyState, origin: unknown = null): void {
  doc.transact(() => metaOf(doc).set('survey', survey), origin);
}

/** The questionnaire the real sessions handed out at the end, as a starting point the facilitator edits. */
export const SURVEY_TEMPLATES: Record<'ja' | 'en', SurveyQuestion[]> = {
  ja: [
    { id: 'clarity', kind: 'scale', text: '本日の説明はわかりやすかったですか', choices: ['わかりにくかった', 'わかりやすかった'] },
    { id: 'running', kind: 'scale', text: '本日の進め方はわかりやすかったですか', choices: ['わかりにくかった', 'わかりやすかった'] },
    { id: 'understanding', kind: 'single', text: '重層的支援体制整備事業について理解できましたか', choices: ['よく理解できた', 'おおむね理解できた', 'あまり理解できなかった', '理解できなかった'] },
    { id: 'need', kind: 'single', text: 'このような研修は今後も必要だと思いますか', choices: ['とても必要', 'ある程度必要', 'あまり必要ない', '必要ない'] },
    { id: 'problems', kind: 'text', text: '日頃の業務で困っていること・課題' },
    { id: 'ideas', kind: 'text', text: '今後の取り組みへのアイデア・ご意見' },
  ],
  en: [
    { id: 'clarity', kind: 'scale', text: "Were today's talks clear?", choices: ['Hard to follow', 'Very clear'] },
    { id: 'running', kind: 'scale', text: 'Was the way the day ran easy to follow?', choices: ['Hard to follow', 'Easy to follow'] },
    { id: 'understanding', kind: 'single', text: 'Did you understand the multi-layered support system?', choices: ['Well', 'Mostly', 'Not really', 'Not at all'] },
    { id: 'need', kind: 'single', text: 'Are sessions like this needed in future?', choices: ['Very much', 'Somewhat', 'Not really', 'Not at all'] },
    { id: 'problems', kind: 'text', text: 'Problems or issues in your daily work' },
    { id: 'ideas', kind: 'text', text: 'Ideas or opinions for what comes next' },
  ],
};
