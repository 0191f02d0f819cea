/**
 * `npm start` (and `npm run backup`, `npm run restore`): runs the built server, building first only when the build is missing or older than
 * the sources. A crash restart under systemd then starts at once instead of waiting for a build, and a
 * production install (devDependencies pruned, so no vite) starts from the build it made.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { whyRebuild } from './buildState.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const canBuild = existsSync(resolve(ROOT, 'node_modules/vite/bin/vite.js'));

function build(reason) {
  console.log(`Building first: ${reason}.`);
  const npm = process.env.npm_execpath;
  const r = npm ? spawnSync(process.execPath, [npm, 'run', 'build'], { cwd: ROOT, stdio: 'inherit' }) : spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const reason = whyRebuild(ROOT);
if (reason && canBuild) build(reason);
else if (reason && !existsSync(resolve(ROOT, 'dist/server/main.js'))) {
  console.error(`Cannot start: ${reason}, and vite is not installed to build it. Run \`npm ci && npm run build\` first.`);
  process.exit(1);
} else if (reason) console.warn(`Starting the existing build although ${reason}: vite is not installed to rebuild it (\`npm run build\` with devDependencies).`);

// `node scripts/start.mjs backup|restore …` runs those commands from the same build (npm run backup/restore).
const entry = ['backup', 'restore'].includes(process.argv[2] ?? '') ? 'backup' : 'main';

// In this process rather than a child: systemd's signals reach the server itself.
process.setSourceMapsEnabled(true);
await import(pathToFileURL(resolve(ROOT, `dist/server/${entry}.js`)).href);
