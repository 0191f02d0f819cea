/** What the shipped model is fitted on, and a hash of it, so a stale weight file is caught by a test. */
import { createHash } from 'node:crypto';
import { loadCorpus, loadDevNotes, type CorpusNote } from './corpus';

export function trainingNotes(): CorpusNote[] {
  return [...loadCorpus(), ...loadDevNotes()];
}

export function hashNotes(notes: readonly CorpusNote[]): string {
  const h = createHash('sha256');
  for (const n of notes) h.update(`${n.source}\u0000${n.text}\u0000${n.category}\n`);
  return h.digest('hex').slice(0, 16);
}
