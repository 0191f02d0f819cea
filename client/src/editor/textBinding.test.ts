import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, noteText } from '../../../shared/board';
import { contextFor, dispatch, OwnTyping, spliceTextAction } from '../actions';
import { NoteTextBinding, type TextBox, type TextBoxState, type UnsentStore, type UnsentTyping } from './textBinding';

/** A textarea's value and selection, edited the way a browser edits them for a key or a conversion. */
class Box implements TextBox {
  value = '';
  selectionStart = 0;
  selectionEnd = 0;
  selectionDirection = 'none' as const;
  setSelectionRange(start: number, end: number) {
    this.selectionStart = start;
    this.selectionEnd = end;
  }
  caretTo(i: number) {
    this.setSelectionRange(i, i);
  }
  /** Replaces the selection with `text`, caret after it. */
  type(text: string) {
    const start = this.selectionStart;
    this.value = this.value.slice(0, start) + text + this.value.slice(this.selectionEnd);
    this.caretTo(start + text.length);
  }
  backspace(n = 1) {
    const end = this.selectionEnd;
    this.value = this.value.slice(0, end - n) + this.value.slice(end);
    this.caretTo(end - n);
  }
}

/** Two people's docs with the network between them held until `deliver()`, so their edits are concurrent. */
function twoPeople(initial: string) {
  const docs = [new Y.Doc(), new Y.Doc()] as const;
  const outbox: Uint8Array[][] = [[], []];
  docs.forEach((d, i) => d.on('update', (u: Uint8Array, origin: unknown) => origin !== 'network' && outbox[i]!.push(u)));
  const deliver = () => {
    while (outbox[0]!.length || outbox[1]!.length) {
      for (const u of outbox[0]!.splice(0)) Y.applyUpdate(docs[1], u, 'network');
      for (const u of outbox[1]!.splice(0)) Y.applyUpdate(docs[0], u, 'network');
    }
  };
  const id = addNote(docs[0], { text: initial, x: 0, y: 0, authorId: 'tanaka' });
  deliver();
  const person = (doc: Y.Doc, keep?: UnsentStore) => {
    const box = new Box();
    const state: TextBoxState = { length: 0, over: false };
    const binding = new NoteTextBinding(noteText(doc, id)!, box, (sp) => dispatch(contextFor(doc), spliceTextAction, { id, ...sp }), {
      onState: (s) => Object.assign(state, s),
      keep,
    });
    binding.start();
    box.caretTo(box.value.length);
    const typeKey = (text: string) => {
      box.type(text);
      binding.input(false);
    };
    return { doc, box, binding, state, typeKey, text: () => noteText(doc, id)!.toString() };
  };
  return { id, deliver, person, tanaka: person(docs[0]), scribe: person(docs[1]) };
}

describe('a textarea bound to a note', () => {
  it('keeps both people’s characters when they type into one note at once, each caret where its person types', () => {
    const { deliver, tanaka, scribe } = twoPeople('メモ');
    scribe.box.caretTo(0);
    const scribeKeys = ['B4', 'B3', 'B2', 'B1'];
    for (const [i, key] of ['日', '本', '語'].entries()) {
      tanaka.typeKey(key);
      scribe.typeKey(scribeKeys[i]!);
      if (i % 2) deliver(); // some keys cross on the network, some arrive in between
    }
    scribe.typeKey(scribeKeys[3]!);
    deliver();

    for (const p of [tanaka, scribe]) {
      expect(p.text()).toBe('B4B3B2B1メモ日本語');
      expect(p.box.value).toBe('B4B3B2B1メモ日本語');
    }
    expect(tanaka.box.selectionEnd).toBe('B4B3B2B1メモ日本語'.length);
    expect(scribe.box.selectionEnd).toBe('B4B3B2B1'.length);
  });

  it('leaves the box alone during an IME conversion and shows the others’ typing once it is confirmed', () => {
    const { deliver, tanaka, scribe } = twoPeople('メモ');
    tanaka.binding.compositionStart();
    for (const kana of ['に', 'ほ', 'ん', 'ご']) {
      tanaka.box.type(kana);
      tanaka.binding.input(true);
    }
    scribe.box.caretTo(0);
    scribe.typeKey('B4B3B2B1');
    deliver();
    expect(tanaka.box.value).toBe('メモにほんご');
    expect(tanaka.text()).toBe('B4B3B2B1メモ');

    tanaka.box.setSelectionRange(2, 6);
    tanaka.box.type('日本語');
    tanaka.binding.input(true);
    tanaka.binding.compositionEnd();
    expect(tanaka.box.value).toBe('B4B3B2B1メモ日本語');
    tanaka.typeKey('！');
    deliver();
    expect(scribe.text()).toBe('B4B3B2B1メモ日本語！');
    expect(scribe.box.value).toBe('B4B3B2B1メモ日本語！');
  });

  it('keeps text over 500 characters in the box, sends none of it, and saves it once shortened', () => {
    const { deliver, tanaka, scribe } = twoPeople('見守り');
    tanaka.typeKey('あ'.repeat(500));
    expect(tanaka.state).toEqual({ length: 503, over: true });
    expect(tanaka.binding.finish()).toBe(false);
    deliver();
    expect(scribe.text()).toBe('見守り');

    // The scribe's edit still reaches the box that is over the limit.
    scribe.box.caretTo(0);
    scribe.typeKey('【A】');
    deliver();
    expect(tanaka.box.value).toBe('【A】見守り' + 'あ'.repeat(500));

    tanaka.box.caretTo(tanaka.box.value.length);
    tanaka.box.backspace(6);
    tanaka.binding.input(false);
    expect(tanaka.binding.finish()).toBe(true);
    deliver();
    expect(scribe.text()).toBe('【A】見守り' + 'あ'.repeat(494));
    expect(scribe.text()).toHaveLength(500);
  });

  it('lets people shorten a note that two of them took past 500 characters at once, a character at a time', () => {
    const { deliver, tanaka, scribe } = twoPeople('あ'.repeat(495));
    tanaka.box.caretTo(495);
    tanaka.typeKey('12345');
    scribe.box.caretTo(0);
    scribe.typeKey('ABCDE');
    deliver();
    expect(tanaka.text()).toBe('ABCDE' + 'あ'.repeat(495) + '12345');
    expect(tanaka.state).toEqual({ length: 505, over: true });
    // Growing it further stays in the box…
    tanaka.typeKey('6');
    deliver();
    expect(scribe.text()).toHaveLength(505);
    // …while each character taken off reaches everyone at once, though the note is still over the limit.
    tanaka.box.backspace(2);
    tanaka.binding.input(false);
    deliver();
    expect(scribe.text()).toBe('ABCDE' + 'あ'.repeat(495) + '1234');
    expect(tanaka.binding.holding()).toBe(false);
  });

  it('keeps over-limit typing on the device through a reload and brings it back with what others typed meanwhile', () => {
    const { deliver, person, scribe, tanaka: first } = twoPeople('見守り');
    first.binding.stop();
    const stored: { typing: UnsentTyping | null } = { typing: null };
    const device: UnsentStore = { load: () => stored.typing, save: (t) => (stored.typing = t), clear: () => (stored.typing = null) };
    const tanaka = person(first.doc, device);
    tanaka.typeKey('い'.repeat(500));
    tanaka.binding.stop(); // the phone kills the tab

    scribe.box.caretTo(0);
    scribe.typeKey('【A】');
    deliver();
    const reopened = person(first.doc, device);
    expect(reopened.box.value).toBe('【A】見守り' + 'い'.repeat(500));
    expect(reopened.state.over).toBe(true);
    expect(scribe.text()).toBe('【A】見守り');

    reopened.box.caretTo(reopened.box.value.length);
    reopened.box.backspace(6);
    reopened.binding.input(false);
    deliver();
    expect(scribe.text()).toBe('【A】見守り' + 'い'.repeat(494));
    expect(stored.typing).toBeNull();
  });

  it('places a key typed in a run of the same character where the caret is, so the other’s text stays beside it', () => {
    const { deliver, tanaka, scribe } = twoPeople('ああ');
    tanaka.box.caretTo(0);
    tanaka.typeKey('あ'); // before both あ: a diff alone would say after them
    scribe.box.caretTo(1);
    scribe.typeKey('い'); // between the two
    deliver();
    expect(tanaka.box.value).toBe('ああいあ');
    expect(tanaka.box.selectionEnd).toBe(1);
    tanaka.typeKey('X');
    deliver();
    expect(scribe.text()).toBe('あXあいあ');
  });

  it('takes back only this person’s typing on Cancel', () => {
    const { id, deliver, tanaka, scribe } = twoPeople('居場所');
    const own = new OwnTyping(tanaka.doc, id);
    tanaka.typeKey('づくり');
    scribe.box.caretTo(0);
    scribe.typeKey('地域の');
    deliver();
    expect(tanaka.box.value).toBe('地域の居場所づくり');
    own.takeBack();
    deliver();
    expect(scribe.text()).toBe('地域の居場所');
    expect(tanaka.box.value).toBe('地域の居場所');
  });

  it('keeps every key of two people typing anywhere in one note, with conversions and a slow network, over many random runs', () => {
    let seed = 28;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return Math.floor(seed / 65536) % n; // the high bits: an LCG's low bits repeat with a short period
    };
    for (let run = 0; run < 40; run++) {
      const { deliver, tanaka, scribe } = twoPeople('地域の居場所');
      const typed: string[] = [];
      for (let step = 0; step < 60; step++) {
        const who = random(2) ? tanaka : scribe;
        const roll = random(10);
        if (roll < 2) deliver();
        else if (roll < 4) who.box.caretTo(random(who.box.value.length + 1));
        else if (roll === 4 && who === tanaka) {
          // A conversion: kana typed and then confirmed as kanji, others' typing arriving in between.
          tanaka.binding.compositionStart();
          const at = tanaka.box.selectionEnd;
          tanaka.box.type('か');
          tanaka.binding.input(true);
          scribe.typeKey('z');
          typed.push('z');
          deliver();
          tanaka.box.setSelectionRange(at, at + 1);
          tanaka.box.type('化');
          tanaka.binding.compositionEnd();
          typed.push('化');
        } else {
          const key = String.fromCharCode((who === tanaka ? 0x3042 : 0x41) + random(20));
          who.typeKey(key);
          typed.push(key);
        }
      }
      deliver();
      const sorted = (t: string) => [...t].sort().join('');
      expect(tanaka.text()).toBe(scribe.text());
      expect(sorted(tanaka.text())).toBe(sorted('地域の居場所' + typed.join('')));
      for (const p of [tanaka, scribe]) expect(p.box.value).toBe(p.text());
    }
  });
});
