/**
 * The file `npm run new-trial` writes: every field of the trial schema, each explained by a
 * comment taken from the schema's `.describe()` text, with what review.yaml declares filled in
 * where it belongs: one line per study characteristic (its label, description, type and allowed
 * values), one cohort per population, the outcome ids of each population under the report, and
 * the releases with their cut-offs.
 *
 * Every value the curator must supply is the placeholder TODO, which `npm run check` reports
 * until it is replaced, so a half-filled file is never silently valid. Optional fields are
 * written as comments ("# field: TODO") to be uncommented when needed.
 */
import { trialSchema, type Characteristic, type Review } from '../../schemas/index.ts';
import { characteristicsFor } from '../review/characteristics.ts';
import { overallLevels, resolveTool } from '../appraisal/risk-of-bias.ts';
import { describeSchema, typeLabel, unionOptions, type Described, type Field } from './describe-schema.ts';
import { characteristicTypeText } from './field-reference.ts';
import { PLACEHOLDER } from './placeholders.ts';

export interface TrialTemplateInput {
  /** The study's registration number, when it has one. */
  registration?: string | undefined;
  /** The protocol: characteristics, populations, outcomes and releases. */
  review: Review;
}

/** The full text of a new trial file: front matter and a notes skeleton. */
export function trialTemplate({ registration, review }: TrialTemplateInput): string {
  const trial = describeSchema(trialSchema);
  const lines = [
    '---',
    `# Trial file for ${registration ?? 'a new study'}. Replace every ${PLACEHOLDER}; the comment above each field says what goes there.`,
    '# A line starting with "# name:" is an optional field: remove the "# " to use it, or leave it.',
    '# Run npm run check to see what is still missing.',
    '',
    ...renderFields(fieldsOf(trial), 0, '', { registration, review }),
    '---',
    '',
    '## Summary',
    '',
    'What the study is, what it tested, and what this file takes from each report.',
    '',
    '## Which numbers feed which analysis',
    '',
    'For each cohort and outcome: the table, figure or page, and how any number that is not',
    'printed as such was worked out.',
    '',
    '## Open questions',
    '',
  ];
  return lines.join('\n');
}

interface Context {
  registration: string | undefined;
  review: Review;
}

function fieldsOf(d: Described): Field[] {
  return d.shape.type === 'object' ? d.shape.fields : [];
}

/** "Number of patients evaluated (required; whole number ≥ 1)": the schema's own words. */
function explain(field: Field, need = !field.optional && !field.hasDefault ? 'required' : 'optional'): string {
  return `${field.description ?? field.name} (${need}; ${shortType(field)})`;
}

/**
 * The type in words, without repeating a list of values the description already names (a
 * design or a phase: one of a list, or {other, reason}).
 */
function shortType(field: Field): string {
  const options = unionOptions(field);
  const listed = options.flatMap((o) => (o.shape.type === 'enum' ? o.shape.values : []));
  if (options.length > 1 && listed.length > 0 && listed.every((v) => field.description?.includes(v))) {
    const others = options
      .filter((o) => o.shape.type !== 'enum')
      .map((o) => (o.shape.type === 'object' ? `{${o.shape.fields.map((f) => f.name).join(', ')}}` : typeLabel(o)));
    return ['one of the values named', ...others].join(', or ');
  }
  return typeLabel(field);
}

function comment(indent: string, field: Field, extra?: string): string {
  return `${indent}# ${explain(field)}${extra ? `. ${extra}` : ''}`;
}

function renderFields(fields: readonly Field[], depth: number, path: string, ctx: Context): string[] {
  const indent = ' '.repeat(depth);
  return fields.flatMap((field) => {
    const fieldPath = path ? `${path}.${field.name}` : field.name;
    const special = SPECIAL[fieldPath];
    if (special) return special(field, indent, ctx, depth);
    const s = field.shape;
    if (s.type === 'object') return [comment(indent, field), `${indent}${field.name}:`, ...renderFields(s.fields, depth + 2, fieldPath, ctx)];
    if (s.type === 'array') {
      if (s.minItems) return [comment(indent, field), `${indent}${field.name}:`, `${indent}  - ${PLACEHOLDER}`];
      return [comment(indent, field), `${indent}${field.name}: []`];
    }
    if (s.type === 'record') return [comment(indent, field), `${indent}${field.optional ? '# ' : ''}${field.name}: {}`];
    if (field.optional || field.hasDefault) return [comment(indent, field), `${indent}# ${field.name}: ${PLACEHOLDER}`];
    return [comment(indent, field), `${indent}${field.name}: ${PLACEHOLDER}`];
  });
}

/** Renders one item of a list of blocks: the first field line gets the "- ". */
function listItem(fields: readonly Field[], depth: number, path: string, ctx: Context): string[] {
  const lines = renderFields(fields, depth + 2, path, ctx);
  const first = lines.findIndex((l) => !l.trimStart().startsWith('#'));
  const pad = ' '.repeat(depth + 2);
  // The comments of the first field go above the "- ", at the dash's indentation.
  for (let i = 0; i < first; i++) lines[i] = `${' '.repeat(depth)}${lines[i]!.trimStart()}`;
  if (first >= 0) lines[first] = `${' '.repeat(depth)}- ${lines[first]!.slice(pad.length)}`;
  return lines;
}

function element(field: Field): Field[] {
  return field.shape.type === 'array' ? fieldsOf(field.shape.element) : [];
}

/** Comment lines listing the forms of a value with several (numbers, or "not disclosed"). */
function formsOf(value: Described, indent: string): string[] {
  return [
    `${indent}# Each outcome takes one of these forms:`,
    ...unionOptions(value).flatMap((option) => {
      if (option.shape.type !== 'object') return [`${indent}#   ${typeLabel(option)}`];
      return [
        `${indent}#   {${option.shape.fields.map((f) => f.name).join(', ')}}`,
        ...option.shape.fields.map((f) => `${indent}#     ${f.name}: ${explain(f)}`),
      ];
    }),
  ];
}

/** The comment above a characteristic's line: label, description, requiredness, type, subgroups. */
function characteristicComment(c: Characteristic, review: Review, indent: string, inCohort: boolean): string {
  const notes = [c.required && !inCohort ? 'required' : 'optional', characteristicTypeText(c)];
  if (c.per_cohort && !inCohort) notes.push('a cohort may give its own value');
  if (inCohort) notes.push("only where this cohort differs from its trial's value");
  const subgroups = review.subgroups.filter((v) => v.characteristic === c.id).map((v) => `"${v.label}"`);
  if (subgroups.length > 0) notes.push(`the subgroup analysis ${subgroups.join(' and ')} groups studies by it`);
  return `${indent}# ${c.label}${c.description ? `: ${c.description}` : ''} (${notes.join('; ')})`;
}

/** The placeholder of a characteristic's value: a list's is a list. */
function placeholderFor(c: Characteristic): string {
  return c.type === 'list' ? `[${PLACEHOLDER}]` : PLACEHOLDER;
}

type Special = (field: Field, indent: string, ctx: Context, depth: number) => string[];

/** An optional field that is one of a list or, when none fits, a block such as {other, reason}. */
const listOrOther: Special = (field, indent) => [
  comment(indent, field),
  ...unionOptions(field).flatMap((option) =>
    option.shape.type === 'object'
      ? [
          `${indent}#   When none fits: {${option.shape.fields.map((f) => `${f.name}: "…"`).join(', ')}}`,
          ...option.shape.fields.map((f) => `${indent}#     ${f.name}: ${explain(f)}`),
        ]
      : [],
  ),
  `${indent}# ${field.name}: ${PLACEHOLDER}`,
];

/** Fields whose template comes from the registration or from review.yaml. */
const SPECIAL: Record<string, Special> = {
  registrations: (field, indent, ctx) => {
    const required = ctx.review.studies.registration === 'required';
    const need = required ? 'required by this review' : 'optional in this review';
    const value = ctx.registration ? `[${ctx.registration}]` : required ? `[${PLACEHOLDER}]` : '[]';
    return [`${indent}# ${explain(field, need)}`, `${indent}registrations: ${value}`];
  },

  design: listOrOther,
  phase: listOrOther,

  // One line per characteristic the review declares for trial files.
  characteristics: (field, indent, ctx) => {
    const declared = characteristicsFor(ctx.review, 'trials');
    if (declared.length === 0) return [comment(indent, field, 'This review declares none'), `${indent}characteristics: {}`];
    return [
      comment(indent, field, 'The comment above each line gives its label, what to record and the values allowed'),
      `${indent}characteristics:`,
      ...declared.flatMap((c) => [
        characteristicComment(c, ctx.review, `${indent}  `, false),
        `${indent}  ${c.required ? '' : '# '}${c.id}: ${placeholderFor(c)}`,
      ]),
    ];
  },

  // One cohort per population of the review, each fed by the outcomes of that population.
  cohorts: (field, indent, ctx, depth) => [
    comment(indent, field, 'One cohort per review population to start with; rename, add or remove cohorts as the reports require'),
    `${indent}cohorts:`,
    ...ctx.review.populations.flatMap((population) =>
      listItem(element(field), depth + 2, 'cohorts[]', ctx).map((line) =>
        line
          .replace(/^(\s*(- )?)id: TODO$/, `$1id: ${population.id}`)
          .replace(/^(\s*)# population: TODO$/, `$1population: ${population.id}   # ${population.label}`),
      ),
    ),
  ],

  // The per-cohort characteristics of the review, commented out: a cohort gives them only where it differs.
  'cohorts[].characteristics': (field, indent, ctx) => {
    const perCohort = characteristicsFor(ctx.review, 'trials').filter((c) => c.per_cohort);
    if (perCohort.length === 0) return [comment(indent, field, 'This review declares none'), `${indent}# characteristics: {}`];
    return [
      comment(indent, field),
      `${indent}# characteristics:`,
      ...perCohort.flatMap((c) => [
        characteristicComment(c, ctx.review, `${indent}#   `, true),
        `${indent}#   ${c.id}: ${placeholderFor(c)}`,
      ]),
    ];
  },

  reports: (field, indent, ctx, depth) => [comment(indent, field), `${indent}reports:`, ...listItem(element(field), depth + 2, 'reports[]', ctx)],

  // One line per domain of the review's tool (none without a tool): judgement, support, source.
  risk_of_bias: (field, indent, ctx) => {
    const tool = resolveTool(ctx.review.risk_of_bias);
    const sub = (name: string) => (field.shape.type === 'object' ? field.shape.fields.find((f) => f.name === name) : undefined);
    const domains = sub('domains');
    const judgement = domains?.shape.type === 'record' && domains.shape.value.shape.type === 'object' ? domains.shape.value.shape.fields : [];
    if (!tool) {
      return [
        comment(indent, field, 'This review declares no risk-of-bias tool (risk_of_bias in review.yaml), so leave it out'),
        `${indent}# risk_of_bias:`,
        ...(['domains', 'overall', 'reports'] as const).flatMap((name) => {
          const f = sub(name);
          return f ? [comment(`${indent}#   `, f), `${indent}#   ${name}: {}`] : [];
        }),
        `${indent}#   # Each judgement: ${judgement.map((f) => `${f.name}: ${f.description ?? ''}`).join('; ')}`,
      ];
    }
    const required = ctx.review.risk_of_bias?.required !== false;
    const off = required ? '' : '# ';
    const levels = (ls: { id: string; label: string }[]) => ls.map((l) => `${l.id} (${l.label})`).join(', ');
    const judged = tool.overall.method === 'judged';
    const overall = sub('overall');
    const reports = sub('reports');
    return [
      comment(indent, field, `Tool: ${tool.label}; ${required ? 'required for an included study' : 'optional in this review'}`),
      `${indent}${off}risk_of_bias:`,
      ...(domains ? [comment(`${indent}${off}  `, domains)] : []),
      `${indent}${off}  domains:`,
      `${indent}${off}    # Each domain: ${judgement.map((f) => `${f.name}: ${f.description ?? ''}`).join('; ')}`,
      `${indent}${off}    # Levels: ${levels(tool.levels)}`,
      ...tool.domains.flatMap((d) => [
        `${indent}${off}    # ${d.label}: ${d.question}${d.optional ? ' (optional)' : ''}`,
        `${indent}${d.optional ? '# ' : off}    ${d.id}: { judgement: ${PLACEHOLDER}, support: ${PLACEHOLDER}, source: ${PLACEHOLDER} }`,
      ]),
      ...(overall ? [comment(`${indent}${off}  `, overall, judged ? `One of: ${levels(overallLevels(tool))}` : 'Not with this tool: its rule works the overall judgement out')] : []),
      `${indent}${judged ? off : '# '}  overall: { judgement: ${PLACEHOLDER}, support: ${PLACEHOLDER}, source: ${PLACEHOLDER} }`,
      ...(reports ? [comment(`${indent}# `, reports)] : []),
      `${indent}#   reports: { <report id>: { domains: { <domain id>: { judgement: ${PLACEHOLDER}, support: ${PLACEHOLDER}, source: ${PLACEHOLDER} } } } }`,
    ];
  },


  'reports[].date': (field, indent) => [
    comment(indent, field, 'A year or a month counts as its first day against a cut-off, and sorts before the days of its period'),
    `${indent}date: ${PLACEHOLDER}`,
  ],

  'reports[].status': (field, indent) => [comment(indent, field), `${indent}status: primary`],

  'reports[].release': (field, indent, ctx) => [
    comment(
      indent,
      field,
      `Releases in review.yaml: ${ctx.review.releases.map((r) => `${r.number} (cut-off ${r.cutoff})`).join(', ')}; a report found since the last cut-off goes in ${Math.max(0, ...ctx.review.releases.map((r) => r.number)) + 1}, the release being prepared (a published release does not change)`,
    ),
    `${indent}release: ${PLACEHOLDER}`,
  ],

  'reports[].data': (field, indent, ctx) => {
    const value = field.shape.type === 'record' && field.shape.value.shape.type === 'record' ? field.shape.value.shape.value : undefined;
    return [
      comment(
        indent,
        field,
        'Write nd when the report does not give an outcome: the study is then shown as not reporting it and left out of that outcome, never counted as 0',
      ),
      ...(value ? formsOf(value, indent) : []),
      `${indent}data:`,
      ...ctx.review.populations.flatMap((population) => {
        const outcomes = ctx.review.outcomes.filter((o) => o.population === population.id);
        if (outcomes.length === 0) return [];
        return [
          `${indent}  ${population.id}:`,
          ...outcomes.map((o) => `${indent}    ${o.id}: {events: ${PLACEHOLDER}, n: ${PLACEHOLDER}, source: ${PLACEHOLDER}}   # ${o.label}`),
        ];
      }),
    ];
  },
};
