import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { frameFilter, frameKind, KEEPALIVE_MS, OTHER, PRESENCE } from './frameFilter';

const frame = (write: (e: encoding.Encoder) => void, docName?: string) => {
  const e = encoding.createEncoder();
  if (docName !== undefined) encoding.writeVarString(e, docName);
  write(e);
  return encoding.toUint8Array(e);
};

describe('frameKind', () => {
  const doc = new Y.Doc();
  doc.getMap('notes').set('a', 'x');
  const update = Y.encodeStateAsUpdate(doc);
  const awareness = new Awareness(doc);
  awareness.setLocalState({ cursor: { x: 1, y: 2 } });
  const presence = (e: encoding.Encoder) => (encoding.writeVarUint(e, 1), encoding.writeVarUint8Array(e, encodeAwarenessUpdate(awareness, [doc.clientID])));
  const live = (e: encoding.Encoder) => (encoding.writeVarUint(e, 0), syncProtocol.writeUpdate(e, update));

  it('tells live updates, presence and anything else apart, in both protocols', () => {
    expect(frameKind(frame(live), 'y-websocket')).toBe(2);
    expect(frameKind(frame(presence), 'y-websocket')).toBe(PRESENCE);
    expect(frameKind(frame(live, 'board-1'), 'hocuspocus')).toBe(2);
    expect(frameKind(frame(presence, 'board-1'), 'hocuspocus')).toBe(PRESENCE);
    expect(frameKind(frame((e) => encoding.writeVarUint(e, 3)), 'y-websocket')).toBe(OTHER);
    expect(frameKind(new Uint8Array([0x80]), 'y-websocket')).toBe(OTHER); // cut short
  });
});

describe('frameFilter', () => {
  it('a passive client of a provider that answers no presence skips it, but for one message every few seconds', () => {
    const keep = frameFilter({ passive: true, answersPresence: false });
    expect(keep(PRESENCE, false, 0)).toBe(true); // before the first sync everything goes through
    expect(keep(2, true, 0)).toBe(false);
    expect(keep(1, true, 0)).toBe(true); // a whole state, as after a reconnect
    expect(keep(PRESENCE, true, 100)).toBe(true);
    expect(keep(PRESENCE, true, 200)).toBe(false);
    expect(keep(PRESENCE, true, 100 + KEEPALIVE_MS - 1)).toBe(false);
    // Without this the provider would hear nothing for 30 s and reconnect.
    expect(keep(PRESENCE, true, 100 + KEEPALIVE_MS)).toBe(true);
    expect(keep(OTHER, true, 100 + KEEPALIVE_MS)).toBe(true);
  });

  it('a provider that sends presence back gets all of it, so the server gets its echoes', () => {
    const keep = frameFilter({ passive: true, answersPresence: true });
    expect([0, 1, 2].map((t) => keep(PRESENCE, true, t))).toEqual([true, true, true]);
    expect(keep(2, true, 3)).toBe(false);
  });

  it('a full client gets every frame', () => {
    const keep = frameFilter({ passive: false, answersPresence: false });
    expect([keep(2, true, 0), keep(PRESENCE, true, 1), keep(PRESENCE, true, 2)]).toEqual([true, true, true]);
  });
});
