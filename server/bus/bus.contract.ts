import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import type { Bus } from './bus';
import { eventually } from '../testing/clients';

/**
 * The behaviour every Bus must have. `open` gives two buses on one medium — two processes
 * sharing Redis, or one LocalBus twice — and the suite publishes on one and listens on both.
 */
export function describeBusContract(name: string, open: () => Promise<[Bus, Bus]> | [Bus, Bus]): void {
  describe(`Bus contract: ${name}`, () => {
    let a: Bus;
    let b: Bus;
    beforeEach(async () => {
      [a, b] = await open();
    });
    afterEach(async () => {
      await a.close();
      if (b !== a) await b.close();
    });

    const channel = () => `board:${randomBytes(8).toString('hex')}`;
    const listen = async (bus: Bus, ch: string) => {
      const got: Uint8Array[] = [];
      const unsubscribe = await bus.subscribe(ch, (m) => got.push(m));
      return { got, unsubscribe };
    };
    const text = (m: Uint8Array) => new TextDecoder().decode(m);
    const bytes = (s: string) => new TextEncoder().encode(s);

    it('delivers to every subscriber of the channel, on either bus, and to no other channel', async () => {
      const ch = channel();
      const onA = await listen(a, ch);
      const onB = await listen(b, ch);
      const elsewhere = await listen(b, channel());
      a.publish(ch, bytes('付箋 1'));
      expect(await eventually(() => onA.got.length === 1 && onB.got.length === 1)).toBe(true);
      expect(text(onB.got[0]!)).toBe('付箋 1');
      expect(elsewhere.got).toHaveLength(0);
    });

    it('carries binary payloads byte for byte (every byte value, and 1 MiB of random bytes)', async () => {
      const ch = channel();
      const onB = await listen(b, ch);
      const everyByte = Uint8Array.from({ length: 512 }, (_, i) => i % 256);
      const big = new Uint8Array(randomBytes(1024 * 1024));
      a.publish(ch, everyByte);
      a.publish(ch, big);
      a.publish(ch, new Uint8Array(0));
      expect(await eventually(() => onB.got.length === 3, 10_000)).toBe(true);
      expect(Buffer.from(onB.got[0]!).equals(Buffer.from(everyByte))).toBe(true);
      expect(Buffer.from(onB.got[1]!).equals(Buffer.from(big))).toBe(true);
      expect(onB.got[2]!.length).toBe(0);
    });

    it('stops delivering to a handler after it unsubscribes, and keeps the other handlers of the channel', async () => {
      const ch = channel();
      const marker = channel();
      const leaving = await listen(b, ch);
      const staying = await listen(b, ch);
      const markers = await listen(b, marker);
      leaving.unsubscribe();
      a.publish(ch, bytes('after'));
      a.publish(marker, bytes('done')); // same publisher, so it arrives after 'after' would have
      expect(await eventually(() => markers.got.length === 1 && staying.got.length === 1)).toBe(true);
      expect(leaving.got).toHaveLength(0);

      staying.unsubscribe();
      a.publish(ch, bytes('nobody'));
      a.publish(marker, bytes('done'));
      expect(await eventually(() => markers.got.length === 2)).toBe(true);
      expect(staying.got).toHaveLength(1);
    });

    it("keeps one publisher's order", async () => {
      const ch = channel();
      const onB = await listen(b, ch);
      const n = 1000;
      for (let i = 0; i < n; i++) a.publish(ch, bytes(String(i)));
      expect(await eventually(() => onB.got.length === n, 10_000)).toBe(true);
      expect(onB.got.map(text)).toEqual(Array.from({ length: n }, (_, i) => String(i)));
    });
  });
}
