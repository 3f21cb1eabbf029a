/**
 * The field reference for curators: every field of every kind of content file, read from the
 * zod schemas (type, required or not, allowed values, the `.describe()` text). `npm run fields`
 * prints it as Markdown; the site can render the same `fieldReference()` data on a page.
 */
import type { z } from 'zod';
import { registryEntrySchema, reviewSchema, searchSchema, trialSchema } from '../../schemas/index.ts';
import type { ContentKind } from './content-files.ts';
import { describeSchema, typeLabel, unionOptions, type Described, type Field } from './describe-schema.ts';

export interface FieldDoc {
  kind: ContentKind;
  /** Where the field sits in its file: `reports[].data.<cohort>.<outcome>.events`. */
  path: string;
  /** Type in words: "whole number ≥ 0", "one of: car_t, car_nk, car_nkt", "list of text". */
  type: string;
  /** Whether the field must be written (within its block). */
  required: boolean;
  /** The value used when the field is left out, as YAML would show it. */
  default?: string;
  /** The values allowed, for a field with a fixed list. */
  allowed?: string[];
  description: string;
  /** For a value with several forms (numbers, or "not disclosed"), the form this field belongs to. */
  form?: string;
}

export interface ContentKindDoc {
  kind: ContentKind;
  /** Where files of this kind live. */
  location: string;
  summary: string;
  schema: z.ZodType;
}

export const CONTENT_KIND_DOCS: readonly ContentKindDoc[] = [
  {
    kind: 'review',
    location: 'content/review.yaml',
    summary: 'The protocol: question, eligibility, populations, outcomes, pooling method, subgroups and releases.',
    schema: reviewSchema,
  },
  {
    kind: 'trial',
    location: 'content/trials/<slug>.md (the front matter between the two --- lines)',
    summary: 'One study per file: facts, cohorts and every report with its numbers. Notes go below the front matter.',
    schema: trialSchema,
  },
  {
    kind: 'search',
    location: 'content/searches/<id>.yaml',
    summary: 'The PRISMA 2020 counts of one search run; a release names it by its file name.',
    schema: searchSchema,
  },
  {
    kind: 'registry',
    location: 'content/registry/<any name>.yaml',
    summary: 'One registered trial of the landscape table.',
    schema: registryEntrySchema,
  },
];

/** What the keys of a block stand for, where the schema allows any key. */
const KEY_NAMES: Record<string, string> = {
  'trial:subgroups': 'variable',
  'trial:cohorts[].subgroups': 'variable',
  'trial:reports[].data': 'cohort',
  'trial:reports[].data.<cohort>': 'outcome',
};

/** Every field of every kind of content file, in schema order. */
export function fieldReference(): FieldDoc[] {
  return CONTENT_KIND_DOCS.flatMap(({ kind, schema }) => {
    const out: FieldDoc[] = [];
    descend(kind, describeSchema(schema), '', out, undefined);
    return out;
  });
}

function descend(kind: ContentKind, d: Described, path: string, out: FieldDoc[], form: string | undefined): void {
  const s = d.shape;
  if (s.type === 'object') {
    for (const field of s.fields) {
      const fieldPath = path ? `${path}.${field.name}` : field.name;
      out.push(doc(kind, fieldPath, field, form));
      descend(kind, field, fieldPath, out, form);
    }
  } else if (s.type === 'array') {
    descend(kind, s.element, `${path}[]`, out, form);
  } else if (s.type === 'record') {
    const key = KEY_NAMES[`${kind}:${path}`] ?? 'key';
    const valuePath = `${path}.<${key}>`;
    if (['object', 'record', 'union'].includes(s.value.shape.type)) {
      out.push(doc(kind, valuePath, { ...s.value, name: key, description: s.value.description ?? `One entry per ${key} id` }, form));
      descend(kind, s.value, valuePath, out, form);
    }
  } else if (s.type === 'union') {
    for (const option of unionOptions(d)) {
      if (option.shape.type !== 'object') continue;
      const required = option.shape.fields.filter((f) => !f.optional && !f.hasDefault).map((f) => f.name);
      const more = option.shape.fields.length > required.length ? ', …' : '';
      descend(kind, option, path, out, `{${required.join(', ')}${more}}`);
    }
  }
}

function doc(kind: ContentKind, path: string, field: Field, form: string | undefined): FieldDoc {
  const out: FieldDoc = {
    kind,
    path,
    type: typeLabel(field),
    required: !field.optional && !field.hasDefault,
    description: field.description ?? '',
  };
  if (field.hasDefault) out.default = JSON.stringify(field.default);
  if (field.shape.type === 'enum') out.allowed = [...field.shape.values];
  if (field.shape.type === 'literal') out.allowed = field.shape.values.map(String);
  if (form) out.form = form;
  return out;
}

/** The reference as Markdown: one section and table per kind of file. */
export function fieldReferenceMarkdown(docs: readonly FieldDoc[] = fieldReference()): string {
  const lines = [
    '# Content fields',
    '',
    'Every field of every content file, generated from the schemas in `src/schemas/` (`npm run fields`).',
    '"Required" means required within its block; `<cohort>`-style names stand for ids you choose.',
    '',
  ];
  for (const kind of CONTENT_KIND_DOCS) {
    lines.push(`## ${kind.kind}`, '', `\`${kind.location}\`: ${kind.summary}`, '', '| Field | Type | Required | Description |', '|---|---|---|---|');
    for (const d of docs.filter((x) => x.kind === kind.kind)) {
      const required = d.required ? 'required' : d.default !== undefined ? `optional (default ${d.default})` : 'optional';
      const description = d.form ? `In the form ${d.form}: ${d.description}` : d.description;
      lines.push(`| \`${d.path}\` | ${cell(d.type)} | ${cell(required)} | ${cell(description)} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
