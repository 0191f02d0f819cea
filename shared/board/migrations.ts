import type * as Y from 'yjs';
import { metaOf } from './doc';

/** The board model this code writes and reads; a board saved by older code is migrated up to it on load. */
export const SCHEMA_VERSION = 1;

/** One step of the board model: takes a board of `version - 1` to `version`, inside the migration's transaction. */
export interface Migration {
  version: number;
  /** What changed in the model, for the log. */
  name: string;
  up(doc: Y.Doc): void;
}

/**
 * Every step since version 1, in order. A change to the model that older boards do not satisfy adds a
 * step here and raises SCHEMA_VERSION; the fixture board in migrations.test.ts must still open.
 */
export const MIGRATIONS: readonly Migration[] = [];

/** A board saved by a newer version of the software than this one: opening it could lose what it holds. */
export class NewerBoardError extends Error {
  constructor(
    readonly boardVersion: number,
    readonly softwareVersion: number,
  ) {
    super(`this board was saved by a newer version of the software (board model ${boardVersion}, this server reads up to ${softwareVersion}); upgrade the server`);
  }
}

/** The board model a doc was saved with; boards from before versions were written are version 1. */
export function schemaVersionOf(doc: Y.Doc): number {
  const v = metaOf(doc).get('schemaVersion');
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : 1;
}

/**
 * Runs the steps a board lacks, in order, in one transaction with `origin` (so the server stores and
 * sends the result once), and records the version reached. Does nothing for a current board; throws
 * NewerBoardError, changing nothing, for a board newer than the software.
 */
export function migrateBoard(
  doc: Y.Doc,
  origin: unknown = null,
  migrations: readonly Migration[] = MIGRATIONS,
  current: number = SCHEMA_VERSION,
): { from: number; to: number; applied: string[] } {
  checkOrder(migrations, current);
  const from = schemaVersionOf(doc);
  if (from > current) throw new NewerBoardError(from, current);
  const due = migrations.filter((m) => m.version > from);
  if (due.length === 0) return { from, to: from, applied: [] };
  doc.transact(() => {
    for (const m of due) m.up(doc);
    metaOf(doc).set('schemaVersion', current);
  }, origin);
  return { from, to: current, applied: due.map((m) => m.name) };
}

function checkOrder(migrations: readonly Migration[], current: number): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 2) throw new Error(`migration "${m.name}" is numbered ${m.version}; expected ${i + 2}`);
  });
  const last = migrations.at(-1)?.version ?? 1;
  if (last !== current) throw new Error(`the board model is version ${current} but the last migration reaches ${last}`);
}
