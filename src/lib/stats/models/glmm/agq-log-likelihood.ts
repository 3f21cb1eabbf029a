import type { BinomialCells } from './binomial-cells.ts';
import { gaussHermiteRule } from './gauss-hermite-rule.ts';

/** Points of the adaptive Gauss-Hermite quadrature: metafor's default `nAGQ = 7`. */
export const AGQ_POINTS = 7;

const RULE = gaussHermiteRule(AGQ_POINTS);
const NODES = RULE.nodes;
const WEIGHTS = RULE.weights;
const LOG_WEIGHTS = WEIGHTS.map(Math.log);
const HALF_SQUARES = NODES.map((z) => (z * z) / 2);
const CENTRE = (AGQ_POINTS - 1) / 2;
const MODE_ITERATIONS = 60;

/** log(1 + e^η) without overflow. */
function softplus(eta: number): number {
  return eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
}

/** 1 / (1 + e^-η) without overflow. */
function expit(eta: number): number {
  if (eta >= 0) return 1 / (1 + Math.exp(-eta));
  const e = Math.exp(eta);
  return e / (1 + e);
}

/**
 * Conditional mode û of g(u) = x(μ + τu) - n log(1 + e^(μ+τu)) - u²/2 (strictly concave):
 * Newton's method from the cell's last mode, kept inside the bracket [τ(x - n), τx] that
 * holds the root and bisecting when a step leaves it.
 */
function conditionalMode(x: number, size: number, mu: number, tau: number, start: number): number {
  let lower = tau * (x - size);
  let upper = tau * x;
  let u = start > lower && start < upper ? start : (lower + upper) / 2;
  for (let iteration = 0; iteration < MODE_ITERATIONS; iteration++) {
    const p = expit(mu + tau * u);
    const slope = tau * (x - size * p) - u;
    if (slope > 0) lower = u;
    else upper = u;
    const curvature = tau * tau * size * p * (1 - p) + 1;
    let next = u + slope / curvature;
    const newtonStep = next > lower && next < upper;
    if (!newtonStep) next = (lower + upper) / 2;
    const change = Math.abs(next - u);
    u = next;
    // quadratic convergence: after a Newton step below 1e-8 the mode is exact to rounding (a
    // small bisection step is no such sign: it only says the bracket is narrow)
    if (newtonStep && change <= 1e-8 * (1 + Math.abs(u))) break;
  }
  return u;
}

/**
 * Log-likelihood of the binomial-normal (random-intercept logistic) model, logit pᵢ = μ + τuᵢ
 * with uᵢ ~ N(0, 1), each study's integral by adaptive Gauss-Hermite quadrature of
 * AGQ_POINTS nodes centred at the conditional mode û and scaled by the curvature
 * h = τ²nᵢp̂(1 - p̂) + 1 there (lme4's `glmer(nAGQ = 7)` deviance):
 * log Lᵢ ≈ -½ log h + log Σ_q w_q exp(g(û + z_q/√h) + z_q²/2), without the binomial
 * coefficients. With a gradient array it also gives the exact derivatives in (μ, τ), the mode
 * and scale differentiated implicitly, and leaves each cell's derivative in μ in `cells.scores`.
 * At τ = 0 it is the common-effect binomial log-likelihood. The function is even in τ.
 *
 * Reference: Pinheiro JC, Bates DM (1995). Approximations to the log-likelihood function in
 * the nonlinear mixed-effects model. Journal of Computational and Graphical Statistics 4(1),
 * 12-35. https://doi.org/10.1080/10618600.1995.10474663
 *
 * @param cells the studies (their modes are updated as warm starts)
 * @param mu fixed intercept μ (logit scale)
 * @param signedTau standard deviation τ of the random intercepts (the sign is ignored)
 * @param gradient length 2: receives ∂/∂μ and ∂/∂τ of the log-likelihood (optional)
 * @returns the log-likelihood
 * @throws never
 * @example
 * agqLogLikelihood(binomialCells([2, 5], [10, 12], [0.6, 0.3]), -0.5, 0.4)
 */
export function agqLogLikelihood(cells: BinomialCells, mu: number, signedTau: number, gradient?: Float64Array): number {
  const { events, sizes, counts, modes, scores } = cells;
  // even in τ: evaluate at |τ|
  const tau = Math.abs(signedTau);
  let total = 0;
  let gradMu = 0;
  let gradTau = 0;
  for (let c = 0; c < counts.length; c++) {
    const count = counts[c]!;
    if (count === 0) continue;
    const x = events[c]!;
    const size = sizes[c]!;
    const u = conditionalMode(x, size, mu, tau, modes[c]!);
    modes[c] = u;
    const etaHat = mu + tau * u;
    const pHat = expit(etaHat);
    const vHat = pHat * (1 - pHat);
    const h = tau * tau * size * vHat + 1;
    const sigma = 1 / Math.sqrt(h);
    const gHat = x * etaHat - size * softplus(etaHat) - (u * u) / 2;
    // terms relative to the centre node (z = 0, the mode), for stability
    let sum = WEIGHTS[CENTRE]!;
    let sumScoreMu = sum * (x - size * pHat);
    let sumScoreTau = sumScoreMu * u;
    let sumSlope = 0; // Σ π g'(s) and Σ π g'(s) z (the centre node has g'(û) = 0)
    let sumSlopeZ = 0;
    for (let q = 0; q < AGQ_POINTS; q++) {
      if (q === CENTRE) continue;
      const z = NODES[q]!;
      const s = u + sigma * z;
      const eta = mu + tau * s;
      // one exponential gives both log(1 + e^η) and the probability
      let logOnePlus: number;
      let probability: number;
      if (eta > 0) {
        const e = Math.exp(-eta);
        logOnePlus = eta + Math.log1p(e);
        probability = 1 / (1 + e);
      } else {
        const e = Math.exp(eta);
        logOnePlus = Math.log1p(e);
        probability = e / (1 + e);
      }
      const term = Math.exp(LOG_WEIGHTS[q]! + x * eta - size * logOnePlus - (s * s) / 2 + HALF_SQUARES[q]! - gHat);
      sum += term;
      if (gradient) {
        const residual = x - size * probability;
        sumScoreMu += term * residual;
        sumScoreTau += term * s * residual;
        const slope = tau * residual - s;
        sumSlope += term * slope;
        sumSlopeZ += term * slope * z;
      }
    }
    const logLikelihood = Math.log(sigma) + gHat + Math.log(sum);
    total += count * logLikelihood;
    if (gradient) {
      const residualHat = x - size * pHat;
      const duMu = (-tau * size * vHat) / h;
      const duTau = (residualHat - tau * u * size * vHat) / h;
      const dv = vHat * (1 - 2 * pHat);
      const dhMu = tau * tau * size * dv * (1 + tau * duMu);
      const dhTau = 2 * tau * size * vHat + tau * tau * size * dv * (u + tau * duTau);
      const dLogSigmaMu = -dhMu / (2 * h);
      const dLogSigmaTau = -dhTau / (2 * h);
      // d log L = d log σ + Σ π_q [∂g(s_q) + g'(s_q)(dû + z_q σ d log σ)]
      const scoreMu = dLogSigmaMu + (sumScoreMu + sumSlope * duMu + sumSlopeZ * sigma * dLogSigmaMu) / sum;
      const scoreTau = dLogSigmaTau + (sumScoreTau + sumSlope * duTau + sumSlopeZ * sigma * dLogSigmaTau) / sum;
      scores[c] = scoreMu;
      gradMu += count * scoreMu;
      gradTau += count * scoreTau;
    }
  }
  if (gradient) {
    gradient[0] = gradMu;
    gradient[1] = signedTau < 0 ? -gradTau : gradTau;
  }
  return total;
}
