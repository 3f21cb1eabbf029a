/**
 * Shared by the stats tests: the one tolerance table of the suite (as metafor's
 * tests/testthat/settings.r), a relative-tolerance comparison (vitest's toBeCloseTo is
 * absolute), and the loader of the metafor fixtures written by
 * scripts/r/make-stats-fixtures.R.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const TOLERANCE = {
  /** engine against metafor fixtures (relative, plus the same absolute floor) */
  metafor: 1e-9,
  /** special functions against R's stats package */
  distribution: 1e-12,
  /** figures printed with two decimals (percent points) */
  printed: 0.005,
  /** forward then inverse transform */
  roundTrip: 1e-9,
  /** the same analysis with the studies in another order (sums in another order) */
  reordering: 1e-8,
  /** two computations that are the same arithmetic (e.g. tau² = 0 and the common-effect model) */
  identity: 1e-12,
  /** a value printed in a JSDoc example with all its digits */
  example: 1e-14,
} as const;

/** |actual - expected| ≤ tolerance · (1 + |expected|), with the field named on failure. */
export function expectClose(actual: number | null | undefined, expected: number | null | undefined, tolerance: number, label = ''): void {
  if (expected === null || expected === undefined || Number.isNaN(expected)) {
    expect(actual === null || actual === undefined || Number.isNaN(actual), `${label}: expected no value, got ${actual}`).toBe(true);
    return;
  }
  expect(typeof actual, `${label}: expected a number`).toBe('number');
  const gap = Math.abs((actual as number) - expected);
  expect(gap <= tolerance * (1 + Math.abs(expected)), `${label}: got ${actual}, metafor ${expected} (gap ${gap.toExponential(2)})`).toBe(true);
}

/** Compares every numeric field that `expected` has (nested objects and arrays included). */
export function expectFieldsClose(actual: unknown, expected: unknown, tolerance: number, label = ''): void {
  if (typeof expected === 'number' || expected === null) {
    expectClose(actual as number, expected, tolerance, label);
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(actual), `${label}: expected an array`).toBe(true);
    expect((actual as unknown[]).length, `${label}: length`).toBe(expected.length);
    expected.forEach((value, i) => expectFieldsClose((actual as unknown[])[i], value, tolerance, `${label}[${i}]`));
  } else if (typeof expected === 'object' && expected !== null) {
    for (const [key, value] of Object.entries(expected)) {
      expectFieldsClose((actual as Record<string, unknown> | undefined)?.[key], value, tolerance, label ? `${label}.${key}` : key);
    }
  }
}

/** Reads tests/fixtures/metafor/<name>.json. */
export function loadFixture<T>(name: string): T {
  const url = new URL(`../fixtures/metafor/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as T;
}

/** Percent with two decimals, as the curation notes and the paper print them. */
export const percent = (proportion: number): number => Math.round(proportion * 10000) / 100;

/**
 * Compares a Q-profile interval with metafor's confint(). metafor searches tau² only up to
 * max(100, 10 tau²) and reports that limit ("> 100") when the crossing lies beyond it; the
 * engine finds the crossing, so there it must only be above the limit.
 */
export function expectTau2Interval(
  actual: { tau2_lower: number; tau2_upper: number } | null,
  expected: Record<string, number> | undefined,
  tau2: number,
  label = 'tau2_ci',
): void {
  if (expected === undefined) {
    expect(actual, label).toBeNull();
    return;
  }
  expect(actual, label).not.toBeNull();
  if (expected['tau2_upper'] === Math.max(100, 10 * tau2)) {
    expect(actual!.tau2_upper, `${label}: beyond metafor's search limit`).toBeGreaterThan(expected['tau2_upper']);
    expectClose(actual!.tau2_lower, expected['tau2_lower'], TOLERANCE.metafor, `${label}.tau2_lower`);
    return;
  }
  expectFieldsClose(actual, expected, TOLERANCE.metafor, label);
}
