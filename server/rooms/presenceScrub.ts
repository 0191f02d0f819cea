import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

const NOTE_ID = /^n_/;
const MENTIONS_NOTE = '"n_';

/**
 * A presence update with every note id the board does not hold left out of its states (the key of a
 * dragged note, the note an editor is open on, whatever else a client puts there). A participant's
 * private notes are not on the board, so their drag ghost or typing indicator never reaches anyone:
 * private writing holds whatever the client sends. States that name no note pass unread.
 */
export function withoutUnknownNotes(update: Uint8Array, onBoard: (noteId: string) => boolean): Uint8Array {
  const d = decoding.createDecoder(update);
  const count = decoding.readVarUint(d);
  const out = encoding.createEncoder();
  encoding.writeVarUint(out, count);
  let changed = false;
  for (let i = 0; i < count; i++) {
    encoding.writeVarUint(out, decoding.readVarUint(d));
    encoding.writeVarUint(out, decoding.readVarUint(d));
    const json = decoding.readVarString(d);
    if (!json.includes(MENTIONS_NOTE)) {
      encoding.writeVarString(out, json);
      continue;
    }
    const scrubbed = JSON.stringify(scrub(JSON.parse(json), onBoard));
    changed ||= scrubbed !== json;
    encoding.writeVarString(out, scrubbed);
  }
  return changed ? encoding.toUint8Array(out) : update;
}

function scrub(value: unknown, onBoard: (id: string) => boolean): unknown {
  if (typeof value === 'string') return NOTE_ID.test(value) && !onBoard(value) ? null : value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, onBoard));
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (!(NOTE_ID.test(k) && !onBoard(k))) out[k] = scrub(v, onBoard);
  return out;
}
