import { describe, expect, it } from 'vitest';
import { Lanes } from './lanes';

/** Every turn until nothing is queued: which sockets were written, with what. */
function drain(lanes: Lanes<string, number>) {
  const turns: { sockets: string[]; items: number[] }[] = [];
  for (let turn = lanes.take(); turn; turn = lanes.take()) turns.push({ sockets: [...turn.sockets], items: turn.items });
  return turns;
}

describe('lanes of a big room', () => {
  it('reach every socket with every item exactly once, one lane per turn', () => {
    const lanes = new Lanes<string, number>();
    const people = Array.from({ length: 500 }, (_, i) => `p${i}`);
    for (const p of people) lanes.add(p, 3);
    lanes.push(1);
    lanes.push(2);
    const turns = drain(lanes);
    expect(turns).toHaveLength(3);
    const reached = turns.flatMap((t) => t.sockets);
    expect(new Set(reached).size).toBe(500);
    expect(reached).toHaveLength(500);
    for (const t of turns) {
      expect(t.items).toEqual([1, 2]);
      expect(t.sockets.length).toBeLessThanOrEqual(167);
    }
    expect(lanes.busy).toBe(false);
  });

  it('takes turns round the lanes, so a lane that just had its turn waits for the others', () => {
    const lanes = new Lanes<string, number>();
    for (const p of ['a', 'b', 'c']) lanes.add(p, 3);
    lanes.push(1);
    const first = lanes.take()!;
    lanes.push(2);
    const rest = drain(lanes);
    // The other two lanes get both items; the first lane's second item comes last.
    expect(rest.map((t) => t.items)).toEqual([[1, 2], [1, 2], [2]]);
    expect(rest[2]!.sockets).toEqual([...first.sockets]);
  });

  it('puts a newcomer in the emptiest lane, and a socket that left gets nothing more', () => {
    const lanes = new Lanes<string, number>();
    for (const p of ['a', 'b', 'c', 'd']) lanes.add(p, 2);
    lanes.remove('a');
    lanes.remove('c');
    lanes.add('e', 2);
    lanes.push(7);
    const turns = drain(lanes);
    expect(turns.map((t) => t.sockets.length).sort()).toEqual([1, 2]);
    expect(turns.flatMap((t) => t.sockets).sort()).toEqual(['b', 'd', 'e']);
  });

  it('evens out the lanes of a room that grew one newcomer at a time, without a socket missing an item', () => {
    const lanes = new Lanes<string, number>();
    const got = new Map<string, number[]>();
    const deliver = (turn: { sockets: string[]; items: number[] }) => {
      for (const s of turn.sockets) got.set(s, [...(got.get(s) ?? []), ...turn.items]);
    };
    for (let i = 0; i < 500; i++) {
      lanes.add(`p${i}`, Math.ceil((i + 1) / 200));
      // A change while people come in: one lane has its turn, the others wait for theirs with it queued.
      if (i === 450) {
        lanes.push(1);
        const turn = lanes.take()!;
        deliver({ sockets: [...turn.sockets], items: turn.items });
      }
    }
    lanes.push(2);
    const turns = drain(lanes);
    turns.forEach(deliver);
    // Everyone there when the change came gets it, and everyone the next (a newcomer may get the first too:
    // it is in the doc a newcomer is synced from anyway).
    for (let i = 0; i < 500; i++) {
      const items = got.get(`p${i}`) ?? [];
      expect(items.includes(2) && (i > 450 || items.includes(1)), `p${i}: ${items.join()}`).toBe(true);
    }
    expect(Math.max(...turns.map((t) => t.sockets.length))).toBeLessThanOrEqual(200);
  });

  it('has one lane for a small room: a turn is a broadcast to everyone', () => {
    const lanes = new Lanes<string, number>();
    for (const p of ['a', 'b', 'c']) lanes.add(p, 1);
    expect(lanes.count).toBe(1);
    lanes.push(1);
    expect(drain(lanes)).toEqual([{ sockets: ['a', 'b', 'c'], items: [1] }]);
  });
});
