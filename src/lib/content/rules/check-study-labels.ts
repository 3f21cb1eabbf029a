/**
 * Study labels name the rows of every table and plot: two trial files with the same label
 * (ignoring case and spacing) could not be told apart.
 */
import type { Trial } from '../../../schemas/index.ts';
import { at, type ValidFile } from '../content-files.ts';
import { messages } from '../messages.ts';
import type { Problem } from '../problems.ts';

export function checkStudyLabels(trials: readonly ValidFile<Trial>[]): Problem[] {
  const problems: Problem[] = [];
  const first = new Map<string, ValidFile<Trial>>();
  for (const trial of trials) {
    const key = trial.data.label.toLowerCase().replace(/\s+/g, ' ').trim();
    const seen = first.get(key);
    if (seen) problems.push(at(trial.source, ['label'], messages.duplicateStudyLabel(trial.data.label, seen.source.file)));
    else first.set(key, trial);
  }
  return problems;
}
