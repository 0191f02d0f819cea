import type { Connection } from './connection';
import type { ControlMessage } from './busMessages';

/** One change to a board's doc, with where it came from. */
export interface DocChange {
  update: Uint8Array;
  /** A Connection, or FROM_STORE / FROM_BUS / FROM_SERVER. */
  origin: unknown;
  /** The connection that made it, when it is one of the room's. */
  sender: Connection | null;
}

/** Presence ids that were added, updated or removed together. */
export interface PresenceChange {
  ids: number[];
  origin: unknown;
  sender: Connection | null;
}

/**
 * A document of its own that serves some sockets instead of the board's: their sync, updates and
 * presence come from it only (extensions/viewerProjection.ts: what the viewer link may show).
 */
export interface DocFeed {
  stateVector(): Uint8Array;
  /** What a socket with `stateVector` lacks; throws RefusedChange when that state cannot be served. */
  diffFor(stateVector: Uint8Array): Uint8Array;
  /** The presence of `ids` as these sockets may see it, encoded as an awareness update. */
  presence(ids: number[]): Uint8Array;
}

/**
 * What happens in a board's life beyond holding its doc and sockets: storing, replicating, broadcasting,
 * sleeping. The room calls each hook on every extension, in the order they were installed, so an
 * extension installed earlier sees a batch first (a batch is stored before it is published).
 */
export interface RoomExtension {
  /** Before anything of the board is read: e.g. to subscribe, so nothing published while the store is read is missed. */
  beforeLoad?(): Promise<void>;
  /** While the board loads, before any socket sees it. */
  onLoad?(): Promise<void>;
  /** Once every extension has loaded. */
  afterLoad?(): void;
  /** This extension serves the connection a document of its own (asked before onConnect); null: the board's. */
  feedFor?(conn: Connection): DocFeed | null;
  onConnect?(conn: Connection): void;
  onDisconnect?(conn: Connection): void;
  /** True when this extension knows the message changes nothing (e.g. the echo of presence it sent). */
  ignores?(message: Uint8Array): boolean;
  /** Every change to the doc, whatever its origin, as it happens. */
  onChange?(change: DocChange): void;
  /** Changes made here (by sockets or the server), merged, before any socket is sent them: awaited in turn. */
  onBatch?(update: Uint8Array): Promise<void> | void;
  onPresence?(change: PresenceChange): void;
  /** Presence made here, batched and encoded, for others to hear of. */
  onPresenceBatch?(update: Uint8Array): void;
  /** A control message from another process (lock, tokens, deletion). */
  onControl?(control: ControlMessage): Promise<void> | void;
  /**
   * Takes a newcomer's sync answer when the changes it shows are not yet stored, to send it once they
   * are; returns false to let the room send it now.
   */
  deferAnswer?(send: () => void): boolean;
  /** False while the extension holds work that keeps the doc awake (changes not yet stored). */
  settled?(): boolean;
  /** Resolves once the extension's work so far is done (changes stored and sent). */
  flush?(): Promise<void>;
  /** The board was rebuilt from its encoded state. */
  onWake?(): void;
  onDestroy?(): Promise<void> | void;
}
