import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'grouping-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}
// `node --import tsx` is what the tsx binary runs, minus one process start.
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'cli.ts'), ...args], { cwd: root, encoding: 'utf8', timeout: 25_000 });
const jsonl = (rows: unknown[]): string => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

describe('group CLI', () => {
  const notes = [
    { id: 'n3', text: '相談窓口がどこにあるのかわからない' },
    { id: 'n1', text: 'ひきこもりの人が働ける場所' },
    { id: 'n2', text: '近所同士で見守り合う関係' },
    { id: 'n4', text: '' },
    { id: 'n5', text: '相談窓口を一本化してほしい' },
  ];

  it('prints one JSON line per input note, in input order, and exits 0', () => {
    const r = run('--input', file('in.jsonl', jsonl(notes)));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual(['n3', 'n1', 'n2', 'n4', 'n5']);
    for (const o of out) expect(Object.keys(o).sort()).toEqual(['category', 'clusterId', 'clusterLabel', 'confidence', 'id', 'needsReview', 'reasons']);
    for (const o of out) expect(typeof o.needsReview).toBe('boolean');
    // Every reason is in the note's own words.
    out.forEach((o, i) => o.reasons.forEach((w: string) => expect(notes[i]!.text).toContain(w.replace(/（否定）$/, ''))));
    expect(out[3]).toMatchObject({ category: 'unsorted', needsReview: true });
    expect(out.slice(0, 4).map((o) => o.category)).toEqual(['consultation', 'participation', 'community', 'unsorted']);
    expect(out[3].clusterId).toBeNull();
  });

  it('exits 2 naming the line of a malformed input, printing nothing', () => {
    const r = run('--input', file('bad.jsonl', `${JSON.stringify(notes[0])}\n{"id": "x", "text": \n`));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/line 2/);
    const r2 = run('--input', file('bad2.jsonl', `${JSON.stringify(notes[0])}\n\n{"id": "x"}\n`));
    expect(r2.status).toBe(2);
    expect(r2.stdout).toBe('');
    expect(r2.stderr).toMatch(/line 3: "text"/);
  });

  it('exits 2 with a clear message for a missing file or missing --input', () => {
    const r = run('--input', join(dir, 'nope.jsonl'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot read input file .*nope\.jsonl: no such file/);
    expect(run().status).toBe(2);
  });

  it('applies corrections first: they train the model and a corrected input note keeps its category', () => {
    const input = file('in2.jsonl', jsonl([{ id: 'a', text: '移動販売の車が来なくなった' }, { id: 'b', text: '相談窓口がほしい' }]));
    const corr = file('corr.jsonl', jsonl([{ id: 'c1', text: '移動販売の車が来る日にみんなで集まる', category: 'community' }, { id: 'b', text: '相談窓口がほしい', category: 'participation' }]));
    const r = run('--input', input, '--corrections', corr);
    expect(r.status, r.stderr).toBe(0);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual(['a', 'b']);
    expect(out[0].category).toBe('community');
    expect(out[1]).toMatchObject({ category: 'participation', confidence: 1 });
    const bad = run('--input', input, '--corrections', file('corr-bad.jsonl', jsonl([{ id: 'x', text: 't', category: 'nonsense' }])));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/line 1: "category"/);
  });

  it('merges an organisation lexicon', () => {
    const input = file('in3.jsonl', jsonl([{ id: 'a', text: 'まるごとセンターに行ってみた' }]));
    expect(JSON.parse(run('--input', input).stdout).category).not.toBe('consultation');
    const lex = file('lex.json', JSON.stringify({ version: 1, categories: { consultation: ['まるごとセンター'] } }));
    const withLex = JSON.parse(run('--input', input, '--lexicon', lex).stdout);
    expect(withLex.category).toBe('consultation');
    expect(withLex.reasons[0]).toBe('まるごとセンター');
    const badLex = run('--input', input, '--lexicon', file('lex-bad.json', '{"categories": 3}'));
    expect(badLex.status).toBe(2);
    expect(badLex.stderr).toMatch(/lexicon\.categories/);
  });
});
