/**
 * The texts of the releases name each interval at the confidence level its release was pooled
 * at: the feed's summaries and the pull-request report.
 */
import { describe, expect, test } from 'vitest';
import { releaseSummaryText } from '../../src/lib/feeds/release-entries.ts';
import { impactMarkdown, type Impact } from '../../src/lib/review/impact.ts';
import type { EstimateChange, OutcomeChanges, ReleaseChanges } from '../../src/lib/review/analyses-types.ts';
import type { Review } from '../../src/schemas/index.ts';

const before = { estimate: 0.5, ci_lower: 0.3, ci_upper: 0.7, k: 2, n: 40, I2: 10 };
const after = { estimate: 0.52, ci_lower: 0.35, ci_upper: 0.69, k: 3, n: 50, I2: 12 };
const overall = { outcome: 'response', variable: null, level: null, label: 'Overall', before, after, delta: { estimate: 0.02 }, moved: true, causes: [] } as unknown as EstimateChange;
const outcomes = [{ outcome: 'response', label: 'Response', short_label: 'Response', kind: 'efficacy', overall, subgroups: [], causes: [] }] as unknown as OutcomeChanges[];

describe('releaseSummaryText', () => {
  const review = { releases: [{ number: 1, summary: '' }], analysis: { level: 0.95 } } as unknown as Review;
  const first = { release: 1, previous: null, outcomes: [{ ...outcomes[0]!, overall: { ...overall, before: null } }] } as unknown as ReleaseChanges;

  test('names the first release\'s intervals at the level given', () => {
    expect(releaseSummaryText(review, first, 0.9)).toContain('Response 52.0% (90% CI 35.0 to 69.0; 3 trials)');
  });

  test('at review.yaml\'s level when none is given', () => {
    expect(releaseSummaryText({ ...review, analysis: { level: 0.8 } } as unknown as Review, first)).toContain('(80% CI 35.0 to 69.0');
  });
});

describe('impactMarkdown', () => {
  const impact = {
    base: 'main', baseRelease: 1, headRelease: 1,
    releases: { added: [], removed: [], changed: [] }, files: [], events: [],
    outcomes, moved: [overall], variables: {}, releasesMoved: [],
    levels: { before: 0.95, after: 0.9 },
  } as unknown as Impact;

  test('heads the before and after columns at the levels of their sides', () => {
    expect(impactMarkdown(impact)).toContain('| Outcome | Estimate | Before % (95% CI) | After % (90% CI) |');
  });
});
