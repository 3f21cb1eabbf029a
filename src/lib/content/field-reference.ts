/**
 * The field reference for curators: every field of every kind of content file, read from the
 * zod schemas (type, required or not, allowed values, the `.describe()` text), and the study
 * characteristics one review declares in its review.yaml. `npm run fields` prints it as
 * Markdown; the site renders the same `fieldReference()` and `declaredCharacteristics()` data
 * on its field reference page.
 */
import type { z } from 'zod';
import { certaintyFileSchema, chapterSchema, registryEntrySchema, reviewSchema, searchSchema, trialSchema, type Characteristic, type Review } from '../../schemas/index.ts';
import type { ContentKind } from './content-files.ts';
import { describeSchema, typeLabel, unionOptions, type Described, type Field } from './describe-schema.ts';

export interface FieldDoc {
  kind: ContentKind;
  /** Where the field sits in its file: `reports[].data.<cohort>.<outcome>.events`. */
  path: string;
  /** Type in words: "whole number ≥ 0", "one of: primary, superseded, excluded", "list of text". */
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
  {
    kind: 'chapter',
    location: 'content/chapters/<slug>.mdx (the front matter between the two --- lines)',
    summary: 'A chapter of the review: front matter, then the text in Markdown, whose numbers come from the chapter components.',
    schema: chapterSchema,
  },
  {
    kind: 'certainty',
    location: 'content/certainty.yaml (optional, beside review.yaml)',
    summary: 'The curator\'s GRADE rating of each outcome in the five domains, each with its reason, for the release being prepared.',
    schema: certaintyFileSchema,
  },
];

/** What the keys of a block stand for, where the schema allows any key. */
const KEY_NAMES: Record<string, string> = {
  'trial:characteristics': 'characteristic',
  'trial:cohorts[].characteristics': 'characteristic',
  'registry:characteristics': 'characteristic',
  'trial:reports[].data': 'cohort',
  'trial:reports[].data.<cohort>': 'outcome',
  'trial:risk_of_bias.domains': 'domain',
  'trial:risk_of_bias.reports': 'report',
  'trial:risk_of_bias.reports.<report>.domains': 'domain',
  'review:certainty.outcomes': 'outcome',
  'certainty:outcomes': 'outcome',
};

/** What one entry of a block with any keys holds, where its schema has no description of its own. */
const CHARACTERISTIC_VALUE =
  'The value of one characteristic, in the type review.yaml declares for it: a level id (category), text, a number, true or false (boolean), or a list of text';
const ENTRY_DESCRIPTIONS: Record<string, string> = {
  'trial:characteristics.<characteristic>': CHARACTERISTIC_VALUE,
  'trial:cohorts[].characteristics.<characteristic>': CHARACTERISTIC_VALUE,
  'registry:characteristics.<characteristic>': CHARACTERISTIC_VALUE,
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
      const description = s.value.description ?? ENTRY_DESCRIPTIONS[`${kind}:${valuePath}`] ?? `One entry per ${key} id`;
      out.push(doc(kind, valuePath, { ...s.value, name: key, description }, form));
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
  // A fixed list, or a fixed list with another form beside it (a design or phase: {other, reason}).
  const options = unionOptions(field);
  const listed = options.flatMap((o) => (o.shape.type === 'enum' ? o.shape.values : o.shape.type === 'literal' && options.length === 1 ? o.shape.values.map(String) : []));
  if (listed.length > 0) {
    const others = options.flatMap((o) => (o.shape.type === 'object' ? [`{${o.shape.fields.map((f) => f.name).join(', ')}}`] : []));
    out.allowed = [...listed, ...others];
  }
  if (form) out.form = form;
  return out;
}

/** One characteristic a review declares, as the reference shows it. */
export interface DeclaredCharacteristic {
  id: string;
  label: string;
  description?: string;
  /** What a value takes, in words: "one of: oral (Oral), iv (Intravenous)", "number in years". */
  type: string;
  required: boolean;
  per_cohort: boolean;
  applies_to: string[];
  show: string[];
  group?: string;
  /** Subgroup variables that group studies by it (their labels). */
  subgroups: string[];
}

/**
 * What a declared characteristic takes, in the curator's words: "one of: oral (Oral), iv
 * (Intravenous)", "number in years, from 0 to 120", "true (allowed) or false (not allowed)".
 */
export function characteristicTypeText(c: Characteristic): string {
  switch (c.type) {
    case 'category':
      return `one of: ${(c.levels ?? []).map((l) => `${l.id} (${l.label})`).join(', ')}`;
    case 'number': {
      const range =
        c.min !== undefined && c.max !== undefined ? `from ${c.min} to ${c.max}` : c.min !== undefined ? `at least ${c.min}` : c.max !== undefined ? `at most ${c.max}` : '';
      return [`${c.integer ? 'whole number' : 'number'}${c.unit ? ` in ${c.unit}` : ''}`, range].filter(Boolean).join(', ');
    }
    case 'boolean':
      return `true (${c.yes ?? 'yes'}) or false (${c.no ?? 'no'})`;
    case 'list':
      return 'list of text, e.g. ["first", "second"]';
    default:
      return 'text';
  }
}

/** The characteristics `review` declares, in review.yaml order. */
export function declaredCharacteristics(review: Pick<Review, 'characteristics' | 'subgroups'>): DeclaredCharacteristic[] {
  return review.characteristics.map((c) => {
    const out: DeclaredCharacteristic = {
      id: c.id,
      label: c.label,
      type: characteristicTypeText(c),
      required: c.required,
      per_cohort: c.per_cohort,
      applies_to: [...c.applies_to],
      show: [...c.show],
      subgroups: review.subgroups.filter((v) => v.characteristic === c.id).map((v) => v.label),
    };
    if (c.description) out.description = c.description;
    if (c.group) out.group = c.group;
    return out;
  });
}

/** Rules a field's type does not say, printed under the tables. */
export const FIELD_NOTES: readonly string[] = [
  'A report\'s `date` is as precise as its source: a year (2024), a month (2024-06) or a day (2024-06-01). A year or a month sorts before the days of its period and counts as its first day against a release\'s cut-off (2024-06 is within a cut-off of 2024-06-01).',
  'A trial file\'s `characteristics` are those its review.yaml declares under `characteristics`; each value must fit its declaration (a level of a category, a number in range, true or false, text, a list of text). A cohort gives its own value only for a characteristic declared `per_cohort: true`.',
  'A subgroup variable groups trials, or the cohorts of a trial when they differ, by a category characteristic; each of its levels `includes` one or more levels of that characteristic.',
  'An outcome a report does not give is written `nd` (or left out): the study is shown as not reporting it and left out of that outcome, never counted as 0.',
];

export interface MarkdownOptions {
  /** The review whose declared characteristics are listed after the fields. */
  review?: Pick<Review, 'characteristics' | 'subgroups'>;
  /** How that review's file is named, e.g. content/review.yaml. */
  reviewFile?: string;
}

/** The reference as Markdown: one section and table per kind of file, then a review's characteristics. */
export function fieldReferenceMarkdown(docs: readonly FieldDoc[] = fieldReference(), options: MarkdownOptions = {}): string {
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
  lines.push('## Notes', '', ...FIELD_NOTES.map((n) => `- ${n}`), '');
  if (options.review) {
    const declared = declaredCharacteristics(options.review);
    lines.push(`## characteristics declared in ${options.reviewFile ?? 'review.yaml'}`, '');
    if (declared.length === 0) {
      lines.push('None: trial files leave `characteristics` empty.', '');
    } else {
      lines.push('| Characteristic | Value | Required | Filled by | Description |', '|---|---|---|---|---|');
      for (const c of declared) {
        const required = `${c.required ? 'required' : 'optional'}${c.per_cohort ? '; per cohort' : ''}`;
        const notes = `${c.description ?? ''}${c.subgroups.length ? ` (subgroups: ${c.subgroups.join(', ')})` : ''}`.trim();
        lines.push(`| \`${c.id}\` (${cell(c.label)}) | ${cell(c.type)} | ${required} | ${c.applies_to.join(', ')} | ${cell(notes)} |`);
      }
      lines.push('');
    }
  }
  return lines.join('\n');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
