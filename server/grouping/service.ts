/**
 * Grouping on the server: the learned classifier (kuromoji features + the shipped weights in model.json) for the
 * categories and review flags, the shared clustering for topics. Loaded once per process.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { groupNotes } from '../../shared/grouping/group';
import { LearnedClassifier, type LearnedModelFile } from '../../shared/grouping/learned/classifier';
import { createFeaturizer } from '../../shared/grouping/learned/features';
import type { GroupingNote, GroupingResult, LabelledExample } from '../../shared/grouping/types';
import { loadAnalyser } from './analyser';

const here = dirname(fileURLToPath(import.meta.url));

export interface GroupingService {
  group(notes: readonly GroupingNote[], corrections?: readonly LabelledExample[]): GroupingResult;
  readonly reviewBelow: number;
}

export function readModelFile(): LearnedModelFile {
  return JSON.parse(readFileSync(join(here, 'model.json'), 'utf8')) as LearnedModelFile;
}

let loading: Promise<GroupingService> | null = null;

export function loadGroupingService(): Promise<GroupingService> {
  loading ??= (async () => {
    const classifier = new LearnedClassifier(readModelFile(), createFeaturizer(await loadAnalyser()));
    return {
      reviewBelow: classifier.file.reviewBelow,
      group: (notes, corrections = []) =>
        groupNotes(notes, {
          corrections,
          classifier: (learnt) => {
            const c = classifier.withCorrections(learnt);
            return (text) => c.classify(text);
          },
        }),
    };
  })();
  loading.catch(() => (loading = null));
  return loading;
}
