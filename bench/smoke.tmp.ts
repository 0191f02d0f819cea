import { fanout } from './scenarios/fanout';
const server = (process.argv[2] ?? 'ours') as 'ours';
const n = Number(process.argv[3] ?? 30);
const r = await fanout({ name: `fanout-${n}`, server, clients: n, durationMs: Number(process.argv[4] ?? 5000) });
console.log(JSON.stringify(r));
