import { useEffect, useState } from 'react';
import { normaliseTime, TIME_PATTERN } from './time24';

/** A 24-hour HH:MM field, the same in every language (see time24.ts); it reports only valid times. */
export function TimeInput(p: { value: string; onChange(v: string): void; label: string; testId?: string }) {
  const [text, setText] = useState(p.value);
  useEffect(() => setText(p.value), [p.value]);
  return (
    <input
      className="ws-time"
      inputMode="numeric"
      autoComplete="off"
      pattern={TIME_PATTERN}
      placeholder="15:00"
      maxLength={5}
      value={text}
      aria-label={p.label}
      aria-invalid={normaliseTime(text) === null}
      required
      data-testid={p.testId}
      onChange={(e) => {
        setText(e.target.value);
        const t = normaliseTime(e.target.value);
        if (t && t !== p.value) p.onChange(t);
      }}
      onBlur={() => setText(normaliseTime(text) ?? p.value)}
    />
  );
}
