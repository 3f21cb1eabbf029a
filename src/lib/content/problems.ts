/**
 * The one shape of a content problem, shared by the checker, the build and the tests: which
 * file and line, which field, what is wrong and how to fix it. Texts come from `messages.ts`.
 */

/** One step of a field path: an object key or a list index. */
export type PathSegment = string | number;

/** A path into a content file, e.g. `['reports', 1, 'data', 'evaluable', 'response', 'events']`. */
export type FieldPath = readonly PathSegment[];

/** What is wrong and how to fix it, in the curator's words. */
export interface Text {
  message: string;
  fix: string;
}

/** One problem in one content file. */
export interface Problem extends Text {
  /** The file as the curator knows it, e.g. `content/trials/ft522.md`. */
  file: string;
  /** 1-based line in that file (for a trial, a line of the .md file, not of the front matter). */
  line?: number;
  /** Dotted field path, e.g. `reports.1.data.evaluable.response.events`; empty for the whole file. */
  path: string;
}

/** Writes a field path the way problems show it: `reports.1.data.evaluable.response.events`. */
export function pathToString(path: FieldPath): string {
  return path.join('.');
}

/** Builds a problem; `line` is left out when unknown so that formatted output stays clean. */
export function problem(file: string, line: number | undefined, path: FieldPath, text: Text): Problem {
  const out: Problem = { file, path: pathToString(path), message: text.message, fix: text.fix };
  if (line !== undefined) out.line = line;
  return out;
}

/** Problems in reading order: by file, then line, then field path. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return problems
    .map((p, index) => ({ p, index }))
    .sort(
      (a, b) =>
        compare(a.p.file, b.p.file) ||
        (a.p.line ?? 0) - (b.p.line ?? 0) ||
        compare(a.p.path, b.p.path) ||
        a.index - b.index,
    )
    .map(({ p }) => p);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Thrown by `loadReview` when the content has problems. It carries every problem, so a build
 * can print them all with `formatProblems` and stop.
 */
export class ContentError extends Error {
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[]) {
    const files = new Set(problems.map((p) => p.file)).size;
    super(`the content has ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}`);
    this.name = 'ContentError';
    this.problems = sortProblems(problems);
  }
}
