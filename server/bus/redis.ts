import { Redis } from 'ioredis';
import type { Bus } from './bus';

type Handler = (message: Uint8Array) => void;

/** Where the bus reports trouble while running; defaults to stderr. */
export interface BusLog {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

const consoleLog: BusLog = {
  info: (m) => console.log(`[redis-bus] ${m}`),
  warn: (m) => console.warn(`[redis-bus] ${m}`),
  error: (m) => console.error(`[redis-bus] ${m}`),
};

/** "host:port" of a Redis URL, for messages: never the password. */
export function redisAddress(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || '6379'}`;
  } catch {
    return '(unparseable address: expected redis://[:password@]host:6379)';
  }
}

const reason = (err: unknown): string => {
  const e = err as Error & { code?: string; errors?: Error[] };
  return e.message || e.errors?.map((x) => x.message).join('; ') || e.code || String(err);
};

export interface RedisBusOptions {
  log?: BusLog;
  /** Bound on the first connection; after that the bus reconnects for as long as the process runs. */
  connectTimeoutMs?: number;
}

/**
 * Pub/sub between server processes over two Redis connections (a subscribed connection can only
 * listen). Messages are binary. While Redis is away nothing is queued: publishing fails softly,
 * rooms keep serving their own sockets, and `onReconnect` handlers run once both connections are
 * back and every channel is subscribed again, so rooms catch up from the store without a gap.
 */
export class RedisBus implements Bus {
  readonly kind = 'redis';
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly reconnectHandlers: (() => void)[] = [];
  private closing = false;
  private lostAt = 0;
  private unpublished = 0;
  private pubReady = false;
  private subReady = false;

  private constructor(
    private readonly pub: Redis,
    private readonly sub: Redis,
    private readonly address: string,
    private readonly log: BusLog,
  ) {}

  /** Connects both connections; an unreachable Redis is an Error naming REDIS_URL and host:port. */
  static async connect(url: string, opts: RedisBusOptions = {}): Promise<RedisBus> {
    const address = redisAddress(url);
    const timeout = opts.connectTimeoutMs ?? 5000;
    const state = { started: false };
    const make = () =>
      new Redis(url, {
        lazyConnect: true,
        connectTimeout: timeout,
        enableOfflineQueue: false,
        autoResubscribe: false,
        maxRetriesPerRequest: 1,
        // No retries before the first success: a wrong address fails the start instead of waiting forever.
        retryStrategy: (times) => (state.started ? Math.min(times * 100, 1000) : null),
      });
    const pub = make();
    const sub = make();
    const firstErrors: string[] = [];
    const collect = (err: Error) => firstErrors.push(reason(err));
    pub.on('error', collect);
    sub.on('error', collect);
    try {
      await withTimeout(Promise.all([pub.connect(), sub.connect()]), timeout * 2);
    } catch (err) {
      pub.disconnect();
      sub.disconnect();
      throw new Error(`REDIS_URL: cannot reach Redis at ${address}: ${firstErrors[0] ?? reason(err)}`);
    }
    pub.off('error', collect);
    sub.off('error', collect);
    state.started = true;
    const bus = new RedisBus(pub, sub, address, opts.log ?? consoleLog);
    bus.watch();
    return bus;
  }

  private watch(): void {
    this.pubReady = this.subReady = true;
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => this.deliver(channel.toString(), message));
    for (const [conn, name] of [
      [this.pub, 'publish'],
      [this.sub, 'subscribe'],
    ] as const) {
      conn.on('error', (err: Error) => {
        if (!this.closing && this.lostAt === 0) this.log.error(`${name} connection to ${this.address}: ${reason(err)}`);
      });
      conn.on('close', () => this.connectionLost(conn));
      conn.on('ready', () => void this.connectionBack(conn));
    }
  }

  private connectionLost(conn: Redis): void {
    if (conn === this.pub) this.pubReady = false;
    else this.subReady = false;
    if (this.closing || this.lostAt !== 0) return;
    this.lostAt = Date.now();
    this.log.warn(`lost Redis at ${this.address}; serving connected clients, retrying`);
  }

  private async connectionBack(conn: Redis): Promise<void> {
    if (conn === this.sub) {
      const channels = [...this.handlers.keys()];
      try {
        if (channels.length > 0) await this.sub.subscribe(...channels);
      } catch (err) {
        this.log.error(`resubscribing failed: ${reason(err)}`); // the next 'ready' tries again
        return;
      }
      this.subReady = true;
    } else this.pubReady = true;
    if (this.lostAt === 0 || !this.pubReady || !this.subReady || this.closing) return;
    this.log.info(`Redis at ${this.address} is back after ${Date.now() - this.lostAt} ms (${this.unpublished} messages not sent meanwhile); catching up from the store`);
    this.lostAt = 0;
    this.unpublished = 0;
    for (const h of this.reconnectHandlers) {
      try {
        h();
      } catch (err) {
        this.log.error(`reconnect handler failed: ${reason(err)}`);
      }
    }
  }

  private deliver(channel: string, message: Buffer): void {
    const set = this.handlers.get(channel);
    if (!set) return;
    const bytes = new Uint8Array(message.buffer, message.byteOffset, message.byteLength);
    for (const h of [...set]) {
      try {
        h(bytes);
      } catch (err) {
        this.log.error(`handler for ${channel} failed: ${reason(err)}`);
      }
    }
  }

  publish(channel: string, message: Uint8Array): void {
    if (this.closing) return;
    if (!this.pubReady) {
      this.unpublished++; // the store has it: subscribers catch up when the bus is back
      return;
    }
    this.pub.publish(channel, Buffer.from(message)).catch((err: unknown) => {
      this.unpublished++;
      if (this.lostAt === 0) this.log.warn(`publish to ${channel} failed: ${reason(err)}`);
    });
  }

  async subscribe(channel: string, handler: Handler): Promise<() => void> {
    let set = this.handlers.get(channel);
    const first = !set;
    if (!set) this.handlers.set(channel, (set = new Set()));
    set.add(handler);
    // While Redis is away the channel is subscribed on reconnect, before onReconnect handlers run.
    // ('ready' status, not subReady: a channel added while the reconnect resubscribes must not fall between.)
    if (first && this.sub.status === 'ready') await this.sub.subscribe(channel).catch((err: unknown) => this.log.warn(`subscribe ${channel}: ${reason(err)}`));
    const own = set;
    return () => {
      own.delete(handler);
      if (own.size > 0 || this.handlers.get(channel) !== own) return;
      this.handlers.delete(channel);
      if (this.subReady && !this.closing) void this.sub.unsubscribe(channel).catch(() => {});
    };
  }

  onReconnect(handler: () => void): void {
    this.reconnectHandlers.push(handler);
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.handlers.clear();
    // QUIT lets queued publishes go out first; a connection that is down just stops retrying.
    await Promise.all(
      [this.pub, this.sub].map((c) => (c.status === 'ready' ? c.quit().then(() => undefined, () => c.disconnect()) : c.disconnect())),
    );
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, rej) => {
    timer = setTimeout(() => rej(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
