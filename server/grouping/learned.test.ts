import { beforeAll, describe, expect, it } from 'vitest';
import { chooseThreshold, LearnedClassifier } from '../../shared/grouping/learned/classifier';
import { createFeaturizer, type Featurizer } from '../../shared/grouping/learned/features';
import { loadAnalyser } from './analyser';
import { readModelFile } from './service';
import { hashNotes, trainingNotes } from './training';

let featurize: Featurizer;
let model: LearnedClassifier;

beforeAll(async () => {
  featurize = createFeaturizer(await loadAnalyser());
  model = new LearnedClassifier(readModelFile(), featurize);
}, 30_000);

describe('features of the learned classifier', () => {
  it('matches lexicon concepts on whole words only (ワークショップ is not ショップ, 働きかけ is not 働き)', () => {
    const f = featurize('ワークショップで働きかけを考えた').features;
    expect(f).toContain('w:ワークショップ');
    expect(f).not.toContain('l:ショップ');
    expect(f).not.toContain('l:働き');
  });

  it('reads base forms, so 見守っている and 見守る are the same word', () => {
    expect(featurize('近所で見守っている').features).toContain('w:見守る');
    expect(featurize('近所で見守る').features).toContain('w:見守る');
  });

  it('marks words under a negation and 「もう必要ない」', () => {
    const f = featurize('見守り活動はもう必要ない').features;
    expect(f).toContain('n:活動');
    expect(f).toContain('NOLONGER');
    expect(featurize('見守り活動が必要だ').features).not.toContain('NEG');
  });

  it('takes the head from the end of the last sentence, not the words in passing', () => {
    const f = featurize('認知症の方も、畑仕事で役割を持てる場がほしい').features;
    expect(f).toContain('h:場');
    expect(f).not.toContain('h:認知症');
  });
});

describe('the shipped learned model', () => {
  it('was fitted on the current corpus (run npm run train:grouping after changing it)', () => {
    expect(readModelFile().corpusHash).toBe(hashNotes(trainingNotes()));
  });

  it.each([
    ['どこに相談すればいいか分からない', 'consultation'],
    ['ひきこもりの若者が農作業で働く体験の場', 'participation'],
    ['近所の高齢者を住民同士で見守るサロン', 'community'],
  ])('%s → %s, explained in the note’s own words', (text, category) => {
    const r = model.classify(text);
    expect(r.category).toBe(category);
    expect(r.reasons.length).toBeGreaterThan(0);
    for (const w of r.reasons) expect(text).toContain(w.replace(/（否定）$/, '').split('…')[0]);
  });

  it('gives reasons only in the note’s own words, never the lexicon’s notation', () => {
    for (const text of ['ワークショップで自分の思考の枠をこえられる経験ができて楽しかった', '居宅を失った人への支援', '相互扶助の精神を育てる']) {
      for (const w of model.classify(text).reasons) {
        expect(w).not.toContain('≈');
        expect(text).toContain(w.replace(/（否定）$/, ''));
      }
    }
  });

  it('flags a note it cannot read for review instead of guessing', () => {
    const r = model.classify('!!!');
    expect(r.needsReview).toBe(true);
    expect(r.category).toBe('unsorted');
  });

  it('follows the board’s corrections for a near copy of a corrected note', () => {
    const text = '町内のごみ当番の順番表を作り直す';
    const corrected = model.withCorrections([{ text: '町内のごみ当番の順番表を作る', category: 'participation' }]);
    expect(corrected.classify(text).category).toBe('participation');
    expect(corrected.classify(text).reasons[0]).toContain('≈');
  });
});

describe('chooseThreshold', () => {
  it('keeps the largest confident share whose answers reach the precision asked for', () => {
    const scored = Array.from({ length: 100 }, (_, i) => ({ confidence: 1 - i / 100, right: i < 50 || i % 2 === 0 }));
    const t = chooseThreshold(scored, 0.9);
    const kept = scored.filter((s) => s.confidence >= t);
    expect(kept.filter((s) => s.right).length / kept.length).toBeGreaterThanOrEqual(0.9);
    expect(kept.length).toBeGreaterThan(50);
  });
});
