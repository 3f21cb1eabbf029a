/**
 * The registered-trial landscape: one file per registration, and a `trial` link that points
 * at an existing trial file.
 */
import type { RegistryEntry } from '../../../schemas/index.ts';
import { at, type SourceFile, type ValidFile } from '../content-files.ts';
import { messages } from '../messages.ts';
import type { Problem } from '../problems.ts';
import { closest } from '../suggest.ts';

export function checkRegistry(
  entries: readonly SourceFile[],
  valid: readonly ValidFile<RegistryEntry>[],
  trialSlugs: readonly string[],
): Problem[] {
  const problems: Problem[] = [];
  const first = new Map<string, SourceFile>();
  for (const source of entries) {
    const registration = (source.value as { registration?: unknown } | null | undefined)?.registration;
    if (typeof registration !== 'string') continue;
    const seen = first.get(registration.trim());
    if (seen) problems.push(at(source, ['registration'], messages.registryDuplicate(registration.trim(), seen.file)));
    else first.set(registration.trim(), source);
  }
  for (const { source, data } of valid) {
    if (data.trial !== undefined && !trialSlugs.includes(data.trial)) {
      problems.push(at(source, ['trial'], messages.registryUnknownTrial(data.trial, closest(data.trial, trialSlugs))));
    }
  }
  return problems;
}
