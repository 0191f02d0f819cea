import { useEffect, useLayoutEffect, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import type * as Y from 'yjs';
import { useTranslation } from 'react-i18next';
import { LIMITS, NoteInputError, noteText } from '../../../shared/board';
import { editTextCommand, LOCAL_ORIGIN } from '../actions';
import { FONT_FAMILY } from '../canvas/style';
import { applySplice, diff, rebase, spliceToDelta, transformIndex, type TextDelta } from './textSync';

export interface NoteEditorProps {
  doc: Y.Doc;
  noteId: string;
  /** The note's rectangle on screen. */
  rect: { left: number; top: number; width: number; height: number };
  color: string;
  fontSize: number;
  onClose(): void;
}

/**
 * In-place editing of one note with a DOM textarea laid over the canvas.
 *
 * Japanese IME: the textarea is uncontrolled and nothing is written to the doc between
 * compositionstart and compositionend, so the doc never sees half-converted kana and React
 * never resets the textarea under the IME (which would commit early or duplicate characters).
 * Remote edits that arrive meanwhile are queued and merged once the composition ends.
 */
export function NoteEditor({ doc, noteId, rect, color, fontSize, onClose }: NoteEditorProps) {
  const { t } = useTranslation();
  const area = useRef<HTMLTextAreaElement>(null);
  const [length, setLength] = useState(0);
  // The text the textarea and the doc last agreed on; local edits are diffed against it.
  const base = useRef('');
  const composing = useRef(false);
  const queued = useRef<TextDelta[]>([]);
  const closed = useRef(false);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  const setValueKeepingCaret = (el: HTMLTextAreaElement, next: string, delta: TextDelta) => {
    const { selectionStart, selectionEnd } = el;
    el.value = next;
    el.setSelectionRange(transformIndex(selectionStart, delta, false), transformIndex(selectionEnd, delta, false));
    setLength(next.length);
  };

  const flush = () => {
    const el = area.current;
    const ytext = noteText(doc, noteId);
    if (!el || !ytext || composing.current) return;
    const value = el.value;
    setLength(value.length);
    if (value.length > LIMITS.noteTextMax) return; // shown in the counter; nothing is sent until it fits
    const local = diff(base.current, value);
    const next = applySplice(ytext.toString(), rebase(local, queued.current));
    try {
      editTextCommand.perform(doc, { id: noteId, text: next });
    } catch (err) {
      if (err instanceof NoteInputError) return;
      throw err;
    }
    queued.current = [];
    base.current = ytext.toString();
    // Remote edits were merged in: show them, keeping the caret where the user is typing.
    if (el.value !== base.current) setValueKeepingCaret(el, base.current, spliceToDelta(diff(el.value, base.current)));
  };

  useLayoutEffect(() => {
    const el = area.current;
    const ytext = noteText(doc, noteId);
    if (!el || !ytext) {
      onCloseRef.current();
      return;
    }
    el.value = base.current = ytext.toString();
    setLength(el.value.length);
    el.focus({ preventScroll: true });
    el.setSelectionRange(el.value.length, el.value.length);
    const observer = (event: Y.YTextEvent, tx: Y.Transaction) => {
      if (tx.local && tx.origin === LOCAL_ORIGIN) return; // our own flush
      const delta = event.delta as TextDelta;
      if (composing.current || el.value !== base.current) {
        queued.current.push(delta);
        return;
      }
      base.current = ytext.toString();
      setValueKeepingCaret(el, base.current, delta);
    };
    ytext.observe(observer);
    return () => ytext.unobserve(observer);
  }, [doc, noteId]);

  const close = () => {
    if (closed.current) return;
    closed.current = true;
    // Some browsers blur before compositionend: whatever is in the box is final now.
    composing.current = false;
    flush();
    onCloseRef.current();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    e.stopPropagation(); // board shortcuts (Delete, space-pan) must not fire while typing
    // keyCode 229: the IME owns this key (Enter confirms a conversion; it must not finish the note).
    if (e.nativeEvent.isComposing || e.keyCode === 229) return;
    if (e.key === 'Escape' || (e.key === 'Enter' && (e.ctrlKey || e.metaKey))) {
      e.preventDefault();
      close();
    }
  };

  const over = length > LIMITS.noteTextMax;
  const style: CSSProperties = {
    left: rect.left,
    top: rect.top,
    width: rect.width,
    height: rect.height,
    background: color,
    fontFamily: FONT_FAMILY,
    fontSize,
  };
  return (
    <div className="note-editor" style={style} data-testid="note-editor">
      <textarea
        ref={area}
        aria-label={t('editor.label')}
        data-testid="note-editor-input"
        onCompositionStart={() => {
          composing.current = true;
        }}
        onCompositionEnd={() => {
          composing.current = false;
          flush();
        }}
        onInput={(e) => {
          if ((e.nativeEvent as InputEvent).isComposing || composing.current) {
            setLength(e.currentTarget.value.length);
            return;
          }
          flush();
        }}
        onKeyDown={onKeyDown}
        onBlur={close}
      />
      <div className={`note-editor-footer${over ? ' over' : ''}`}>
        <span data-testid="note-editor-count" aria-live="polite">
          {over ? t('editor.tooLong', { max: LIMITS.noteTextMax }) : `${length} / ${LIMITS.noteTextMax}`}
        </span>
        <button type="button" className="note-editor-done" onPointerDown={(e) => e.preventDefault()} onClick={close}>
          {t('editor.done')}
        </button>
      </div>
    </div>
  );
}
