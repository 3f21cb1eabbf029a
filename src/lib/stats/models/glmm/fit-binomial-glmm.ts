import { StatsInputError } from '../../errors.ts';
import { messages } from '../../messages.ts';
import { agqLogLikelihood } from './agq-log-likelihood.ts';
import type { BinomialCells } from './binomial-cells.ts';

/** A fitted binomial model on the logit scale. */
export interface BinomialFit {
  /** pooled logit μ */
  readonly mu: number;
  /** between-study standard deviation τ (0 for the common-effect model or at the boundary) */
  readonly tau: number;
  /** sampling variance of μ: inverse observed information of (τ, μ), or of μ alone at τ = 0 */
  readonly variance: number;
  /** log-likelihood (binomial coefficients left out) */
  readonly logLikelihood: number;
  /** the random-effects fit ended at τ = 0: the common-effect binomial fit */
  readonly boundary: boolean;
  /** Newton iterations (0 for a closed-form fit) */
  readonly iterations: number;
}

/** Where the random-effects fit starts (a neighbouring fit, for refits). */
export interface BinomialStart {
  readonly mu: number;
  readonly tau: number;
}

const MAX_ITERATIONS = 200;
/** beyond this τ the likelihood is taken to have no finite maximum */
const TAU_LIMIT = 100;
const HESSIAN_STEP = 1e-5;

const gradient = new Float64Array(2);
const plus = new Float64Array(2);
const minus = new Float64Array(2);
const hessian = new Float64Array(3);

/** Hessian [∂²μμ, ∂²μτ, ∂²ττ] by forward differences of the exact gradient (`gradient` holds it at the point). */
function forwardHessian(cells: BinomialCells, mu: number, tau: number): void {
  const step = 1e-6;
  agqLogLikelihood(cells, mu + step, tau, plus);
  agqLogLikelihood(cells, mu, tau + step, minus);
  hessian[0] = (plus[0]! - gradient[0]!) / step;
  hessian[1] = (plus[1]! - gradient[1]! + minus[0]! - gradient[0]!) / (2 * step);
  hessian[2] = (minus[1]! - gradient[1]!) / step;
}

/** Hessian [∂²μμ, ∂²μτ, ∂²ττ] of the log-likelihood by central differences of the exact gradient. */
function centralHessian(cells: BinomialCells, mu: number, tau: number): void {
  agqLogLikelihood(cells, mu + HESSIAN_STEP, tau, plus);
  agqLogLikelihood(cells, mu - HESSIAN_STEP, tau, minus);
  const muMu = (plus[0]! - minus[0]!) / (2 * HESSIAN_STEP);
  const tauMu = (plus[1]! - minus[1]!) / (2 * HESSIAN_STEP);
  agqLogLikelihood(cells, mu, tau + HESSIAN_STEP, plus);
  agqLogLikelihood(cells, mu, tau - HESSIAN_STEP, minus);
  const muTau = (plus[0]! - minus[0]!) / (2 * HESSIAN_STEP);
  hessian[0] = muMu;
  hessian[1] = (tauMu + muTau) / 2;
  hessian[2] = (plus[1]! - minus[1]!) / (2 * HESSIAN_STEP);
}

/** Where Newton's method on (μ, τ) ended: the maximum, or why it failed. */
interface NewtonResult {
  readonly mu: number;
  readonly tau: number;
  readonly value: number;
  readonly iterations: number;
  readonly failed: 'unbounded' | 'not-converged' | null;
}

/**
 * Newton's method on (μ, τ) from a start, with a Levenberg shift where the Hessian is not
 * negative definite, steps of at most 4 and step halving until the likelihood does not fall.
 */
function newton(cells: BinomialCells, startMu: number, startTau: number): NewtonResult {
  let mu = startMu;
  let tau = startTau;
  let value = agqLogLikelihood(cells, mu, tau, gradient);
  let iterations = 0;
  while (iterations < MAX_ITERATIONS) {
    iterations++;
    forwardHessian(cells, mu, tau);
    let a = hessian[0]!;
    const b = hessian[1]!;
    let d = hessian[2]!;
    // make the Hessian negative definite (Levenberg) when it is not
    const largest = (a + d) / 2 + Math.sqrt(((a - d) / 2) ** 2 + b * b);
    if (!(largest < 0)) {
      const shift = largest + 1e-3 * (1 + Math.abs(a) + Math.abs(d));
      a -= shift;
      d -= shift;
    }
    const det = a * d - b * b;
    const g0 = gradient[0]!;
    const g1 = gradient[1]!;
    const stepMu = -(d * g0 - b * g1) / det;
    const stepTau = -(a * g1 - b * g0) / det;
    // at most a step of 4 on either scale: the quadratic model is local
    let length = Math.min(1, 4 / Math.max(Math.abs(stepMu), Math.abs(stepTau)));
    let next = value;
    let nextMu = mu;
    let nextTau = tau;
    for (let halving = 0; halving < 60; halving++) {
      nextMu = mu + length * stepMu;
      nextTau = tau + length * stepTau;
      next = agqLogLikelihood(cells, nextMu, nextTau, gradient);
      if (Number.isFinite(next) && next >= value - 1e-12 * Math.abs(value)) break;
      length /= 2;
    }
    const moved = Math.max(Math.abs(nextMu - mu) / (1 + Math.abs(mu)), Math.abs(nextTau - tau) / (1 + Math.abs(tau)));
    mu = nextMu;
    tau = nextTau;
    value = next;
    if (Math.abs(tau) > TAU_LIMIT) return { mu, tau, value, iterations, failed: 'unbounded' };
    // Newton converges quadratically: a full step below 1e-7 leaves an error far below 1e-10
    if (moved < 1e-10 || (length === 1 && moved < 1e-7)) {
      return { mu, tau, value, iterations, failed: null };
    }
  }
  return { mu, tau, value, iterations, failed: 'not-converged' };
}

/**
 * Fits the binomial models of proportions by maximum likelihood on the logit scale, as
 * metafor's `rma.glmm(measure = "PLO")`: the common-effect model (`method = "EE"`, a logistic
 * regression: μ = logit(Σx / Σn), variance 1 / Σ nᵢp̂(1 - p̂)) or the random-intercept model
 * (`method = "ML"`, lme4 `glmer(nAGQ = 7)`), whose log-likelihood (adaptive Gauss-Hermite
 * quadrature) is maximised over (μ, τ) by Newton's method with the exact gradient, a
 * forward-difference Hessian and a backtracking line search, to a relative step below 1e-10
 * (or a full step below 1e-7). The variance of μ is the (μ, μ) element of the inverse observed
 * information of (τ, μ) (central differences of the gradient), as lme4's `vcov()` from its
 * finite-difference Hessian of the deviance.
 *
 * The likelihood is even in τ and flat at τ = 0; when its curvature there in τ,
 * Σ [(xᵢ - nᵢp̂)² - nᵢp̂(1 - p̂)] at the common-effect p̂ (the score of τ²), is not positive,
 * τ = 0 is the maximum and the common-effect fit is returned with `boundary` set (lme4 then
 * stops at θ = 0 too). A single study gives the common-effect fit.
 *
 * Reference: Stijnen T, Hamza TH, Özdemir P (2010). Random effects meta-analysis of event
 * outcome in the framework of the generalized linear mixed model with applications in sparse
 * data. Statistics in Medicine 29(29), 3046-3067. https://doi.org/10.1002/sim.4040
 *
 * @param cells the studies, grouped by counts
 * @param random the random-intercept model (true) or the common-effect model (false)
 * @param start where Newton's method starts (default from the moments of the logits)
 * @returns the fit
 * @throws StatsInputError when no finite estimate exists: no events or only events in every
 *   study (μ = ∓∞), or, for the random-intercept model, every study with 0 or n events
 *   (τ grows without bound), or a fit that does not converge
 * @example
 * fitBinomialGlmm(binomialCells([2, 3, 50], [10, 20, 60], [0.625, 0.39, 0.12]), true).tau ** 2 // 2.3613…
 */
export function fitBinomialGlmm(cells: BinomialCells, random: boolean, start?: BinomialStart): BinomialFit {
  const { events, sizes, counts } = cells;
  let totalEvents = 0;
  let totalSize = 0;
  let degenerate = true;
  for (let c = 0; c < counts.length; c++) {
    if (counts[c] === 0) continue;
    totalEvents += counts[c]! * events[c]!;
    totalSize += counts[c]! * sizes[c]!;
    if (events[c]! > 0 && events[c]! < sizes[c]!) degenerate = false;
  }
  if (totalEvents === 0) throw new StatsInputError(messages.glmmNoEvents(cells.studies));
  if (totalEvents === totalSize) throw new StatsInputError(messages.glmmOnlyEvents(cells.studies));
  const p = totalEvents / totalSize;
  const common = {
    mu: Math.log(totalEvents / (totalSize - totalEvents)),
    tau: 0,
    variance: 1 / (totalSize * p * (1 - p)),
    logLikelihood: totalEvents * Math.log(p) + (totalSize - totalEvents) * Math.log1p(-p),
    boundary: random,
    iterations: 0,
  };
  if (!random || cells.studies < 2) return common;
  // curvature in τ at τ = 0 (the score of τ²): not positive means the maximum is at τ = 0
  let curvature = 0;
  let sumW = 0;
  let sumWY = 0;
  let sumWYY = 0;
  let sumWW = 0;
  for (let c = 0; c < counts.length; c++) {
    const count = counts[c]!;
    if (count === 0) continue;
    const x = events[c]!;
    const size = sizes[c]!;
    curvature += count * ((x - size * p) ** 2 - size * p * (1 - p));
    // moments of the half-corrected logits, for the starting values
    const y = Math.log((x + 0.5) / (size - x + 0.5));
    const w = 1 / (1 / (x + 0.5) + 1 / (size - x + 0.5));
    sumW += count * w;
    sumWY += count * w * y;
    sumWYY += count * w * y * y;
    sumWW += count * w * w;
  }
  // (relative to the information Σ nᵢp̂(1 - p̂): Bernoulli studies give exactly 0 up to rounding)
  // Not positive: τ = 0 is a local maximum, but the likelihood may still peak higher at some τ > 0.
  const zeroIsLocalMaximum = curvature <= 1e-9 * totalSize * p * (1 - p);
  if (degenerate) {
    if (zeroIsLocalMaximum) return common;
    throw new StatsInputError(messages.glmmUnboundedTau2(cells.studies));
  }
  const starts: BinomialStart[] = [];
  if (start && Number.isFinite(start.mu) && start.tau > 0) starts.push(start);
  else {
    // DerSimonian-Laird on the corrected logits, τ at least 0.1
    const Q = sumWYY - (sumWY * sumWY) / sumW;
    const tau2 = Math.max(0, (Q - (cells.studies - 1)) / (sumW - sumWW / sumW));
    starts.push({ mu: sumWY / sumW, tau: Math.max(0.1, Math.sqrt(tau2)) });
  }
  // The likelihood can have more than one peak in τ (and a dip after a local maximum at τ = 0):
  // a first fit also starts from τ = 1, lme4's start, and a refit does where τ = 0 is a local
  // maximum; the highest peak is kept.
  if (starts[0] !== start || zeroIsLocalMaximum) starts.push({ mu: common.mu, tau: 1 });
  let best: NewtonResult | null = null;
  for (const from of starts) {
    const result = newton(cells, from.mu, from.tau);
    if (result.failed !== null) {
      // a search from τ > 0 that fails leaves τ = 0 where that is a local maximum
      if (zeroIsLocalMaximum) continue;
      throw new StatsInputError(result.failed === 'unbounded' ? messages.glmmUnboundedTau2(cells.studies) : messages.glmmNotConverged(result.iterations));
    }
    if (best === null || result.value > best.value) best = result;
  }
  if (best === null) return common;
  const { mu, value, iterations } = best;
  const tau = Math.abs(best.tau);
  if (tau < 1e-8 || value < common.logLikelihood) return common;
  // observed information of (τ, μ) at the maximum: variance of μ = its inverse's (μ, μ) element
  centralHessian(cells, mu, tau);
  const det = hessian[0]! * hessian[2]! - hessian[1]! ** 2;
  const variance = -hessian[2]! / det;
  agqLogLikelihood(cells, mu, tau, gradient); // leave the scores of the maximum in the cells
  return { mu, tau, variance, logLikelihood: value, boundary: false, iterations };
}
