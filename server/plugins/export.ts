import fp from 'fastify-plugin';
import type { FastifyReply } from 'fastify';
import { buildNoteTable } from '../../shared/export/table';
import { toCsv } from '../../shared/export/csv';
import { toMarkdown } from '../../shared/export/markdown';
import { toJsonExport } from '../../shared/export/json';
import { exportFileName } from '../../shared/export/filename';
import { formatJst } from '../../shared/export/table';
import { buildXlsx } from '../export/xlsx';
import { attachment } from '../export/disposition';
import { liveSource, snapshotSource, type ExportSource } from '../export/source';
import { maskedExport } from '../../shared/export/mask';
import { HttpError } from './errors';
import { IMPORTED_AUTHOR_ID } from './import';

export const EXPORT_FORMATS = ['json', 'csv', 'xlsx', 'md', 'docx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const CONTENT_TYPES: Record<ExportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  md: 'text/markdown; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

type ExportRoute = { Params: { boardId: string; format: string }; Querystring: { snapshot?: string; mask?: string } };

const isFormat = (f: string): f is ExportFormat => (EXPORT_FORMATS as readonly string[]).includes(f);

async function render(format: ExportFormat, boardId: string, fallbackTitle: string, src: ExportSource): Promise<string | Buffer | object> {
  if (format === 'json') return toJsonExport(boardId, fallbackTitle, src.view, src.extras, src.snapshot);
  const table = buildNoteTable(src.view, src.extras);
  table.title ||= fallbackTitle;
  if (format === 'csv') return toCsv(table);
  if (format === 'md') return toMarkdown(table, { subtitle: src.snapshot ? `スナップショット「${src.snapshot.name}」（${formatJst(src.snapshot.createdAt)}）` : undefined });
  // The Word library is loaded on the first report, not by every server at start.
  if (format === 'docx') return (await import('../export/docx')).buildDocx(table, { exportedAt: Date.now(), snapshot: src.snapshot, agenda: src.agenda, writers: writersOf(src) });
  return buildXlsx(table, { exportedAt: Date.now(), snapshot: src.snapshot });
}

/** People who wrote notes: distinct writers, not counting notes brought in by an import. */
const writersOf = (src: ExportSource): number => new Set(src.view.notes.map((n) => n.authorId).filter((id) => id !== IMPORTED_AUTHOR_ID)).size;

function sendDownload(reply: FastifyReply, format: ExportFormat, name: string, fallback: string, body: string | Buffer | object) {
  return reply
    .header('content-type', CONTENT_TYPES[format])
    .header('content-disposition', attachment(name, fallback))
    .header('cache-control', 'no-store')
    .send(body);
}

/**
 * Downloads of a board as JSON (the whole model), CSV, XLSX or Markdown (the 付箋記入記録), or DOCX (the session report).
 * Any role may export the live board; `?snapshot=ID` is organiser material, for the facilitator only;
 * `?mask=pii` masks what identifies a person in the notes and leaves out author names (shared/export/mask.ts).
 */
export default fp(
  async (app) => {
    app.get<ExportRoute>('/api/boards/:boardId/export.:format', async (req, reply) => {
      const { format } = req.params;
      if (!isFormat(format)) throw new HttpError(404, `unknown export format "${format}": use ${EXPORT_FORMATS.join(', ')}`);
      const snapshotId = req.query.snapshot;
      const { mask } = req.query;
      if (mask !== undefined && mask !== 'pii') throw new HttpError(400, `mask: unknown mask "${mask}": use mask=pii`, 'mask');
      const { board, ...by } = await app.authorize(req, req.params.boardId, snapshotId !== undefined ? ['facilitator'] : ['facilitator', 'participant', 'viewer']);
      const read = snapshotId !== undefined ? await snapshotSource(app, board.id, snapshotId) : await liveSource(app, board.id, by.role === 'viewer');
      const src = mask ? { ...read, ...maskedExport(read.view, read.extras) } : read;
      const title = src.view.meta.title || board.title;
      // HEAD answers as GET does, but downloads nothing: only a GET is an export.
      if (req.method === 'GET') await app.lifecycle.audit.record(board.id, 'export', by, { format, ...(src.snapshot ? { snapshotId: src.snapshot.id } : {}), ...(mask ? { mask } : {}) });
      const fallback = `board-${board.id}${src.snapshot ? `-${src.snapshot.id}` : ''}.${format}`;
      return sendDownload(reply, format, exportFileName(title, format, src.snapshot?.name), fallback, await render(format, board.id, board.title, src));
    });
  },
  { name: 'export', dependencies: ['store', 'auth'] },
);
