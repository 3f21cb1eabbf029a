/**
 * Studies of a binomial model grouped by their counts: the likelihood of the binomial models
 * depends on the studies only through the multiset of (events, n), so studies with the same
 * counts form one cell with a multiplicity, and every sum runs over cells. Leave-one-out and
 * cumulative refits change a multiplicity and refit (O(cells) per evaluation).
 */
export interface BinomialCells {
  /** cell of each study, by input position (-1 for studies never placed) */
  readonly cellOf: Int32Array;
  /** per cell: events, size, studies currently in the cell */
  readonly events: Float64Array;
  readonly sizes: Float64Array;
  readonly counts: Float64Array;
  /** per cell: sampling variance of the (corrected) logit, for the typical within-study variance */
  readonly variances: Float64Array;
  /** per cell: conditional mode of the random effect at the last evaluation (warm start) */
  readonly modes: Float64Array;
  /** per cell: derivative of the cell's log-likelihood in μ at the last evaluation (one study) */
  readonly scores: Float64Array;
  /** number of studies currently in the cells */
  studies: number;
}

/**
 * Groups studies by their counts into {@link BinomialCells}.
 *
 * Reference: Stijnen T, Hamza TH, Özdemir P (2010). Random effects meta-analysis of event
 * outcome in the framework of the generalized linear mixed model with applications in sparse
 * data. Statistics in Medicine 29(29), 3046-3067. https://doi.org/10.1002/sim.4040
 *
 * @param events events of every study (input order)
 * @param n sizes of every study
 * @param variances sampling variance of each study's logit (after any continuity correction)
 * @param members positions of the studies placed in the cells (default all; [] for none)
 * @returns the cells, with every study of the input assigned to one
 * @throws never: counts were validated before
 * @example
 * binomialCells([1, 1, 2], [10, 10, 10], [1.1, 1.1, 0.56]).counts // [2, 1]
 */
export function binomialCells(
  events: readonly number[],
  n: readonly number[],
  variances: ArrayLike<number>,
  members?: readonly number[],
): BinomialCells {
  const k = events.length;
  const index = new Map<string, number>();
  const cellOf = new Int32Array(k);
  const cellEvents: number[] = [];
  const cellSizes: number[] = [];
  const cellVariances: number[] = [];
  for (let i = 0; i < k; i++) {
    const key = `${events[i]}/${n[i]}`;
    let cell = index.get(key);
    if (cell === undefined) {
      cell = index.size;
      index.set(key, cell);
      cellEvents.push(events[i]!);
      cellSizes.push(n[i]!);
      cellVariances.push(variances[i]!);
    }
    cellOf[i] = cell;
  }
  const cells = index.size;
  const counts = new Float64Array(cells);
  const placed = members ?? null;
  if (placed === null) for (let i = 0; i < k; i++) counts[cellOf[i]!]!++;
  else for (const i of placed) counts[cellOf[i]!]!++;
  return {
    cellOf,
    events: Float64Array.from(cellEvents),
    sizes: Float64Array.from(cellSizes),
    counts,
    variances: Float64Array.from(cellVariances),
    modes: new Float64Array(cells),
    scores: new Float64Array(cells),
    studies: placed === null ? k : placed.length,
  };
}
