/**
 * A seeded pseudo-random generator (mulberry32) with the few draws the synthetic review needs.
 * The same seed gives the same sequence on every machine, so a synthetic review is
 * reproducible from its size and seed alone.
 *
 * Reference: Tommy Ettinger's mulberry32 (public domain), a 32-bit generator with a period of
 * 2³²; plenty for test data, not for statistics.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** Standard normal (Box-Muller). */
  normal(): number;
  /** Binomial(n, p) by counting n Bernoulli draws (n is small here: patients in a trial). */
  binomial(n: number, p: number): number;
}

/**
 * @param seed any integer; equal seeds give equal sequences
 * @example createRandom(1).int(1, 6) // the same value on every run
 */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    binomial: (n, p) => {
      let k = 0;
      for (let i = 0; i < n; i++) if (next() < p) k++;
      return k;
    },
  };
}
