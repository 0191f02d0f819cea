import type { FastifyInstance } from 'fastify';
import { BOARD_ID_RE } from '../../shared/board/ids';
import { seriesTokenMatches } from '../store/tokens';
import type { SeriesRecord } from '../store/store';
import { HttpError } from '../plugins/errors';

/**
 * The series a token opens: 404 for a series the store does not have, 403 for a token that is not its
 * own (compared by hash in constant time), 401 with no token at all.
 */
export async function openSeries(app: FastifyInstance, seriesId: string, token: string | null, field?: string): Promise<SeriesRecord> {
  const series = BOARD_ID_RE.test(seriesId) ? await app.store.getSeries(seriesId) : null;
  if (!series) throw new HttpError(404, 'series not found', field && `${field}.id`);
  if (!token) throw new HttpError(401, 'token required (Authorization: Bearer SERIES_TOKEN)');
  if (!seriesTokenMatches(series.tokenHash, token)) throw new HttpError(403, 'this token does not open this series', field && `${field}.token`);
  return series;
}

export const seriesLink = (base: string, seriesId: string, token: string): string => `${base}/s/${seriesId}#token=${token}`;
