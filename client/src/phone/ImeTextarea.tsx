import { useRef, type ComponentProps, type KeyboardEvent } from 'react';

/**
 * A textarea for Japanese input: Enter sends, Shift+Enter breaks the line, and an Enter that
 * confirms an IME conversion never sends. Browsers disagree on how they report that Enter
 * (Chrome: isComposing; Safari: compositionend first, then keyCode 229), so all three are checked.
 */
export function ImeTextarea({ onSubmit, ...rest }: ComponentProps<'textarea'> & { onSubmit(): void }) {
  const composing = useRef(false);
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    rest.onKeyDown?.(e);
    if (e.key !== 'Enter' || e.shiftKey || e.defaultPrevented) return;
    if (composing.current || e.nativeEvent.isComposing || e.keyCode === 229) return;
    e.preventDefault();
    onSubmit();
  };
  return (
    <textarea
      {...rest}
      onCompositionStart={(e) => {
        composing.current = true;
        rest.onCompositionStart?.(e);
      }}
      onCompositionEnd={(e) => {
        composing.current = false;
        rest.onCompositionEnd?.(e);
      }}
      onKeyDown={onKeyDown}
    />
  );
}
