import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { whyRebuild } from './buildState.mjs';

let root = '';
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A tree with files at given ages (seconds before now). */
function tree(files: Record<string, number>): string {
  root = mkdtempSync(join(tmpdir(), 'fusen-buildstate-'));
  const now = Date.now() / 1000;
  for (const [path, age] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), '');
    utimesSync(join(root, path), now - age, now - age);
  }
  return root;
}

const BUILT = { 'dist/client/index.html': 10, 'dist/server/main.js': 10, 'dist/server/backup.js': 10 };

describe('whether npm start must build first', () => {
  it('starts a build newer than every source as it is', () => {
    expect(whyRebuild(tree({ ...BUILT, 'client/src/App.tsx': 60, 'server/app.ts': 60, 'package.json': 60 }))).toBeNull();
  });

  it('builds when a part of the build is missing', () => {
    expect(whyRebuild(tree({ 'dist/client/index.html': 10, 'server/app.ts': 60 }))).toMatch(/dist\/server\/main\.js is missing/);
    expect(whyRebuild(tree({}))).toMatch(/missing/);
  });

  it('builds when a client, server or shared source, or the build config, changed after the build', () => {
    for (const changed of ['client/src/phone/PhonePage.tsx', 'server/rooms/room.ts', 'shared/board/doc.ts', 'vite.config.ts', 'package.json']) {
      expect(whyRebuild(tree({ ...BUILT, [changed]: 1 })), changed).toMatch(/older than the sources/);
    }
  });

  it('does not rebuild for a changed test or benchmark, which never reach the bundles', () => {
    expect(whyRebuild(tree({ ...BUILT, 'server/app.test.ts': 1, 'client/src/grouping/glide.bench.ts': 1, 'server/testing/startServer.ts': 1 }))).toBeNull();
  });
});
