/**
 * Validates one file's data against its zod schema and turns zod's issues into curator
 * problems: the field, the value that was written, what is wrong and how to fix it (using the
 * schema's own `.describe()` texts and custom messages). Never stops at the first issue.
 */
import type { z } from 'zod';
import { describeAt, describeSchema, objectOption, typeLabel, type Described } from './describe-schema.ts';
import { messages } from './messages.ts';
import { findPlaceholders, isUnder } from './placeholders.ts';
import { pathToString, type PathSegment, type Text } from './problems.ts';
import { closest } from './suggest.ts';

type Issue = z.core.$ZodIssue;

/** A problem tied to a field path, before the file and line are attached. */
export interface FieldProblem {
  path: PathSegment[];
  text: Text;
  /** Set when the value is the TODO placeholder a template left (the text explains the field). */
  placeholder?: true;
}

/** An unknown key that looks like a misspelt missing field: report the typo, not both. */
interface Translated extends FieldProblem {
  misspells?: PathSegment[];
}

export type SchemaResult<T> = { ok: true; data: T; problems: [] } | { ok: false; problems: FieldProblem[] };

const describedSchemas = new WeakMap<z.ZodType, Described>();

/** Parses `input` with `schema`; on failure, every problem in the curator's words. */
export function schemaProblems<S extends z.ZodType>(schema: S, input: unknown): SchemaResult<z.output<S>> {
  const root = describedSchemas.get(schema) ?? describeSchema(schema);
  describedSchemas.set(schema, root);
  const placeholders = findPlaceholders(input);
  const problems: FieldProblem[] = placeholders.map((path) => {
    const d = describeAt(root, path, input);
    return { path, text: messages.placeholder(fieldName(path), d?.description, d ? typeLabel(d) : undefined), placeholder: true as const };
  });
  const result = schema.safeParse(input);
  if (result.success && problems.length === 0) return { ok: true, data: result.data, problems: [] };
  const seen = new Set(problems.map((p) => pathToString(p.path)));
  const misspelt = new Set<string>();
  const translated: FieldProblem[] = [];
  for (const { issue, path } of result.success ? [] : flatten(result.error.issues, [], input)) {
    if (isUnder(path, placeholders)) continue;
    for (const { misspells, ...p } of translate(issue, path, input, root)) {
      const key = pathToString(p.path);
      if (seen.has(key)) continue;
      seen.add(key);
      if (misspells) misspelt.add(pathToString(misspells));
      translated.push(p);
    }
  }
  problems.push(...translated.filter((p) => !misspelt.has(pathToString(p.path)) || valueAt(input, p.path) !== undefined));
  return { ok: false, problems };
}

/** Replaces each union failure by the issues of the option the curator most likely meant. */
function flatten(issues: readonly Issue[], base: PathSegment[], input: unknown): { issue: Issue; path: PathSegment[] }[] {
  return issues.flatMap((issue) => {
    const path = [...base, ...issue.path.map(segment)];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const best = [...issue.errors].sort((a, b) => score(a) - score(b))[0]!;
      // When even the best option fails at the top (wrong type or value), the curator wrote
      // none of the forms: say which forms exist rather than what one of them expects.
      if (!best.every(failsAtTop)) return flatten(best, path, input);
    }
    return [{ issue, path }];
  });
}

function failsAtTop(issue: Issue): boolean {
  return issue.path.length === 0 && (issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'invalid_union');
}

/** How badly an option of a union fits: wrong type or value at the top is worst, unknown keys next. */
function score(issues: readonly Issue[]): number {
  return issues.reduce((total, issue) => {
    if (issue.code === 'invalid_union') return total + Math.min(...issue.errors.map(score));
    if (failsAtTop(issue)) return total + 1000;
    if (issue.code === 'unrecognized_keys') return total + 10 * issue.keys.length;
    return total + 1;
  }, 0);
}

function translate(issue: Issue, path: PathSegment[], input: unknown, root: Described): Translated[] {
  const value = valueAt(input, path);
  const name = fieldName(path);
  const described = describeAt(root, path, input);
  const hint = isDefaultMessage(issue.message) ? undefined : issue.message;
  const one = (text: Text): Translated[] => [{ path, text }];
  switch (issue.code) {
    case 'invalid_type':
      if (path.length === 0) return one(messages.notAMapping(value));
      if (value === undefined) return one(messages.missingField(name, described?.description));
      if (issue.expected === 'int') return one(messages.notWholeNumber(name, value));
      return one(messages.wrongType(name, issue.expected, value, hint));
    case 'too_small':
      // Beyond ±2^53 a YAML number is no longer the number written: say so, not "a fraction".
      if (issue.origin === 'int') return one(messages.numberTooLarge(name, value));
      if (issue.origin === 'number') return one(messages.numberTooSmall(name, value, Number(issue.minimum), issue.inclusive ?? true, hint));
      if (issue.origin === 'array' && Array.isArray(value)) {
        const element = described?.shape.type === 'array' ? described.shape.element.description : undefined;
        return one(messages.listTooShort(name, value.length, Number(issue.minimum), element ?? described?.description));
      }
      return one(messages.textTooShort(name, Number(issue.minimum)));
    case 'too_big':
      if (issue.origin === 'int') return one(messages.numberTooLarge(name, value));
      if (issue.origin === 'number') return one(messages.numberTooBig(name, value, Number(issue.maximum), issue.inclusive ?? true, hint));
      return one(messages.schemaOther(name, issue.message));
    case 'unrecognized_keys': {
      const allowed = described ? (objectOption(described, value) ?? []).map((f) => f.name) : [];
      return issue.keys.map((key) => {
        const suggestion = closest(key, allowed);
        const out: Translated = { path: [...path, key], text: messages.unknownField(key, allowed, suggestion) };
        if (suggestion) out.misspells = [...path, suggestion];
        return out;
      });
    }
    case 'invalid_value': {
      const allowed = issue.values.map(String);
      return one(messages.notAllowedValue(name, value, allowed, closest(value, allowed)));
    }
    case 'invalid_format':
      return one(messages.valueRejected(name, value, hint ?? `write ${described ? typeLabel(described) : 'a valid value'}`));
    case 'invalid_key':
      return one(messages.badKey(String(path[path.length - 1]), issue.issues[0]?.message ?? 'use lower-case letters, digits, "-" or "_"'));
    case 'custom':
      return customProblem(issue.message, path, value, input, name, described);
    case 'invalid_union':
      return one(messages.notOneOfTheForms(name, value, described ? typeLabel(described) : 'one of the forms in npm run fields'));
    default:
      return one(messages.schemaOther(name, issue.message));
  }
}

/** Refinements: events ≤ n gets its numbers; a missing conditional field says what to add. */
function customProblem(
  message: string,
  path: PathSegment[],
  value: unknown,
  input: unknown,
  name: string,
  described: Described | undefined,
): FieldProblem[] {
  if (path[path.length - 1] === 'events') {
    const parent = valueAt(input, path.slice(0, -1)) as { events?: unknown; n?: unknown } | undefined;
    const { events, n } = parent ?? {};
    // Only when both counts are otherwise valid; a bad n has its own problem already.
    if (isCount(events) && isCount(n) && n >= 1 && events > n) return [{ path, text: messages.eventsExceedN(events, n) }];
    return [];
  }
  if (value === undefined) return [{ path, text: messages.conditionNotMet(message, name, described?.description) }];
  return [{ path, text: messages.valueRejected(name, value, message) }];
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

/** zod's built-in texts start like this; texts written in our schemas do not. */
function isDefaultMessage(message: string): boolean {
  return /^(Invalid|Too (small|big)|Unrecognized key)/.test(message);
}

function segment(s: PropertyKey): PathSegment {
  return typeof s === 'number' ? s : String(s);
}

/** The value at a path of the parsed YAML, or undefined when the path does not exist. */
export function valueAt(input: unknown, path: readonly PathSegment[]): unknown {
  let current: unknown = input;
  for (const s of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[String(s)];
  }
  return current;
}

/** The name a message uses for the field at a path: its key, or "<list> entry 2". */
export function fieldName(path: readonly PathSegment[]): string {
  const last = path[path.length - 1];
  if (last === undefined) return 'the file';
  if (typeof last === 'number') {
    const parent = path[path.length - 2];
    return parent === undefined ? `entry ${last + 1}` : `${String(parent)} entry ${last + 1}`;
  }
  return last;
}
