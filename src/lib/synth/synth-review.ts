/**
 * A complete synthetic review of N studies, as the files of a content folder: review.yaml, one
 * trial file per study, a search log per release, a few registry entries and three chapters.
 * Pure and deterministic: the same size and seed give byte-identical files. `npm run synth`
 * writes them; the result passes `npm run check` and builds with REVIEW_CONTENT=<folder>.
 */
import { createRandom } from './random.ts';
import { certaintyYaml, protocolYaml, SYNTH_RELEASES } from './protocol.ts';
import { synthRiskOfBias } from './synth-risk-of-bias.ts';
import { synthTrial, type SynthTrial } from './synth-trial.ts';
import { trialText } from './trial-text.ts';
import { searchText } from './synth-searches.ts';
import { registryFiles } from './synth-registry.ts';
import { SYNTH_CHAPTERS } from './synth-chapters.ts';

export interface SynthOptions {
  /** Number of trial files. */
  trials: number;
  /** Seed of the generator (default 1). */
  seed?: number;
}

/** One file of the content folder: its path relative to the folder, and its text. */
export interface SynthFile {
  path: string;
  text: string;
}

/** The studies of a synthetic review, as data (the files are made from these). */
export function synthTrials(count: number, seed = 1): SynthTrial[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, (_, i) => synthTrial(i, random));
}

/**
 * Every file of a synthetic review.
 * @throws Error when the number of trials is not a whole number from 1 to 1,000,000
 * @example synthReview({ trials: 50 }).length // 1 + 50 + 3 + registry entries + 3
 */
export function synthReview(options: SynthOptions): SynthFile[] {
  const { trials: count, seed = 1 } = options;
  if (!Number.isInteger(count) || count < 1 || count > 1_000_000) throw new Error('the number of trials must be a whole number from 1 to 1,000,000');
  const trials = synthTrials(count, seed);
  // Risk of bias draws from its own sequence too, after the studies are made.
  synthRiskOfBias(trials, createRandom(seed + 104_729));
  // Searches and the registry draw from their own sequence, so adding a field to studies does not move them.
  const random = createRandom(seed + 7_919);
  const files: SynthFile[] = [{ path: 'review.yaml', text: protocolYaml(count, seed) }, { path: 'certainty.yaml', text: certaintyYaml() }];
  for (const trial of trials) files.push({ path: `trials/${trial.slug}.md`, text: trialText(trial) });
  for (const release of SYNTH_RELEASES) {
    files.push({ path: `searches/${release.search}.yaml`, text: searchText(random, trials, release.number) });
  }
  for (const [name, text] of registryFiles(random, trials, Math.min(40, Math.max(4, Math.ceil(count / 10))))) {
    files.push({ path: `registry/${name}`, text });
  }
  for (const [slug, text] of SYNTH_CHAPTERS) files.push({ path: `chapters/${slug}.mdx`, text });
  return files;
}
