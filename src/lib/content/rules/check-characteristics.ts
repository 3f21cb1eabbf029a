/**
 * Characteristic values against their declarations in review.yaml: every id declared for that
 * kind of file, every value of the declared type (a level of a category, a number in range,
 * true/false, text, a list of text), cohort values only for per-cohort characteristics, and
 * the required ones given by every included or described trial.
 */
import type { Characteristic, CharacteristicValue, RegistryEntry, Review, Trial } from '../../../schemas/index.ts';
import { characteristicsFor, exampleValue, isGiven } from '../../review/characteristics.ts';
import { at, type ValidFile } from '../content-files.ts';
import { messages } from '../messages.ts';
import type { FieldPath, Problem, Text } from '../problems.ts';
import { closest } from '../suggest.ts';

/** What is wrong with one value, or undefined when it fits its declaration. */
export function characteristicValueProblem(c: Characteristic, value: CharacteristicValue): Text | undefined {
  switch (c.type) {
    case 'category': {
      const levels = (c.levels ?? []).map((l) => l.id);
      if (typeof value !== 'string') return messages.characteristicWrongType(c.id, 'category', value, exampleValue(c));
      if (!levels.includes(value)) return messages.characteristicUnknownLevel(c.id, value, levels, closest(value, levels));
      return undefined;
    }
    case 'number': {
      if (typeof value !== 'number') return messages.characteristicWrongType(c.id, 'number', value, exampleValue(c));
      if ((c.integer && !Number.isInteger(value)) || (c.min !== undefined && value < c.min) || (c.max !== undefined && value > c.max))
        return messages.characteristicOutOfRange(c.id, value, c.min, c.max, c.integer === true);
      return undefined;
    }
    case 'boolean':
      return typeof value === 'boolean' ? undefined : messages.characteristicWrongType(c.id, 'boolean', value, exampleValue(c));
    case 'list':
      return Array.isArray(value) ? undefined : messages.characteristicWrongType(c.id, 'list', value, exampleValue(c));
    default:
      // A number or yes/no where text is declared: quoting keeps it as written.
      return typeof value === 'string'
        ? undefined
        : messages.characteristicWrongType(c.id, 'text', value, typeof value === 'number' || typeof value === 'boolean' ? `"${String(value)}" (in double quotes)` : exampleValue(c));
  }
}

function checkValues(
  values: Record<string, CharacteristicValue>,
  declared: readonly Characteristic[],
  path: FieldPath,
  file: 'trials' | 'registry',
  report: (path: FieldPath, text: Text) => void,
  cohort = false,
): void {
  // A cohort may give only the per-cohort characteristics; those are the ones to suggest.
  const ids = declared.filter((c) => !cohort || c.per_cohort).map((c) => c.id);
  for (const [id, value] of Object.entries(values)) {
    const c = declared.find((x) => x.id === id);
    if (!c) {
      report([...path, id], messages.unknownCharacteristic(id, ids, closest(id, ids), file));
      continue;
    }
    if (cohort && !c.per_cohort) {
      report([...path, id], messages.characteristicNotPerCohort(id));
      continue;
    }
    const wrong = characteristicValueProblem(c, value);
    if (wrong) report([...path, id], wrong);
  }
}

export function checkTrialCharacteristics({ source, data }: ValidFile<Trial>, review: Review): Problem[] {
  const problems: Problem[] = [];
  const report = (path: FieldPath, text: Text) => problems.push(at(source, path, text));
  const declared = characteristicsFor(review, 'trials');
  checkValues(data.characteristics, declared, ['characteristics'], 'trials', report);
  data.cohorts.forEach((cohort, i) => {
    if (cohort.characteristics) checkValues(cohort.characteristics, declared, ['cohorts', i, 'characteristics'], 'trials', report, true);
  });
  if (data.status !== 'excluded') {
    // A per-cohort characteristic may be left to the cohorts when every cohort gives it.
    const missing = declared.filter(
      (c) =>
        c.required &&
        !isGiven(data.characteristics[c.id]) &&
        !(c.per_cohort && data.cohorts.length > 0 && data.cohorts.every((x) => isGiven(x.characteristics?.[c.id]))),
    );
    if (missing.length > 0) report(['characteristics'], messages.missingCharacteristics(missing.map((c) => c.id), missing.map(exampleValue)));
  }
  return problems;
}

export function checkRegistryCharacteristics({ source, data }: ValidFile<RegistryEntry>, review: Review): Problem[] {
  const problems: Problem[] = [];
  const declared = characteristicsFor(review, 'registry');
  checkValues(data.characteristics, declared, ['characteristics'], 'registry', (path, text) => problems.push(at(source, path, text)));
  const missing = declared.filter((c) => c.required && !isGiven(data.characteristics[c.id]));
  if (missing.length > 0) problems.push(at(source, ['characteristics'], messages.missingCharacteristics(missing.map((c) => c.id), missing.map(exampleValue), 'registry')));
  return problems;
}
