/**
 * fast-check arbitraries for whole content roots that `npm run check` must accept: a review.yaml
 * with random populations, outcomes, method, subgroup variables and releases; one search per
 * release whose PRISMA counts add up; trials with random statuses, cohorts, subgroup levels and
 * chains of reports (each superseded by the next, entering in the same or a later release);
 * registry entries; a chapter. `writeContent` lays one out in a folder.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { TAU2_METHODS, TRANSFORMS } from '../../src/schemas/index.ts';

export interface GeneratedContent {
  review: Record<string, unknown>;
  searches: Record<string, Record<string, unknown>>;
  trials: Record<string, { front: Record<string, unknown>; notes: string }>;
  registry: Record<string, Record<string, unknown>>;
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

const reviewShape = fc.record({
  populations: fc.integer({ min: 1, max: 2 }),
  outcomes: fc.array(fc.nat(1), { minLength: 1, maxLength: 4 }),
  transform: fc.constantFrom(...TRANSFORMS),
  method: fc.constantFrom(...TAU2_METHODS),
  ci: fc.constantFrom('z', 'hk'),
  level: fc.constantFrom(0.9, 0.95, 0.99),
  subgroupTest: fc.constantFrom('separate', 'common'),
  variables: fc.array(fc.integer({ min: 2, max: 3 }), { maxLength: 2 }),
  releaseGaps: fc.array(fc.tuple(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 60 })), { minLength: 1, maxLength: 3 }),
  title: plainText(5, 40),
});

export const contentArbitrary: fc.Arbitrary<GeneratedContent> = reviewShape.chain((shape) => {
  const populations = ['efficacy', 'safety'].slice(0, shape.populations);
  const outcomes = shape.outcomes.map((p, i) => ({ id: `o${i + 1}`, population: populations[p % populations.length]! }));
  const variables = shape.variables.map((levels, v) => ({ id: `v${v + 1}`, levels: Array.from({ length: levels }, (_, l) => `l${l + 1}`) }));
  // Release dates move forward; each cut-off lies between the previous cut-off and the release date.
  let day = START;
  let cutoff = START;
  const releases = shape.releaseGaps.map(([gap, before], i) => {
    day += gap * DAY;
    cutoff = Math.max(cutoff, day - before * DAY);
    return { number: i + 1, date: isoDate(day), cutoff: isoDate(cutoff), cutoffMs: cutoff, search: `release-${i + 1}` };
  });

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
    subgroups: variables.map((v) => ({ id: v.id, label: `Variable ${v.id}`, levels: v.levels.map((l) => ({ id: l, label: `Level ${l}` })) })),
    releases: releases.map(({ cutoffMs: _, ...r }) => r),
  };

  const search = fc
    .record({ db: fc.nat(500), reg: fc.nat(100), dup: fc.nat(100), excl: fc.nat(300), notRetrieved: fc.nat(5), excluded: fc.nat(20), studies: fc.nat(5), reports: fc.nat(5) })
    .map((c) => {
      const screened = c.db + c.reg + c.dup + c.excl + c.notRetrieved + c.excluded + c.reports + c.studies;
      const identified = screened + c.dup;
      const sought = screened - c.excl;
      const assessed = sought - c.notRetrieved;
      const included = c.reports + c.studies;
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
        new_studies_included: c.studies,
        new_reports_included: included,
      };
    });

  const report = fc.record({
    release: fc.integer({ min: 0, max: releases.length - 1 }),
    daysBefore: fc.integer({ min: 0, max: 400 }),
    type: fc.constantFrom('full_article', 'abstract', 'sponsor_report', 'news', 'registry_record'),
    citation: plainText(3, 40),
    data: fc.array(fc.array(outcomeValue, { minLength: outcomes.length, maxLength: outcomes.length }), { minLength: populations.length, maxLength: populations.length }),
    undisclosedOutcomes: fc.array(fc.boolean(), { minLength: outcomes.length, maxLength: outcomes.length }),
  });
  const trial = fc.record({
    product: plainText(2, 20),
    status: fc.constantFrom('included', 'included', 'included', 'described', 'excluded'),
    modality: fc.constantFrom('car_t', 'car_nk', 'car_nkt'),
    levels: fc.array(fc.nat(2), { minLength: variables.length, maxLength: variables.length }),
    reports: fc.array(report, { minLength: 1, maxLength: 3 }),
    notes: plainText(0, 80, NOTE_CHARS),
  });

  return fc.record({
    searches: fc.array(search, { minLength: releases.length, maxLength: releases.length }),
    trials: fc.array(trial, { minLength: 1, maxLength: 8 }),
    registry: fc.array(fc.record({ product: plainText(2, 20), linked: fc.boolean() }), { maxLength: 3 }),
  }).map(({ searches, trials, registry }): GeneratedContent => {
    const trialFiles: GeneratedContent['trials'] = {};
    trials.forEach((t, i) => {
      const slug = `trial-${i + 1}`;
      // Reports in the order they entered; each one is replaced by the next.
      const sorted = [...t.reports].sort((a, b) => a.release - b.release);
      const reports = sorted.map((r, j) => {
        const release = releases[r.release]!;
        const out: Record<string, unknown> = {
          id: `r${j + 1}`,
          citation: r.citation,
          url: `https://example.org/${slug}/r${j + 1}`,
          type: r.type,
          date: isoDate(release.cutoffMs - r.daysBefore * DAY),
          release: release.number,
          status: j === sorted.length - 1 ? 'primary' : 'superseded',
          data: Object.fromEntries(
            populations.map((population, p) => [
              `c-${population}`,
              Object.fromEntries(
                outcomes
                  .map((o, k) => [o, r.data[p]![k]!, r.undisclosedOutcomes[k]] as const)
                  .filter(([o, , leftOut]) => o.population === population && !leftOut)
                  .map(([o, value]) => [o.id, value]),
              ),
            ]),
          ),
        };
        if (j < sorted.length - 1) Object.assign(out, { superseded_by: `r${j + 2}`, reason: 'A later report gives more patients' });
        return out;
      });
      const front: Record<string, unknown> = {
        product: t.product,
        registrations: [`NCT${String(10_000_000 + i).padStart(8, '0')}`],
        sponsor: 'Sponsor Inc.',
        modality: t.modality,
        cell_source: 'Donor blood',
        target: 'CD19',
        phase: '1',
        status: t.status,
        subgroups: Object.fromEntries(variables.map((v, j) => [v.id, v.levels[t.levels[j]! % v.levels.length]!])),
        cohorts: populations.map((population) => ({ id: `c-${population}`, label: `Patients (${population})`, population })),
        reports,
      };
      if (t.status !== 'included') front['status_reason'] = 'No usable numbers';
      trialFiles[slug] = { front, notes: t.notes };
    });
    const registryFiles: GeneratedContent['registry'] = {};
    registry.forEach((r, i) => {
      const entry: Record<string, unknown> = {
        registration: `NCT${String(20_000_000 + i).padStart(8, '0')}`,
        product: r.product,
        targets: ['CD19'],
        cell_type: 'T',
        cell_source: 'PBMC',
        sponsor: 'Sponsor Inc.',
        sponsor_country: 'Nowhere',
        status: 'recruiting',
        source: 'ClinicalTrials.gov',
      };
      if (r.linked) entry['trial'] = `trial-${(i % trials.length) + 1}`;
      registryFiles[`entry-${i + 1}`] = entry;
    });
    return {
      review,
      searches: Object.fromEntries(searches.map((s, i) => [`release-${i + 1}`, { release: i + 1, date: releases[i]!.cutoff, ...s }])),
      trials: trialFiles,
      registry: registryFiles,
    };
  });
});

/** Writes generated content into `root` (created), as curators' files. */
export function writeContent(root: string, content: GeneratedContent): void {
  for (const folder of ['trials', 'searches', 'registry', 'chapters']) mkdirSync(path.join(root, folder), { recursive: true });
  writeFileSync(path.join(root, 'review.yaml'), stringify(content.review));
  for (const [id, search] of Object.entries(content.searches)) writeFileSync(path.join(root, 'searches', `${id}.yaml`), stringify(search));
  for (const [id, entry] of Object.entries(content.registry)) writeFileSync(path.join(root, 'registry', `${id}.yaml`), stringify(entry));
  for (const [slug, { front, notes }] of Object.entries(content.trials)) {
    writeFileSync(path.join(root, 'trials', `${slug}.md`), `---\n${stringify(front)}---\n\n${notes}\n`);
  }
  writeFileSync(
    path.join(root, 'chapters', 'introduction.mdx'),
    '---\ntitle: Introduction\norder: 1\n---\n\nThe review pools <Count of="included" /> trials.\n',
  );
}
