/**
 * npm run train:grouping
 *
 * Fits the learned classifier on the corpus, the external opinions and the dev notes, and writes the weights to
 * server/grouping/model.json, which the server and the CLI load (nothing is trained or downloaded at run time).
 * Run it again after the corpus changes; a unit test fails while the file is stale.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fitLearned } from '../../shared/grouping/learned/classifier';
import { createFeaturizer } from '../../shared/grouping/learned/features';
import { loadAnalyser } from './analyser';
import { hashNotes, trainingNotes } from './training';

const here = dirname(fileURLToPath(import.meta.url));
const notes = trainingNotes();
const file = fitLearned(notes, createFeaturizer(await loadAnalyser()), hashNotes(notes));
const rounded = { ...file, logreg: { ...file.logreg, weights: file.logreg.weights.map((w) => Math.round(w * 1e4) / 1e4), bias: file.logreg.bias.map((w) => Math.round(w * 1e4) / 1e4) } };
writeFileSync(join(here, 'model.json'), JSON.stringify(rounded) + '\n');
console.log(`model.json: ${notes.length} notes, ${file.logreg.features.length} features, temperature ${file.temperature}, review below ${file.reviewBelow.toFixed(3)}`);
