/**
 * Tidy downloads of a release: the study rows and the pooled results as CSV, and an R script
 * that recomputes every pooled number from the CSV with metafor and compares.
 */
import type { PooledResult, ReleaseAnalyses } from './analyses-types.ts';

type Cell = string | number | boolean | null | undefined;

/** One CSV field: numbers in full precision, text quoted when needed, formulas defused. */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return 'NA';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'NA';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  // A spreadsheet would run a cell starting with = + - or @ as a formula, also after a leading tab or carriage return.
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csv(header: readonly string[], rows: readonly Cell[][]): string {
  return [header.join(','), ...rows.map((r) => r.map(csvField).join(','))].join('\n') + '\n';
}

/** Every study row of every outcome: the input of the analyses. */
export function studiesCsv(data: ReleaseAnalyses, variables: readonly string[]): string {
  const header = ['release', 'outcome', 'trial', 'report', 'cohort', 'label', ...variables, 'events', 'n', 'proportion', 'ci_lower', 'ci_upper', 'weight', 'report_date', 'source', 'inferred'];
  const rows: Cell[][] = [];
  for (const o of Object.values(data.outcomes)) {
    for (const s of o.studies) {
      rows.push([data.release, o.id, s.trial, s.report, s.cohort, s.label, ...variables.map((v) => s.levels[v] ?? null), s.events, s.n, s.proportion, s.ci_lower, s.ci_upper, s.weight, s.report_date, s.source, s.inferred ?? null]);
    }
  }
  return csv(header, rows);
}

const RESULT_FIELDS = ['k', 'trials', 'n', 'events', 'estimate', 'ci_lower', 'ci_upper', 'pi_lower', 'pi_upper', 'tau2', 'I2', 'H2', 'Q', 'Q_df', 'Q_p'] as const;

function resultCells(r: PooledResult): Cell[] {
  return [r.k, r.trials ?? r.k, r.n, r.events, r.proportion.estimate, r.proportion.ci_lower, r.proportion.ci_upper, r.proportion.pi_lower, r.proportion.pi_upper, r.tau2, r.I2, r.H2, r.Q, r.Q_df, r.Q_p];
}

/** The pooled results: one row per outcome overall and per subgroup level. */
export function resultsCsv(data: ReleaseAnalyses): string {
  const header = ['release', 'outcome', 'variable', 'level', ...RESULT_FIELDS, 'Q_between', 'Q_between_df', 'Q_between_p'];
  const rows: Cell[][] = [];
  for (const o of Object.values(data.outcomes)) {
    if (o.overall) rows.push([data.release, o.id, null, null, ...resultCells(o.overall), null, null, null]);
    for (const [variable, s] of Object.entries(o.subgroups)) {
      for (const [level, r] of Object.entries(s.levels)) {
        if (r) rows.push([data.release, o.id, variable, level, ...resultCells(r), s.Q_between, s.Q_between_df, s.Q_between_p]);
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

/** An R script that recomputes results.csv from studies.csv with metafor and reports the largest gap. */
export function reproduceR(data: ReleaseAnalyses, siteUrl: string, variables: readonly string[]): string {
  const m = data.method;
  const method = m.method === 'FE' ? 'EE' : m.method;
  const test = m.ci === 'hk' ? 'knha' : 'z';
  // The title sits in a comment: a line break in it would turn the rest of the title into R code.
  const title = data.title.replace(/"/g, "'").replace(/[\r\n\u2028\u2029]+/g, ' ');
  return `# Recomputes every pooled number of release ${data.release} of "${title}"
# from studies.csv with R metafor, and compares with results.csv.
# Files: ${siteUrl}data/releases/${data.release}/studies.csv and results.csv (same folder as this script).
# Run: Rscript reproduce.R   (needs install.packages("metafor"))
suppressMessages(library(metafor))
studies <- read.csv("studies.csv", stringsAsFactors = FALSE)
results <- read.csv("results.csv", stringsAsFactors = FALSE)
back <- function(x, ni) ${R_BACK[m.transform]}
fit <- function(d) {
  r <- rma(measure = "${R_MEASURE[m.transform]}", xi = d$events, ni = d$n, method = "${method}", test = "${test}",
           level = ${m.level * 100}, control = list(threshold = 1e-12, maxiter = 5000, stepadj = 0.5))
  p <- predict(r)
  pil <- if (is.null(p$pi.lb)) p$ci.lb else p$pi.lb
  piu <- if (is.null(p$pi.ub)) p$ci.ub else p$pi.ub
  list(r = r, row = c(k = r$k, estimate = back(as.numeric(coef(r)), d$n), ci_lower = back(p$ci.lb, d$n),
       ci_upper = back(p$ci.ub, d$n), pi_lower = back(pil, d$n), pi_upper = back(piu, d$n),
       tau2 = r$tau2, I2 = r$I2, Q = r$QE, Q_p = r$QEp))
}
worst <- 0
check <- function(want, got, what) {
  for (f in names(got)) {
    gap <- abs(as.numeric(want[[f]]) - got[[f]]) / (1 + abs(got[[f]]))
    if (!is.na(gap) && gap > worst) worst <<- gap
    if (!is.na(gap) && gap > 1e-6) cat(sprintf("DIFFERS %s %s: site %.10g, metafor %.10g\\n", what, f, as.numeric(want[[f]]), got[[f]]))
  }
}
for (o in unique(studies$outcome)) {
  d <- studies[studies$outcome == o, ]
  f <- fit(d)
  want <- results[results$outcome == o & is.na(results$variable), ]
  check(want, f$row, o)
  cat(sprintf("%-10s k = %2d  %6.2f%% [%6.2f, %6.2f]  I2 = %5.2f%%\\n", o, f$r$k, 100 * f$row[["estimate"]],
              100 * f$row[["ci_lower"]], 100 * f$row[["ci_upper"]], f$r$I2))
  for (v in c(${variables.map((v) => `"${v}"`).join(', ')})) {
    levels <- sort(unique(d[[v]][!is.na(d[[v]])]))
    if (length(levels) < 1) next
    es <- c(); se <- c()
    for (lv in levels) {
      g <- fit(d[!is.na(d[[v]]) & d[[v]] == lv, ])
      check(results[results$outcome == o & !is.na(results$variable) & results$variable == v & results$level == lv, ], g$row, paste(o, v, lv))
      es <- c(es, coef(g$r)); se <- c(se, g$r$se)
    }
    if (length(levels) > 1) {
      qb <- ${data.method.subgroup_test === 'common'
        ? `rma(measure = "${R_MEASURE[m.transform]}", xi = d$events, ni = d$n, mods = ~ factor(d[[v]]), method = "${method}", test = "${test}")
      qb$QE <- qb$QM; qb$QEp <- qb$QMp`
        : 'rma(yi = es, sei = se, method = "EE")'}
      w <- results[results$outcome == o & !is.na(results$variable) & results$variable == v, ][1, ]
      check(w, c(Q_between = qb$QE, Q_between_p = qb$QEp), paste(o, v, "between"))
      cat(sprintf("           by %s: Q-between = %.3f, p = %.3f\\n", v, qb$QE, qb$QEp))
    }
  }
}
cat(sprintf("Largest relative gap between the site and metafor: %.2e\\n", worst))
`;
}
