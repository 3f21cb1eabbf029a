/**
 * The files `npm run new-review` writes: review.yaml, the search behind release 1 and an
 * example chapter. Every field is there with a comment taken from the schema's `.describe()`
 * text (the same texts as the field reference and the trial template), and every value the
 * curator must supply is the placeholder TODO, which `npm run check` reports, with what goes
 * there, until it is replaced.
 *
 * Optional blocks (source, studies, characteristics, subgroups, landscape) are written as
 * comments: removing the "# " in front of a block's lines puts it in use. Optional fields
 * inside a block are commented the same way ("# field: TODO").
 */
import { chapterSchema, reviewFileSchema, searchSchema } from '../../schemas/index.ts';
import { ANALYSIS_OPTIONS } from './analysis-options.ts';
import { describeSchema, typeLabel, unionOptions, type Described, type Field } from './describe-schema.ts';
import { ROB_PRESETS } from '../appraisal/risk-of-bias.ts';
import { PLACEHOLDER } from './placeholders.ts';

/** The search id of the first release, and so the name of its search file. */
export const FIRST_SEARCH = 'release-1';

/** The files of a new review, by path inside its folder, in the order they are written. */
export function newReviewFiles(): Record<string, string> {
  return {
    'review.yaml': reviewTemplate(),
    [`searches/${FIRST_SEARCH}.yaml`]: searchTemplate(),
    'chapters/introduction.mdx': chapterTemplate(),
    // Git keeps no empty folder; a dot file is never read as a trial.
    'trials/.gitkeep': '',
  };
}

/** review.yaml: the protocol, every field explained. */
export function reviewTemplate(): string {
  return [
    '# review.yaml: the protocol of this living review. Everything the site and the analyses do is',
    '# read from here.',
    `# Replace every ${PLACEHOLDER}; the comment above each field says what goes there, and`,
    '# npm run check -- --content <this folder> lists what is still left to fill.',
    '# A line starting with "# name:" is an optional field or block: remove the "# " in front of',
    '# it (and of the lines of its block) to use it, or leave it as it is.',
    '# The curators\' guide (For curators, on the built site) explains how a review is shaped and',
    '# when to choose each analysis option; npm run fields lists every field.',
    '',
    ...renderFields(fieldsOf(describeSchema(reviewFileSchema)), 0, '', REVIEW_SPECIAL),
    '',
  ].join('\n');
}

/** searches/release-1.yaml: the PRISMA 2020 counts of the first search. */
export function searchTemplate(): string {
  return [
    `# searches/${FIRST_SEARCH}.yaml: the PRISMA 2020 counts of the search behind release 1 (review.yaml`,
    `# names it under releases: search: ${FIRST_SEARCH}). Replace every ${PLACEHOLDER}.`,
    '# npm run check checks the arithmetic, box by box:',
    '#   databases + registers + other sources − duplicates_removed − other_removed = records_screened',
    '#   records_screened − records_excluded = reports_sought',
    '#   reports_sought − reports_not_retrieved = reports_assessed',
    '#   reports_assessed − the reports_excluded counts = new_reports_included',
    '# A later release gets a search file of its own (npm run release writes it).',
    '',
    ...renderFields(fieldsOf(describeSchema(searchSchema)), 0, '', SEARCH_SPECIAL),
    '',
  ].join('\n');
}

/** chapters/introduction.mdx: an example chapter whose numbers come from the components. */
export function chapterTemplate(): string {
  const chapter = fieldsOf(describeSchema(chapterSchema));
  const line = (name: string, value: string) => {
    const field = chapter.find((f) => f.name === name)!;
    return [comment('', field), `${name}: ${value}`];
  };
  return [
    '---',
    ...line('title', 'Introduction'),
    ...line('order', '1'),
    ...line('description', PLACEHOLDER),
    '---',
    '',
    "{/* An example chapter: replace its text with the review's own. Write numbers with the chapter",
    '    components, never by hand: they are read from the pooled results of the release being read,',
    "    so every release's chapters show that release's numbers. The curators' guide (For curators,",
    '    on the built site) lists every component with its props. */}',
    '',
    '## Why this review',
    '',
    'Why the question matters, and what a reader should take from the review.',
    '',
    '## What this release pools',
    '',
    'This release pools <Count of="included" /> studies, from <Count of="reports" /> reports. The tables also describe',
    '<Count of="described" /> studies that are not pooled, and <Count of="excluded" /> studies were excluded after',
    'reading them in full; each is listed with its reason.',
    '',
    '{/* Once review.yaml names its populations, outcomes and subgroups, give their numbers with their ids:',
    '',
    '    <Count of="patients" population="<population id>" /> patients',
    '    <Estimate outcome="<outcome id>" show="full" />',
    '    <ForestPlot outcome="<outcome id>" variable="<subgroup variable id>" />',
    '    <SubgroupTest outcome="<outcome id>" variable="<subgroup variable id>" />',
    '    <Since release={2}>Text that belongs to release 2 and later.</Since>',
    '    [the results of an outcome](/outcomes/<outcome id>/)',
    '*/}',
    '',
  ].join('\n');
}

// -------------------------------------------------------------------------------------------
// Rendering

function fieldsOf(d: Described): Field[] {
  return d.shape.type === 'object' ? d.shape.fields : [];
}

const isOptional = (field: Described) => field.optional || field.hasDefault;

/** "Full title (required; text)": the schema's own words. */
function explain(field: Field): string {
  return `${field.description ?? field.name} (${isOptional(field) ? 'optional' : 'required'}; ${typeLabel(field)})`;
}

function comment(indent: string, field: Field, extra?: string): string {
  return `${indent}# ${explain(field)}${extra ? `. ${extra}` : ''}`;
}

/** A default value as YAML writes it: identifiers bare, other text quoted, lists in brackets. */
function yamlValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(yamlValue).join(', ')}]`;
  if (typeof value === 'string') return /^[a-z][a-z0-9_-]*$/i.test(value) ? value : JSON.stringify(value);
  return String(value);
}

/** Puts "# " after the indentation of every line: the block is kept, out of use. */
function commentOut(lines: readonly string[], indent: string): string[] {
  return lines.map((line) => (line.startsWith(indent) ? `${indent}# ${line.slice(indent.length)}` : `# ${line}`));
}

type Special = (field: Field, indent: string, depth: number, path: string, inBlock: boolean) => string[];

/**
 * Writes fields at `depth`. A required field holds TODO; an optional one is commented out, with
 * its default where it has one; a required block is written out, an optional block commented
 * out as a whole; a list of blocks gets as many blocks as it needs at least (one to copy).
 *
 * `inBlock`: the fields belong to a block that is commented out as a whole. Fields with a default
 * are then written with it, so that the block, once put in use, is complete.
 */
function renderFields(fields: readonly Field[], depth: number, path: string, special: Record<string, Special>, inBlock = false): string[] {
  const indent = ' '.repeat(depth);
  return fields.flatMap((field) => {
    const fieldPath = path ? `${path}.${field.name}` : field.name;
    const own = special[fieldPath];
    if (own) return own(field, indent, depth, fieldPath, inBlock);
    return renderField(field, depth, fieldPath, special, inBlock);
  });
}

function renderField(field: Field, depth: number, fieldPath: string, special: Record<string, Special>, inBlock: boolean, extra?: string): string[] {
  const indent = ' '.repeat(depth);
  const s = field.shape;
  const head = comment(indent, field, extra);
  const hasValue = field.hasDefault && !(Array.isArray(field.default) && field.default.length === 0);
  if (hasValue && s.type !== 'object') return [head, `${indent}${inBlock ? '' : '# '}${field.name}: ${yamlValue(field.default)}`];
  const optional = isOptional(field);
  if (s.type === 'object') {
    const block = [`${indent}${field.name}:`, ...renderFields(s.fields, depth + 2, fieldPath, special, optional || inBlock)];
    return [head, ...(optional ? commentOut(block, indent) : block)];
  }
  if (s.type === 'array') {
    const element = s.element;
    const items = Math.max(1, s.minItems ?? 0);
    const block =
      element.shape.type === 'object'
        ? [
            `${indent}${field.name}:`,
            ...Array.from({ length: items }, (_, i) => {
              const item = listItem(element.shape.type === 'object' ? element.shape.fields : [], depth + 2, `${fieldPath}[]`, special, optional || inBlock);
              // The first block is explained; the ones after it keep their fields only.
              return i === 0 ? item : item.filter((line) => /^(- )?[a-z_]+:/.test(line.replace(/^[\s#]*/, '')));
            }).flat(),
          ]
        : [`${indent}${field.name}:`, ...Array.from({ length: items }, () => `${indent}  - ${PLACEHOLDER}`)];
    return [head, ...(optional ? commentOut(block, indent) : block)];
  }
  if (optional) return [head, `${indent}# ${field.name}: ${PLACEHOLDER}`];
  return [head, `${indent}${field.name}: ${PLACEHOLDER}`];
}

/** One item of a list of blocks: the first field line gets the "- ", its comments go above it. */
function listItem(fields: readonly Field[], depth: number, path: string, special: Record<string, Special>, inBlock: boolean): string[] {
  const lines = renderFields(fields, depth + 2, path, special, inBlock);
  const first = lines.findIndex((l) => !l.trimStart().startsWith('#'));
  const pad = ' '.repeat(depth + 2);
  for (let i = 0; i < first; i++) lines[i] = `${' '.repeat(depth)}${lines[i]!.trimStart()}`;
  if (first >= 0) lines[first] = `${' '.repeat(depth)}- ${lines[first]!.slice(pad.length)}`;
  return lines;
}

/** A field written with a fixed value instead of TODO. */
const fixed =
  (value: string, extra?: string): Special =>
  (field, indent) => [comment(indent, field, extra), `${indent}${field.name}: ${value}`];

/** A field written as usual, with a note after its description. */
const noted =
  (extra: string): Special =>
  (field, _indent, depth, path, inBlock) =>
    renderField(field, depth, path, REVIEW_SPECIAL, inBlock, extra);

/** The analysis options: the values from the schema, with when to choose each. */
const analysisOption =
  (name: string): Special =>
  (field, indent) => {
    const o = ANALYSIS_OPTIONS.find((x) => x.field === name);
    const lines = [comment(indent, field)];
    for (const v of o?.values ?? []) lines.push(`${indent}#   ${v.value}: ${v.name}. ${v.when}`);
    if (o?.advice) lines.push(`${indent}#   In short: ${o.advice}`);
    if (o?.recommended !== undefined) {
      lines.push(`${indent}#   Left out, it is ${yamlValue(field.default)}; a new review starts with the recommended value:`);
      lines.push(`${indent}${field.name}: ${o.recommended}`);
    } else if (field.hasDefault) lines.push(`${indent}# ${field.name}: ${yamlValue(field.default)}`);
    else if (field.optional && field.shape.type === 'object') {
      // an optional block: written out as a commented example
      lines.push(`${indent}# ${field.name}:`);
      for (const f of field.shape.fields) lines.push(comment(`${indent}#   `, f), `${indent}#   ${f.name}: ${f.hasDefault ? yamlValue(f.default) : PLACEHOLDER}`);
    } else if (field.optional) lines.push(`${indent}# ${field.name}: ${PLACEHOLDER}`);
    else lines.push(`${indent}${field.name}: ${PLACEHOLDER}`);
    return lines;
  };

const REVIEW_SPECIAL: Record<string, Special> = {
  'outcomes[].population': noted('An id from populations above'),
  'outcomes[].id': noted('Trial files give numbers under this id; chapters and page addresses use it too'),
  'analysis.transform': analysisOption('transform'),
  'analysis.method': analysisOption('method'),
  'analysis.ci': analysisOption('ci'),
  'analysis.level': analysisOption('level'),
  'analysis.subgroup_test': analysisOption('subgroup_test'),
  'analysis.prediction_interval': analysisOption('prediction_interval'),
  'analysis.prediction_min_k': analysisOption('prediction_min_k'),
  'analysis.i2': analysisOption('i2'),
  'analysis.egger_min_k': analysisOption('egger_min_k'),
  'analysis.correction': analysisOption('correction'),
  'characteristics[].levels': noted('Only with type category; remove it for any other type'),
  'subgroups[].characteristic': noted('It must be a category characteristic that applies to trials'),
  'risk_of_bias.tool': (field, indent, depth, path, inBlock) => {
    // A preset by its id, or (commented out below it) a tool of the review's own with every field explained.
    const own = unionOptions(field).find((o) => o.shape.type === 'object');
    const lines = [comment(indent, field, `Presets: ${Object.values(ROB_PRESETS).map((t) => `${t.id} (${t.label})`).join('; ')}`), `${indent}tool: ${Object.keys(ROB_PRESETS)[0]}`];
    if (own && own.shape.type === 'object') {
      lines.push(`${indent}# Or a tool of the review's own, in place of the line above:`);
      lines.push(...commentOut(renderField({ ...field, shape: own.shape, optional: false, hasDefault: false }, depth, path, REVIEW_SPECIAL, inBlock), indent));
    }
    return lines;
  },
  // Per-outcome thresholds: a record, written as an example of one outcome (the block around it is commented out).
  'certainty.outcomes': (field, indent, depth, path, inBlock) => {
    const entry = field.shape.type === 'record' ? field.shape.value : undefined;
    const fields = entry?.shape.type === 'object' ? entry.shape.fields : [];
    return [
      comment(indent, field),
      `${indent}${field.name}:`,
      `${indent}  # One entry per outcome id (an id from outcomes above)`,
      `${indent}  <outcome>:`,
      ...fields.flatMap((f) => renderField({ ...f, optional: false, hasDefault: false }, depth + 4, `${path}.<outcome>.${f.name}`, REVIEW_SPECIAL, inBlock)),
    ];
  },
  'releases[].number': fixed('1'),
  'releases[].search': fixed(FIRST_SEARCH, `The file searches/${FIRST_SEARCH}.yaml of this folder`),
};

/** A list written out with one block to fill, although the schema lets it be left out. */
const inUse =
  (extra: string): Special =>
  (field, _indent, depth, path, inBlock) =>
    renderField({ ...field, hasDefault: false, optional: false }, depth, path, SEARCH_SPECIAL, inBlock, extra).map((line, i) =>
      // The comment keeps saying what the schema says: the field may be left out.
      i === 0 ? line.replace('(required;', '(optional;') : line,
    );

const SEARCH_SPECIAL: Record<string, Special> = {
  release: fixed('1'),
  databases: inUse('One entry per database searched'),
};
