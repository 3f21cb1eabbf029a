/**
 * fast-check arbitraries for whole content roots that `npm run check` must accept: a review.yaml
 * with random populations, outcomes, method, declared characteristics of every type (where they
 * apply, where they show, required or not, per cohort or not), subgroup variables over category
 * characteristics (one level per characteristic level, or levels that pool several), a
 * registration rule and releases; one search per release whose PRISMA counts add up; studies
 * with random labels, statuses, designs, phases, characteristic values (some given by the
 * cohorts instead of the study), cohorts (one per population, sometimes one more that is only
 * described) and chains of reports (each superseded by the next, entering in the same or a later
 * release, dated to the day, the month or the year); registry entries with their own
 * characteristics; a chapter using the chapter components. `writeContent` lays one out in a folder.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { CHARACTERISTIC_PLACES, DESIGNS, PHASES, REGISTRY_STATUSES, TAU2_METHODS, TRANSFORMS, type Trial } from '../../src/schemas/index.ts';
import { pooledTrialsAsOf } from '../../src/lib/review/evidence-set.ts';

export interface GeneratedContent {
  review: Record<string, unknown>;
  searches: Record<string, Record<string, unknown>>;
  trials: Record<string, { front: Record<string, unknown>; notes: string }>;
  registry: Record<string, Record<string, unknown>>;
  chapters: Record<string, string>;
}

/**
 * Plain text as curators write it: letters (also accented), digits, punctuation, quotes, `<`
 * and `&`. No `>`, so no run of characters can form an HTML tag, which the schema refuses.
 */
const TEXT_CHARS = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,.;()%-–/"\'<&éüøßλ≤≥'];
export const plainText = (min = 1, max = 30, chars = TEXT_CHARS) =>
  fc
    .array(fc.constantFrom(...chars), { minLength: min, maxLength: max })
    .map((list) => list.join('').trim())
    .filter((s) => s.length >= min && !/javascript\s*:/i.test(s) && !/^TODO\b/.test(s));
/** Markdown notes: the same, without `<` (notes refuse anything that starts a tag). */
const NOTE_CHARS = [...TEXT_CHARS.filter((c) => c !== '<'), '\n', '*', '_'];

const DAY = 24 * 60 * 60 * 1000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const START = Date.UTC(2020, 0, 1);

/** A count pair: n from 1 (sometimes very large), events from 0 to n, often at the edges. */
const counts = fc
  .oneof(
    { weight: 6, arbitrary: fc.integer({ min: 1, max: 60 }) },
    { weight: 3, arbitrary: fc.integer({ min: 61, max: 2000 }) },
    { weight: 1, arbitrary: fc.constantFrom(1, 1_000_000) },
  )
  .chain((n) => fc.tuple(fc.oneof(fc.integer({ min: 0, max: n }), fc.constantFrom(0, n)), fc.constant(n)));

const outcomeValue = fc.oneof(
  { weight: 5, arbitrary: fc.record({ counts, source: plainText(1, 12) }).map(({ counts: [events, n], source }) => ({ events, n, source })) },
  { weight: 1, arbitrary: fc.constant('nd' as const) },
);

/** Where a characteristic shows; `filter` only for the types that can filter. */
const places = (filterable: boolean) =>
  fc.subarray(CHARACTERISTIC_PLACES.filter((p) => filterable || p !== 'filter'), { minLength: 1 });

/** How a category characteristic behind a subgroup variable is declared and grouped. */
const variableShape = fc.record({
  levels: fc.integer({ min: 2, max: 3 }),
  perCohort: fc.boolean(),
  /** The subgroup variable writes its own levels, the first pooling two characteristic levels when there are three. */
  grouped: fc.boolean(),
  labelled: fc.boolean(),
  show: places(true),
});

/** The characteristics declared besides those behind subgroup variables, one of each other type. */
const otherShape = fc.record({
  text: fc.record({ required: fc.boolean(), registry: fc.boolean(), show: places(false) }),
  number: fc.record({ required: fc.boolean(), integer: fc.boolean(), unit: fc.option(plainText(1, 8), { nil: undefined }), show: places(false), group: fc.boolean() }),
  boolean: fc.record({ required: fc.boolean(), words: fc.boolean(), show: places(true), group: fc.boolean() }),
  list: fc.record({ required: fc.boolean(), registry: fc.boolean(), show: places(true) }),
  registryOnly: fc.record({ required: fc.boolean(), show: places(true) }),
});

const reviewShape = fc.record({
  populations: fc.integer({ min: 1, max: 2 }),
  outcomes: fc.array(fc.nat(1), { minLength: 1, maxLength: 4 }),
  transform: fc.constantFrom(...TRANSFORMS),
  method: fc.constantFrom(...TAU2_METHODS),
  ci: fc.constantFrom('z', 'hk'),
  level: fc.constantFrom(0.9, 0.95, 0.99),
  subgroupTest: fc.constantFrom('separate', 'common'),
  variables: fc.array(variableShape, { maxLength: 2 }),
  others: otherShape,
  registration: fc.constantFrom('required', 'optional'),
  labelHeading: fc.option(plainText(2, 12), { nil: undefined }),
  releaseGaps: fc.array(fc.tuple(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 60 })), { minLength: 1, maxLength: 3 }),
  title: plainText(5, 40),
});

type Shape = typeof reviewShape extends fc.Arbitrary<infer T> ? T : never;

/** The characteristics block of review.yaml for a shape. */
function characteristicsOf(shape: Shape): Record<string, unknown>[] {
  const { text, number, boolean, list, registryOnly } = shape.others;
  return [
    ...shape.variables.map((v, i) => ({
      id: `v${i + 1}`,
      label: `Variable ${i + 1}`,
      type: 'category',
      levels: Array.from({ length: v.levels }, (_, l) => ({ id: `l${l + 1}`, label: `Level ${l + 1}` })),
      per_cohort: v.perCohort,
      show: v.show,
    })),
    { id: 'note', label: 'Note', type: 'text', required: text.required, applies_to: text.registry ? ['trials', 'registry'] : ['trials'], show: text.show },
    {
      id: 'size',
      label: 'Size',
      type: 'number',
      required: number.required,
      integer: number.integer,
      min: 0,
      max: 1000,
      ...(number.unit ? { unit: number.unit } : {}),
      ...(number.group ? { group: 'Grouped' } : {}),
      show: number.show,
    },
    {
      id: 'flag',
      label: 'Flag',
      type: 'boolean',
      required: boolean.required,
      ...(boolean.words ? { yes: 'allowed', no: 'not allowed' } : {}),
      ...(boolean.group ? { group: 'Grouped' } : {}),
      show: boolean.show,
    },
    { id: 'tags', label: 'Tags', type: 'list', required: list.required, applies_to: list.registry ? ['trials', 'registry'] : ['trials'], show: list.show },
    {
      id: 'kind',
      label: 'Kind',
      type: 'category',
      levels: [{ id: 'k1', label: 'Kind one' }, { id: 'k2', label: 'Kind two' }],
      required: registryOnly.required,
      applies_to: ['registry'],
      show: registryOnly.show,
    },
  ];
}

/** The subgroup variable over characteristic `v<i+1>`: its levels left to the characteristic, or written out. */
function subgroupOf(v: Shape['variables'][number], i: number): Record<string, unknown> {
  const variable: Record<string, unknown> = { id: `s${i + 1}`, characteristic: `v${i + 1}` };
  if (v.labelled) variable['label'] = `Subgroup ${i + 1}`;
  if (v.grouped) {
    variable['levels'] =
      v.levels === 3
        ? [{ id: 'g1', label: 'Levels 1 and 2', includes: ['l1', 'l2'] }, { id: 'g2', label: 'Level 3', includes: ['l3'] }]
        : [{ id: 'g1', label: 'First', includes: ['l1'] }, { id: 'l2', label: 'Second' }];
  }
  return variable;
}

/** A report date of the day `ms`, written to the day, the month or the year. */
const partialDate = (ms: number, precision: number) => isoDate(ms).slice(0, [10, 7, 4][precision]);

export const contentArbitrary: fc.Arbitrary<GeneratedContent> = reviewShape.chain((shape) => {
  const populations = ['efficacy', 'safety'].slice(0, shape.populations);
  const outcomes = shape.outcomes.map((p, i) => ({ id: `o${i + 1}`, population: populations[p % populations.length]! }));
  // Release dates move forward; each cut-off lies between the previous cut-off and the release date.
  let day = START;
  let cutoff = START;
  const releases = shape.releaseGaps.map(([gap, before], i) => {
    day += gap * DAY;
    cutoff = Math.max(cutoff, day - before * DAY);
    return { number: i + 1, date: isoDate(day), cutoff: isoDate(cutoff), cutoffMs: cutoff, search: `release-${i + 1}` };
  });
  const { others } = shape;

  const review = {
    id: 'property-review',
    title: shape.title,
    short_title: 'Property review',
    question: 'How often do random trials respond?',
    authors: ['A Curator'],
    eligibility: { population: 'Anyone', intervention: 'Anything', designs: 'Any design' },
    populations: populations.map((id) => ({ id, label: `${id} population` })),
    outcomes: outcomes.map((o) => ({ id: o.id, label: `Outcome ${o.id}`, short_label: o.id.toUpperCase(), kind: o.population === 'safety' ? 'safety' : 'efficacy', population: o.population })),
    analysis: { transform: shape.transform, method: shape.method, ci: shape.ci, level: shape.level, subgroup_test: shape.subgroupTest },
    studies: { registration: shape.registration, ...(shape.labelHeading ? { label_heading: shape.labelHeading } : {}) },
    characteristics: characteristicsOf(shape),
    subgroups: shape.variables.map(subgroupOf),
    releases: releases.map(({ cutoffMs: _, ...r }) => r),
    // n reaches 1,000,000 (see counts): above the default limit of patients per cohort.
    plausibility: { limits: { n_max: 1_000_000 } },
  };

  // The search counts around the studies each release adds (known once the trials are drawn).
  const search = fc
    .record({ db: fc.nat(500), reg: fc.nat(100), dup: fc.nat(100), excl: fc.nat(300), notRetrieved: fc.nat(5), excluded: fc.nat(20), reports: fc.nat(5) })
    .map((c) => (studies: number, previous: number) => {
      const screened = c.db + c.reg + c.dup + c.excl + c.notRetrieved + c.excluded + c.reports + studies;
      const identified = screened + c.dup;
      const sought = screened - c.excl;
      const assessed = sought - c.notRetrieved;
      const included = c.reports + studies;
      return {
        databases: [{ name: 'MEDLINE', records: identified - c.reg }],
        registers: [{ name: 'ClinicalTrials.gov', records: c.reg }],
        duplicates_removed: c.dup,
        records_screened: screened,
        records_excluded: c.excl,
        reports_sought: sought,
        reports_not_retrieved: c.notRetrieved,
        reports_assessed: assessed,
        reports_excluded: [{ reason: 'Not eligible', count: assessed - included }],
        new_studies_included: studies,
        new_reports_included: included,
        previous_studies: previous,
      };
    });

  const report = fc.record({
    release: fc.integer({ min: 0, max: releases.length - 1 }),
    daysBefore: fc.integer({ min: 0, max: 400 }),
    /** 0: the day, 1: the month, 2: the year. */
    precision: fc.integer({ min: 0, max: 2 }),
    type: fc.constantFrom('full_article', 'abstract', 'sponsor_report', 'news', 'registry_record'),
    citation: plainText(3, 40),
    data: fc.array(fc.array(outcomeValue, { minLength: outcomes.length, maxLength: outcomes.length }), { minLength: populations.length, maxLength: populations.length }),
    undisclosedOutcomes: fc.array(fc.boolean(), { minLength: outcomes.length, maxLength: outcomes.length }),
    described: fc.array(outcomeValue, { minLength: outcomes.length, maxLength: outcomes.length }),
  });
  /** A variable's value: given by the study (0), by the study and some cohorts (1), by every pooled cohort only (2). */
  const variableValue = fc.record({
    level: fc.nat(2),
    where: fc.nat(2),
    cohortLevels: fc.array(fc.nat(2), { minLength: populations.length, maxLength: populations.length }),
    overridden: fc.array(fc.boolean(), { minLength: populations.length, maxLength: populations.length }),
  });
  const trial = fc.record({
    label: plainText(2, 20),
    aliases: fc.array(plainText(1, 10), { maxLength: 2 }),
    registered: fc.boolean(),
    sponsor: fc.option(fc.record({ name: plainText(2, 20), country: fc.option(plainText(2, 12), { nil: undefined }) }), { nil: undefined }),
    design: fc.option(fc.oneof(fc.constantFrom(...DESIGNS), fc.record({ other: plainText(2, 15), reason: plainText(2, 20) })), { nil: undefined }),
    phase: fc.option(fc.oneof(fc.constantFrom(...PHASES), fc.record({ other: plainText(2, 15), reason: plainText(2, 20) })), { nil: undefined }),
    status: fc.constantFrom('included', 'included', 'included', 'described', 'excluded'),
    variables: fc.array(variableValue, { minLength: shape.variables.length, maxLength: shape.variables.length }),
    note: fc.option(plainText(1, 20), { nil: undefined }),
    size: fc.option(fc.integer({ min: 0, max: 4000 }), { nil: undefined }),
    flag: fc.option(fc.boolean(), { nil: undefined }),
    tags: fc.option(fc.array(plainText(1, 10), { maxLength: 3 }), { nil: undefined }),
    describedCohort: fc.boolean(),
    reports: fc.array(report, { minLength: 1, maxLength: 3 }),
    notes: plainText(0, 80, NOTE_CHARS),
  });

  return fc.record({
    searches: fc.array(search, { minLength: releases.length, maxLength: releases.length }),
    trials: fc.array(trial, { minLength: 1, maxLength: 8 }),
    registry: fc.array(
      fc.record({ label: plainText(2, 20), linked: fc.boolean(), kind: fc.option(fc.constantFrom('k1', 'k2'), { nil: undefined }), phase: fc.option(plainText(1, 5), { nil: undefined }), status: fc.constantFrom(...REGISTRY_STATUSES) }),
      { maxLength: 3 },
    ),
  }).map(({ searches, trials, registry }): GeneratedContent => {
    const trialFiles: GeneratedContent['trials'] = {};
    trials.forEach((t, i) => {
      const slug = `trial-${i + 1}`;
      const given = t.status !== 'excluded';
      // Reports in the order they entered; each one is replaced by the next.
      const sorted = [...t.reports].sort((a, b) => a.release - b.release);
      const reports = sorted.map((r, j) => {
        const release = releases[r.release]!;
        const data: Record<string, Record<string, unknown>> = Object.fromEntries(
          populations.map((population, p) => [
            `c-${population}`,
            Object.fromEntries(
              outcomes
                .map((o, k) => [o, r.data[p]![k]!, r.undisclosedOutcomes[k]] as const)
                .filter(([o, , leftOut]) => o.population === population && !leftOut)
                .map(([o, value]) => [o.id, value]),
            ),
          ]),
        );
        // An included trial gives numbers to an analysis in every report (npm run check refuses one
        // that feeds nothing): when every value drawn is nd or left out, the first outcome gets numbers.
        const first = outcomes[0]!;
        if (t.status === 'included' && !Object.values(data).some((values) => Object.values(values).some((v) => v !== 'nd'))) {
          data[`c-${first.population}`]![first.id] = { events: 1, n: 2, source: 'Table 1' };
        }
        // A cohort of no population is only described: numbers of any outcome, listed and never pooled.
        if (t.describedCohort) data['c-described'] = Object.fromEntries(outcomes.map((o, k) => [o.id, r.described[k]!]));
        const out: Record<string, unknown> = {
          id: `r${j + 1}`,
          // One report, one entry: citations differ between reports (npm run check refuses a repeat).
          citation: `${r.citation} (${slug}, report ${j + 1})`,
          url: `https://example.org/${slug}/r${j + 1}`,
          type: r.type,
          date: partialDate(release.cutoffMs - r.daysBefore * DAY, r.precision),
          release: release.number,
          status: j === sorted.length - 1 ? 'primary' : 'superseded',
          data,
        };
        if (j < sorted.length - 1) Object.assign(out, { superseded_by: `r${j + 2}`, reason: 'A later report gives more patients' });
        return out;
      });

      const characteristics: Record<string, unknown> = {};
      const cohorts: Record<string, unknown>[] = populations.map((population) => ({ id: `c-${population}`, label: `Patients (${population})`, population }));
      shape.variables.forEach((v, j) => {
        const value = t.variables[j]!;
        const level = (n: number) => `l${(n % v.levels) + 1}`;
        // Cohorts give their own value only for a per-cohort characteristic.
        const where = v.perCohort ? value.where : 0;
        if (where !== 2) characteristics[`v${j + 1}`] = level(value.level);
        cohorts.forEach((cohort, c) => {
          if (where === 2 || (where === 1 && value.overridden[c])) {
            cohort['characteristics'] = { ...(cohort['characteristics'] as object | undefined), [`v${j + 1}`]: level(value.cohortLevels[c]!) };
          }
        });
      });
      if (t.describedCohort) cohorts.push({ id: 'c-described', label: 'Patients described only' });
      // Required characteristics are given by every study that is not excluded; the others at random.
      if (t.note !== undefined || (given && others.text.required)) characteristics['note'] = t.note ?? 'A note';
      if (t.size !== undefined || (given && others.number.required)) characteristics['size'] = others.number.integer ? (t.size ?? 10) % 1001 : ((t.size ?? 10) % 4001) / 4;
      if (t.flag !== undefined || (given && others.boolean.required)) characteristics['flag'] = t.flag ?? true;
      if (t.tags !== undefined || (given && others.list.required)) characteristics['tags'] = given && others.list.required && (t.tags ?? []).length === 0 ? ['A tag'] : (t.tags ?? []);

      const front: Record<string, unknown> = {
        label: `${t.label} ${i + 1}`,
        aliases: t.aliases,
        registrations: shape.registration === 'required' || t.registered ? [`NCT${String(10_000_000 + i).padStart(8, '0')}`] : [],
        ...(t.sponsor ? { sponsor: t.sponsor.name, ...(t.sponsor.country ? { sponsor_country: t.sponsor.country } : {}) } : {}),
        ...(t.design ? { design: t.design } : {}),
        ...(t.phase ? { phase: t.phase } : {}),
        characteristics,
        status: t.status,
        cohorts,
        reports,
      };
      if (t.status !== 'included') front['status_reason'] = 'No usable numbers';
      trialFiles[slug] = { front, notes: t.notes };
    });
    const records = Object.entries(trialFiles).map(([slug, t]) => ({ slug, data: t.front as unknown as Trial }));
    const registryFiles: GeneratedContent['registry'] = {};
    registry.forEach((r, i) => {
      const characteristics: Record<string, unknown> = {};
      if (r.kind !== undefined || others.registryOnly.required) characteristics['kind'] = r.kind ?? 'k1';
      if (others.text.registry && (others.text.required || r.linked)) characteristics['note'] = 'Registered note';
      if (others.list.registry && (others.list.required || r.linked)) characteristics['tags'] = ['Registered tag'];
      const entry: Record<string, unknown> = {
        registration: `NCT${String(20_000_000 + i).padStart(8, '0')}`,
        label: r.label,
        characteristics,
        sponsor: 'Sponsor Inc.',
        sponsor_country: 'Nowhere',
        ...(r.phase ? { phase: r.phase } : {}),
        status: r.status,
        source: 'ClinicalTrials.gov',
      };
      if (r.linked) entry['trial'] = `trial-${(i % trials.length) + 1}`;
      registryFiles[`entry-${i + 1}`] = entry;
    });
    return {
      review,
      searches: Object.fromEntries(
        searches.map((s, i) => {
          // The studies pooled as of each release, as the pooling counts them; a search is dated
          // after the previous cut-off (its release's cut-off, or its release's date when the
          // cut-off did not move).
          const before = i > 0 ? pooledTrialsAsOf(records, i).length : 0;
          const date = i > 0 && releases[i]!.cutoff <= releases[i - 1]!.cutoff ? releases[i]!.date : releases[i]!.cutoff;
          return [`release-${i + 1}`, { release: i + 1, date, ...s(pooledTrialsAsOf(records, i + 1).length - before, before) }];
        }),
      ),
      trials: trialFiles,
      registry: registryFiles,
      chapters: { introduction: chapterText(outcomes[0]!.id, shape.variables[0] ? { id: 's1', level: shape.variables[0].grouped ? 'g1' : 'l1' } : undefined) },
    };
  });
});

/** A chapter using every chapter component on the first outcome (and the first subgroup variable, if any). */
function chapterText(outcome: string, variable: { id: string; level: string } | undefined): string {
  return `---
title: Introduction
order: 1
---

The review pools <Count of="included" /> trials and <Count of="reports" /> reports: <Estimate outcome="${outcome}" show="full" />,
from <Count of="outcome-trials" outcome="${outcome}" /> trials (see [the outcome](/outcomes/${outcome}/)).
Leaving one trial out: <Sensitivity outcome="${outcome}" show="loo-range" />.${
    variable
      ? `\nIn level ${variable.level}: <Estimate outcome="${outcome}" variable="${variable.id}" level="${variable.level}" />; between subgroups: <SubgroupTest outcome="${outcome}" variable="${variable.id}" />.`
      : ''
  }<Since release={2}> A later release.</Since>
`;
}

/** Writes generated content into `root` (created), as curators' files. */
export function writeContent(root: string, content: GeneratedContent): void {
  for (const folder of ['trials', 'searches', 'registry', 'chapters']) mkdirSync(path.join(root, folder), { recursive: true });
  writeFileSync(path.join(root, 'review.yaml'), stringify(content.review));
  for (const [id, search] of Object.entries(content.searches)) writeFileSync(path.join(root, 'searches', `${id}.yaml`), stringify(search));
  for (const [id, entry] of Object.entries(content.registry)) writeFileSync(path.join(root, 'registry', `${id}.yaml`), stringify(entry));
  for (const [slug, { front, notes }] of Object.entries(content.trials)) {
    writeFileSync(path.join(root, 'trials', `${slug}.md`), `---\n${stringify(front)}---\n\n${notes}\n`);
  }
  for (const [slug, text] of Object.entries(content.chapters)) writeFileSync(path.join(root, 'chapters', `${slug}.mdx`), text);
}
