import fp from 'fastify-plugin';
import { API } from '../../shared/api/contract';
import { newBoardId, newToken } from '../../shared/board/ids';
import { exportFileName } from '../../shared/export/filename';
import { toSeriesCsv } from '../../shared/export/series';
import { hashToken } from '../store/tokens';
import { openSeries, seriesLink } from '../series/access';
import { readSessions, supportCounts } from '../series/sessions';
import { buildSeriesXlsx } from '../export/seriesXlsx';
import { attachment } from '../export/disposition';
import { tokenFrom } from './auth';
import { serve } from './contract';
import { HttpError } from './errors';

const SERIES_FORMATS = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;
type SeriesFormat = keyof typeof SERIES_FORMATS;

type ExportRoute = { Params: { seriesId: string; format: string } };

/**
 * A series of sessions: creating one, its sessions with their counts per support, every note across
 * them, and the series' XLSX and CSV. The series token (Bearer, or `?token=` on a download) opens all of it.
 * Boards join a series when they are created (POST /api/boards with `series`, plugins/boards.ts).
 */
export default fp(
  async (app) => {
    const perHour = app.config.BOARDS_PER_IP_PER_HOUR;
    // As many series as boards from one address: the rate-limit plugin boards.ts registers applies.
    const limited =
      perHour === 0
        ? {}
        : {
            config: {
              rateLimit: {
                max: perHour,
                timeWindow: 60 * 60 * 1000,
                errorResponseBuilder: (_req: unknown, { ttl }: { ttl: number }) =>
                  new HttpError(429, `at most ${perHour} new series per hour from one address; try again in ${Math.ceil(ttl / 60_000)} min`),
              },
            },
          };
    serve(app, API.createSeries, async (req) => {
      const token = newToken();
      const series = { id: newBoardId(), title: req.body.title, createdAt: Date.now(), tokenHash: hashToken(token) };
      await app.store.createSeries(series);
      req.log.info({ seriesId: series.id }, 'series created');
      return { seriesId: series.id, token, link: seriesLink(app.publicUrl(), series.id, token) };
    }, limited);

    const opened = async (req: Parameters<typeof tokenFrom>[0], seriesId: string) => {
      const token = tokenFrom(req);
      const series = await openSeries(app, seriesId, token);
      return { series, sessions: await readSessions(app, series, token!) };
    };

    serve(app, API.series, async (req) => {
      const { series, sessions } = await opened(req, req.params.seriesId);
      const base = app.publicUrl();
      return {
        seriesId: series.id,
        title: series.title,
        createdAt: series.createdAt,
        boards: sessions.map((s) => ({
          boardId: s.boardId,
          title: s.title,
          createdAt: s.createdAt,
          noteCount: s.table.rows.length,
          counts: supportCounts(s.table),
          link: `${base}/b/${s.boardId}?token=${s.facilitatorToken}`,
        })),
      };
    });

    serve(app, API.seriesNotes, async (req) => {
      const { sessions } = await opened(req, req.params.seriesId);
      return {
        notes: sessions.flatMap((s) =>
          s.table.rows.map((r) => ({
            boardId: s.boardId,
            sessionTitle: s.title,
            noteId: r.noteId,
            text: r.text,
            category: r.category,
            clusterLabel: r.clusterLabel,
            groupLabel: r.groupLabel,
            sectionTitle: r.sectionTitle,
          })),
        ),
      };
    });

    app.get<ExportRoute>('/api/series/:seriesId/export.:format', async (req, reply) => {
      const { format } = req.params;
      if (!(format in SERIES_FORMATS)) throw new HttpError(404, `unknown export format "${format}": use ${Object.keys(SERIES_FORMATS).join(', ')}`);
      const { series, sessions } = await opened(req, req.params.seriesId);
      // HEAD answers as GET does, but downloads nothing: only a GET is an export of each session.
      if (req.method === 'GET') {
        for (const s of sessions) await app.lifecycle.audit.record(s.boardId, 'export', { role: 'facilitator', userId: null }, { format, seriesId: series.id });
      }
      const body = format === 'csv' ? toSeriesCsv(sessions) : format === 'docx' ? await (await import('../export/docx')).buildSeriesDocx(series.title, sessions, Date.now()) : await buildSeriesXlsx(series.title, sessions, Date.now());
      return reply
        .header('content-type', SERIES_FORMATS[format as SeriesFormat])
        .header('content-disposition', attachment(exportFileName(series.title, format), `series-${series.id}.${format}`))
        .header('cache-control', 'no-store')
        .send(body);
    });
  },
  { name: 'series', dependencies: ['store', 'auth', 'boards'] },
);
