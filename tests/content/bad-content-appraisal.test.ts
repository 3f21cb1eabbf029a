/**
 * Broken fixtures of the appraisal checks (tests/fixtures/bad-content/<case>): the risk-of-bias
 * tool of review.yaml, the judgements of trial files and the GRADE ratings of certainty.yaml,
 * with the exact text the curator sees.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { checkCase, removeContentRoots } from '../helpers/content-fixture.ts';

afterAll(removeContentRoots);

describe('npm run check on risk-of-bias judgements', () => {
  test('refuses a preset that does not exist, listing the presets and the nearest', () => {
    expect(checkCase('rob-unknown-preset')).toMatchInlineSnapshot(`
      "content/review.yaml:161  risk_of_bias.tool  "robins-1" is not a risk-of-bias tool shipped with the generator
        fix: did you mean "robins-i"? name a preset (jbi-case-series, minors, rob2, robins-i), or write the review's own tool as a block: tool: {id, label, domains, levels, overall}

      1 problem in 1 file"
    `);
  });

  test('refuses an included trial without an assessment when the review requires one, naming the domains', () => {
    expect(checkCase('rob-included-without-assessment')).toMatchInlineSnapshot(`
      "content/trials/alpha-cel.md:2  risk_of_bias  the trial is included, but it has no risk-of-bias assessment with the review's tool, RoB 2 (Cochrane risk-of-bias tool for randomised trials)
        fix: add risk_of_bias: {domains: {…}} with a judgement (judgement, support, source) for each domain: randomisation, deviations, missing_data, measurement, reporting; or, to show such studies as "not assessed", add required: false under risk_of_bias in review.yaml
      content/trials/beta-nk.md:2  risk_of_bias  the trial is included, but it has no risk-of-bias assessment with the review's tool, RoB 2 (Cochrane risk-of-bias tool for randomised trials)
        fix: add risk_of_bias: {domains: {…}} with a judgement (judgement, support, source) for each domain: randomisation, deviations, missing_data, measurement, reporting; or, to show such studies as "not assessed", add required: false under risk_of_bias in review.yaml

      2 problems in 2 files"
    `);
  });

  test("refuses a judgement that is not a level of the tool, listing the levels with their labels", () => {
    expect(checkCase('rob-judgement-not-a-level')).toMatchInlineSnapshot(`
      "content/trials/alpha-cel.md:49  risk_of_bias.domains.confounding.judgement  "serios" is not a judgement level of the review's risk-of-bias tool
        fix: did you mean "serious"? write one of: low (Low), moderate (Moderate), serious (Serious), critical (Critical), no_information (No information)

      1 problem in 1 file"
    `);
  });

  test('refuses an assessment that leaves required domains out', () => {
    expect(checkCase('rob-required-domain-missing')).toMatchInlineSnapshot(`
      "content/trials/alpha-cel.md:48  risk_of_bias.domains  the assessment gives no judgement for confounding and reporting, which the tool requires
        fix: add a judgement (judgement, support, source) for each under risk_of_bias.domains; when the report does not say, the judgement is no_information (No information)

      1 problem in 1 file"
    `);
  });
});

describe('npm run check on certainty.yaml', () => {
  test('refuses a certainty rating without a reason', () => {
    expect(checkCase('certainty-rating-without-reason')).toMatchInlineSnapshot(`
      "content/certainty.yaml:8  outcomes.borr.domains.imprecision.reason  a certainty rating without a reason: imprecision is rated serious, with no reason
        fix: add reason: "…" saying why imprecision is serious (readers see it as the footnote of the rating), or write rating: suggested to confirm what the data suggest

      1 problem in 1 file"
    `);
  });

  test('refuses an outcome not rated in all five GRADE domains, writing the fix as YAML', () => {
    expect(checkCase('certainty-grade-domain-missing')).toMatchInlineSnapshot(`
      "content/certainty.yaml:4  outcomes.borr.domains  the rating does not cover the GRADE domains indirectness and publication_bias; every outcome is rated in all five
        fix: add under domains, one line each: indirectness: {rating: not_serious, reason: "…"}; publication_bias: {rating: suggested} (write the rating and why, or "suggested" to confirm what the data suggest)

      1 problem in 1 file"
    `);
  });

  test('refuses "suggested" for indirectness, for which the data give no prompt', () => {
    expect(checkCase('certainty-suggested-indirectness')).toMatchInlineSnapshot(`
      "content/certainty.yaml:7  outcomes.borr.domains.indirectness.rating  indirectness cannot be "suggested": the data give no prompt for it (only the curator knows how well the studies match the question)
        fix: rate it yourself: rating: not_serious, serious or very_serious, with the reason

      1 problem in 1 file"
    `);
  });
});
