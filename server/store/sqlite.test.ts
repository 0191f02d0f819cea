import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { describeStoreContract } from './store.contract';
import { SqliteStore } from './sqlite';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describeStoreContract('sqlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fusen-sqlite-'));
  dirs.push(dir);
  return new SqliteStore(dir);
});
