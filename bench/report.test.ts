import { describe, expect, it } from 'vitest';
import { ratios } from './report';
import type { ScenarioResult } from './lib/result';
import type { ServerName } from './servers';

const row = (name: string, server: ServerName, cpuMsPerOp: number): ScenarioResult => ({
  name,
  server,
  p50Ms: 3,
  p99Ms: 10,
  maxMs: 20,
  cpuMsPerOp,
  rssMb: 80,
  dropped: 0,
});

const lineFor = (text: string, scenario: string, metric: string) =>
  text.split('\n').find((l) => l.startsWith(`${scenario} `) && l.includes(` ${metric} `));

describe('ratios', () => {
  const results = [
    row('fanout-30', 'ours', 1.9),
    row('fanout-30', 'y-websocket', 2.0),
    row('fanout-30', 'hocuspocus', 2.5),
    row('fanout-30-stock-client', 'ours', 2.2),
  ];

  it('sets ours against the better peer and says whether the target is met', () => {
    const line = lineFor(ratios(results), 'fanout-30', 'cpu/op');
    expect(line).toMatch(/better peer \(y-websocket\)\s+2\.00\s+ours\/peer\s+0\.95\s+✔ target ≤ 1/);
  });

  it("sets ours driven by the stock provider against the same peers, without a verdict of its own", () => {
    const line = lineFor(ratios(results), 'fanout-30-stock-client', 'cpu/op');
    expect(line).toMatch(/ours\s+2\.20\s+better peer \(y-websocket\)\s+2\.00\s+ours\/peer\s+1\.10$/);
  });
});
