/**
 * The pooling methods of the method-robustness table in words: each row's name ("Random effects,
 * Paule-Mandel, Hartung-Knapp interval"), the rows grouped by family (transformation, binomial
 * models, subsets by risk of bias), and a legend that says in plain words what each method
 * present does. The codes are the engine's (src/lib/stats/methods.ts); the legend names them too,
 * so that a reader can find a row in analyses.json.
 */
import { TAU2_METHODS, TRANSFORMS } from '../stats/methods.ts';

/** What a robustness row says of its method (RobustnessRow in analyses-types.ts). */
export interface MethodRow {
  transform: string;
  method: string;
  ci: string;
  label: string;
  subset?: string;
  /** The model actually fitted, when it was (a binomial model may fall back to its common-effect form). */
  result?: { method: string } | null;
}

/** One row as the table shows it. */
export interface WordedRow<R> {
  row: R;
  /** Its name within its group, e.g. "Random effects, Paule-Mandel". */
  name: string;
  /** The group's short name, read before the row's name by screen readers: "Logit". Empty for subsets. */
  prefix: string;
  /** A common-effect model (no between-study variance): no prediction interval, marked on the plot. */
  commonEffect: boolean;
}

/** A family of rows under one heading. */
export interface MethodGroup<R> {
  /** e.g. "transform-PLO", "binomial", "subsets". */
  id: string;
  heading: string;
  rows: WordedRow<R>[];
}

/** A term of the legend and what it means. */
export interface LegendEntry {
  term: string;
  text: string;
}

const TRANSFORM_WORDS: Record<string, { short: string; heading: string; text: string }> = {
  PFT: {
    short: 'Freeman-Tukey',
    heading: 'Freeman-Tukey double arcsine transformation',
    text: "Each study's proportion is put on the double arcsine scale (Freeman and Tukey 1950), which steadies its variance, pooled there, and turned back into a percentage with Miller's back-transform, which uses the harmonic mean of the studies' sizes (as metafor's transf.ipft.hm and Stata's metaprop). With studies of very unequal size the back-transformed value can mislead.",
  },
  PAS: {
    short: 'Arcsine',
    heading: 'Arcsine square-root transformation',
    text: "Each study's proportion is put on the arcsine square-root scale, where its variance depends on the study's size only (1/4n), so studies with no events need no correction; the pooled value is turned back with sin².",
  },
  PLO: {
    short: 'Logit',
    heading: 'Logit transformation',
    text: 'Each study\'s proportion is put on the log-odds scale, pooled there and turned back with the inverse logit. A study with no events (or only events) gets ½ added to its events and non-events.',
  },
  PRAW: {
    short: 'Untransformed',
    heading: 'Untransformed proportions',
    text: 'The proportions are pooled as they are. Near 0% or 100% their intervals can run past the end of the scale (an arrow on the plot).',
  },
};

const ESTIMATOR_WORDS: Record<string, { name: string; text: string }> = {
  DL: { name: 'DerSimonian-Laird', text: 'The classic method-of-moments estimator of the between-study variance τ², in closed form; it tends to underestimate τ² when the studies differ a lot.' },
  REML: { name: 'restricted maximum likelihood', text: 'Estimates τ² by restricted maximum likelihood: the usual recommendation for a random-effects model.' },
  ML: { name: 'maximum likelihood', text: 'Estimates τ² by maximum likelihood; with few studies it tends to give smaller values than REML.' },
  PM: { name: 'Paule-Mandel', text: "Chooses τ² so that the weighted spread of the studies matches what chance alone would give; recommended, like REML, for proportions." },
  HE: { name: 'Hedges', text: 'An unweighted method-of-moments estimator of τ².' },
  SJ: { name: 'Sidik-Jonkman', text: 'An estimator of τ² that is never zero and tends to give larger values, so wider intervals.' },
};

const COMMON_EFFECT = new Set(['FE', 'GLMM-FE']);
const GLMM = new Set(['GLMM', 'GLMM-FE']);

/** Whether a row's model is a common-effect one: as asked, or as fitted after a fallback. */
export const isCommonEffect = (r: MethodRow): boolean => COMMON_EFFECT.has(r.method) || COMMON_EFFECT.has(r.result?.method ?? '');

/**
 * A row's method in words, within its group (the group names the transformation).
 * @example methodWords({ transform: 'PLO', method: 'PM', ci: 'hk', label: 'PLO-PM (Hartung-Knapp)' }) // -> 'Random effects, Paule-Mandel, Hartung-Knapp interval'
 */
export function methodWords(r: MethodRow): string {
  if (r.subset) return r.label;
  const model =
    r.method === 'FE'
      ? 'Common effect'
      : r.method === 'GLMM'
        ? 'Random effects, binomial-normal model (GLMM)'
        : r.method === 'GLMM-FE'
          ? 'Common effect, binomial model'
          : `Random effects, ${ESTIMATOR_WORDS[r.method]?.name ?? r.method}`;
  const ci =
    r.ci === 'hk' ? (GLMM.has(r.method) ? ', t interval' : ', Hartung-Knapp interval') : r.ci === 'hk-adhoc' ? ', Hartung-Knapp interval, ad hoc correction' : '';
  return `${model}${ci}`;
}

/**
 * The rows in families, in this order: one group per transformation (inverse-variance models),
 * the binomial models of the counts, then the review's method on subsets by risk of bias. Rows
 * keep their order within a group; empty groups are left out.
 */
export function methodGroups<R extends MethodRow>(rows: readonly R[]): MethodGroup<R>[] {
  const worded = (row: R, prefix: string): WordedRow<R> => ({ row, name: methodWords(row), prefix, commonEffect: isCommonEffect(row) });
  const groups: MethodGroup<R>[] = [];
  const transforms = [...TRANSFORMS, ...new Set(rows.map((r) => r.transform).filter((t) => !(TRANSFORMS as readonly string[]).includes(t)))];
  for (const t of transforms) {
    const own = rows.filter((r) => !r.subset && !GLMM.has(r.method) && r.transform === t);
    const words = TRANSFORM_WORDS[t] ?? { short: t, heading: t };
    if (own.length > 0) groups.push({ id: `transform-${t}`, heading: words.heading, rows: own.map((r) => worded(r, words.short)) });
  }
  const binomial = rows.filter((r) => !r.subset && GLMM.has(r.method));
  if (binomial.length > 0) groups.push({ id: 'binomial', heading: 'Binomial models of the counts (logit scale)', rows: binomial.map((r) => worded(r, 'Binomial')) });
  const subsets = rows.filter((r) => r.subset);
  if (subsets.length > 0) groups.push({ id: 'subsets', heading: "The review's method on part of the studies, by risk of bias", rows: subsets.map((r) => worded(r, '')) });
  return groups;
}

/**
 * What each method among the rows means, in plain words: the transformations, the common-effect
 * model, the τ² estimators, the intervals and the binomial models that appear, in that order.
 * @example methodLegend([{ transform: 'PLO', method: 'FE', ci: 'z', label: 'PLO-FE' }]).map((e) => e.term) // -> ['Logit transformation (PLO)', 'Common effect (FE)', 'Wald interval']
 */
export function methodLegend(rows: readonly MethodRow[]): LegendEntry[] {
  const out: LegendEntry[] = [];
  const plain = rows.filter((r) => !r.subset);
  const has = (p: (r: MethodRow) => boolean) => plain.some(p);
  for (const t of TRANSFORMS) {
    if (has((r) => r.transform === t && !GLMM.has(r.method))) out.push({ term: `${TRANSFORM_WORDS[t]!.heading} (${t})`, text: TRANSFORM_WORDS[t]!.text });
  }
  if (has((r) => r.method === 'FE'))
    out.push({
      term: 'Common effect (FE)',
      text: 'Assumes every study measures the same proportion and weights each by its precision alone (inverse variance). It has no between-study variance, so no prediction interval; its dot on the plot is hollow.',
    });
  if (has((r) => (TAU2_METHODS as readonly string[]).includes(r.method)))
    out.push({
      term: 'Random effects',
      text: "Lets the true proportion differ from study to study, by a between-study variance τ²; each study is weighted by its own variance plus τ². The rows differ in how τ² is estimated.",
    });
  for (const m of TAU2_METHODS) {
    const w = ESTIMATOR_WORDS[m]!;
    if (has((r) => r.method === m)) out.push({ term: `${w.name[0]!.toUpperCase()}${w.name.slice(1)} (${m})`, text: w.text });
  }
  if (has((r) => r.ci === 'z'))
    out.push({ term: 'Wald interval', text: 'Unless a row names another, its interval is the estimate plus and minus its standard error times the normal quantile of the confidence level; with few studies it can be too narrow.' });
  if (has((r) => r.ci === 'hk' && !GLMM.has(r.method)))
    out.push({
      term: 'Hartung-Knapp interval',
      text: 'Uses a t distribution on k − 1 degrees of freedom and a standard error scaled by how much the studies actually scatter: usually wider, and closer to its stated coverage when studies are few or differ a lot. When the studies agree closely it can be narrower than the Wald interval.',
    });
  if (has((r) => r.ci === 'hk-adhoc'))
    out.push({ term: 'Ad hoc correction', text: 'Hartung-Knapp with its standard error never smaller than the Wald one, so the interval is never narrower than it would be without the scaling (Knapp and Hartung 2003; metafor\'s test = "adhoc").' });
  if (has((r) => r.method === 'GLMM'))
    out.push({
      term: 'Binomial-normal model (GLMM)',
      text: "Models each study's events as binomial, with the log-odds varying between studies as a normal distribution, fitted by maximum likelihood: no continuity correction and no approximate within-study variances, so it suits rare events and studies without events best.",
    });
  if (has((r) => r.method === 'GLMM-FE'))
    out.push({ term: 'Common-effect binomial model', text: 'The binomial model without between-study variance (logistic regression of the counts): every study is taken to measure the same proportion.' });
  if (has((r) => GLMM.has(r.method) && r.ci === 'hk'))
    out.push({ term: 't interval', text: "A binomial model's interval from a t distribution on k − 1 degrees of freedom instead of the normal one." });
  return out;
}
