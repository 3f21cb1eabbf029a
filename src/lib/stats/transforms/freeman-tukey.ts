/**
 * Freeman-Tukey double arcsine transform of x events out of n, as metafor `escalc("PFT")`:
 * t = ½ [asin √(x / (n + 1)) + asin √((x + 1) / (n + 1))], with sampling variance 1 / (4n + 2).
 *
 * Caveat (metafor's documentation, Schwarzer et al. 2019; Röver and Friede 2022): the
 * transform is not recommended for meta-analysis of proportions. Its back-transform depends
 * on a sample size, and with the harmonic mean of very unequal study sizes the pooled
 * proportion can be seriously misleading, even outside the range of the study proportions.
 * It is offered so that published reviews that used it (Stata `metaprop`, many prevalence
 * reviews) can be reproduced; prefer PLO or PAS for new analyses.
 *
 * Reference: Freeman MF, Tukey JW (1950). Transformations related to the angular and the
 * square root. Annals of Mathematical Statistics 21(4), 607-611.
 * https://doi.org/10.1214/aoms/1177729756; caveat: Schwarzer G et al. (2019), Research
 * Synthesis Methods 10(3), 476-483, https://doi.org/10.1002/jrsm.1348, and Röver C, Friede T
 * (2022), Research Synthesis Methods 13(5), 645-648, https://doi.org/10.1002/jrsm.1591
 *
 * @param events events x (a count, possibly continuity-corrected), 0 ≤ x ≤ n
 * @param n participants n
 * @returns the transformed value (transformed scale, between 0 and π/2)
 * @throws never: values outside the domain give NaN or are clamped as described
 * @example
 * freemanTukey(3, 11) // 0.569539242134…
 */
export function freemanTukey(events: number, n: number): number {
  return 0.5 * (Math.asin(Math.sqrt(events / (n + 1))) + Math.asin(Math.sqrt((events + 1) / (n + 1))));
}
