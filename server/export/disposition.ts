/** RFC 5987 value: percent-encoded UTF-8, with the characters encodeURIComponent leaves but the RFC does not allow. */
const rfc5987 = (s: string): string => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * `attachment` with the Japanese file name in `filename*` (every current browser uses it) and an ASCII
 * `filename` for the rest.
 */
export function attachment(fileName: string, asciiFallback: string): string {
  const fallback = asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${rfc5987(fileName)}`;
}
