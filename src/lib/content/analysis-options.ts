/**
 * The options of review.yaml's `analysis` block with advice on when to choose each value. The
 * lists of values are the schema's own enums (src/schemas/review.ts), and each advice table is
 * typed by its enum, so a value added to a schema without advice here does not compile. The
 * curators' guide and the review.yaml that `npm run new-review` writes both read this.
 */
import {
  analysisSchema,
  CI_METHODS,
  I2_DEFINITIONS,
  POOLING_METHODS,
  PREDICTION_INTERVALS,
  SUBGROUP_TESTS,
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
  /**
   * The value a new review starts with (npm run new-review writes it out), when it differs from
   * the schema's default: the default keeps the published numbers of reviews that leave the
   * field out, the recommendation suits a new, small review.
   */
  recommended?: string;
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

const METHOD_ADVICE: Advice<(typeof POOLING_METHODS)[number]> = {
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
  GLMM: {
    name: 'binomial-normal model (GLMM)',
    when:
      'Models the events of each study as binomial with a normally distributed logit between studies, fitted by maximum likelihood: no continuity correction and no approximate within-study variances, so it suits rare events and studies with no events best (Stijnen et al. 2010). Needs transform PLO. When the between-study variance cannot be estimated (for example one event among hundreds of patients), the analysis falls back to the common-effect binomial model and says so beside the estimate.',
  },
  'GLMM-FE': {
    name: 'common-effect binomial model',
    when: 'The binomial model without between-study variance: every study estimates the same proportion. Needs transform PLO; choose it only when the protocol says so.',
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
      'A t distribution on k − 1 degrees of freedom with an adjusted standard error: wider, and closer to the stated coverage when the studies are few or differ a lot. A single study gets no interval. With studies that agree closely (for example all without events) the adjustment can make the interval narrower than Wald\'s; hk-adhoc prevents that.',
  },
  'hk-adhoc': {
    name: 'Hartung-Knapp with the ad hoc correction',
    when:
      'Hartung-Knapp whose standard error is never smaller than the Wald one (metafor test = "adhoc"; Knapp and Hartung 2003). Recommended for small reviews of single-arm studies, where several studies often have no events. With a GLMM, use hk (a t distribution on k − 1 degrees of freedom).',
  },
};

const PREDICTION_ADVICE: Advice<(typeof PREDICTION_INTERVALS)[number]> = {
  ci: {
    name: "the confidence interval's distribution",
    when: 'The same distribution as the confidence interval (metafor 3.8): normal with z, t on k − 1 degrees of freedom with hk. With tau² estimated as zero the prediction interval then equals the confidence interval.',
  },
  z: { name: 'normal', when: 'A normal distribution whatever the confidence interval uses; narrow with few studies.' },
  't-k1': { name: 't on k − 1 degrees of freedom', when: 'Wider than z with few studies.' },
  't-k2': {
    name: 't on k − 2 degrees of freedom',
    when:
      'Higgins, Thompson and Spiegelhalter (2009) and IntHout et al. (2016): accounts for the uncertainty of tau² as well, so the interval stays wider than the confidence interval even when tau² is estimated as zero. Recommended for small reviews; needs at least 3 studies.',
  },
};

const I2_ADVICE: Advice<(typeof I2_DEFINITIONS)[number]> = {
  tau2: {
    name: 'from tau²',
    when: "100 tau² / (tau² + typical within-study variance), as metafor reports it: consistent with the review's tau² estimator.",
  },
  Q: {
    name: "from Cochran's Q",
    when: '100 (Q − df) / Q, truncated at 0 (Higgins and Thompson 2002), as R meta and Stata report it: choose it to compare with reviews that used those.',
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
    values: values(POOLING_METHODS, METHOD_ADVICE),
    advice: 'REML unless the protocol says otherwise; DL to reproduce an older analysis.',
  }),
  option({
    field: 'ci',
    summary: 'How the confidence interval of a pooled proportion is worked out.',
    values: values(CI_METHODS, CI_ADVICE),
    advice: 'hk-adhoc for a small review (what a new review starts with); z to match most published reviews.',
    recommended: 'hk-adhoc',
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
  option({
    field: 'prediction_interval',
    summary: 'Where the true proportion of a new study like these would lie: the prediction interval, and the distribution its width is taken from.',
    values: values(PREDICTION_INTERVALS, PREDICTION_ADVICE),
    advice: 't-k2 for a small review (what a new review starts with); ci to reproduce a published analysis.',
    recommended: 't-k2',
  }),
  option({
    field: 'prediction_min_k',
    summary: 'The fewest studies for which pages show a prediction interval; with fewer, it reads "too few studies". The data carry it either way.',
    values: [],
    advice: '3 (t-k2 needs three); 5 or more if the protocol says so.',
  }),
  option({
    field: 'i2',
    summary: 'Which definition of I², the share of variability due to differences between studies, leads the pages. Both are computed and published, each labelled.',
    values: values(I2_DEFINITIONS, I2_ADVICE),
    advice: 'tau2, unless the review is compared with ones made in R meta or Stata.',
  }),
  option({
    field: 'egger_min_k',
    summary: "The fewest studies for which Egger's regression test and its line on the funnel plot are given.",
    values: [],
    advice: '10, as R meta and the Cochrane Handbook advise: with fewer studies the test has too little power to mean much.',
  }),
  option({
    field: 'correction',
    summary: 'The continuity correction: an amount added to the events and non-events of studies with 0 or n events, so their logit or raw proportion has a finite variance (PAS, PFT and GLMM need none).',
    values: [],
    advice: 'Leave it out for the usual 0.5 to studies with 0 or n events.',
  }),
];

/**
 * The outcome pages show every transform with every method in their method-robustness table,
 * so readers see whether the choice matters; the guide says so.
 */
export const ROBUSTNESS_NOTE =
  "Whatever the review chooses, each outcome's page shows a method-robustness table that pools the outcome again with every transform and every method, so readers can see how much the choice matters.";
