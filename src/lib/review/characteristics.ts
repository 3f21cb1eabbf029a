/**
 * Study characteristics as the site and the pooling read them: a trial's (or cohort's) value of
 * each characteristic the review declares, its reader-facing text, and the subgroup level it
 * places a trial or cohort in. Pure: the checks, the pooling and the pages share it.
 */
import type { Characteristic, CharacteristicValue, Cohort, Review, SubgroupVariable, Trial } from '../../schemas/index.ts';

type Declared = Pick<Review, 'characteristics'>;

/** The characteristics declared for trial files (or registry entries), in review.yaml order. */
export function characteristicsFor(review: Declared, file: 'trials' | 'registry'): Characteristic[] {
  return review.characteristics.filter((c) => c.applies_to.includes(file));
}

/** The characteristics shown in `place` (table, trial, list, filter, search). */
export function shownIn(review: Declared, place: Characteristic['show'][number], file: 'trials' | 'registry' = 'trials'): Characteristic[] {
  return characteristicsFor(review, file).filter((c) => c.show.includes(place));
}

/** A trial's value of a characteristic, or the cohort's own where it gives one. */
export function valueOf(trial: Pick<Trial, 'characteristics'>, id: string, cohort?: Pick<Cohort, 'characteristics'>): CharacteristicValue | undefined {
  return cohort?.characteristics?.[id] ?? trial.characteristics[id];
}

/** Whether a value says something (an empty list says nothing). */
export function isGiven(value: CharacteristicValue | undefined): value is CharacteristicValue {
  return value !== undefined && !(Array.isArray(value) && value.length === 0);
}

/** The value as readers see it: a level's label, a number with its unit, yes/no in the review's words. Lists are joined with ", ". */
export function valueText(c: Characteristic, value: CharacteristicValue | undefined): string | undefined {
  if (!isGiven(value)) return undefined;
  if (Array.isArray(value)) return value.join(', ');
  if (c.type === 'category') return c.levels?.find((l) => l.id === value)?.label ?? String(value);
  if (c.type === 'boolean') return value === true ? (c.yes ?? 'yes') : value === false ? (c.no ?? 'no') : String(value);
  if (c.type === 'number' && typeof value === 'number') return c.unit ? `${value} ${c.unit}` : String(value);
  return String(value);
}

/** The items of a value: a list's items, or the one value as text. */
export function valueItems(c: Characteristic, value: CharacteristicValue | undefined): string[] {
  if (!isGiven(value)) return [];
  if (Array.isArray(value)) return value;
  const text = valueText(c, value);
  return text === undefined ? [] : [text];
}

/** The position of a category level among its characteristic's levels (for badge colours), or -1. */
export function levelIndex(c: Characteristic, value: CharacteristicValue | undefined): number {
  return c.type === 'category' && typeof value === 'string' ? (c.levels?.findIndex((l) => l.id === value) ?? -1) : -1;
}

/** The subgroup level a characteristic value falls in, or undefined when it falls in none. */
export function subgroupLevelOfValue(variable: SubgroupVariable, value: CharacteristicValue | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  return variable.levels.find((l) => l.includes.includes(value))?.id;
}

/** The subgroup level of a trial (or of one of its cohorts) for one variable. */
export function subgroupLevel(variable: SubgroupVariable, trial: Pick<Trial, 'characteristics'>, cohort?: Pick<Cohort, 'characteristics'>): string | undefined {
  return subgroupLevelOfValue(variable, valueOf(trial, variable.characteristic, cohort));
}

/** The subgroup level of a trial or cohort for every variable of the review that places it. */
export function subgroupLevels(review: Pick<Review, 'subgroups'>, trial: Pick<Trial, 'characteristics'>, cohort?: Pick<Cohort, 'characteristics'>): Record<string, string> {
  const levels: Record<string, string> = {};
  for (const variable of review.subgroups) {
    const level = subgroupLevel(variable, trial, cohort);
    if (level !== undefined) levels[variable.id] = level;
  }
  return levels;
}

/** An example value of a characteristic, as a curator would write it in YAML. */
export function exampleValue(c: Characteristic): string {
  switch (c.type) {
    case 'category':
      return `<one of ${(c.levels ?? []).map((l) => l.id).join(', ')}>`;
    case 'number':
      return c.unit ? `<number, in ${c.unit}>` : '<number>';
    case 'boolean':
      return 'true or false';
    case 'list':
      return '["first item", "second item"]';
    default:
      return '"text"';
  }
}
