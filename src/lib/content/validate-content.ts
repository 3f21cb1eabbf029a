/**
 * Validates parsed content and returns every problem at once: each file against its schema,
 * then the rules that tie files together. Pure (no Node built-ins): the checker, the build and
 * the tests all call it on what `readContent` parsed.
 *
 * Cross-file rules only look at the parts they can trust: the rules inside a trial run when
 * its file passed its schema, the rules against review.yaml when review.yaml did. Files that
 * could not be parsed still count as existing, so nothing is reported missing because of an
 * unrelated typo.
 */
import type { z } from 'zod';
import { certaintyFileSchema, chapterSchema, idSchema, registryEntrySchema, reviewSchema, searchSchema, trialSchema } from '../../schemas/index.ts';
import type { CertaintyFile, RegistryEntry, Review, Search, Trial } from '../../schemas/index.ts';
import { at, type RawContent, type SourceFile, type ValidFile } from './content-files.ts';
import { messages } from './messages.ts';
import { problem, sortProblems, type Problem } from './problems.ts';
import { checkDoubleCounting } from './rules/check-double-counting.ts';
import { checkPrimaryReports } from './rules/check-primary-reports.ts';
import { checkPrisma } from './rules/check-prisma.ts';
import { checkRegistrations } from './rules/check-registrations.ts';
import { checkRegistry } from './rules/check-registry.ts';
import { checkReleases } from './rules/check-releases.ts';
import { checkReview } from './rules/check-review.ts';
import { checkSearchLinks } from './rules/check-search-links.ts';
import { checkTrialAgainstReview } from './rules/check-trial-against-review.ts';
import { checkTrialIds } from './rules/check-trial-ids.ts';
import { checkRegistryCharacteristics, checkTrialCharacteristics } from './rules/check-characteristics.ts';
import { checkStudyLabels } from './rules/check-study-labels.ts';
import { checkNotes } from './rules/check-notes.ts';
import { checkChapters } from './chapters/check-chapters.ts';
import { checkLockedChapters } from './chapters/check-locked-chapters.ts';
import { checkDuplicateReports } from './rules/check-duplicate-reports.ts';
import { checkPlausibility, checkPlausibilityDeclaration } from './rules/check-plausibility.ts';
import { checkIncludedTrial, checkPrismaStudies } from './rules/check-included-studies.ts';
import { checkCertainty, checkReviewAppraisal, checkTrialAppraisal } from './rules/check-appraisal.ts';
import { schemaProblems, type FieldProblem } from './schema-problems.ts';
import { exampleValue } from '../review/characteristics.ts';
import { checkPublishedReleases } from '../review/release-lock.ts';

export interface ValidatedContent {
  /** Every problem, in reading order; empty when the content is valid. */
  problems: Problem[];
  review: ValidFile<Review> | undefined;
  /** The files that passed their schema (all of them when there are no problems). */
  trials: ValidFile<Trial>[];
  searches: ValidFile<Search>[];
  registry: ValidFile<RegistryEntry>[];
  /** certainty.yaml when there is one and it passed its schema. */
  certainty: ValidFile<CertaintyFile> | undefined;
}

export function validateContent(raw: RawContent): ValidatedContent {
  const problems: Problem[] = [...raw.problems];
  const check = <S extends z.ZodType>(schema: S, source: SourceFile, explain?: (p: FieldProblem) => FieldProblem['text']): ValidFile<z.output<S>>[] => {
    if (!source.readable) return [];
    const result = schemaProblems(schema, source.value);
    problems.push(...result.problems.map((p) => at(source, p.path, explain ? explain(p) : p.text)));
    return result.ok ? [{ source, data: result.data }] : [];
  };

  const review = raw.review ? check(reviewSchema, raw.review)[0] : undefined;
  // A placeholder left in a characteristic is explained from its declaration in review.yaml.
  const explain = (file: 'trials' | 'registry') => (p: FieldProblem) => {
    if (!p.placeholder || p.path.at(-2) !== 'characteristics') return p.text;
    const id = p.path.at(-1);
    const c = review?.data.characteristics.find((x) => x.id === id && x.applies_to.includes(file));
    return c ? messages.placeholder(c.id, c.description ?? c.label, exampleValue(c)) : p.text;
  };
  const trials = raw.trials.flatMap((t) => check(trialSchema, t, explain('trials')));
  const searches = raw.searches.flatMap((s) => check(searchSchema, s));
  const registry = raw.registry.flatMap((r) => check(registryEntrySchema, r, explain('registry')));
  for (const chapter of raw.chapters ?? []) check(chapterSchema, chapter);
  const certainty = raw.certainty ? check(certaintyFileSchema, raw.certainty)[0] : undefined;
  problems.push(...checkChapters(raw.chapters ?? [], review?.data));
  problems.push(...checkLockedChapters(raw.published, review?.data));

  // File names are identifiers: a trial's slug is its page address, a search's id is named by a release.
  for (const t of raw.trials) {
    if (!idSchema.safeParse(t.name).success) problems.push(problem(t.file, undefined, [], messages.badFileName(`${t.name}.md`, 'a trial slug (it becomes the page address)')));
  }
  for (const s of raw.searches) {
    if (!idSchema.safeParse(s.name).success) problems.push(problem(s.file, undefined, [], messages.badFileName(`${s.name}.yaml`, 'a search id (releases name it)')));
  }

  problems.push(...checkRegistrations(raw.trials.filter((t) => t.readable)));
  problems.push(...checkRegistry(raw.registry.filter((r) => r.readable), registry, raw.trials.map((t) => t.name)));
  for (const search of searches) problems.push(...checkPrisma(search));
  for (const trial of raw.trials.filter((t) => t.readable)) problems.push(...checkNotes(trial));
  if (review) {
    problems.push(...checkReview(review));
    problems.push(...checkReleases(review));
    problems.push(...checkSearchLinks(review, raw.searches, searches));
    problems.push(...checkPlausibilityDeclaration(review));
    problems.push(...checkReviewAppraisal(review));
  }
  if (certainty) problems.push(...checkCertainty(certainty, review?.data));
  const releaseNumbers = review ? review.data.releases.map((r) => r.number) : [];
  for (const trial of trials) {
    problems.push(...checkTrialIds(trial));
    problems.push(...checkPrimaryReports(trial, releaseNumbers));
    if (review) {
      problems.push(...checkTrialAgainstReview(trial, review.data));
      problems.push(...checkDoubleCounting(trial, review.data));
      problems.push(...checkTrialCharacteristics(trial, review.data));
      problems.push(...checkPlausibility(trial, review.data));
      problems.push(...checkIncludedTrial(trial, review.data));
      problems.push(...checkTrialAppraisal(trial, review.data));
    }
  }
  problems.push(...checkStudyLabels(trials));
  problems.push(...checkDuplicateReports(trials));
  if (review) for (const entry of registry) problems.push(...checkRegistryCharacteristics(entry, review.data));
  // A published release must still read as published: compared only when everything else is valid.
  if (review && problems.length === 0) problems.push(...checkPublishedReleases(raw.published, review, trials));
  // PRISMA counts against the trial files: only once the rest is valid (see check-included-studies.ts).
  if (review && problems.length === 0) problems.push(...checkPrismaStudies(review, searches, trials));
  return { problems: sortProblems(problems), review, trials, searches, registry, certainty };
}
