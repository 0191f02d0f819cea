/// <reference types="vite/client" />
import { useEffect, useRef, useState } from 'react';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import type { IndexeddbPersistence } from 'y-indexeddb';
import type { Awareness } from 'y-protocols/awareness';
import type { Role } from '../../../shared/board';
import { ApiError, fetchBoardInfo, type BoardInfo } from '../api';
import { cachedInfo, saveInfo } from './storage';
import { connectionStatus, FATAL_CLOSE_CODES, PROJECTION_REBUILT, shouldReconnect, type ConnectionStatus, type FatalReason, type LinkState } from './connectionStatus';
import { installTestHook } from './testHook';
import { openOfflineStore, useUnsentChanges } from './useOfflineStore';
import { BoardProvider } from './boardProvider';
import { storedPasscode } from '../join/passcode';
import { refusedForPrivateWriting } from '../private/rescue';

export interface ConnectionOptions {
  /** The server refused this device's notes for private writing: move them; false when they could not be. */
  onPrivateRefused?(doc: Y.Doc): boolean;
}

export interface BoardConnection {
  doc: Y.Doc | null;
  provider: WebsocketProvider | null;
  awareness: Awareness | null;
  status: ConnectionStatus;
  /** This person wrote something the server has not had yet (it is kept on the device meanwhile). */
  unsent: boolean;
  /** Null until the server (or the cache from an earlier visit) told us; treat as read-only until then. */
  role: Role | null;
  info: BoardInfo | null;
  fatal: FatalReason | null;
}

const wsOrigin = (): string => `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}`;

function fatalOf(err: ApiError): FatalReason | null {
  if (err.field === 'passcode') return 'passcode';
  return fatalFromStatus(err.status);
}

function fatalFromStatus(status: number): FatalReason | null {
  if (status === 401) return 'badToken';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'unknownBoard';
  return null;
}

/**
 * One Y.Doc per board, persisted in IndexedDB (edits survive a reload while offline) and synced
 * over y-websocket (which resends offline edits on reconnect), sending only this device's own presence.
 */
export function useBoardConnection(boardId: string, token: string | null, key: string, opts: ConnectionOptions = {}): BoardConnection {
  const options = useRef(opts);
  useEffect(() => {
    options.current = opts;
  });
  const idbRef = useRef<IndexeddbPersistence | null>(null);
  const [conn, setConn] = useState<{ doc: Y.Doc; provider: WebsocketProvider } | null>(null);
  const [idb, setIdb] = useState<IndexeddbPersistence | null>(null);
  const [link, setLink] = useState<LinkState>({ synced: false, everOnline: false, browserOnline: navigator.onLine, failedAttempts: 0 });
  const [info, setInfo] = useState<BoardInfo | null>(() => cachedInfo(boardId, token));
  const [fatal, setFatal] = useState<FatalReason | null>(token ? null : 'noToken');
  // The viewer link is served a projection of the board (server/rooms/extensions/viewerProjection.ts): a
  // document of its own, never mixed with the board's copy on this device, and started afresh when the
  // server rebuilt it (4409). So the device's copy is opened only once the role is known (cached from an
  // earlier visit, else asked) and is not the viewer's.
  const knownRole = info?.boardId === boardId ? info.role : null;
  const roleKnown = knownRole !== null;
  const viewer = knownRole === 'viewer';
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (!token) return;
    const doc = new Y.Doc();
    const passcode = storedPasscode(boardId);
    const params: Record<string, string> = passcode ? { token, key, passcode } : { token, key };
    const provider = new BoardProvider(`${wsOrigin()}/ws`, boardId, doc, { params, shouldReconnect });
    const update = (patch: Partial<LinkState>) => setLink((s) => ({ ...s, ...patch }));
    provider.on('sync', (synced: boolean) => {
      update(synced ? { synced: true, everOnline: true, failedAttempts: 0 } : { synced: false });
    });
    provider.on('status', ({ status }) => {
      if (status !== 'connected') update({ synced: false });
    });
    provider.on('connection-close', () => update({ synced: false, failedAttempts: provider.wsUnsuccessfulReconnects }));
    provider.on('closed', ({ code, reason: why }) => {
      if (code === PROJECTION_REBUILT) setGeneration((g) => g + 1);
      // A note private writing keeps off the board: moved into the private notes, then the board afresh.
      if (refusedForPrivateWriting({ code, reason: why })) {
        if (options.current.onPrivateRefused?.(doc)) void (idbRef.current?.clearData() ?? Promise.resolve()).then(() => setGeneration((g) => g + 1));
        else provider.connect();
      }
      const reason = FATAL_CLOSE_CODES[code];
      if (reason) setFatal(reason);
    });
    const onOnline = () => update({ browserOnline: true });
    const onOffline = () => update({ browserOnline: false });
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    // Test builds only (npm run build:test-client): production never exposes the doc on window.
    const removeHook = import.meta.env.VITE_TEST_HOOK === '1' ? installTestHook(doc, provider.awareness) : () => {};
    setConn({ doc, provider });
    return () => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      removeHook();
      provider.destroy();
      doc.destroy();
      setConn(null);
    };
  }, [boardId, token, key, generation]);

  const doc = conn?.doc ?? null;
  useEffect(() => {
    if (!doc || !roleKnown || viewer) return;
    const store = openOfflineStore(boardId, doc);
    idbRef.current = store;
    setIdb(store);
    return () => {
      void store.destroy();
      setIdb(null);
    };
  }, [boardId, doc, roleKnown, viewer]);

  // The role decides what the UI offers; the server enforces it whatever the UI does.
  useEffect(() => {
    if (!token) return;
    const ctl = new AbortController();
    let retry: ReturnType<typeof setTimeout> | undefined;
    const load = () => {
      fetchBoardInfo(boardId, token, ctl.signal).then(
        (i) => {
          saveInfo(i, token);
          setInfo(i);
        },
        (err: unknown) => {
          if (ctl.signal.aborted) return;
          const reason = err instanceof ApiError ? fatalOf(err) : null;
          if (reason) setFatal(reason);
          else retry = setTimeout(load, 5_000);
        },
      );
    };
    load();
    return () => {
      ctl.abort();
      clearTimeout(retry);
    };
  }, [boardId, token]);

  const unsent = useUnsentChanges(conn?.doc ?? null, [conn?.provider, idb], link.synced);

  return {
    doc: conn?.doc ?? null,
    provider: conn?.provider ?? null,
    awareness: conn?.provider.awareness ?? null,
    status: connectionStatus(link),
    unsent,
    role: info?.boardId === boardId ? info.role : null,
    info,
    fatal,
  };
}
