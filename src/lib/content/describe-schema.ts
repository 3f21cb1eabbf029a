/**
 * Reads a zod 4 schema as plain data: which fields, of which type, required or optional,
 * allowed values, and the `.describe()` text of each. The field reference, the trial template
 * of `npm run new-trial` and the problem messages all read the schemas through this, so the
 * field documentation is never written twice.
 */
import type { z } from 'zod';
import {
  DESIGNS,
  PHASES,
  dateSchema,
  doiSchema,
  idSchema,
  partialDateSchema,
  registrationSchema,
  requiredTextSchema,
  textSchema,
  urlSchema,
} from '../../schemas/index.ts';
import type { PathSegment } from './problems.ts';

export interface Bound {
  value: number;
  inclusive: boolean;
}

export type Shape =
  | { type: 'object'; fields: Field[] }
  | { type: 'array'; element: Described; minItems?: number }
  | { type: 'record'; key: Described; value: Described }
  | { type: 'union'; options: Described[] }
  | { type: 'enum'; values: string[] }
  | { type: 'literal'; values: unknown[] }
  | { type: 'string'; label: string }
  | { type: 'number'; integer: boolean; min?: Bound; max?: Bound }
  | { type: 'boolean' }
  | { type: 'other'; zodType: string };

/** A schema with its wrappers (optional, default, preprocess) taken off and noted. */
export interface Described {
  shape: Shape;
  description?: string;
  optional: boolean;
  hasDefault: boolean;
  default?: unknown;
}

export interface Field extends Described {
  name: string;
}

/** The shared string schemas, known by name (a `.describe()` copy shares its definition). */
const NAMED_STRINGS = new Map<unknown, string>([
  [idSchema._zod.def, 'identifier'],
  [dateSchema._zod.def, 'date (YYYY-MM-DD)'],
  [partialDateSchema._zod.def, 'date (YYYY, YYYY-MM or YYYY-MM-DD)'],
  [registrationSchema._zod.def, 'registration number'],
  [urlSchema._zod.def, 'web address (https://…)'],
  [doiSchema._zod.def, 'DOI (10.xxxx/yyyy)'],
  [textSchema._zod.def, 'text'],
  [requiredTextSchema._zod.def, 'text'],
]);

/**
 * Value lists in the order the schemas give them. zod keeps an enum's values as the keys of an
 * object, which puts number-like keys first ("1", "2" before "1a"); a list known here is shown in
 * its own order.
 */
const ORDERED_VALUES: readonly (readonly string[])[] = [PHASES, DESIGNS];

function inOrder(values: string[]): string[] {
  const known = ORDERED_VALUES.find((list) => list.length === values.length && values.every((v) => list.includes(v)));
  return known ? [...known] : values;
}

// zod's definitions are typed per schema class; this module reads them generically.
type AnyDef = Record<string, any> & { type: string };

/** Describes a schema: its shape, description, and whether it may be left out. */
export function describeSchema(schema: z.ZodType): Described {
  const out: Described = { shape: { type: 'other', zodType: 'unknown' }, optional: false, hasDefault: false };
  let current: z.ZodType = schema;
  for (;;) {
    if (out.description === undefined && current.description) out.description = current.description;
    const def = current._zod.def as AnyDef;
    const named = NAMED_STRINGS.get(def);
    if (named) {
      out.shape = { type: 'string', label: named };
      return out;
    }
    if (def.type === 'optional') {
      out.optional = true;
      current = def['innerType'];
    } else if (def.type === 'default' || def.type === 'prefault') {
      out.hasDefault = true;
      out.default = def['defaultValue'];
      current = def['innerType'];
    } else if (def.type === 'pipe') {
      // z.preprocess(fn, schema) is a pipe from a transform into the schema that validates.
      current = (def['in'] as z.ZodType)._zod.def.type === 'transform' ? def['out'] : def['in'];
    } else if (def.type === 'readonly' || def.type === 'nonoptional' || def.type === 'catch') {
      current = def['innerType'];
    } else if (def.type === 'lazy') {
      current = def['getter']();
    } else {
      out.shape = shapeOf(def);
      return out;
    }
  }
}

function shapeOf(def: AnyDef): Shape {
  switch (def.type) {
    case 'object':
      return {
        type: 'object',
        fields: Object.entries(def['shape'] as Record<string, z.ZodType>).map(([name, s]) => ({ name, ...describeSchema(s) })),
      };
    case 'array': {
      const min = checks(def).find((c) => c['check'] === 'min_length');
      const shape: Shape = { type: 'array', element: describeSchema(def['element']) };
      if (min) shape.minItems = min['minimum'];
      return shape;
    }
    case 'record':
      return { type: 'record', key: describeSchema(def['keyType']), value: describeSchema(def['valueType']) };
    case 'union':
      return { type: 'union', options: (def['options'] as z.ZodType[]).map(describeSchema) };
    case 'enum':
      return { type: 'enum', values: inOrder(Object.values(def['entries'] as Record<string, string>)) };
    case 'literal':
      return { type: 'literal', values: def['values'] };
    case 'string':
      return { type: 'string', label: 'text' };
    case 'boolean':
      return { type: 'boolean' };
    case 'number': {
      const shape: Shape = { type: 'number', integer: false };
      for (const c of checks(def)) {
        if (c['check'] === 'number_format' && /int/.test(c['format'])) shape.integer = true;
        if (c['check'] === 'greater_than' && (!shape.min || c['value'] > shape.min.value)) shape.min = { value: c['value'], inclusive: c['inclusive'] };
        if (c['check'] === 'less_than' && (!shape.max || c['value'] < shape.max.value)) shape.max = { value: c['value'], inclusive: c['inclusive'] };
      }
      return shape;
    }
    default:
      return { type: 'other', zodType: def.type };
  }
}

function checks(def: AnyDef): AnyDef[] {
  return ((def['checks'] ?? []) as { _zod: { def: AnyDef } }[]).map((c) => c._zod.def);
}

/** Options of a union, with nested unions flattened. */
export function unionOptions(d: Described): Described[] {
  return d.shape.type === 'union' ? d.shape.options.flatMap(unionOptions) : [d];
}

/**
 * The schema of the value at a path (list indices and record keys are taken as any element),
 * or undefined when the path leaves the schema. In a union, the object option that has the
 * field is followed; with `input` (the parsed file), the one whose fields fit what was written.
 * A value without a description of its own takes its block's (a record's entries, a list's items).
 */
export function describeAt(root: Described, path: readonly PathSegment[], input?: unknown): Described | undefined {
  let current: Described | undefined = root;
  let value: unknown = input;
  for (const segment of path) {
    if (!current) return undefined;
    const shape: Shape = current.shape;
    if (shape.type === 'array') current = { ...shape.element, description: shape.element.description ?? current.description };
    else if (shape.type === 'record') current = { ...shape.value, description: shape.value.description ?? current.description };
    else current = fieldIn(current, String(segment), value);
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[String(segment)] : undefined;
  }
  return current;
}

function fieldIn(d: Described, name: string, value: unknown): Field | undefined {
  return objectOption(d, value, name)?.find((f) => f.name === name);
}

/**
 * The fields of the object option of `d` that best fits what was written: among the options
 * (having field `name`, when given), the one that knows the most of the keys in `value`.
 */
export function objectOption(d: Described, value: unknown, name?: string): Field[] | undefined {
  const written = value !== null && typeof value === 'object' ? Object.keys(value) : [];
  let best: Field[] | undefined;
  let bestKnown = -1;
  for (const option of unionOptions(d)) {
    if (option.shape.type !== 'object') continue;
    const fields = option.shape.fields;
    if (name !== undefined && !fields.some((f) => f.name === name)) continue;
    const known = written.filter((k) => fields.some((f) => f.name === k)).length;
    if (known > bestKnown) {
      best = fields;
      bestKnown = known;
    }
  }
  return best;
}

/** A short type name for curators: "whole number ≥ 1", "one of: oral, intravenous", "list of text". */
export function typeLabel(d: Described): string {
  const s = d.shape;
  switch (s.type) {
    case 'string':
      return s.label;
    case 'number': {
      const bounds = [
        s.min ? `${s.min.inclusive ? '≥' : '>'} ${s.min.value}` : '',
        s.max ? `${s.max.inclusive ? '≤' : '<'} ${s.max.value}` : '',
      ].filter(Boolean);
      return `${s.integer ? 'whole number' : 'number'}${bounds.length ? ` ${bounds.join(' and ')}` : ''}`;
    }
    case 'boolean':
      return 'true or false';
    case 'enum':
      return `one of: ${s.values.join(', ')}`;
    case 'literal':
      return s.values.map(String).join(' or ');
    case 'array':
      return `list of ${plural(typeLabel(s.element))}${s.minItems ? ` (at least ${s.minItems})` : ''}`;
    case 'record':
      return ['object', 'record', 'union'].includes(s.value.shape.type)
        ? 'block of named entries'
        : `block of ${typeLabel(s.key)}: ${typeLabel(s.value)} pairs`;
    case 'object':
      return 'block of fields';
    case 'union':
      return unionOptions(d)
        .map((o) => (o.shape.type === 'object' ? `{${o.shape.fields.map((f) => f.name).join(', ')}}` : typeLabel(o)))
        .join(' or ');
    default:
      return s.zodType;
  }
}

function plural(label: string): string {
  if (label === 'block of fields') return 'blocks of fields';
  if (label.startsWith('one of:')) return `values, each ${label}`;
  return label.replace(/^(registration number|identifier|date|web address|DOI|whole number|number)/, (m) =>
    m === 'web address' ? 'web addresses' : `${m}s`,
  );
}
