/** `npm run backup -- --out DIR` and `npm run restore -- --from DIR`: the embedded store's backup and its restore. */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { backupSqlite, restoreSqlite, type CopyResult } from './backup';

export const HELP = `Backup and restore of the embedded SQLite store (DATA_DIR).

Usage:
  npm run backup -- --out DIR [--data DATA_DIR]
      A consistent copy of every board, snapshot and audit log, taken while the
      server runs and writes. DIR must hold no backup yet. Serve it with
      DATA_DIR=DIR npm start.
  npm run restore -- --from DIR [--data DATA_DIR]
      Puts a backup in place as DATA_DIR. Stop the server first; DATA_DIR must
      hold no database (move the old one away: a restore never overwrites).

DATA_DIR defaults to the DATA_DIR variable, else ./data. For PostgreSQL
(DATABASE_URL), use pg_dump and pg_restore (see README, "Backup").

Exit status: 0 done; 1 refused or failed (nothing is overwritten); 2 wrong arguments.
`;

export interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
}

const report = (verb: string, r: CopyResult) => `${verb} ${r.boards} board(s) and ${r.snapshots} snapshot(s): ${r.file}`;

export async function main(argv: string[], io: Output, env: Record<string, string | undefined> = process.env): Promise<number> {
  const [command, ...rest] = argv;
  let values: { out?: string; from?: string; data?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ args: rest, options: { out: { type: 'string' }, from: { type: 'string' }, data: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
    if (values.help || command === '--help' || command === '-h') {
      io.out(HELP);
      return 0;
    }
    if (command !== 'backup' && command !== 'restore') throw new Error(`unknown command ${command ?? '(none)'}: backup or restore`);
    if (command === 'backup' && !values.out) throw new Error('--out DIR is missing');
    if (command === 'restore' && !values.from) throw new Error('--from DIR is missing');
  } catch (err) {
    io.err(`${(err as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (env.DATABASE_URL) {
    io.err('DATABASE_URL is set: this server keeps its boards in PostgreSQL; back it up with pg_dump (see README, "Backup").');
    return 1;
  }
  const dataDir = resolve(values.data ?? env.DATA_DIR ?? './data');
  try {
    if (command === 'backup') io.out(report('Backed up', await backupSqlite(dataDir, resolve(values.out!))));
    else io.out(report('Restored', restoreSqlite(resolve(values.from!), dataDir)));
    return 0;
  } catch (err) {
    io.err(`${command}: ${(err as Error).message}`);
    return 1;
  }
}
