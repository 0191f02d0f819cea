import { useEffect, useLayoutEffect, useRef, useState, type CompositionEvent, type FormEvent } from 'react';
import type * as Y from 'yjs';
import { noteText, type TextSplice } from '../../../shared/board';
import { OwnTyping, spliceTextAction, useDispatch } from '../actions';
import { NoteTextBinding, type TextBoxState } from './textBinding';
import { unsentTypingOn } from './unsentTyping';

export interface NoteTextBox extends TextBoxState {
  ref: React.RefObject<HTMLTextAreaElement | null>;
  /** Spread on the textarea; it must stay uncontrolled (no `value`), the binding writes it. */
  events: {
    onCompositionStart(e: CompositionEvent<HTMLTextAreaElement>): void;
    onCompositionEnd(e: CompositionEvent<HTMLTextAreaElement>): void;
    onInput(e: FormEvent<HTMLTextAreaElement>): void;
  };
  /** Sends what is left; false while the text is over the limit (the editor stays open, nothing is lost). */
  finish(): boolean;
  /** Takes back what this person typed since the editor opened (and what the device kept unsent); what others typed stays. */
  takeBack(): void;
}

/**
 * A textarea bound to a note's live text: the one editor binding the canvas, the phone and the list share.
 * `onGone` is called when the note is not there (deleted before the editor opened).
 */
export function useNoteTextBox(doc: Y.Doc, noteId: string, opts: { scrollIntoView?: boolean; onGone?(): void } = {}): NoteTextBox {
  const ref = useRef<HTMLTextAreaElement>(null);
  const binding = useRef<NoteTextBinding | null>(null);
  const typing = useRef<OwnTyping | null>(null);
  const [state, setState] = useState<TextBoxState>({ length: 0, over: false });
  const { scrollIntoView = true } = opts;
  const dispatch = useDispatch();
  const onGone = useRef(opts.onGone);
  useEffect(() => {
    onGone.current = opts.onGone;
  });

  useLayoutEffect(() => {
    const el = ref.current;
    const text = noteText(doc, noteId);
    if (!el || !text) {
      onGone.current?.();
      return;
    }
    const send = (splice: TextSplice) => void dispatch(spliceTextAction, { id: noteId, ...splice });
    const bound = new NoteTextBinding(text, el, send, { onState: setState, keep: unsentTypingOn(noteId) });
    const own = new OwnTyping(doc, noteId);
    bound.start();
    binding.current = bound;
    typing.current = own;
    el.focus({ preventScroll: true });
    el.setSelectionRange(el.value.length, el.value.length);
    // The whole note with its Done button, not only the box: on a phone the keyboard takes half the screen.
    if (scrollIntoView) (el.closest('li') ?? el).scrollIntoView({ block: 'nearest' });
    return () => {
      bound.stop();
      own.stop();
      binding.current = null;
      typing.current = null;
    };
  }, [doc, noteId, scrollIntoView, dispatch]);

  return {
    ...state,
    ref,
    events: {
      onCompositionStart: () => binding.current?.compositionStart(),
      onCompositionEnd: () => binding.current?.compositionEnd(),
      onInput: (e) => binding.current?.input((e.nativeEvent as InputEvent).isComposing ?? false),
    },
    finish: () => binding.current?.finish() ?? true,
    takeBack: () => {
      binding.current?.discard();
      typing.current?.takeBack();
    },
  };
}
