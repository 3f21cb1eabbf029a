/**
 * The components a chapter can use, with every prop: the one description of them, which the
 * curators' guide renders (with examples built from the review's own ids). The prop interfaces
 * here are the components' props; tests/content/field-reference.test.ts compares them with each
 * component's own `Props`, so a prop or value added to a component without its description here
 * fails the tests.
 */
import { REGISTRY_STATUSES } from '../../schemas/index.ts';
import type { NotPooledReason } from '../../lib/review/analyses-types.ts';

/** A value a prop accepts, and what the component then shows (empty when the value says it). */
export interface PropValue {
  value: string;
  text: string;
}

export interface PropDoc {
  name: string;
  /** What the prop takes, in words: "an outcome id from review.yaml", "a release number". */
  type: string;
  /** True, false, or when it is needed: 'with of="patients"'. */
  required: boolean | string;
  /** The value used when the prop is left out. */
  default?: string;
  /** The values allowed, for a prop with a fixed list. */
  values?: readonly PropValue[];
  description: string;
}

/** Ids of the review the examples are written with. */
export interface ExampleIds {
  outcome: string;
  population: string;
  /** A subgroup variable and one of its levels, when the review has subgroups. */
  variable?: { id: string; level: string };
  /** The release numbers of the review, oldest first. */
  releases: readonly number[];
}

export interface ComponentExample {
  /** The MDX a curator writes. */
  code: string;
  /** The props, when the guide can render the example with the current release's numbers. */
  props?: Record<string, unknown>;
}

export interface ComponentDoc {
  /** The name written in MDX; `a` is an ordinary Markdown link. */
  name: 'Estimate' | 'Count' | 'SubgroupTest' | 'Sensitivity' | 'ForestPlot' | 'Certainty' | 'SummaryOfFindings' | 'Since' | 'a';
  summary: string;
  props: readonly PropDoc[];
  examples: (ids: ExampleIds) => ComponentExample[];
}

// -------------------------------------------------------------------------------------------
// Values of the props with a fixed list: the components' types are read from these.

/** <Estimate show>: which number of a pooled result. */
export const ESTIMATE_SHOW = {
  ci: 'the pooled percentage with its confidence interval, named at the level the release was pooled at, e.g. 52.5% (95% CI 41.0 to 63.9)',
  estimate: 'the pooled percentage only, e.g. 52.5%',
  full: 'the percentage and interval with the number of studies, patients and I², e.g. 52.5% (95% CI 41.0 to 63.9; 12 trials, 240 patients; I² = 38%)',
  k: 'the number of rows pooled: cohorts, one per study unless a study gives several',
  trials: 'the number of studies pooled',
  n: 'the number of patients pooled',
  events: 'the number of events pooled',
  i2: 'I², the share of the variation due to differences between studies, e.g. 37.5%',
  tau2: 'tau², the between-study variance on the transformed scale, e.g. 0.0123',
  q_p: "the p value of Cochran's Q test of heterogeneity, e.g. p = 0.043",
  pi: 'the prediction interval, e.g. 20.1% to 80.3%',
} as const satisfies Record<string, string>;

/** <Count of>: what is counted. */
export const COUNT_OF = {
  included: 'studies pooled: status included, with a primary report by the release; with variable and level, those with a pooled cohort in that subgroup level',
  cohorts: 'pooled cohorts of a population; with variable and level, those in that subgroup level',
  patients: 'patients of a population in the pooled studies (each cohort counts the largest n it gives for an outcome of that population); with variable and level, those of one subgroup level',
  described: 'studies with status described (in the tables, not pooled)',
  excluded: 'studies with status excluded',
  reports: 'reports that had entered the review by the release',
  registered: 'entries of the registry folder; with status, those with that registry status',
  releases: 'releases published up to the release being read',
  'outcome-trials': 'studies pooled for one outcome',
  'outcome-cohorts': 'cohorts (rows) pooled for one outcome',
  'not-disclosed': 'pooled cohorts whose report does not disclose one outcome (nd)',
  'not-pooled': 'values recorded for one outcome that are not pooled, whatever the reason; with reason, those for one reason',
} as const satisfies Record<string, string>;

/** <Count of="not-pooled" reason>: why a recorded value is not pooled. */
export const NOT_POOLED_REASONS = {
  not_reported: 'a pooled cohort leaves the outcome out',
  not_disclosed: 'a pooled cohort gives nd',
  cohort_described: 'the cohort has no population: it is only described',
  trial_described: 'the study has status described',
  trial_excluded: 'the study has status excluded',
  report_excluded: 'the report has status excluded',
} as const satisfies Record<NotPooledReason, string>;

/** <Sensitivity show>: which sensitivity result. */
export const SENSITIVITY_SHOW = {
  'loo-range': 'the lowest and highest estimate when each study is left out in turn, e.g. 49.8% to 53.3%',
  'loo-max': 'the study whose omission moves the estimate most, and the estimate without it',
  'trial-loo-range': 'as loo-range, leaving out each study with all its cohorts (the same where every study gives one row)',
  'trial-loo-max': 'as loo-max, leaving out each study with all its cohorts',
  'method-range': 'the range of the estimate across the method-robustness table (every transform with every method)',
  egger: "Egger's regression test for small-study effects, e.g. t = 0.41 on 16 df, p = 0.686",
} as const satisfies Record<string, string>;

/** <SubgroupTest show>: the whole test or its p value. */
export const SUBGROUP_TEST_SHOW = {
  full: 'the test statistic, its degrees of freedom and p, e.g. Q = 3.59, df = 1, p = 0.058',
  p: 'the p value only, e.g. p = 0.058',
} as const satisfies Record<string, string>;

/** <Certainty show>: the rating, with GRADE's symbols, or the plain-language statement. */
export const CERTAINTY_SHOW = {
  rating: 'the certainty in words, e.g. low certainty',
  symbols: "the certainty with GRADE's symbols, e.g. ⊕⊕◯◯ low certainty",
  statement: 'the plain-language statement of the summary-of-findings table',
} as const satisfies Record<string, string>;

/** <SummaryOfFindings kind>: which outcomes. */
export const SOF_KIND = {
  efficacy: 'the efficacy outcomes only',
  safety: 'the safety outcomes only',
} as const satisfies Record<string, string>;

export type EstimateShow = keyof typeof ESTIMATE_SHOW;
export type CountOf = keyof typeof COUNT_OF;
export type SensitivityShow = keyof typeof SENSITIVITY_SHOW;
export type SubgroupTestShow = keyof typeof SUBGROUP_TEST_SHOW;

// -------------------------------------------------------------------------------------------
// The components' props.

export interface EstimateProps {
  outcome: string;
  variable?: string;
  level?: string;
  show?: EstimateShow;
  release?: number;
}

export interface CountProps {
  of: CountOf;
  population?: string;
  variable?: string;
  level?: string;
  outcome?: string;
  status?: string;
  reason?: keyof typeof NOT_POOLED_REASONS;
  release?: number;
}

export interface SubgroupTestProps {
  outcome: string;
  variable: string;
  show?: SubgroupTestShow;
  release?: number;
}

export interface SensitivityProps {
  outcome: string;
  show: SensitivityShow;
  release?: number;
}

export interface ForestPlotProps {
  outcome: string;
  variable?: string;
  release?: number;
  caption?: string;
}

export interface CertaintyProps {
  outcome: string;
  show?: keyof typeof CERTAINTY_SHOW;
  release?: number;
}

export interface SummaryOfFindingsProps {
  kind?: keyof typeof SOF_KIND;
  release?: number;
  caption?: string;
}

export interface SinceProps {
  release?: number;
  until?: number;
}

// -------------------------------------------------------------------------------------------
// The catalogue.

const valuesOf = (table: Record<string, string>): PropValue[] => Object.entries(table).map(([value, text]) => ({ value, text }));

const RELEASE: PropDoc = {
  name: 'release',
  type: 'a release number, written in braces: release={1}',
  required: false,
  default: 'the release being read',
  description:
    "Whose numbers to show. Left out, each release's copy of the chapter shows its own numbers; give it to quote an earlier release, e.g. to say how an estimate moved.",
};
const OUTCOME: PropDoc = { name: 'outcome', type: 'an outcome id from review.yaml', required: true, description: 'The outcome.' };
const VARIABLE: PropDoc = {
  name: 'variable',
  type: 'a subgroup variable id from review.yaml',
  required: false,
  description: 'With level: the result of one subgroup level instead of the overall one.',
};
const LEVEL: PropDoc = { name: 'level', type: 'a level id of that variable', required: 'with variable', description: 'The subgroup level.' };

const lastTwo = (releases: readonly number[]) => releases.slice(-2);

export const CHAPTER_COMPONENTS: readonly ComponentDoc[] = [
  {
    name: 'Estimate',
    summary: 'A pooled proportion, or another number of a pooled result. An outcome no study reports yet reads "not estimable (no trial reports it)".',
    props: [OUTCOME, VARIABLE, LEVEL, { name: 'show', type: 'one of the values below', required: false, default: 'ci', values: valuesOf(ESTIMATE_SHOW), description: 'Which number.' }, RELEASE],
    examples: ({ outcome, variable, releases }) => [
      { code: `<Estimate outcome="${outcome}" />`, props: { outcome } },
      { code: `<Estimate outcome="${outcome}" show="full" />`, props: { outcome, show: 'full' } },
      ...(variable
        ? [{ code: `<Estimate outcome="${outcome}" variable="${variable.id}" level="${variable.level}" show="estimate" />`, props: { outcome, variable: variable.id, level: variable.level, show: 'estimate' } }]
        : []),
      ...(releases.length > 1
        ? [{ code: `<Estimate outcome="${outcome}" release={${releases[0]}} />`, props: { outcome, release: releases[0] } }]
        : []),
    ],
  },
  {
    name: 'Count',
    summary: 'A count of studies, patients, reports or releases.',
    props: [
      { name: 'of', type: 'one of the values below', required: true, values: valuesOf(COUNT_OF), description: 'What to count.' },
      { name: 'population', type: 'a population id from review.yaml', required: 'with of="patients" or of="cohorts"', description: 'The population whose patients or cohorts are counted.' },
      { ...VARIABLE, description: 'With of="included", "cohorts" or "patients" and level: those of one subgroup level.' },
      LEVEL,
      {
        name: 'outcome',
        type: 'an outcome id from review.yaml',
        required: 'with of="outcome-trials", "outcome-cohorts", "not-disclosed" or "not-pooled"',
        description: 'The outcome.',
      },
      {
        name: 'reason',
        type: 'one of the values below',
        required: false,
        values: valuesOf(NOT_POOLED_REASONS),
        description: 'With of="not-pooled": only the values not pooled for this reason.',
      },
      {
        name: 'status',
        type: 'a registry status',
        required: false,
        values: REGISTRY_STATUSES.map((value) => ({ value, text: '' })),
        description: 'With of="registered": only the entries with this status.',
      },
      RELEASE,
    ],
    examples: ({ outcome, population, variable }) => [
      { code: '<Count of="included" />', props: { of: 'included' } },
      { code: `<Count of="patients" population="${population}" />`, props: { of: 'patients', population } },
      ...(variable ? [{ code: `<Count of="included" variable="${variable.id}" level="${variable.level}" />`, props: { of: 'included', variable: variable.id, level: variable.level } }] : []),
      { code: `<Count of="outcome-trials" outcome="${outcome}" />`, props: { of: 'outcome-trials', outcome } },
      { code: `<Count of="not-pooled" outcome="${outcome}" reason="not_reported" />`, props: { of: 'not-pooled', outcome, reason: 'not_reported' } },
      { code: '<Count of="registered" status="recruiting" />' },
    ],
  },
  {
    name: 'SubgroupTest',
    summary:
      "The test for a difference between the levels of a subgroup variable (review.yaml's analysis.subgroup_test says which test). With one level present it reads \"not testable (one level only)\"; for an outcome no study reports yet, \"not testable (no trial reports it)\".",
    props: [
      OUTCOME,
      { ...VARIABLE, required: true, description: 'The subgroup variable whose levels are compared.' },
      { name: 'show', type: 'one of the values below', required: false, default: 'full', values: valuesOf(SUBGROUP_TEST_SHOW), description: 'The whole test or its p value.' },
      RELEASE,
    ],
    examples: ({ outcome, variable }) =>
      variable
        ? [
            { code: `<SubgroupTest outcome="${outcome}" variable="${variable.id}" />`, props: { outcome, variable: variable.id } },
            { code: `<SubgroupTest outcome="${outcome}" variable="${variable.id}" show="p" />`, props: { outcome, variable: variable.id, show: 'p' } },
          ]
        : [{ code: `<SubgroupTest outcome="${outcome}" variable="<subgroup variable id>" />` }],
  },
  {
    name: 'Sensitivity',
    summary: "A sensitivity result from the outcome's page: leave-one-out, the method-robustness table, or Egger's test. What cannot be worked out reads \"not estimable\".",
    props: [OUTCOME, { name: 'show', type: 'one of the values below', required: true, values: valuesOf(SENSITIVITY_SHOW), description: 'Which result.' }, RELEASE],
    examples: ({ outcome }) => [
      { code: `<Sensitivity outcome="${outcome}" show="loo-range" />`, props: { outcome, show: 'loo-range' } },
      { code: `<Sensitivity outcome="${outcome}" show="egger" />`, props: { outcome, show: 'egger' } },
    ],
  },
  {
    name: 'ForestPlot',
    summary: 'A forest plot of one outcome: drawn when the site is built, with its data table for screen readers and an interactive view on request.',
    props: [
      OUTCOME,
      { ...VARIABLE, description: 'Groups the studies by the levels of this subgroup variable, each with its pooled estimate.' },
      RELEASE,
      { name: 'caption', type: 'text', required: false, default: "the outcome's label, and the subgroup variable's", description: "The plot's title, above the pooled estimate it states." },
    ],
    examples: ({ outcome, variable }) => [
      { code: `<ForestPlot outcome="${outcome}" />` },
      ...(variable ? [{ code: `<ForestPlot outcome="${outcome}" variable="${variable.id}" caption="Response by subgroup" />` }] : []),
    ],
  },
  {
    name: 'Certainty',
    summary: "The GRADE certainty of an outcome's pooled estimate (certainty.yaml), or its plain-language statement. An outcome the curators have not rated reads \"certainty not rated\".",
    props: [OUTCOME, { name: 'show', type: 'one of the values below', required: false, default: 'rating', values: valuesOf(CERTAINTY_SHOW), description: 'What to show.' }, RELEASE],
    examples: ({ outcome }) => [
      { code: `<Certainty outcome="${outcome}" />`, props: { outcome } },
      { code: `<Certainty outcome="${outcome}" show="statement" />`, props: { outcome, show: 'statement' } },
    ],
  },
  {
    name: 'SummaryOfFindings',
    summary: 'The summary-of-findings table: each outcome\'s pooled estimate, per 1,000 patients, studies and patients, certainty with its footnotes and plain-language statement.',
    props: [
      { name: 'kind', type: 'one of the values below', required: false, default: 'every outcome', values: valuesOf(SOF_KIND), description: 'Which outcomes.' },
      RELEASE,
      { name: 'caption', type: 'text', required: false, default: 'Summary of findings, release <n>', description: "The table's caption." },
    ],
    examples: () => [{ code: '<SummaryOfFindings />' }, { code: '<SummaryOfFindings kind="safety" caption="Harms" />' }],
  },
  {
    name: 'Since',
    summary:
      "Text that belongs to some releases only, so that each release's copy of the chapter reads as it did then. Put blank lines inside it around whole paragraphs.",
    props: [
      { name: 'release', type: 'a release number, in braces', required: false, description: 'Shown from this release on.' },
      { name: 'until', type: 'a release number, in braces', required: false, description: 'Shown up to and including this release.' },
    ],
    examples: ({ releases }) => {
      const [from, to] = lastTwo(releases.length > 1 ? releases : [1, 2]);
      return [
        { code: `<Since release={${to}}>Release ${to} added the full article.</Since>` },
        { code: `<Since until={${from}}>Only the abstract was available.</Since>` },
      ];
    },
  },
  {
    name: 'a',
    summary:
      "An ordinary Markdown link. A link to a page of the site written from the site's root gets the site's address in front of it, and on a frozen release's pages a link to a chapter or an outcome stays within that release.",
    props: [{ name: 'href', type: 'a path from the site root, or a full web address', required: true, description: 'Where the link goes.' }],
    examples: ({ outcome }) => [{ code: `[the pooled results](/outcomes/${outcome}/)` }, { code: '[the methods](/chapters/methods/)' }],
  },
];
