import { navigate } from '../route';

/**
 * Opens a board link on this server. The links carry the configured public URL; we keep only
 * the path and query so a server reached under another name (LAN address, port forward) still works.
 */
export function openBoardLink(link: string, tab: Window | null): void {
  const u = new URL(link, window.location.origin);
  const path = `${u.pathname}${u.search}`;
  if (tab && !tab.closed) tab.location.href = path;
  else navigate(path);
}
