import type { Bus } from './bus';

/** Delivers to subscribers in this process. Several app instances sharing one LocalBus behave like processes sharing Redis. */
export class LocalBus implements Bus {
  readonly kind = 'local';
  private subs = new Map<string, Set<(m: Uint8Array) => void>>();

  publish(channel: string, message: Uint8Array): void {
    const set = this.subs.get(channel);
    if (!set) return;
    for (const h of [...set]) queueMicrotask(() => h(message));
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
