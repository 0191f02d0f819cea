/** The models the evaluation compares, each as "fit on these notes, then classify a text". */
import { needsReview } from '../../shared/grouping/arrangement';
import { createModel } from '../../shared/grouping/model';
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
