import { existsSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { copyBoards, type BoardOutcome, type BoardSource } from './migrate';
import { describeAddress, PostgresStore } from './postgres';
import { SqliteStore } from './sqlite';
import type { Store } from './store';

export const HELP = `Copies every board (notes, links, lock, snapshots) from one store to another.

Usage: npm run migrate -- --from STORE --to STORE

  STORE is  sqlite:DIR   the server's DATA_DIR, the folder holding boards.sqlite3
        or  postgres://user:password@host:5432/database   a DATABASE_URL

Stop every server that uses either store first: a board changed during the copy
would not be carried over as it is.

The source is opened read-only and never changed. A board the target already has
is never overwritten: the same board counts as already there, a different one
with the same id is refused and left as it is. If the copy is interrupted, run
the same command again: it carries on where it stopped.

Exit status: 0 when every board was copied or is already there; 1 when a board
was refused or a store could not be opened; 2 for wrong arguments.

Example, from the embedded SQLite to PostgreSQL:
  npm run migrate -- --from sqlite:./data --to "$DATABASE_URL"
`;

export type Location = { kind: 'sqlite'; dir: string } | { kind: 'postgres'; url: string };

export class UsageError extends Error {}

/** A --from/--to value; never echoes a connection string (it may hold a password). */
export function parseLocation(flag: '--from' | '--to', value: string | undefined): Location {
  if (value === undefined) throw new UsageError(`${flag} is missing (see --help)`);
  if (value.trim() === '') throw new UsageError(`${flag} is empty: is the variable you passed (e.g. DATABASE_URL) set?`);
  if (/^postgres(ql)?:\/\//i.test(value)) return { kind: 'postgres', url: value };
  if (value.startsWith('sqlite:')) {
    // sqlite:./data, sqlite:/var/lib/fusen, and the URL-like sqlite:///var/lib/fusen.
    let dir = value.slice('sqlite:'.length).replace(/^\/\//, '');
    if (dir === '') throw new UsageError(`${flag} sqlite: needs the folder, e.g. sqlite:./data`);
    if (basename(dir) === 'boards.sqlite3') dir = dirname(dir);
    return { kind: 'sqlite', dir: resolve(dir) };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1];
  if (scheme) throw new UsageError(`${flag} must be sqlite:DIR or postgres://…, not ${scheme}:…`);
  throw new UsageError(`${flag} ${value}: write sqlite:${value} for the SQLite database in that folder, or give a postgres:// address`);
}

const describe = (loc: Location): string =>
  loc.kind === 'sqlite' ? `SQLite ${join(loc.dir, 'boards.sqlite3')}` : `PostgreSQL ${describeAddress(loc.url)}${databaseOf(loc.url)}`;

function databaseOf(url: string): string {
  try {
    const u = new URL(url);
    return `/${decodeURIComponent(u.pathname.slice(1)) || decodeURIComponent(u.username)}`;
  } catch {
    return '';
  }
}

/** Two spellings of one store (./data and data, localhost and 127.0.0.1), so a copy onto itself is refused. */
export function sameStore(a: Location, b: Location): boolean {
  if (a.kind === 'sqlite' && b.kind === 'sqlite') return realPath(a.dir) === realPath(b.dir);
  if (a.kind === 'postgres' && b.kind === 'postgres') return postgresKey(a.url) === postgresKey(b.url);
  return false;
}

const realPath = (p: string): string => (existsSync(p) ? realpathSync(p) : p);

function postgresKey(url: string): string {
  const address = describeAddress(url).replace(/^(localhost|127\.0\.0\.1|\[::1\]|::1):/, 'localhost:');
  return `${address.toLowerCase()}${databaseOf(url)}`;
}

/** The source is only read: the type leaves nothing else to call. */
type Source = BoardSource & Pick<Store, 'close'>;

async function openSource(loc: Location): Promise<Source> {
  if (loc.kind === 'postgres') return prefixed('--from', () => PostgresStore.connect(loc.url, { readonly: true }));
  const file = join(loc.dir, 'boards.sqlite3');
  // Opening a missing file would create an empty database and report "no boards": say what is wrong instead.
  if (!existsSync(file)) {
    throw new Error(`--from: there is no SQLite database at ${file} (sqlite:DIR names the server's DATA_DIR, the folder holding boards.sqlite3)`);
  }
  return prefixed('--from', async () => new SqliteStore(loc.dir, { readonly: true }));
}

async function openTarget(loc: Location): Promise<Store> {
  if (loc.kind === 'postgres') return prefixed('--to', () => PostgresStore.connect(loc.url));
  if (existsSync(loc.dir) && !statSync(loc.dir).isDirectory()) throw new Error(`--to: ${loc.dir} is a file; sqlite:DIR names a folder`);
  return prefixed('--to', async () => new SqliteStore(loc.dir));
}

async function prefixed<T>(flag: string, open: () => Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (err) {
    throw new Error(`${flag}: ${(err as Error).message}`);
  }
}

const STATUS_WIDTH = 'already there'.length;

export function formatOutcome(o: BoardOutcome): string {
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  const what = `${count(o.notes, 'note')}, ${count(o.snapshots, 'snapshot')}`;
  const line = `${o.status.padEnd(STATUS_WIDTH)}  ${o.boardId}  "${o.title}"  ${what}`;
  return o.detail ? `${line}\n${' '.repeat(STATUS_WIDTH + 2)}${o.detail}` : line;
}

export interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Runs the command; resolves to the exit status. */
export async function main(argv: string[], io: Output): Promise<number> {
  let from: Location, to: Location;
  try {
    const { values } = parseArgs({
      args: argv,
      options: { from: { type: 'string' }, to: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      io.out(HELP);
      return 0;
    }
    from = parseLocation('--from', values.from);
    to = parseLocation('--to', values.to);
    if (sameStore(from, to)) throw new UsageError(`--from and --to are the same store (${describe(from)}): nothing to copy`);
  } catch (err) {
    io.err(`migrate: ${(err as Error).message}\n\n${HELP}`);
    return 2;
  }

  let source: Source | null = null;
  let target: Store | null = null;
  try {
    source = await openSource(from);
    target = await openTarget(to);
    io.out(`Copying boards from ${describe(from)} (read only) to ${describe(to)}.`);
    const report = await copyBoards(source, target, { onBoard: (o) => io.out(formatOutcome(o)) });
    const total = report.boards.length;
    io.out(`\n${total} board(s): ${report.copied} copied, ${report.alreadyThere} already there, ${report.refused} refused.`);
    const seriesRefused = report.series.filter((s) => s.status === 'refused');
    if (report.series.length > 0) io.out(`${report.series.length} series: ${report.series.length - seriesRefused.length} copied or already there, ${seriesRefused.length} refused.`);
    for (const s of seriesRefused) io.err(`series ${s.seriesId} "${s.title}" refused: ${s.detail}`);
    if (report.refused > 0) {
      io.err(`${report.refused} board(s) refused: each was left unchanged in the target (see why above). Nothing was changed in the source.`);
      return 1;
    }
    if (seriesRefused.length > 0) return 1;
    return 0;
  } catch (err) {
    io.err(`migrate: ${(err as Error).message}`);
    return 1;
  } finally {
    await Promise.all([source?.close(), target?.close()]);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(realPath(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) });
}
