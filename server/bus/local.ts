import type { Bus } from './bus';

/** Delivers to subscribers in this process. Several app instances sharing one LocalBus behave like processes sharing Redis. */
export class LocalBus implements Bus {
  readonly kind = 'local';
  private subs = new Map<string, Set<(m: Uint8Array) => void>>();

  publish(channel: string, message: Uint8Array): void {
    const set = this.subs.get(channel);
    if (!set) return;
    // Later, as over a network, but in one microtask for all subscribers: a promise reaction, not
    // queueMicrotask, which creates an async resource per call (measured on every change of a busy board).
    const handlers = [...set];
    void Promise.resolve().then(() => {
      for (const h of handlers) {
        try {
          h(message);
        } catch (err) {
          // As before: a throwing subscriber is the process's uncaught error, and the others still hear it.
          queueMicrotask(() => {
            throw err;
          });
        }
      }
    });
  }

  async subscribe(channel: string, handler: (m: Uint8Array) => void): Promise<() => void> {
    let set = this.subs.get(channel);
    if (!set) this.subs.set(channel, (set = new Set()));
    set.add(handler);
    return () => {
      set.delete(handler);
      if (set.size === 0) this.subs.delete(channel);
    };
  }

  onReconnect(): void {}

  async close(): Promise<void> {
    this.subs.clear();
  }
}
