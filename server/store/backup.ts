import Database from 'better-sqlite3';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const DB_FILE = 'boards.sqlite3';

/** What a backup or a restore did, for its report. */
export interface CopyResult {
  boards: number;
  snapshots: number;
  file: string;
}

function openChecked(file: string, what: string): Database.Database {
  if (!existsSync(file)) throw new Error(`${what} has no ${DB_FILE} (${file})`);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const tables = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('boards', 'updates', 'snapshots')").get()!.n;
  if (tables !== 3) {
    db.close();
    throw new Error(`${file} is not a fusen-board database`);
  }
  return db;
}

function counts(db: Database.Database): { boards: number; snapshots: number } {
  const n = (table: string) => db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()!.n;
  return { boards: n('boards'), snapshots: n('snapshots') };
}

/** A folder only the server's user can read: the copy holds what notes say and the boards' links. */
function privateFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/**
 * A consistent copy of the embedded store while the server runs and writes: SQLite's online backup
 * copies the database page by page and starts over when a writer changes a page it has copied, so the
 * result is the database as of one moment, WAL included. Never overwrites: `outDir` must hold no database.
 */
export async function backupSqlite(dataDir: string, outDir: string): Promise<CopyResult> {
  const target = join(outDir, DB_FILE);
  if (existsSync(target)) throw new Error(`${target} exists already: give an empty folder, a backup never overwrites one`);
  const db = openChecked(join(dataDir, DB_FILE), `DATA_DIR ${dataDir}`);
  try {
    privateFolder(outDir);
    await db.backup(target);
    chmodSync(target, 0o600);
  } finally {
    db.close();
  }
  const copy = openChecked(target, 'the backup');
  try {
    const ok = String(copy.pragma('integrity_check', { simple: true }));
    if (ok !== 'ok') throw new Error(`the backup failed its integrity check: ${ok}`);
    return { ...counts(copy), file: target };
  } finally {
    copy.close();
  }
}

/**
 * Puts a backup in place as a server's DATA_DIR, which must hold no database (move the old one away
 * first: a restore never overwrites boards). Run it with the server stopped.
 */
export function restoreSqlite(backupDir: string, dataDir: string): CopyResult {
  const source = openChecked(join(backupDir, DB_FILE), `the backup folder ${backupDir}`);
  let found: { boards: number; snapshots: number };
  try {
    const ok = String(source.pragma('integrity_check', { simple: true }));
    if (ok !== 'ok') throw new Error(`the backup failed its integrity check: ${ok}`);
    found = counts(source);
  } finally {
    source.close();
  }
  const target = join(dataDir, DB_FILE);
  const present = existsSync(dataDir) ? readdirSync(dataDir).filter((f) => f.startsWith(DB_FILE)) : [];
  if (present.length > 0) throw new Error(`DATA_DIR ${dataDir} already holds a database (${present.join(', ')}): move it away first, a restore never overwrites boards`);
  privateFolder(dataDir);
  copyFileSync(join(backupDir, DB_FILE), target);
  chmodSync(target, 0o600);
  return { ...found, file: target };
}
