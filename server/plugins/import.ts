import fp from 'fastify-plugin';
import { API } from '../../shared/api/contract';
import { addNote, notesLimitOf, readBoard } from '../../shared/board/doc';
import { ImportProblem, planImport } from '../../shared/board/import';
import { CSV_TYPE, parseImportFile, XLSX_TYPE } from '../import/parse';
import { HttpError } from './errors';
import { serve } from './contract';

/** A day's notes from a large hall, as a workbook with its styles: well above any real file, far below memory trouble. */
const IMPORT_BYTES_MAX = 5 * 1024 * 1024;
/** Whose notes the imported ones are: nobody's on this board, so only the facilitator and scribes edit them. */
export const IMPORTED_AUTHOR_ID = 'imported';

/**
 * Notes brought in from a file (issue 25): paper notes typed up after a hall workshop, or a sheet from an
 * earlier session. The whole file is checked before anything is written, and written in one transaction,
 * so an import lands entirely or not at all.
 */
export default fp(
  async (app) => {
    app.addContentTypeParser([CSV_TYPE, XLSX_TYPE], { parseAs: 'buffer', bodyLimit: IMPORT_BYTES_MAX }, (_req, body, done) => done(null, body));

    serve(
      app,
      API.importNotes,
      async (req) => {
        const { board, ...by } = await app.authorize(req, req.params.boardId, ['facilitator']);
        if (!Buffer.isBuffer(req.body)) throw new HttpError(400, `send the file as ${CSV_TYPE} or ${XLSX_TYPE}`, 'body');
        const rows = await parseImportFile(req.body, req.headers['content-type']).catch(refuse);
        const noteIds = await app.rooms.with(board.id, (room) => {
          const view = readBoard(room.doc);
          let plan;
          try {
            plan = planImport({ sections: view.sections, notes: view.notes, anonymous: view.meta.anonymous, notesLimit: notesLimitOf(room.doc) }, rows);
          } catch (err) {
            return refuse(err);
          }
          const ids: string[] = [];
          room.transact((doc) => {
            for (const n of plan) ids.push(addNote(doc, { ...n, authorId: IMPORTED_AUTHOR_ID }));
          });
          return ids;
        });
        if (!noteIds) throw new HttpError(404, 'board not found');
        await app.lifecycle.audit.record(board.id, 'import', by, { notes: noteIds.length });
        return { imported: noteIds.length, noteIds };
      },
      { bodyLimit: IMPORT_BYTES_MAX },
    );
  },
  { name: 'import', dependencies: ['store', 'auth'] },
);

function refuse(err: unknown): never {
  if (err instanceof ImportProblem) throw new HttpError(400, err.message, err.row === null ? 'file' : `rows.${err.row}`);
  throw err;
}
