/** Nodes and weights of a Gauss-Hermite rule for the standard normal density. */
export interface GaussHermiteRule {
  /** nodes z_q, ascending */
  readonly nodes: Float64Array;
  /** weights w_q (they sum to 1): Σ w_q f(z_q) ≈ ∫ f(z) φ(z) dz */
  readonly weights: Float64Array;
}

const rules = new Map<number, GaussHermiteRule>();

/**
 * The Gauss-Hermite rule of `points` nodes for the standard normal density φ (the rule of
 * lme4's `GHrule()`, used by its adaptive quadrature with `nAGQ = points`). The roots of the
 * Hermite polynomial are found by Newton's method from the classical starting values, the
 * weights from the derivative at each root; the result is cached.
 *
 * Reference: Golub GH, Welsch JH (1969). Calculation of Gauss quadrature rules. Mathematics
 * of Computation 23(106), 221-230. https://doi.org/10.1090/S0025-5718-69-99647-1
 *
 * @param points number of nodes (1 to 50)
 * @returns nodes and weights (weights sum to 1)
 * @throws RangeError for a number of nodes outside 1..50
 * @example
 * gaussHermiteRule(3).nodes // [-1.7320508075688772, 0, 1.7320508075688772]
 */
export function gaussHermiteRule(points: number): GaussHermiteRule {
  const cached = rules.get(points);
  if (cached) return cached;
  if (!Number.isInteger(points) || points < 1 || points > 50) throw new RangeError(`Gauss-Hermite rule of ${points} points`);
  // roots x of the physicists' Hermite polynomial H_m, weights for exp(-x²) (Numerical Recipes' gauher)
  const m = points;
  const x = new Float64Array(m);
  const w = new Float64Array(m);
  const half = Math.floor((m + 1) / 2);
  const PIM4 = 0.7511255444649425; // π^(-1/4)
  let z = 0;
  for (let i = 0; i < half; i++) {
    if (i === 0) z = Math.sqrt(2 * m + 1) - 1.85575 * Math.pow(2 * m + 1, -0.16667);
    else if (i === 1) z -= (1.14 * Math.pow(m, 0.426)) / z;
    else if (i === 2) z = 1.86 * z - 0.86 * x[0]!;
    else if (i === 3) z = 1.91 * z - 0.91 * x[1]!;
    else z = 2 * z - x[i - 2]!;
    let derivative = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      // orthonormal recurrence: p_j = z √(2/j) p_{j-1} - √((j-1)/j) p_{j-2}
      let p1 = PIM4;
      let p2 = 0;
      for (let j = 1; j <= m; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = z * Math.sqrt(2 / j) * p2 - Math.sqrt((j - 1) / j) * p3;
      }
      derivative = Math.sqrt(2 * m) * p2;
      const previous = z;
      z = previous - p1 / derivative;
      if (Math.abs(z - previous) <= 1e-15 * Math.max(1, Math.abs(z))) break;
    }
    x[i] = z;
    x[m - 1 - i] = -z;
    w[i] = 2 / (derivative * derivative);
    w[m - 1 - i] = w[i]!;
  }
  const nodes = new Float64Array(m);
  const weights = new Float64Array(m);
  const root = Math.sqrt(Math.PI);
  for (let q = 0; q < m; q++) {
    // x ran from the largest root down: store ascending, scaled to the normal density
    nodes[q] = Math.SQRT2 * x[m - 1 - q]!;
    weights[q] = w[m - 1 - q]! / root;
  }
  if (m % 2 === 1) nodes[(m - 1) / 2] = 0;
  const rule = { nodes, weights };
  rules.set(points, rule);
  return rule;
}
