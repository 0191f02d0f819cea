import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../server/testing/startServer';

const ROOT = resolve(import.meta.dirname, '..');
const UNIT = join(ROOT, 'deploy/fusen-board.service');

/** The unit's `Key=value` lines (repeatable keys in order). */
function unitSettings(): Map<string, string[]> {
  const settings = new Map<string, string[]>();
  for (const line of readFileSync(UNIT, 'utf8').split('\n')) {
    const m = /^([A-Za-z]+)=(.*)$/.exec(line.trim());
    if (m) settings.set(m[1]!, [...(settings.get(m[1]!) ?? []), m[2]!]);
  }
  return settings;
}

const haveSystemd = spawnSync('systemd-analyze', ['--version']).status === 0;
const built = existsSync(join(ROOT, 'dist/server/main.js'));

describe('deploy/fusen-board.service', () => {
  it.skipIf(!haveSystemd)('is a unit systemd accepts', () => {
    const r = spawnSync('systemd-analyze', ['verify', UNIT], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('restarts on failure, as its own user, with a data folder only that user can read', () => {
    const s = unitSettings();
    expect(s.get('Restart')).toEqual(['on-failure']);
    expect(s.get('User')?.[0]).not.toBe('root');
    expect(s.get('StateDirectoryMode')).toEqual(['0700']);
    expect(s.get('UMask')).toEqual(['0077']);
  });

  it.skipIf(!built)('its command line, run from a built tree with its environment, serves /healthz and keeps the data private', async () => {
    const s = unitSettings();
    const env: Record<string, string> = {};
    for (const e of s.get('Environment') ?? []) {
      const [k, ...v] = e.split('=');
      env[k!] = v.join('=');
    }
    const dataDir = join(mkdtempSync(join(tmpdir(), 'fusen-unit-')), 'state');
    const port = await freePort();
    // The unit's command with its umask, in this checkout instead of /opt/fusen-board, its data in a temporary folder.
    const command = `umask ${s.get('UMask')![0]} && exec ${s.get('ExecStart')![0]}`;
    const proc = spawn('sh', ['-c', command], { cwd: ROOT, env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, stdio: 'pipe' });
    let out = '';
    proc.stdout.on('data', (d) => (out += d));
    proc.stderr.on('data', (d) => (out += d));
    try {
      let ok = false;
      for (const end = Date.now() + 30_000; !ok && Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
        ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      }
      expect(ok, out).toBe(true);
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      const stopped = new Promise<number | null>((res) => proc.once('exit', res));
      proc.kill('SIGTERM');
      expect(await stopped).toBe(0);
    } finally {
      if (proc.exitCode === null) proc.kill('SIGKILL');
      rmSync(dirname(dataDir), { recursive: true, force: true });
    }
  });
});

function dirname(p: string): string {
  return resolve(p, '..');
}
