import type * as Y from 'yjs';
import { LIMITS, NoteInputError, type TextSplice } from '../../../shared/board';
import { applySplice, carryCaret, diff, rebase, spliceToDelta, type Splice, type TextDelta } from './textSync';

/** The part of a textarea the binding needs (an HTMLTextAreaElement is one). */
export interface TextBox {
  value: string;
  readonly selectionStart: number;
  readonly selectionEnd: number;
  readonly selectionDirection: 'forward' | 'backward' | 'none' | null;
  setSelectionRange(start: number, end: number, direction?: 'forward' | 'backward' | 'none'): void;
}

export interface TextBoxState {
  /** Characters in the box, counted as the server counts them (UTF-16 units). */
  length: number;
  /** Over the limit: the box keeps it all, the note keeps the last text that fitted. */
  over: boolean;
}

/** Typing the note does not have yet, as kept on the device: the note's text it was typed on, and the box. */
export interface UnsentTyping {
  base: string;
  box: string;
}

/** Where unsent typing outlives the editor (a reload, a phone that kills the tab, the editor closed by others' changes). */
export interface UnsentStore {
  load(): UnsentTyping | null;
  save(typing: UnsentTyping): void;
  clear(): void;
}

export interface BindingOptions {
  onState?(state: TextBoxState): void;
  keep?: UnsentStore;
  max?: number;
}

/** Unsent typing brought onto the note's text as it is now, keeping what others changed since. */
function restore(kept: UnsentTyping, now: string): string {
  const theirs = spliceToDelta(diff(kept.base, now));
  return applySplice(now, rebase(diff(kept.base, kept.box), [theirs]));
}

/**
 * Keeps a textarea and a note's live Y.Text in step, for every editor (canvas, phone, list).
 *
 * What the person types goes to the note as splices, so what others type elsewhere in it stays.
 * Others' typing shows in the box as it arrives, with the caret and selection carried across it,
 * except during an IME composition: rewriting the box then would commit or duplicate the kana, so
 * it waits for compositionend. Text over the limit stays in the box (nothing of it is sent) and
 * others' typing still merges into it, until the person shortens it; meanwhile it is kept on the
 * device too, and the next editor on the note starts from it.
 */
export class NoteTextBinding {
  /** The note's text the box is based on; the box holds it plus the person's unsent splice, if any. */
  private synced = '';
  private composing = false;
  private waiting: TextDelta[] = [];
  private sending = false;
  private kept = false;
  private readonly observer = (event: Y.YTextEvent) => {
    if (this.sending) return;
    const delta = event.delta as TextDelta;
    if (this.composing) this.waiting.push(delta);
    else this.merge([delta]);
  };

  private readonly max: number;

  constructor(
    private readonly text: Y.Text,
    private readonly box: TextBox,
    private readonly send: (splice: TextSplice) => void,
    private readonly opts: BindingOptions = {},
  ) {
    this.max = opts.max ?? LIMITS.noteTextMax;
  }

  start(): void {
    const kept = this.opts.keep?.load() ?? null;
    this.kept = !!kept;
    this.synced = this.text.toString();
    this.box.value = kept ? restore(kept, this.synced) : this.synced;
    this.text.observe(this.observer);
    this.sendTyping();
  }

  stop(): void {
    this.text.unobserve(this.observer);
  }

  /** Cancel: the unsent typing is given up on purpose, on the device too. */
  discard(): void {
    this.stop();
    this.opts.keep?.clear();
    this.kept = false;
  }

  compositionStart(): void {
    this.composing = true;
  }

  compositionEnd(): void {
    this.composing = false;
    this.catchUp();
    this.sendTyping();
  }

  /** An input event; `composing` is the event's isComposing. */
  input(composing: boolean): void {
    if (composing || this.composing) this.report();
    else this.sendTyping();
  }

  /**
   * The person is done. Some browsers blur before compositionend, so whatever the box shows is final.
   * False when not everything typed is in the note (it is over the limit): the editor must stay open.
   */
  finish(): boolean {
    if (this.composing) this.compositionEnd();
    else this.sendTyping();
    return !this.holding();
  }

  /** Typing the note does not have yet. */
  holding(): boolean {
    return this.box.value !== this.synced;
  }

  private unsent(): Splice {
    return diff(this.synced, this.box.value, this.box.selectionEnd);
  }

  private sendTyping(): void {
    const typed = this.unsent();
    const fits = this.text.length - typed.remove + typed.insert.length <= Math.max(this.max, this.text.length);
    if ((typed.remove || typed.insert) && fits) {
      this.sending = true;
      try {
        this.send({ index: typed.start, deleteCount: typed.remove, insert: typed.insert });
        this.synced = this.text.toString();
      } catch (err) {
        // Refused (the note filled up meanwhile): the box keeps it, as when over the limit.
        if (!(err instanceof NoteInputError)) throw err;
      } finally {
        this.sending = false;
      }
    }
    this.report();
  }

  private catchUp(): void {
    const remote = this.waiting;
    this.waiting = [];
    if (remote.length) this.merge(remote);
  }

  /** Others' deltas (made on `synced`, in order) into the box, carrying the unsent splice and the caret. */
  private merge(remote: readonly TextDelta[]): void {
    const { box } = this;
    const before = box.value;
    const typed = this.unsent();
    const moved = rebase(typed, remote);
    this.synced = this.text.toString();
    const next = applySplice(this.synced, moved);
    if (next !== before) {
      const start = carryCaret(box.selectionStart, typed, moved, remote);
      const end = carryCaret(box.selectionEnd, typed, moved, remote);
      const direction = box.selectionDirection ?? undefined;
      box.value = next;
      box.setSelectionRange(start, end, direction);
    }
    this.report();
  }

  private report(): void {
    const length = this.box.value.length;
    this.opts.onState?.({ length, over: length > this.max });
    if (!this.composing) this.keepUnsent();
  }

  private keepUnsent(): void {
    const { keep } = this.opts;
    if (!keep) return;
    if (this.holding()) {
      keep.save({ base: this.synced, box: this.box.value });
      this.kept = true;
    } else if (this.kept) {
      keep.clear();
      this.kept = false;
    }
  }
}
