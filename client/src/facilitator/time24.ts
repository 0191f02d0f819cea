/**
 * Agenda times are typed as 24-hour HH:MM in every language: a browser's time field follows the locale and in
 * ja-JP shows 15:00 as 「午後 03:00」, whose 午後 a narrow field cuts off. People type 1500, 15:00, 9:05 or
 * full-width digits from an IME; all mean the same time.
 */
export function normaliseTime(typed: string): string | null {
  const ascii = typed.replace(/[０-９：]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).trim();
  const m = /^(\d{1,2}):?(\d{2})$/.exec(ascii);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${m[2]}`;
}

export const TIME_PATTERN = '([01]?[0-9]|2[0-3]):?[0-5][0-9]';
