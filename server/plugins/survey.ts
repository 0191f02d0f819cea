import { createHash } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { API } from '../../shared/api/contract';
import { CLIENT_KEY_MAX } from '../../shared/board/identity';
import { checkAnswers, readSurvey, SurveyAnswerError, tallySurvey, writeSurvey, type SurveyAnswers, type SurveyState } from '../../shared/board/survey';
import { HttpError } from './errors';
import { serve } from './contract';

/**
 * Who answered, as an id that ties the answers to nobody: a hash of the device's key salted with the
 * board and a purpose of its own, so it matches neither the user id a note carries (derived from the
 * same key) nor the id on another board. The facilitator, and whoever reads the database, sees only it.
 */
const respondentOf = (boardId: string, key: string) => createHash('sha256').update(`fusen survey respondent\0${boardId}\0${key}`).digest('base64url');

function clientKeyOf(req: FastifyRequest): string {
  const key = req.headers['x-client-key'];
  if (typeof key !== 'string' || !key || key.length > CLIENT_KEY_MAX) throw new HttpError(400, 'send the browser’s key in X-Client-Key: one answer set per device', 'X-Client-Key');
  return key;
}

/**
 * The end-of-session survey (issue 25): the questions and whether it is open live in the board's meta,
 * written here, so phones show the form and the projector the results live; the answers are kept in the
 * Store under a respondent id (above) with no time, and only totals leave the server.
 */
export default fp(
  async (app) => {
    const surveyOf = async (boardId: string): Promise<SurveyState | null> => {
      const found = await app.rooms.with(boardId, (room) => ({ survey: readSurvey(room.doc) }));
      if (!found) throw new HttpError(404, 'board not found');
      return found.survey;
    };
    const write = async (boardId: string, change: (s: SurveyState | null) => SurveyState) => {
      const next = await app.rooms.with(boardId, (room) => {
        const survey = change(readSurvey(room.doc));
        room.transact((doc) => writeSurvey(doc, survey));
        return survey;
      });
      if (!next) throw new HttpError(404, 'board not found');
      return next;
    };
    const existing = (s: SurveyState | null): SurveyState => {
      if (!s) throw new HttpError(409, 'the board has no survey yet: PUT …/survey first');
      return s;
    };

    serve(app, API.putSurvey, async (req) => {
      const { board, ...by } = await app.authorize(req, req.params.boardId, ['facilitator']);
      // New questions make earlier answers meaningless: they are forgotten, and the survey starts closed.
      await app.store.clearSurveyAnswers(board.id);
      const survey = await write(board.id, () => ({ questions: req.body.questions, open: false }));
      await app.lifecycle.audit.record(board.id, 'survey', by, { questions: survey.questions.length });
      return survey;
    });

    for (const [route, open] of [[API.openSurvey, true], [API.closeSurvey, false]] as const) {
      serve(app, route, async (req) => {
        const { board, ...by } = await app.authorize(req, req.params.boardId, ['facilitator']);
        const survey = await write(board.id, (s) => ({ ...existing(s), open }));
        await app.lifecycle.audit.record(board.id, 'survey', by, { open });
        return survey;
      });
    }

    serve(app, API.answerSurvey, async (req) => {
      const { board } = await app.authorize(req, req.params.boardId, ['participant', 'facilitator']);
      const key = clientKeyOf(req);
      const survey = existing(await surveyOf(board.id));
      if (!survey.open) throw new HttpError(409, 'the survey is closed');
      let answers: SurveyAnswers;
      try {
        answers = checkAnswers(survey.questions, req.body.answers);
      } catch (err) {
        if (err instanceof SurveyAnswerError) throw new HttpError(400, `answers.${err.message}`, `answers.${err.questionId}`);
        throw err;
      }
      await app.store.saveSurveyAnswers(board.id, respondentOf(board.id, key), answers);
    });

    serve(app, API.surveyResults, async (req) => {
      const { board } = await app.authorize(req, req.params.boardId, ['facilitator']);
      const survey = existing(await surveyOf(board.id));
      const answered = (await app.store.listSurveyAnswers(board.id)).map((a) => a.answers as SurveyAnswers);
      return tallySurvey(survey.questions, answered);
    });
  },
  { name: 'survey', dependencies: ['store', 'auth'] },
);
