/**
 * npm run --silent group -- --input notes.jsonl [--corrections corrections.jsonl] [--lexicon org-lexicon.json]
 *
 * Reads one JSON object per line, {"id", "text"}, and prints one line per note in input order:
 * {"id", "category", "confidence", "needsReview", "reasons", "clusterId", "clusterLabel"}. The learned model and
 * its review threshold are the server's (server/grouping/model.json). Exit 0 on success; exit 2 with a message on
 * stderr (and nothing on stdout) for a missing file, a malformed line or a bad lexicon.
 */
import { readFileSync } from 'node:fs';
import { DEFAULT_TAXONOMY } from '../../shared/grouping/taxonomy';
import { LexiconError, mergeLexicon, parseLexiconFile } from '../../shared/grouping/lexicon-file';
import type { GroupingNote, LabelledExample, Taxonomy } from '../../shared/grouping/types';
import { loadAnalyser } from './analyser';
import { createGroupingService, readModelFile } from './service';

class UsageError extends Error {}

const USAGE = `usage: npm run --silent group -- --input FILE.jsonl [--corrections FILE.jsonl] [--lexicon FILE.json]
  --input        lines {"id": "...", "text": "..."}
  --corrections  lines {"id": "...", "text": "...", "category": "consultation|participation|community|unsorted"}
                 (they train the model first; a corrected note that is also in the input keeps its category)
  --lexicon      an organisation's terms, merged into the seed lexicon (see shared/grouping/README.md)`;

function parseArgs(argv: string[]): { input: string; corrections?: string; lexicon?: string } {
  const out: { input?: string; corrections?: string; lexicon?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.indexOf('=');
    const [flag, inline] = a.startsWith('--') && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a file name`);
      return v;
    };
    if (flag === '--input' || flag === '-i') out.input = value();
    else if (flag === '--corrections') out.corrections = value();
    else if (flag === '--lexicon') out.lexicon = value();
    else if (flag === '--help' || flag === '-h') {
      process.stdout.write(USAGE + '\n');
      process.exit(0);
    } else throw new UsageError(`unknown argument: ${a}`);
  }
  if (!out.input) throw new UsageError('--input FILE.jsonl is required');
  return out as { input: string; corrections?: string; lexicon?: string };
}

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : String(e);
    throw new UsageError(`cannot read ${what} file ${file}: ${why}`);
  }
}

type Line = Record<string, unknown>;

/** Parses JSONL: blank lines are skipped; anything else must be a JSON object with the required fields. */
function readJsonl(file: string, what: string, check: (o: Line) => string | null): { line: number; value: Line }[] {
  const text = readText(file, what).replace(/^\uFEFF/, '');
  const out: { line: number; value: Line }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim()) return;
    const where = `${file} line ${i + 1}`;
    let v: unknown;
    try {
      v = JSON.parse(raw);
    } catch (e) {
      throw new UsageError(`${where}: not valid JSON (${(e as Error).message})`);
    }
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new UsageError(`${where}: expected a JSON object`);
    const problem = check(v as Line);
    if (problem) throw new UsageError(`${where}: ${problem}`);
    out.push({ line: i + 1, value: v as Line });
  });
  return out;
}

const idOk = (id: unknown): boolean => (typeof id === 'string' && id.length > 0 && id.length <= 200) || (typeof id === 'number' && Number.isFinite(id));

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));

  let taxonomy: Taxonomy = DEFAULT_TAXONOMY;
  if (args.lexicon) {
    let raw: unknown;
    try {
      raw = JSON.parse(readText(args.lexicon, 'lexicon'));
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(`${args.lexicon}: not valid JSON (${(e as Error).message})`);
    }
    try {
      taxonomy = mergeLexicon(DEFAULT_TAXONOMY, parseLexiconFile(raw));
    } catch (e) {
      if (e instanceof LexiconError) throw new UsageError(`${args.lexicon}: ${e.message}`);
      throw e;
    }
  }
  const known = new Set([...taxonomy.categories.map((c) => c.id), taxonomy.fallback]);

  const input = readJsonl(args.input, 'input', (o) => {
    if (!idOk(o.id)) return '"id" must be a non-empty string (or a number)';
    if (typeof o.text !== 'string') return '"text" must be a string';
    return null;
  });
  const corrections = args.corrections
    ? readJsonl(args.corrections, 'corrections', (o) => {
        if (!idOk(o.id)) return '"id" must be a non-empty string (or a number)';
        if (typeof o.text !== 'string') return '"text" must be a string';
        if (typeof o.category !== 'string' || !known.has(o.category)) return `"category" must be one of ${[...known].join(', ')}`;
        return null;
      })
    : [];

  const correctedCategory = new Map<string, string>();
  for (const c of corrections) correctedCategory.set(String(c.value.id), c.value.category as string);
  const inputIds = new Set(input.map((l) => String(l.value.id)));
  // Corrections not in the input only teach the model; those in the input are manual notes (kept, and taught).
  const training: LabelledExample[] = corrections
    .filter((c) => !inputIds.has(String(c.value.id)))
    .map((c) => ({ text: c.value.text as string, category: c.value.category as string }));

  // Internal ids are positions, so repeated ids in the input still get one answer each.
  const notes: GroupingNote[] = input.map((l, i) => {
    const id = String(l.value.id);
    const corrected = correctedCategory.get(id);
    return corrected
      ? { id: String(i), text: l.value.text as string, category: corrected, categorySource: 'manual' }
      : { id: String(i), text: l.value.text as string };
  });
  const service = createGroupingService(await loadAnalyser(), readModelFile(), taxonomy);
  const result = service.group(notes, training);
  const labelOf = new Map(result.clusters.map((c) => [c.id, c.label]));
  const lines = result.notes.map((r, i) => {
    const clusterId = result.clusterOf[r.id] ?? null;
    return JSON.stringify({
      id: input[i]!.value.id,
      category: r.category,
      confidence: Math.round(r.confidence * 1000) / 1000,
      needsReview: r.needsReview ?? false,
      reasons: r.reasons,
      clusterId,
      clusterLabel: clusterId ? (labelOf.get(clusterId) ?? null) : null,
    });
  });
  process.stdout.write(lines.length ? lines.join('\n') + '\n' : '');
}

try {
  await main();
} catch (e) {
  if (e instanceof UsageError) {
    process.stderr.write(`group: ${e.message}\n(run with --help for usage)\n`);
    process.exit(2);
  }
  process.stderr.write(`group: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
  process.exit(1);
}
