/**
 * Fewest studies for which a test of funnel-plot asymmetry is shown by default: 10.
 *
 * With fewer studies Egger's test has too little power to tell chance from real asymmetry,
 * so guidance advises against it (Sterne et al. 2011), and R meta's `metabias()` declines
 * below `k.min = 10` unless asked. `eggerTest` itself computes from 3 studies on; this is
 * the default below which a page or table should not offer the test.
 *
 * Reference: Sterne JAC, Sutton AJ, Ioannidis JPA, et al. (2011). Recommendations for
 * examining and interpreting funnel plot asymmetry in meta-analyses of randomised controlled
 * trials. BMJ 343, d4002. https://doi.org/10.1136/bmj.d4002
 *
 * @example
 * if (k >= EGGER_MIN_K) showEgger(eggerTest(input));
 */
export const EGGER_MIN_K = 10;
