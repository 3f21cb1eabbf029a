/**
 * The options of review.yaml's `analysis` block with advice on when to choose each value. The
 * lists of values are the schema's own enums (src/schemas/review.ts), and each advice table is
 * typed by its enum, so a value added to a schema without advice here does not compile. The
 * curators' guide and the review.yaml that `npm run new-review` writes both read this.
 */
import {
  analysisSchema,
  CI_METHODS,
  SUBGROUP_TESTS,
  TAU2_METHODS,
  TRANSFORMS,
  type Analysis,
} from '../../schemas/index.ts';
import { describeSchema, type Described } from './describe-schema.ts';

export interface OptionValue {
  value: string;
  /** The value's name in words, e.g. "logit". */
  name: string;
  /** When to choose it. */
  when: string;
  /** For a transform: how the pooled value is turned back into a proportion. */
  backTransform?: string;
}

export interface AnalysisOption {
  field: keyof Analysis;
  /** What the option decides. */
  summary: string;
  /** The value used when the field is left out, as YAML would show it. */
  default?: string;
  /** The values allowed, in schema order; none for a number. */
  values: OptionValue[];
  /** For a number: the range allowed, read from the schema. */
  range?: string;
  /** Advice on the option as a whole. */
  advice?: string;
}

type Advice<V extends string> = Record<V, Omit<OptionValue, 'value'>>;

const TRANSFORM_ADVICE: Advice<(typeof TRANSFORMS)[number]> = {
  PFT: {
    name: 'Freeman-Tukey double arcsine',
    when:
      'Only to reproduce a published analysis that used it. Its back-transform needs one sample size for the whole analysis, so with studies of very unequal size the pooled proportion can be misleading (Schwarzer et al. 2019; Röver and Friede 2022).',
    backTransform:
      "Miller's inverse, with the harmonic mean of the sizes of the studies in that analysis (each subgroup level uses the harmonic mean of its own studies).",
  },
  PAS: {
    name: 'arcsine square root',
    when:
      'When many studies have no events or only events (rare adverse events, very high response): it needs no continuity correction, and the variance of a study, 1/(4n), depends on its size only.',
    backTransform: 'sin² of the pooled value.',
  },
  PLO: {
    name: 'logit',
    when:
      'The usual choice for a new review: the log-odds scale suits proportions anywhere between 0 and 1 and its results are the easiest to compare with other reviews. A study with no events or only events gets ½ added to its events and non-events, which pulls its proportion slightly towards 50%.',
    backTransform: 'The inverse logit, exp(x) / (1 + exp(x)).',
  },
  PRAW: {
    name: 'untransformed proportion',
    when:
      'Only when every proportion is well away from 0 and 1: intervals can run below 0% or above 100% (they are shown as computed, not cut off), and a study with no events or only events needs the continuity correction.',
    backTransform: 'None: the pooled value is a proportion already.',
  },
};

const METHOD_ADVICE: Advice<(typeof TAU2_METHODS)[number]> = {
  FE: {
    name: 'common-effect model',
    when:
      'Assumes every study estimates the same proportion (no between-study variance). Rarely true of studies in different settings; choose it only when the protocol says so.',
  },
  DL: {
    name: 'DerSimonian-Laird',
    when: 'The classic estimator, in closed form: choose it to reproduce a published analysis that used it. It tends to underestimate tau² when the studies differ a lot.',
  },
  REML: {
    name: 'restricted maximum likelihood',
    when:
      'The recommended default for a random-effects model, also with few studies. When it does not converge, the analysis falls back to DerSimonian-Laird and says so in its warnings.',
  },
  ML: {
    name: 'maximum likelihood',
    when: 'Underestimates tau² when the studies are few; mainly for comparison with REML.',
  },
  PM: {
    name: 'Paule-Mandel',
    when: 'A good alternative to REML (both are recommended for proportions); choose it when REML struggles to converge or the protocol names it.',
  },
  HE: {
    name: 'Hedges',
    when: 'An unweighted method-of-moments estimator; rarely the first choice, useful for comparison.',
  },
  SJ: {
    name: 'Sidik-Jonkman',
    when: 'Never estimates tau² as zero and tends to give larger values; for sensitivity analyses rather than the main one.',
  },
};

const CI_ADVICE: Advice<(typeof CI_METHODS)[number]> = {
  z: {
    name: 'Wald (normal distribution)',
    when: 'The default, and what most published reviews report. With few studies its intervals can be too narrow.',
  },
  hk: {
    name: 'Hartung-Knapp',
    when:
      'A t distribution on k − 1 degrees of freedom with an adjusted standard error: wider, and closer to the stated coverage when the studies are few or differ a lot. Recommended for a random-effects model with few studies; a single study gets no interval.',
  },
};

const SUBGROUP_TEST_ADVICE: Advice<(typeof SUBGROUP_TESTS)[number]> = {
  separate: {
    name: 'separate tau² per level',
    when:
      "Each level is pooled on its own, with its own tau², and a Q-test on (levels − 1) degrees of freedom compares the level estimates (R meta's and Stata's default). Choose it when the levels may differ in heterogeneity as well as in their proportion, and to reproduce most published subgroup analyses.",
  },
  common: {
    name: 'common tau² (mixed-effects model)',
    when:
      'One model with a tau² shared by all levels, and its test of the subgroup term (chi-square, or F with Hartung-Knapp). Choose it when some levels have few studies, so that a tau² of their own would be poorly estimated.',
  },
};

function values<V extends string>(list: readonly V[], advice: Advice<V>): OptionValue[] {
  return list.map((value) => ({ value, ...advice[value] }));
}

const fields = describeSchema(analysisSchema).shape;
const field = (name: keyof Analysis): Described | undefined => (fields.type === 'object' ? fields.fields.find((f) => f.name === name) : undefined);
const defaultOf = (name: keyof Analysis): string | undefined => {
  const d = field(name);
  return d?.hasDefault ? String(d.default) : undefined;
};
const rangeOf = (name: keyof Analysis): string | undefined => {
  const s = field(name)?.shape;
  if (s?.type !== 'number') return undefined;
  const min = s.min ? `${s.min.inclusive ? 'at least' : 'more than'} ${s.min.value}` : '';
  const max = s.max ? `${s.max.inclusive ? 'at most' : 'less than'} ${s.max.value}` : '';
  return [min, max].filter(Boolean).join(' and ');
};

function option(o: AnalysisOption): AnalysisOption {
  const d = defaultOf(o.field);
  const r = rangeOf(o.field);
  return { ...o, ...(d !== undefined ? { default: d } : {}), ...(r ? { range: r } : {}) };
}

/** Every option of the `analysis` block, in schema order, with the schema's values and defaults. */
export const ANALYSIS_OPTIONS: readonly AnalysisOption[] = [
  option({
    field: 'transform',
    summary:
      "The scale on which proportions are pooled. Each study's proportion is transformed, the transformed values are pooled, and the pooled value and its interval are turned back into a proportion (the back-transform, set by the transform).",
    values: values(TRANSFORMS, TRANSFORM_ADVICE),
    advice: 'For a new review, PLO (logit) or PAS (arcsine); PFT only to reproduce a published analysis.',
  }),
  option({
    field: 'method',
    summary: 'How the studies are weighed: a random-effects model with an estimator of tau², the variance of the true proportions between studies, or FE, a common-effect model without it.',
    values: values(TAU2_METHODS, METHOD_ADVICE),
    advice: 'REML unless the protocol says otherwise; DL to reproduce an older analysis.',
  }),
  option({
    field: 'ci',
    summary: 'How the confidence interval of a pooled proportion is worked out.',
    values: values(CI_METHODS, CI_ADVICE),
    advice: 'z to match most published reviews; hk with few studies or large heterogeneity.',
  }),
  option({
    field: 'level',
    summary: 'The coverage of the confidence and prediction intervals.',
    values: [],
    advice: '0.95 unless the protocol says otherwise.',
  }),
  option({
    field: 'subgroup_test',
    summary: "How subgroup levels are pooled and compared (review.yaml's subgroups).",
    values: values(SUBGROUP_TESTS, SUBGROUP_TEST_ADVICE),
    advice: 'separate, unless some levels have very few studies.',
  }),
];

/**
 * The outcome pages show every transform with every method in their method-robustness table,
 * so readers see whether the choice matters; the guide says so.
 */
export const ROBUSTNESS_NOTE =
  "Whatever the review chooses, each outcome's page shows a method-robustness table that pools the outcome again with every transform and every method, so readers can see how much the choice matters.";
