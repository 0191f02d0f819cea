import { useEffect, useRef, type CSSProperties, type KeyboardEvent } from 'react';
import type * as Y from 'yjs';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../shared/board';
import { FONT_FAMILY } from '../canvas/style';
import { toScreen, type Viewport } from '../canvas/viewport';
import { useNoteTextBox } from './useNoteTextBox';

const EDITOR_MIN = { width: 240, height: 180 };

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
 * In-place editing of one note with a DOM textarea laid over the canvas, bound to the note's live text
 * (see useNoteTextBox: splices out, others' typing in, IME compositions left alone).
 * Text over the limit keeps the editor open, whatever closes it (Escape, Done, a tap elsewhere), until
 * the person shortens it: closing would leave the extra text nowhere.
 */
export function NoteEditor({ doc, noteId, rect, color, fontSize, onClose }: NoteEditorProps) {
  const { t } = useTranslation();
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });
  const box = useNoteTextBox(doc, noteId, { scrollIntoView: false, onGone: () => onCloseRef.current() });
  const closed = useRef(false);

  const close = () => {
    if (closed.current || !box.finish()) return;
    closed.current = true;
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
        ref={box.ref}
        aria-label={t('editor.label')}
        aria-invalid={box.over}
        aria-describedby={box.over ? `${noteId}-too-long` : undefined}
        data-testid="note-editor-input"
        {...box.events}
        onKeyDown={onKeyDown}
        onBlur={close}
      />
      <div className={`note-editor-footer${box.over ? ' over' : ''}`}>
        <span data-testid="note-editor-count" aria-live="polite">
          {box.length} / {LIMITS.noteTextMax}
        </span>
        <button type="button" className="note-editor-done" onPointerDown={(e) => e.preventDefault()} onClick={close}>
          {t('editor.done')}
        </button>
      </div>
      {box.over && (
        <p className="note-editor-too-long" id={`${noteId}-too-long`} role="alert" data-testid="note-editor-too-long">
          {t('editor.overLimit', { max: LIMITS.noteTextMax, count: box.length - LIMITS.noteTextMax })}
        </p>
      )}
    </div>
  );
}

/** The editor covers the note, but never smaller than is comfortable to type in, and stays on screen. */
export function editorRect(vp: Viewport, note: { x: number; y: number; w: number; h: number }, size: { width: number; height: number }) {
  const tl = toScreen(vp, note);
  const width = Math.max(note.w * vp.scale, EDITOR_MIN.width);
  const height = Math.max(note.h * vp.scale, EDITOR_MIN.height);
  return {
    left: Math.max(8, Math.min(tl.x, size.width - width - 8)),
    top: Math.max(8, Math.min(tl.y, size.height - height - 8)),
    width,
    height,
  };
}

