/**
 * Tidy downloads of a release: the study rows and the pooled results as CSV, and an R script
 * that recomputes every pooled number from the CSV with metafor and compares.
 *
 * Numbers in the CSV follow the site's rule for machine-readable files (format/number-format.ts):
 * ASCII, proportions on the 0-1 scale and percentages (I², weight) as numbers without "%", each
 * rounded to CSV_SIGNIFICANT_DIGITS (10) significant digits, far inside the 1e-6 relative
 * tolerance of reproduce.R; analyses.json keeps full precision.
 */
import { GRADE_DOMAINS } from '../../schemas/appraisal.ts';
import type { PooledResult, ReleaseAnalyses } from './analyses-types.ts';
import { csvNumber } from '../format/number-format.ts';

type Cell = string | number | boolean | null | undefined;

/** One CSV field: numbers to CSV_SIGNIFICANT_DIGITS significant digits (csvNumber), text quoted when needed, formulas defused. */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return 'NA';
  if (typeof value === 'number') return csvNumber(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  // A spreadsheet would run a cell starting with = + - or @ as a formula, also after a leading tab or carriage return.
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV file: a header line and one line per row, every field written by csvField. */
export function csv(header: readonly string[], rows: readonly Cell[][]): string {
  return [header.join(','), ...rows.map((r) => r.map(csvField).join(','))].join('\n') + '\n';
}

/** Every study row of every outcome: the input of the analyses. */
export function studiesCsv(data: ReleaseAnalyses, variables: readonly string[]): string {
  const header = ['release', 'outcome', 'trial', 'report', 'cohort', 'label', ...variables, 'events', 'n', 'proportion', 'ci_lower', 'ci_upper', 'weight', 'report_date', 'source', 'inferred', 'rob_overall', 'rob_class'];
  const rows: Cell[][] = [];
  for (const o of Object.values(data.outcomes)) {
    for (const s of o.studies) {
      rows.push([data.release, o.id, s.trial, s.report, s.cohort, s.label, ...variables.map((v) => s.levels[v] ?? null), s.events, s.n, s.proportion, s.ci_lower, s.ci_upper, s.weight, s.report_date, s.source, s.inferred ?? null, s.rob?.level ?? null, s.rob?.class ?? null]);
    }
  }
  return csv(header, rows);
}

const RESULT_FIELDS = [
  'method', 'k', 'trials', 'n', 'events', 'estimate', 'ci_lower', 'ci_upper', 'pi_lower', 'pi_upper',
  'tau2', 'tau2_lower', 'tau2_upper', 'I2', 'I2_lower', 'I2_upper', 'I2_Q', 'H2', 'Q', 'Q_df', 'Q_p', 'clamped', 'warnings',
] as const;

function resultCells(r: PooledResult): Cell[] {
  const ci = r.tau2_ci ?? null;
  return [
    r.method, r.k, r.trials ?? r.k, r.n, r.events, r.proportion.estimate, r.proportion.ci_lower, r.proportion.ci_upper, r.proportion.pi_lower, r.proportion.pi_upper,
    r.tau2, ci?.tau2_lower, ci?.tau2_upper, r.I2, ci?.I2_lower, ci?.I2_upper, r.I2_Q, r.H2, r.Q, r.Q_df, r.Q_p, (r.clamped ?? []).join(' '), r.warnings.join(' | '),
  ];
}

/** The pooled results: one row per outcome overall and per subgroup level. */
export function resultsCsv(data: ReleaseAnalyses): string {
  const header = ['release', 'outcome', 'variable', 'level', ...RESULT_FIELDS, 'Q_between', 'Q_between_df', 'Q_between_p', 'certainty', ...GRADE_DOMAINS.map((d) => `certainty_${d}`)];
  const rows: Cell[][] = [];
  const none = GRADE_DOMAINS.map(() => null);
  for (const o of Object.values(data.outcomes)) {
    const c = o.certainty;
    const certainty: Cell[] = c ? [c.rating, ...GRADE_DOMAINS.map((d) => c.domains[d].rating)] : [null, ...none];
    if (o.overall) rows.push([data.release, o.id, null, null, ...resultCells(o.overall), null, null, null, ...certainty]);
    for (const [variable, s] of Object.entries(o.subgroups)) {
      for (const [level, r] of Object.entries(s.levels)) {
        if (r) rows.push([data.release, o.id, variable, level, ...resultCells(r), s.Q_between, s.Q_between_df, s.Q_between_p, null, ...none]);
      }
    }
  }
  return csv(header, rows);
}

const R_MEASURE: Record<string, string> = { PAS: 'PAS', PFT: 'PFT', PLO: 'PLO', PRAW: 'PR' };
const R_BACK: Record<string, string> = {
  PAS: 'transf.iarcsin(x)',
  PFT: 'transf.ipft.hm(x, targs = list(ni = ni))',
  PLO: 'transf.ilogit(x)',
  PRAW: 'x',
};
const R_TEST: Record<string, string> = { z: 'z', hk: 'knha', 'hk-adhoc': 'adhoc' };

/**
 * An R script that recomputes every number of results.csv from studies.csv with metafor
 * (rma for inverse-variance models, rma.glmm for the binomial ones), one outcome at a time, and
 * prints "same" or the numbers that differ, then the largest relative gap.
 */
export function reproduceR(data: ReleaseAnalyses, siteUrl: string, variables: readonly string[]): string {
  const m = data.method;
  const glmm = m.method === 'GLMM' || m.method === 'GLMM-FE';
  const test = glmm ? (m.ci === 'hk' ? 't' : 'z') : (R_TEST[m.ci] ?? 'z');
  const correction = m.correction ? `, add = ${m.correction.add}, to = "${m.correction.to}"` : '';
  const piRule = m.prediction_interval ?? 'ci';
  // The title sits in a comment: a line break in it would turn the rest of the title into R code.
  const title = data.title.replace(/"/g, "'").replace(/[\r\n\u2028\u2029]+/g, ' ');
  return `# Recomputes every pooled number of release ${data.release} of "${title}"
# from studies.csv with R metafor, and compares with results.csv.
# Files: ${siteUrl}data/releases/${data.release}/studies.csv and results.csv (same folder as this script).
# Run: Rscript reproduce.R   (needs install.packages("metafor")${glmm ? ' and install.packages("lme4")' : ''})
suppressMessages(library(metafor))
studies <- read.csv("studies.csv", stringsAsFactors = FALSE)
results <- read.csv("results.csv", stringsAsFactors = FALSE)
level <- ${m.level}
back <- function(x, ni) ${R_BACK[m.transform]}
ctl <- list(threshold = 1e-12, maxiter = 5000, stepadj = 0.5)
# the critical value of the prediction interval (review.yaml analysis.prediction_interval: ${piRule})
pi_crit <- function(k, ci_crit) switch("${piRule}", ci = ci_crit, z = qnorm(1 - (1 - level) / 2),
  \`t-k1\` = qt(1 - (1 - level) / 2, k - 1), \`t-k2\` = qt(1 - (1 - level) / 2, k - 2))
ci_crit <- function(r) if (r$test %in% c("t", "knha", "adhoc")) qt(1 - (1 - level) / 2, r$k - r$p) else qnorm(1 - (1 - level) / 2)
# one model; method: the model results.csv says was fitted (after any fallback)
model <- function(d, method, mods = NULL) {
  glmm <- method %in% c("GLMM", "GLMM-FE")
  # tight lme4 tolerances: with its defaults lme4 stops short of the maximum of the likelihood
  args <- if (glmm) list(measure = "PLO", xi = d$events, ni = d$n, method = if (method == "GLMM") "ML" else "EE", test = "${test}", level = 100 * level,
                         control = list(glmerCtrl = list(tolPwrss = 1e-11, optCtrl = list(FtolAbs = 1e-15, FtolRel = 1e-15, XtolRel = 1e-13))))
          else list(measure = "${R_MEASURE[m.transform]}", xi = d$events, ni = d$n, method = if (method == "FE") "EE" else method,
                    test = "${test}", level = 100 * level, control = ctl${correction})
  if (!is.null(mods)) args$mods <- mods
  do.call(if (glmm) rma.glmm else rma, args)
}
# the numbers of one estimate b (se) of model r on k studies, as results.csv gives them
row_of <- function(r, b, se, k, d, own = r) {
  common <- r$method %in% c("EE", "FE")
  cc <- ci_crit(r)
  half_pi <- if (common) cc * se else pi_crit(k, cc) * sqrt(se^2 + r$tau2)
  out <- c(k = k, estimate = back(b, d$n), ci_lower = back(b - cc * se, d$n), ci_upper = back(b + cc * se, d$n),
           pi_lower = back(b - half_pi, d$n), pi_upper = back(b + half_pi, d$n), tau2 = r$tau2)
  if (!inherits(r, "rma.glmm")) {
    wi <- 1 / own$vi
    vt <- (own$k - 1) / (sum(wi) - sum(wi^2) / sum(wi))
    out <- c(out, I2 = if (!common && own$k > 1) 100 * r$tau2 / (vt + r$tau2) else own$I2,
             I2_Q = if (own$k > 1) max(0, 100 * (own$QE - (own$k - 1)) / own$QE) else 0, Q = own$QE, Q_p = own$QEp)
    if (!common && identical(r, own) && k > 1) {
      ci <- tryCatch(suppressWarnings(confint(r, control = list(tol = 1e-15))$random), error = function(e) NULL)
      if (!is.null(ci)) out <- c(out, tau2_lower = ci["tau^2", "ci.lb"], tau2_upper = ci["tau^2", "ci.ub"],
                                  I2_lower = ci["I^2(%)", "ci.lb"], I2_upper = ci["I^2(%)", "ci.ub"])
    }
  } else {
    out <- c(out, I2 = r$I2, Q = r$QE.Wld, Q_p = r$QEp.Wld)
  }
  out
}
fit <- function(d, method) { r <- model(d, method); list(r = r, row = row_of(r, as.numeric(coef(r)), r$se, r$k, d)) }
worst <- 0
# lme4 takes the standard error of a binomial model from a numerical Hessian, good to about 1e-5
tol <- ${glmm ? '1e-4' : '1e-6'}
check <- function(want, got, what) {
  bad <- character(0)
  for (f in names(got)) {
    w <- suppressWarnings(as.numeric(want[[f]]))
    if (length(w) == 0 || is.na(w) || is.na(got[[f]])) next
    gap <- abs(w - got[[f]]) / (1 + abs(got[[f]]))
    if (gap > worst) worst <<- gap
    # metafor stops the Q-profile search at tau^2 = 100: a larger bound is not compared
    if (gap > tol && !(f %in% c("tau2_upper", "I2_upper") && got[[f]] >= 100 - 1e-6))
      bad <- c(bad, sprintf("%s: site %.10g, metafor %.10g", f, w, got[[f]]))
  }
  cat(sprintf("  %-40s %s\\n", what, if (length(bad) == 0) "same" else paste("DIFFERS", paste(bad, collapse = "; "))))
}
overall_of <- function(o) results[results$outcome == o & is.na(results$level), ]
level_of <- function(o, v, lv) results[results$outcome == o & !is.na(results$variable) & results$variable == v & results$level == lv, ]
for (o in unique(studies$outcome)) {
  d <- studies[studies$outcome == o, ]
  want <- overall_of(o)
  f <- fit(d, want$method)
  cat(sprintf("%s: k = %d, %.2f%% [%.2f, %.2f]\\n", o, f$r$k, 100 * f$row[["estimate"]], 100 * f$row[["ci_lower"]], 100 * f$row[["ci_upper"]]))
  check(want, f$row, "overall")
  for (v in c(${variables.map((v) => `"${v}"`).join(', ')})) {
    dv <- d[!is.na(d[[v]]), ]
    levels <- sort(unique(dv[[v]]))
    if (length(levels) < 1) next
    if (length(levels) == 1) { check(level_of(o, v, levels[1]), f$row, paste(v, levels[1])); next }
    ${
      m.subgroup_test === 'common' && !glmm
        ? `# one model with a common tau^2 (mods = ~ factor - 1), each level's own Q and I^2
    method <- level_of(o, v, levels[1])$method
    joint <- model(dv, method, mods = ~ factor(dv[[v]]) - 1)
    for (j in seq_along(levels)) {
      dl <- dv[dv[[v]] == levels[j], ]
      own <- rma(measure = "${R_MEASURE[m.transform]}", xi = dl$events, ni = dl$n, method = "EE"${correction})
      check(level_of(o, v, levels[j]), row_of(joint, as.numeric(coef(joint))[j], joint$se[j], nrow(dl), dl, own), paste(v, levels[j]))
    }
    qb <- model(dv, method, mods = ~ factor(dv[[v]]))
    between <- c(Q_between = qb$QM, Q_between_p = qb$QMp)`
        : `# each level pooled on its own; the test compares the level estimates
    es <- c(); se <- c()
    for (lv in levels) {
      want_level <- level_of(o, v, lv)
      g <- fit(dv[dv[[v]] == lv, ], want_level$method)
      check(want_level, g$row, paste(v, lv))
      es <- c(es, coef(g$r)); se <- c(se, g$r$se)
    }
    qb <- rma(yi = es, sei = se, method = "EE")
    between <- c(Q_between = qb$QE, Q_between_p = qb$QEp)`
    }
    check(level_of(o, v, levels[1])[1, ], between, paste(v, "test between levels"))
  }
}
cat(sprintf("Largest relative gap between the site and metafor: %.2e\\n", worst))
`;
}
