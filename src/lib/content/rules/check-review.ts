/**
 * The protocol against itself: populations, outcomes, subgroup variables and the levels of each
 * variable have distinct ids (trial files name them by id), and every outcome names a
 * population the review defines (otherwise no cohort can feed it and it is pooled from nothing).
 * A meta-regression names characteristics that can be moderators and outcomes that exist.
 */
import type { Review } from '../../../schemas/index.ts';
import { at, type ValidFile } from '../content-files.ts';
import { messages } from '../messages.ts';
import type { FieldPath, Problem } from '../problems.ts';
import { closest } from '../suggest.ts';
import { duplicateIds } from './unique-ids.ts';

/** Characteristic types a meta-regression can use as a moderator. */
const MODERATOR_TYPES: readonly string[] = ['number', 'category', 'boolean'];

export function checkReview(review: ValidFile<Review>): Problem[] {
  const { source, data } = review;
  const problems: Problem[] = [];
  const unique = (what: string, items: readonly { id: string }[], path: FieldPath) => problems.push(...duplicateIds(source, what, items, path));
  unique('populations', data.populations, ['populations']);
  unique('outcomes', data.outcomes, ['outcomes']);
  unique('characteristics', data.characteristics, ['characteristics']);
  data.characteristics.forEach((c, i) => unique(`levels of ${c.id}`, c.levels ?? [], ['characteristics', i, 'levels']));
  unique('subgroup variables', data.subgroups, ['subgroups']);

  // Each subgroup variable groups trials by a category characteristic of the trial files; every
  // level of the characteristic falls in exactly one subgroup level.
  const categories = data.characteristics.filter((c) => c.type === 'category' && c.applies_to.includes('trials'));
  const categoryIds = categories.map((c) => c.id);
  data.subgroups.forEach((variable, i) => {
    const c = categories.find((x) => x.id === variable.characteristic);
    if (!c) {
      problems.push(at(source, ['subgroups', i, 'characteristic'], messages.subgroupCharacteristicUnknown(variable.id, variable.characteristic, categoryIds, closest(variable.characteristic, categoryIds))));
      return;
    }
    // Levels the curator wrote (variable.levels is filled in from the characteristic otherwise).
    const rawLevels = writtenLevels(source.value, i);
    const written = rawLevels !== undefined;
    if (written) unique(`levels of ${variable.id}`, variable.levels, ['subgroups', i, 'levels']);
    const allowed = (c.levels ?? []).map((l) => l.id);
    const placedIn = new Map<string, string>();
    const seenLevels = new Set<string>();
    variable.levels.forEach((level, j) => {
      // A level written twice is reported as a duplicate id, not also as a double placement.
      if (seenLevels.has(level.id)) return;
      seenLevels.add(level.id);
      level.includes.forEach((include, k) => {
        if (!allowed.includes(include)) {
          const path: FieldPath = written && rawLevels[j]?.includes !== undefined ? ['subgroups', i, 'levels', j, 'includes', k] : ['subgroups', i, 'levels', j, 'id'];
          problems.push(at(source, path, messages.subgroupLevelUnknownInclude(variable.id, level.id, include, allowed, closest(include, allowed))));
          return;
        }
        const first = placedIn.get(include);
        if (first !== undefined) problems.push(at(source, ['subgroups', i, 'levels', j], messages.subgroupLevelTwice(variable.id, include, first, level.id)));
        else placedIn.set(include, level.id);
      });
    });
    const left = allowed.filter((l) => !placedIn.has(l));
    if (left.length > 0) problems.push(at(source, ['subgroups', i, written ? 'levels' : 'characteristic'], messages.subgroupLevelLeftOut(variable.id, left)));
  });

  // Each meta-regression explains an outcome by characteristics of the trial files that have a
  // value to regress on: numbers, categories or yes/no.
  unique('meta-regression models', data.meta_regression, ['meta_regression']);
  const moderators = data.characteristics.filter((c) => MODERATOR_TYPES.includes(c.type) && c.applies_to.includes('trials'));
  const moderatorIds = moderators.map((c) => c.id);
  const outcomeIds = data.outcomes.map((o) => o.id);
  data.meta_regression.forEach((model, i) => {
    model.moderators.forEach((id, j) => {
      if (!moderatorIds.includes(id)) {
        problems.push(at(source, ['meta_regression', i, 'moderators', j], messages.moderatorUnknown(model.id, id, moderatorIds, closest(id, moderatorIds))));
      } else if (model.moderators.indexOf(id) !== j) {
        problems.push(at(source, ['meta_regression', i, 'moderators', j], messages.moderatorTwice(model.id, id)));
      }
    });
    (model.outcomes ?? []).forEach((id, j) => {
      if (!outcomeIds.includes(id)) {
        problems.push(at(source, ['meta_regression', i, 'outcomes', j], messages.metaRegressionOutcomeUnknown(model.id, id, outcomeIds, closest(id, outcomeIds))));
      }
    });
  });

  const populations = data.populations.map((p) => p.id);
  data.outcomes.forEach((outcome, i) => {
    if (!populations.includes(outcome.population)) {
      problems.push(
        at(source, ['outcomes', i, 'population'], messages.outcomePopulationUnknown(outcome.population, populations, closest(outcome.population, populations))),
      );
    }
  });
  return problems;
}

/** The levels of subgroup variable i as written in review.yaml, or undefined when left to the characteristic. */
function writtenLevels(raw: unknown, i: number): { includes?: unknown }[] | undefined {
  const subgroups = (raw as { subgroups?: unknown } | undefined)?.subgroups;
  if (!Array.isArray(subgroups)) return undefined;
  const levels = (subgroups[i] as { levels?: unknown } | undefined)?.levels;
  return Array.isArray(levels) ? (levels as { includes?: unknown }[]) : undefined;
}
