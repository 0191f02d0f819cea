import type { z } from 'zod';
import { API } from '../../../shared/api/contract';
import type { CreatedSeriesSchema, Series, SeriesNote } from '../../../shared/api/series';
import { request, ApiError, type CreatedBoard } from '../api';
import { downloadBlob } from '../export/download';

export type CreatedSeries = z.infer<typeof CreatedSeriesSchema>;

export const createSeries = (title: string): Promise<CreatedSeries> => request(API.createSeries, { body: { title } });

export const fetchSeries = (seriesId: string, token: string, signal?: AbortSignal): Promise<Series> => request(API.series, { params: { seriesId }, token, signal });

export const fetchSeriesNotes = async (seriesId: string, token: string, signal?: AbortSignal): Promise<SeriesNote[]> =>
  (await request(API.seriesNotes, { params: { seriesId }, token, signal })).notes;

export const createSessionBoard = (seriesId: string, token: string, input: { title: string; groups: number; anonymous: boolean }): Promise<CreatedBoard> =>
  request(API.createBoard, { body: { ...input, title: input.title || undefined, series: { id: seriesId, token } } });

/** The file name the server gives in Content-Disposition (RFC 5987), or the fallback. */
function fileNameOf(res: Response, fallback: string): string {
  const m = /filename\*=UTF-8''([^;]+)/i.exec(res.headers.get('content-disposition') ?? '');
  return m ? decodeURIComponent(m[1]!) : fallback;
}

/** Downloads the series' XLSX or CSV, the token in the Authorization header rather than the address. */
export async function downloadSeries(seriesId: string, token: string, format: 'xlsx' | 'csv' | 'docx'): Promise<void> {
  const res = await fetch(`/api/series/${encodeURIComponent(seriesId)}/export.${format}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: string } | null;
    throw new ApiError(res.status, body?.error ?? res.statusText);
  }
  downloadBlob(await res.blob(), fileNameOf(res, `series.${format}`));
}
