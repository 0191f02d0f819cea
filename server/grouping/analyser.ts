/**
 * The morphological analyser: kuromoji with the IPA dictionary that ships inside the npm package (read from
 * node_modules, never downloaded). The dictionary is too big for a phone, so grouping that needs it runs here.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import kuromoji from 'kuromoji';
import type { Morpheme } from '../../shared/grouping/learned/types';

const require = createRequire(import.meta.url);

export type Analyse = (text: string) => Morpheme[];

let loading: Promise<Analyse> | null = null;

/** Loads the dictionary once per process; later calls share it. */
export function loadAnalyser(): Promise<Analyse> {
  loading ??= new Promise<Analyse>((resolve, reject) => {
    const dicPath = join(dirname(require.resolve('kuromoji/package.json')), 'dict');
    kuromoji.builder({ dicPath }).build((err, tokenizer) => {
      if (err) {
        loading = null;
        reject(err);
        return;
      }
      resolve((text: string) =>
        tokenizer.tokenize(text).map((t) => ({
          surface: t.surface_form,
          base: t.basic_form && t.basic_form !== '*' ? t.basic_form : t.surface_form,
          pos: t.pos,
          pos1: t.pos_detail_1,
        })),
      );
    });
  });
  return loading;
}
