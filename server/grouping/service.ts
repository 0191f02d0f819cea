/**
 * Grouping on the server: the learned classifier (kuromoji features + the shipped weights in model.json) for the
 * categories and review flags, the shared clustering for topics. Loaded once per process.
 */
import { groupNotes } from '../../shared/grouping/group';
import { LearnedClassifier, type LearnedModelFile } from '../../shared/grouping/learned/classifier';
import { createFeaturizer, type Featurizer, type NoteFeatureSet } from '../../shared/grouping/learned/features';
import type { GroupingNote, GroupingResult, LabelledExample } from '../../shared/grouping/types';
import { compileLexicon } from '../../shared/grouping/lexicon';
import { createModel, defaultModel } from '../../shared/grouping/model';
import { DEFAULT_TAXONOMY } from '../../shared/grouping/taxonomy';
import type { Taxonomy } from '../../shared/grouping/types';
import { loadAnalyser, type Analyse } from './analyser';
import shippedModel from './model.json';

export interface GroupingService {
  group(notes: readonly GroupingNote[], corrections?: readonly LabelledExample[]): GroupingResult;
  readonly reviewBelow: number;
}

/** The shipped weights (imported, so the server build carries them). */
export function readModelFile(): LearnedModelFile {
  return shippedModel as LearnedModelFile;
}

/** Notes whose analysis is kept: a board's notes are grouped again and again while few of them change. */
const CACHED_NOTES = 20_000;

/** Remembers the analysis of recent texts (least recently used dropped first). */
function cachedFeaturizer(f: Featurizer): Featurizer {
  const cache = new Map<string, NoteFeatureSet>();
  return (text, base) => {
    const hit = cache.get(text);
    if (hit) {
      cache.delete(text);
      cache.set(text, hit);
      return hit;
    }
    const r = f(text, base);
    cache.set(text, r);
    if (cache.size > CACHED_NOTES) cache.delete(cache.keys().next().value!);
    return r;
  };
}

/**
 * A service over a loaded analyser. An organisation's lexicon (a taxonomy with more terms) adds its terms as
 * concept features: the model knows how much a concept of each category counts, so new terms count too.
 */
export function createGroupingService(analyse: Analyse, file: LearnedModelFile, taxonomy: Taxonomy = DEFAULT_TAXONOMY): GroupingService {
  const classifier = new LearnedClassifier(file, cachedFeaturizer(createFeaturizer(analyse, compileLexicon(taxonomy), taxonomy)));
  const model = taxonomy === DEFAULT_TAXONOMY ? defaultModel() : createModel({ taxonomy });
  return {
    reviewBelow: file.reviewBelow,
    group: (notes, corrections = []) =>
      groupNotes(notes, {
        model,
        corrections,
        classifier: (learnt) => {
          const c = classifier.withCorrections(learnt);
          return (text, base) => c.classify(text, undefined, base);
        },
      }),
  };
}

let loading: Promise<GroupingService> | null = null;

/** The default service, loaded once per process (the dictionary takes a moment to read). */
export function loadGroupingService(): Promise<GroupingService> {
  loading ??= (async () => createGroupingService(await loadAnalyser(), readModelFile()))();
  loading.catch(() => (loading = null));
  return loading;
}
