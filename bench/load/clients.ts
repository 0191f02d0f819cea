import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { BoardProvider } from '../../client/src/board/boardProvider';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import type { Awareness } from 'y-protocols/awareness';
import { frameFilter, frameKind, OTHER, PRESENCE } from './frameFilter';

/** The wire protocol a load client speaks: ours and the classic server speak y-websocket. */
export type Protocol = 'y-websocket' | 'hocuspocus';

export interface Target {
  protocol: Protocol;
  /** y-websocket: the provider's server URL (ours: ws://host:port/ws); hocuspocus: ws://host:port. */
  wsUrl: string;
  room: string;
  /** Our participant token; the peers take none. */
  token?: string;
  /** The per-browser secret key our server derives the author id from (`?key=`). */
  key?: string;
  /**
   * y-websocket only: the provider a person's device runs. Ours is driven by its own app's
   * (BoardProvider, which does not send others' presence back), the classic server by the stock one.
   */
  provider?: 'board' | 'stock';
}

export interface BenchClient {
  doc: Y.Doc;
  awareness: Awareness;
  /** Resolves once the first sync with the server is complete. */
  synced: Promise<void>;
  bytesIn: () => number;
  reconnects: () => number;
  destroy: () => void;
}

const toBuffer = (data: unknown): Buffer =>
  Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data as Buffer[]) : Buffer.from(data as ArrayBuffer);

/**
 * A `ws` WebSocket that shows every incoming frame to `tap` first, as it comes off the socket;
 * `keep` can withhold a frame from the provider.
 */
function tappedWebSocket(tap: (buf: Buffer) => void, keep: (buf: Buffer) => boolean) {
  return class TappedWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      // A client destroyed while it is reconnecting closes a socket that is still connecting, and ws
      // reports that as an error after the provider has let go of the socket: without a listener it
      // would end the whole generator. Errors that matter reach the provider through its own handlers.
      this.on('error', () => {});
    }
    override emit(event: string | symbol, ...args: unknown[]): boolean {
      if (event === 'message') {
        const buf = toBuffer(args[0]);
        tap(buf);
        if (!keep(buf)) return true;
      }
      return super.emit(event, ...args);
    }
  };
}

export interface ClientOptions {
  /** Sees every incoming sync frame (doc content) first, as it comes off the socket. */
  tap?: (buf: Buffer) => void;
  /**
   * Passive receive: once synced, live doc updates are timed at the socket but not applied to this
   * client's doc, nor presence that its provider would not send back (see frameFilter). The server's
   * work is the same; what is skipped is each simulated device's own Yjs work, which for N clients
   * on one generator grows as N² and would measure the generator.
   */
  passive?: boolean;
}

/** One provider, the way a browser tab would connect: its own socket, its own doc. */
export function openClient(target: Target, opts: ClientOptions = {}): BenchClient {
  let bytes = 0;
  let opens = 0;
  let isSynced = false;
  let kind = OTHER;
  const keep = frameFilter({ passive: opts.passive ?? false, answersPresence: !(target.protocol === 'y-websocket' && target.provider === 'board') });
  const Socket = tappedWebSocket(
    (buf) => {
      bytes += buf.length;
      kind = frameKind(buf, target.protocol);
      // Only doc content can carry op markers; presence frames (the bulk, with echoes) are not scanned.
      if (kind !== OTHER && kind !== PRESENCE) opts.tap?.(buf);
    },
    () => keep(kind, isSynced, performance.now()),
  );
  const doc = new Y.Doc();
  if (target.protocol === 'y-websocket') {
    const Provider = target.provider === 'board' ? BoardProvider : WebsocketProvider;
    const provider = new Provider(target.wsUrl, target.room, doc, {
      params: { ...(target.token ? { token: target.token } : {}), ...(target.key ? { key: target.key } : {}) },
      WebSocketPolyfill: Socket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      maxBackoffTime: 1000,
    });
    provider.on('status', ({ status }: { status: string }) => status === 'connected' && opens++);
    const synced = new Promise<void>((res) => provider.on('sync', (s: boolean) => s && res())).then(() => void (isSynced = true));
    return { doc, awareness: provider.awareness, synced, bytesIn: () => bytes, reconnects: () => Math.max(0, opens - 1), destroy: () => (provider.destroy(), doc.destroy()) };
  }
  let resolveSynced: () => void = () => {};
  const synced = new Promise<void>((res) => (resolveSynced = res)).then(() => void (isSynced = true));
  // One socket per client, as separate devices would have (v3 could multiplex documents over one).
  const socket = new HocuspocusProviderWebsocket({ url: target.wsUrl, WebSocketPolyfill: Socket, onOpen: () => void opens++ });
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: target.room,
    document: doc,
    onSynced: ({ state }) => state && resolveSynced(),
  });
  provider.attach();
  const destroy = () => {
    provider.destroy();
    socket.destroy();
    doc.destroy();
  };
  return { doc, awareness: provider.awareness!, synced, bytesIn: () => bytes, reconnects: () => Math.max(0, opens - 1), destroy };
}
