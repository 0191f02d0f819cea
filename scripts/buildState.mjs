import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What `npm run build` reads: a change to any of these makes the build out of date. */
export const SOURCE_DIRS = ['client', 'server', 'shared'];
export const SOURCE_FILES = ['package.json', 'vite.config.ts', 'tsconfig.base.json'];
/** What `npm run build` writes, one file per part: each must exist and be newer than every source. */
export const BUILD_OUTPUTS = ['dist/client/index.html', 'dist/server/main.js', 'dist/server/backup.js'];

/** Tests and benchmarks never reach the bundles, so touching one must not cost a restart a rebuild. */
const NOT_BUILT = /\.(test|e2e|bench)\.tsx?$|(^|\/)(node_modules|testing)(\/|$)/;

function newestIn(dir, newest) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return newest;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    if (NOT_BUILT.test(path)) continue;
    if (e.isDirectory()) newest = newestIn(path, newest);
    else if (e.isFile()) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const mtime = (path) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
};

/**
 * Whether the tree at `root` needs `npm run build` before it can start, and why.
 * Returns null when every build output (`outputs`, relative to root) exists and is newer than every source.
 */
export function whyRebuild(root, outputs = BUILD_OUTPUTS) {
  let newestSource = 0;
  for (const d of SOURCE_DIRS) newestSource = newestIn(join(root, d), newestSource);
  for (const f of SOURCE_FILES) newestSource = Math.max(newestSource, mtime(join(root, f)) ?? 0);
  for (const out of outputs) {
    const built = mtime(join(root, out));
    if (built === null) return `${out} is missing`;
    if (built < newestSource) return `${out} is older than the sources`;
  }
  return null;
}
