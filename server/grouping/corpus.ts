/** Reads the labelled corpus (shared/grouping/corpus/) and the dev notes for training and evaluation. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CorpusNote {
  id: string;
  text: string;
  category: string;
  /** The record the note was quoted from (its address when it has one): notes of one source are never split. */
  source: string;
  set: 'corpus' | 'external' | 'dev';
}

const here = dirname(fileURLToPath(import.meta.url));
const groupingDir = join(here, '..', '..', 'shared', 'grouping');

function readJsonl(file: string): Record<string, unknown>[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** A source's key: its address when the description carries one, else the description. */
export function sourceKey(source: string): string {
  const url = /https?:\/\/\S+/.exec(source);
  return url ? url[0].replace(/[)）]+$/, '') : source.trim();
}

export function loadCorpus(): CorpusNote[] {
  const out: CorpusNote[] = [];
  for (const [file, set] of [
    ['corpus.jsonl', 'corpus'],
    ['external.jsonl', 'external'],
  ] as const) {
    for (const o of readJsonl(join(groupingDir, 'corpus', file))) {
      out.push({ id: String(o.id), text: String(o.text), category: String(o.category), source: sourceKey(String(o.source ?? o.id)), set });
    }
  }
  return out;
}

/** The 60 dev notes of the seed seminar: one source, the seminar itself. */
export function loadDevNotes(): CorpusNote[] {
  return readJsonl(join(groupingDir, 'fixtures', 'dev-notes.jsonl')).map((o) => ({
    id: String(o.id),
    text: String(o.text),
    category: String(o.category),
    source: 'seed seminar (dev notes)',
    set: 'dev' as const,
  }));
}
