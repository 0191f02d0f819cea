/** The models the evaluation compares, each as "fit on these notes, then classify a text". */
import { needsReview } from '../../shared/grouping/arrangement';
import { createModel } from '../../shared/grouping/model';
import { fitLearned, LearnedClassifier, type FitOptions } from '../../shared/grouping/learned/classifier';
import type { Featurizer, NoteFeatureSet } from '../../shared/grouping/learned/features';
import type { CorpusNote } from './corpus';

export interface Answer {
  category: string;
  confidence: number;
  needsReview: boolean;
}

export interface Trainer {
  name: string;
  fit(train: readonly CorpusNote[]): Promise<(text: string) => Answer>;
}

/** The model main shipped before: substring lexicon + naive Bayes, review below the tray's fixed threshold. */
export function baselineTrainer(): Trainer {
  return {
    name: 'baseline (substring lexicon + naive Bayes)',
    async fit(train) {
      const model = createModel({ training: train.map((n) => ({ text: n.text, category: n.category })) });
      return (text) => {
        const r = model.classify(text);
        return { category: r.category, confidence: r.confidence, needsReview: needsReview({ confidence: r.confidence, manual: false }) };
      };
    },
  };
}

/** Memoises features by text: they depend only on the text, so every fold can share them. */
export function memoFeaturizer(f: Featurizer): Featurizer {
  const cache = new Map<string, NoteFeatureSet>();
  return (text) => {
    let r = cache.get(text);
    if (!r) cache.set(text, (r = f(text)));
    return r;
  };
}

/** The learned model: logistic regression over analyser features, calibrated within the training folds. */
export function learnedTrainer(featurize: Featurizer, opts: FitOptions = {}, name = 'learned (kuromoji + logistic regression)'): Trainer {
  return {
    name,
    async fit(train) {
      const file = fitLearned(train, featurize, 'cv', opts);
      const model = new LearnedClassifier(file, featurize);
      return (text) => model.classify(text);
    },
  };
}
