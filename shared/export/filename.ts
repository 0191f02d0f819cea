/** Characters no file system or browser accepts in a file name, plus control characters. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f/\\:*?"<>|]+/g;

/** A download's file name from the board's title (and the snapshot's name), Japanese kept. */
export function exportFileName(title: string, ext: string, snapshotName?: string | null): string {
  const parts = [title, snapshotName].map((p) => (p ?? '').replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim()).filter(Boolean);
  const base = [...(parts.join('_') || 'board')].slice(0, 80).join('').replace(/^\.+/, '').trim() || 'board';
  return `${base}.${ext}`;
}
