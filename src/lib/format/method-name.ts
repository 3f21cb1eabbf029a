/**
 * The pooling method in words, for pages and captions: "a random-effects model (REML estimate
 * of τ², logit transform, Hartung-Knapp intervals)". Names the model actually fitted when a
 * fallback replaced the one review.yaml asks for.
 */

const TRANSFORM_NAMES: Record<string, string> = {
  PFT: 'Freeman-Tukey double arcsine transform',
  PAS: 'arcsine transform',
  PLO: 'logit transform',
  PRAW: 'untransformed proportions',
};

const ESTIMATOR_NAMES: Record<string, string> = {
  DL: 'DerSimonian-Laird',
  REML: 'REML',
  ML: 'maximum-likelihood',
  PM: 'Paule-Mandel',
  HE: 'Hedges',
  SJ: 'Sidik-Jonkman',
};

const CI_NAMES: Record<string, string> = {
  z: 'Wald intervals',
  hk: 'Hartung-Knapp intervals',
  'hk-adhoc': 'Hartung-Knapp intervals with the ad hoc correction',
};

/**
 * @param method the analysis block: transform, method and ci as review.yaml gives them
 * @param fitted the model a result was actually fitted with (its `method` field), when known
 */
export function methodName(method: { transform: string; method: string; ci: string }, fitted: string = method.method): string {
  const transform = TRANSFORM_NAMES[method.transform] ?? method.transform;
  const glmm = fitted === 'GLMM' || fitted === 'GLMM-FE';
  const ci = glmm && method.ci === 'hk' ? 't intervals on k − 1 df' : (CI_NAMES[method.ci] ?? method.ci);
  const model =
    fitted === 'GLMM'
      ? `a binomial-normal random-effects model (GLMM, maximum likelihood; ${ci})`
      : fitted === 'GLMM-FE'
        ? `a common-effect binomial model (logistic, maximum likelihood; ${ci})`
        : fitted === 'FE'
          ? `a common-effect model (inverse variance, ${transform}, ${ci})`
          : `a random-effects model (inverse variance, ${ESTIMATOR_NAMES[fitted] ?? fitted} estimate of τ², ${transform}, ${ci})`;
  return fitted === method.method ? model : `${model}, in place of the ${method.method} model the review asks for (see the notes)`;
}
