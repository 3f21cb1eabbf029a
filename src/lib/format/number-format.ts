/**
 * The one number-format rule of the site. Every number a reader sees (running text, tables,
 * captions, plot labels) and every number of the CSV downloads is written by a function of this
 * module, so the same number reads the same wherever it appears.
 *
 * | Quantity                         | Written as                                   | Example                 |
 * | -------------------------------- | -------------------------------------------- | ----------------------- |
 * | Proportion of an outcome         | percent, `digits` of the outcome (below)     | 52.5, 0.84, 0.020       |
 * | its CI, PI, study rows, subgroup, leave-one-out, trim-and-fill, plot labels | the same digits | 41.0 to 63.9 |
 * | Change of an estimate            | percentage points, the outcome's digits, signed with "+" or "−" (U+2212); a change that rounds to zero ("0.0", "0.00") is unsigned and no change | +1.2, −0.05 |
 * | I² (either definition), R²       | one decimal and "%"                          | 62.4%                   |
 * | τ²                               | four decimals; below 0.0001 (not 0) three significant digits as a power of ten | 0.0312, 3.20 × 10⁻⁵ |
 * | Q, t, F, z and other statistics  | two decimals                                 | 20.15                   |
 * | Meta-regression coefficient (transformed scale), its CI | two significant digits of its standard error: 2 to 6 decimals | −0.42 |
 * | Influence diagnostic             | its column's decimals; two significant digits when that shows fewer | 0.0031 |
 * | Baujat plot coordinates          | three significant digits, whole from 100     | 0.412, 12.3, 145        |
 * | p-value                          | "< 0.001" or three decimals                  | < 0.001, 0.058          |
 * | Weight of a study or subgroup, a share of the pooled weight | one decimal and "%" | 12.3%         |
 * | Counts (patients, events, k)     | whole number, thousands separated by ","     | 1,234                   |
 * | A configured share (a threshold of review.yaml) | percent, at most one decimal, no trailing ".0" | 50%, 66.7% |
 * | Confidence level of an interval (the release's analysis.level) | percent in its shortest form (levelPercent, ciName) | 90% CI, 99.5% CI |
 * | Not a number / infinite          | "–" (en dash)                                | –                       |
 * | CSV cell                         | ASCII, at most 10 significant digits, no "%", proportions on the 0-1 scale, NA for missing | 0.02463054187 |
 *
 * An outcome's digits come from the magnitude of its pooled estimate (the overall estimate; the
 * crude proportion of its studies when nothing is pooled), or of its complement, whichever is
 * nearer 0, so that the estimate keeps at least two significant digits:
 *
 * | min(p, 1 − p)       | decimals of the percent |
 * | ------------------- | ----------------------- |
 * | 1% or more          | 1                       |
 * | 0.1% to below 1%    | 2                       |
 * | 0.01% to below 0.1% | 3                       |
 * | below 0.01%         | 4                       |
 *
 * Every number of that outcome (study estimates, confidence and prediction intervals, subgroup,
 * leave-one-out and trim-and-fill estimates, plot labels, captions) is written with those
 * digits: `outcomeFormat(reference)` gives the functions, so a page and its plot call the same
 * thing. Axis tick labels of a plot are round values and show only the decimals their step
 * needs. An earlier release's published estimate is written at its own digits, as that
 * release's pages give it.
 *
 * Rounding is decimal and half away from zero, on the shortest decimal that reads back as the
 * number (so 0.125 gives 0.13 and 1.005 gives 1.01, which binary toFixed gets wrong), and a
 * value that rounds to zero is never written "−0.0". Text writes a negative number with the
 * minus sign U+2212; the CSV with the ASCII hyphen-minus. JSON files keep full precision.
 */

/** The minus sign of running text, tables and plots (U+2212). */
export const MINUS = '\u2212';
/** What text shows for a number that is missing, not a number or infinite. */
export const NOT_A_NUMBER = '–';
/** Significant digits of a number in a CSV file. */
export const CSV_SIGNIFICANT_DIGITS = 10;

/**
 * A finite number rounded to `digits` decimals, as ASCII ("-" for a negative), after moving the
 * decimal point `shift` places right (2 turns a proportion into a percent) without binary error.
 * Rounds half away from zero on the shortest decimal form of the number; never "-0".
 * @example roundDecimal(0.0005, 3, 2) // -> '0.050'
 */
export function roundDecimal(x: number, digits: number, shift = 0): string {
  if (!Number.isFinite(x)) throw new RangeError(`roundDecimal needs a finite number, not ${x}`);
  const d = Math.max(0, Math.trunc(digits));
  const [mantissa = '0', exp = '0'] = Math.abs(x).toExponential().split('e');
  const all = mantissa.replace('.', '');
  const e = Number(exp) + shift;
  // digit i of `all` has the place value 10^(e - i); keep those down to 10^-d
  const keep = e + d + 1;
  let units = 0n;
  if (keep >= 0) {
    const kept = all.length >= keep ? all.slice(0, keep) : all.padEnd(keep, '0');
    units = BigInt(kept === '' ? '0' : kept);
    if ((all[keep] ?? '0') >= '5') units += 1n;
  }
  const text = units.toString().padStart(d + 1, '0');
  const body = d === 0 ? text : `${text.slice(0, text.length - d)}.${text.slice(text.length - d)}`;
  return x < 0 && units !== 0n ? `-${body}` : body;
}

/** A number with `digits` decimals for text: minus sign U+2212, "–" when not finite. */
export function fixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return NOT_A_NUMBER;
  return roundDecimal(x, digits).replace('-', MINUS);
}

/**
 * The decimals of an outcome's percentages, from its pooled estimate (0-1): 1 from 1%, 2 from
 * 0.1%, 3 from 0.01%, 4 below, measured on the estimate or its complement, whichever is nearer
 * 0. One decimal for 0, 1 and anything not finite.
 */
export function digitsFor(reference: number): number {
  if (!Number.isFinite(reference)) return 1;
  const m = Math.min(Math.abs(reference), Math.abs(1 - reference));
  if (m === 0) return 1;
  return DIGIT_BANDS.find((band) => m >= band.from)!.digits;
}

/** The bands of digitsFor, largest first: from this proportion (0-1) up, this many decimals of the percent. */
export const DIGIT_BANDS: readonly { from: number; digits: number }[] = [
  { from: 0.01, digits: 1 },
  { from: 0.001, digits: 2 },
  { from: 0.0001, digits: 3 },
  { from: 0, digits: 4 },
];

/** A proportion (0-1) as a percentage with `digits` decimals, without "%": 0.5252 -> "52.5". */
export function percent(p: number, digits = 1): string {
  if (!Number.isFinite(p)) return NOT_A_NUMBER;
  return roundDecimal(p, digits, 2).replace('-', MINUS);
}

/**
 * A pooled proportion as a percentage (no "%") with the digits of `reference` (digitsFor): give
 * the outcome's pooled estimate as `reference` for every number of that outcome.
 */
export function pooledPercent(p: number, reference: number = p): string {
  return percent(p, digitsFor(reference));
}

/**
 * A signed change in percentage points with `digits` decimals: "+1.2", "−0.5"; a change that
 * rounds to zero is "0.0" (see isChange).
 */
export function signedChange(d: number, digits = 1): string {
  if (!Number.isFinite(d)) return NOT_A_NUMBER;
  const v = roundDecimal(d, digits, 2);
  if (/^[0.]+$/.test(v)) return v;
  return v.startsWith('-') ? `${MINUS}${v.slice(1)}` : `+${v}`;
}

/** Whether a change of a proportion (0-1) shows as a change at `digits` decimals of a percent: "0.0" is none. */
export function isChange(d: number, digits = 1): boolean {
  return Number.isFinite(d) && !/^-?[0.]+$/.test(roundDecimal(d, digits, 2));
}

/** I² (or R², or any percentage of 0-100) with one decimal and "%": "62.4%". */
export function i2Percent(x: number): string {
  return Number.isFinite(x) ? `${fixed(x, 1)}%` : NOT_A_NUMBER;
}

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** τ² with four decimals; below 0.0001 (and not 0) with three significant digits as a power of ten: "3.20 × 10⁻⁵". */
export function tau2Value(x: number): string {
  if (!Number.isFinite(x)) return NOT_A_NUMBER;
  if (x === 0 || Math.abs(x) >= 0.0001) return fixed(x, 4);
  const [m = '0', e = '0'] = x.toExponential(2).split('e');
  const power = String(Number(e)).replace(/./g, (c) => SUPERSCRIPT[c] ?? c);
  return `${m.replace('-', MINUS)} × 10${power}`;
}

/** A test statistic (Q, t, F, z, a slope's Wald statistic) with two decimals: "20.15". */
export function statistic(x: number): string {
  return fixed(x, 2);
}

/** Decimals of a coefficient with standard error `se`: two significant digits of the SE, from 2 to 6 (3 when the SE is not positive). */
export function coefficientDigits(se: number): number {
  return Number.isFinite(se) && se > 0 ? Math.min(6, Math.max(2, 1 - Math.floor(Math.log10(se)))) : 3;
}

/**
 * A diagnostic with `digits` decimals, or two significant digits when those decimals would show
 * fewer (the small leverages of many rows); "–" for null or not finite.
 */
export function diagnostic(x: number | null, digits: number): string {
  if (x === null || !Number.isFinite(x)) return NOT_A_NUMBER;
  if (x !== 0 && Math.abs(x) < 10 ** (1 - digits)) {
    const e = Math.floor(Math.log10(Math.abs(Number(x.toPrecision(2)))));
    return fixed(x, 1 - e);
  }
  return fixed(x, digits);
}

/** A number with `n` significant digits (whole when it has more digits before the point): significant(0.041234, 3) -> "0.0412". */
export function significant(x: number, n: number): string {
  if (!Number.isFinite(x)) return NOT_A_NUMBER;
  if (x === 0) return fixed(0, n - 1);
  const e = Math.floor(Math.log10(Math.abs(Number(x.toPrecision(n)))));
  return fixed(x, Math.max(0, n - 1 - e));
}

/** A p-value as journals print it: "< 0.001" or three decimals. */
export function pValue(p: number): string {
  if (!Number.isFinite(p)) return NOT_A_NUMBER;
  return p < 0.001 ? '< 0.001' : roundDecimal(p, 3);
}

/** "p < 0.001" or "p = 0.058". */
export function pText(p: number): string {
  const v = pValue(p);
  return v.startsWith('<') ? `p ${v}` : `p = ${v}`;
}

/** A weight in percent (0-100) with one decimal and "%": "12.3%". */
export function weightPercent(w: number): string {
  return Number.isFinite(w) ? `${fixed(w, 1)}%` : NOT_A_NUMBER;
}

/** A configured share (0-1), such as a threshold of review.yaml, as a percent with at most one decimal: 0.5 -> "50%", 0.667 -> "66.7%". */
export function sharePercent(x: number): string {
  return Number.isFinite(x) ? `${percent(x, 1).replace(/\.0$/, '')}%` : NOT_A_NUMBER;
}

/**
 * A confidence level (0-1) as a percent without "%", in its shortest form and without binary
 * noise: 0.95 -> "95", 0.9 -> "90", 0.995 -> "99.5" (at most four decimals); "–" when not finite.
 * Every text that names the level of an interval writes it with this (or ciName).
 */
export function levelPercent(level: number): string {
  if (!Number.isFinite(level)) return NOT_A_NUMBER;
  const text = roundDecimal(level, 4, 2);
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** The short name of a confidence interval at `level` (0-1): 0.9 -> "90% CI". */
export function ciName(level: number): string {
  return `${levelPercent(level)}% CI`;
}

/** The short name of a prediction interval at `level` (0-1): 0.9 -> "90% PI". */
export function piName(level: number): string {
  return `${levelPercent(level)}% PI`;
}

const COUNT_FORMAT = new Intl.NumberFormat('en', { maximumFractionDigits: 0, useGrouping: true });

/** A count for text, thousands separated: 1234 -> "1,234". */
export function count(n: number): string {
  if (!Number.isFinite(n)) return NOT_A_NUMBER;
  return COUNT_FORMAT.format(n).replace('-', MINUS);
}

/**
 * A number for a CSV cell: ASCII, at most CSV_SIGNIFICANT_DIGITS significant digits, in the
 * shortest form that reads back as that rounded value ("0.02463054187", "1.5e-7", "12");
 * "NA" when not finite.
 */
export function csvNumber(x: number): string {
  if (!Number.isFinite(x)) return 'NA';
  const rounded = Number(x.toPrecision(CSV_SIGNIFICANT_DIGITS));
  return rounded === 0 ? '0' : String(rounded);
}

/** The formatting of one outcome's numbers: every proportion at the outcome's digits. */
export interface OutcomeFormat {
  /** Decimals of every percentage of the outcome. */
  digits: number;
  /** A proportion (0-1) as a percentage without "%": "52.5". */
  pct(p: number): string;
  /** A proportion with "%": "52.5%". */
  pctSign(p: number): string;
  /** An interval without "%": "41.0 to 63.9". */
  interval(lower: number, upper: number): string;
  /** An estimate and its interval: "52.5 (41.0 to 63.9)". */
  estimate(e: number, lower: number, upper: number): string;
  /** The bracketed form of plots: "52.5 [41.0, 63.9]". */
  bracketed(e: number, lower: number, upper: number): string;
  /** A signed change in percentage points: "+1.2", "−0.5", "0.0". */
  change(d: number): string;
  /** Whether a change shows as one at these digits. */
  isChange(d: number): boolean;
}

/** The formatting of an outcome whose pooled estimate (0-1) is `reference`; see the table at the top of this module. */
export function outcomeFormat(reference: number): OutcomeFormat {
  return formatWithDigits(digitsFor(reference));
}

/** The formatting of an outcome's numbers at `digits` decimals of a percent (digitsFor gives them). */
export function formatWithDigits(digits: number): OutcomeFormat {
  const pct = (p: number) => percent(p, digits);
  return {
    digits,
    pct,
    pctSign: (p) => (Number.isFinite(p) ? `${pct(p)}%` : NOT_A_NUMBER),
    interval: (l, u) => `${pct(l)} to ${pct(u)}`,
    estimate: (e, l, u) => `${pct(e)} (${pct(l)} to ${pct(u)})`,
    bracketed: (e, l, u) => `${pct(e)} [${pct(l)}, ${pct(u)}]`,
    change: (d) => signedChange(d, digits),
    isChange: (d) => isChange(d, digits),
  };
}

/**
 * The proportion an outcome's digits come from: its overall pooled estimate, else the crude
 * proportion of its studies (events over patients), else 0.5 (one decimal).
 */
export function outcomeReference(o: {
  overall?: { proportion: { estimate: number } } | null;
  studies?: readonly { events: number; n: number }[];
}): number {
  if (o.overall && Number.isFinite(o.overall.proportion.estimate)) return o.overall.proportion.estimate;
  const events = (o.studies ?? []).reduce((s, x) => s + x.events, 0);
  const n = (o.studies ?? []).reduce((s, x) => s + x.n, 0);
  return n > 0 ? events / n : 0.5;
}

/** The formatting of an outcome's numbers, from its analysis (outcomeReference). */
export function formatOf(o: Parameters<typeof outcomeReference>[0]): OutcomeFormat {
  return outcomeFormat(outcomeReference(o));
}
