/**
 * A registration number belongs to one trial file: two files with the same number would put
 * one study in the analysis twice.
 */
import { at, type SourceFile } from '../content-files.ts';
import { messages } from '../messages.ts';
import type { Problem } from '../problems.ts';

/**
 * Checks every readable trial file, valid or not, so a duplicate is found even while one of the
 * two files has other problems.
 */
export function checkRegistrations(trials: readonly SourceFile[]): Problem[] {
  const problems: Problem[] = [];
  const first = new Map<string, { source: SourceFile; index: number }>();
  for (const source of trials) {
    for (const [index, registration] of registrationsOf(source.value)) {
      const seen = first.get(registration);
      if (!seen) {
        first.set(registration, { source, index });
        continue;
      }
      const seenLine = seen.source.locate(['registrations', seen.index]);
      problems.push(
        at(
          source,
          ['registrations', index],
          seen.source === source
            ? messages.registrationTwice(registration, seenLine)
            : messages.registrationInTwoFiles(registration, seen.source.file, seenLine),
        ),
      );
    }
  }
  return problems;
}

/** The registration numbers written in a trial's front matter, with their positions. */
export function registrationsOf(value: unknown): [number, string][] {
  const list = (value as { registrations?: unknown } | null | undefined)?.registrations;
  if (!Array.isArray(list)) return [];
  return list.flatMap((r, i): [number, string][] => (typeof r === 'string' ? [[i, r.trim()]] : []));
}
