import * as Y from 'yjs';
import { addNote, moveNotes, notesOf } from '../../shared/board/doc';
import { initBoard } from '../../shared/board/templates';
import { round, type ScenarioResult } from '../lib/result';

const size = (doc: Y.Doc) => Y.encodeStateAsUpdate(doc).length;

/**
 * Issue 2: what a note costs in the board document, and what 10,000 drags do to it. Each move is
 * its own transaction, as a drop is; the doc's state (what a new client downloads and what
 * compaction stores) keeps only the latest position, the update log keeps every move until compacted.
 */
export function docSize(notes = 2000, moves = 10_000): ScenarioResult {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'ベンチマーク', template: 'impressions-unclear', groups: 3 });
  const empty = size(doc);
  const ids: string[] = [];
  for (let i = 0; i < notes; i++) {
    ids.push(addNote(doc, { text: `地域のサロンで気にかけ合う関係をつくる（${i}）`, x: (i % 50) * 170, y: Math.floor(i / 50) * 130, authorId: 'bench-author-0000000001' }));
  }
  const withNotes = size(doc);
  let logBytes = 0;
  doc.on('update', (u: Uint8Array) => (logBytes += u.length));
  for (let i = 0; i < moves; i++) {
    const id = ids[(i * 7919) % ids.length]!;
    moveNotes(doc, [{ id, x: (i % 97) * 13, y: (i % 89) * 11 }]);
  }
  const afterMoves = size(doc);
  if (notesOf(doc).size !== notes) throw new Error('notes lost');
  return {
    name: `doc-size-${notes}`,
    server: 'ours',
    p50Ms: null,
    p99Ms: null,
    maxMs: null,
    cpuMsPerOp: null,
    rssMb: null,
    dropped: null,
    extra: {
      bytesPerNote: round((withNotes - empty) / notes, 1),
      docBytes: withNotes,
      [`docBytesAfter${moves}Moves`]: afterMoves,
      growthPerMoveBytes: round((afterMoves - withNotes) / moves, 2),
      updateLogBytesForMoves: logBytes,
    },
  };
}
