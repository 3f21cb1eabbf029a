/**
 * The pooled results the site shows, as written by `npm run pool` (the build runs it first).
 * Pages and components read releases through here, never the JSON directly.
 */
// Aliased in astro.config.mjs (src/generated/analyses.json unless REVIEW_GENERATED says otherwise).
import generatedJson from '#generated/analyses.json';
import type { GeneratedAnalyses, OutcomeAnalysis, PooledResult, ReleaseAnalyses } from './analyses-types.ts';

const generated = generatedJson as unknown as GeneratedAnalyses;

export function allReleases(): ReleaseAnalyses[] {
  return generated.releases;
}

export function latestRelease(): number {
  return generated.latest;
}

/** The latest release as published, when the current pages show a newer appraisal of it; null otherwise. */
export function publishedAppraisalDiffers(): ReleaseAnalyses | null {
  return generated.current ? (generated.releases.find((r) => r.release === generated.latest) ?? null) : null;
}

/**
 * The analyses of `release`; when undefined, the current pages' (the latest release, appraised
 * with today's judgements and ratings when they differ from what it published).
 */
export function releaseData(release?: number): ReleaseAnalyses {
  if (release === undefined && generated.current) return generated.current;
  const wanted = release ?? generated.latest;
  const found = generated.releases.find((r) => r.release === wanted);
  if (!found) throw new Error(`release ${wanted} has no pooled results; run npm run pool`);
  return found;
}

export function outcomeData(outcome: string, release?: number): OutcomeAnalysis {
  const data = releaseData(release).outcomes[outcome];
  if (!data) throw new Error(`unknown outcome "${outcome}" (known: ${Object.keys(releaseData(release).outcomes).join(', ')})`);
  return data;
}

/** The overall result, or one subgroup level's. */
export function pooledData(outcome: string, release?: number, variable?: string, level?: string): PooledResult | null {
  const o = outcomeData(outcome, release);
  if (!variable) return o.overall;
  const s = o.subgroups[variable];
  if (!s) {
    // An outcome no trial reports yet has no subgroup analyses: a level of a declared variable is not estimable.
    const levels = releaseData(release).counts.trials_by_level[variable];
    if (o.overall === null && levels && level !== undefined && level in levels) return null;
    throw new Error(`unknown subgroup variable "${variable}" for ${outcome}`);
  }
  if (!level) throw new Error(`give a level of "${variable}"`);
  if (!(level in s.levels)) throw new Error(`unknown level "${level}" of "${variable}" (known: ${Object.keys(s.levels).join(', ')})`);
  return s.levels[level] ?? null;
}
