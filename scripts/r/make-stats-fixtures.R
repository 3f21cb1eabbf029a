# Expected values for the meta-analysis engine's tests, computed with R metafor.
#
#   Rscript scripts/r/make-stats-fixtures.R        (from the repository root)
#
# Writes tests/fixtures/metafor/*.json. `npm test` compares the engine with these files, so
# the tests check against metafor without needing R. Every number is produced by the metafor
# call written next to it; the settings are those of the cross-check in ../shared/oracle
# (control threshold 1e-12, maxiter 5000, stepadj 0.5; PRAW = "PR"; FE = "EE").
source(file.path("scripts", "r", "metafor-fixture-helpers.R"))

out_dir <- file.path("tests", "fixtures", "metafor")
dir.create(out_dir, recursive = TRUE, showWarnings = FALSE)

write_fixture <- function(x, name, pretty = TRUE) {
  x <- c(list(generated_by = "scripts/r/make-stats-fixtures.R",
              metafor = as.character(packageVersion("metafor")),
              r = R.version.string), x)
  write_json(x, file.path(out_dir, name), auto_unbox = TRUE, digits = NA, pretty = pretty, na = "null")
}

# Separate tau^2 per level, then the common-effect Q of the level estimates.
separate_subgroups <- function(x, n, g, t, m, ci) {
  levels <- unique(g); subs <- list(); es <- c(); se <- c()
  for (lv in levels) {
    s <- g == lv
    rg <- fit(x[s], n[s], t, m, ci)
    subs[[lv]] <- summary_of(rg, t, n[s]); es <- c(es, coef(rg)); se <- c(se, rg$se)
  }
  rb <- rma(yi = es, sei = se, method = "EE")
  list(subgroups = subs, Q_between = rb$QE, Q_between_df = length(levels) - 1, Q_between_p = rb$QEp)
}

# Common tau^2: rma(mods = ~ factor(g)); QM tests the levels, predict() gives each level.
common_subgroups <- function(x, n, g, t, m, ci) {
  levels <- unique(g)
  f <- factor(g, levels = levels)
  r <- rma(measure = measure_of(t), xi = x, ni = n, mods = ~ f, method = method_of(m),
           test = if (ci == "hk") "knha" else "z", control = ctl)
  newmods <- rbind(0, diag(length(levels) - 1))
  p <- predict(r, newmods = newmods)
  if (is.null(p$pi.lb)) { p$pi.lb <- p$ci.lb; p$pi.ub <- p$ci.ub }
  subs <- list()
  for (j in seq_along(levels)) {
    s <- g == levels[j]
    subs[[levels[j]]] <- list(k = sum(s), tau2 = r$tau2,
      transformed = list(estimate = p$pred[j], se = p$se[j], ci_lower = p$ci.lb[j], ci_upper = p$ci.ub[j],
                         pi_lower = p$pi.lb[j], pi_upper = p$pi.ub[j]),
      proportion = list(estimate = back(t, p$pred[j], n[s]), ci_lower = back(t, p$ci.lb[j], n[s]),
                        ci_upper = back(t, p$ci.ub[j], n[s])))
  }
  list(tau2 = r$tau2, subgroups = subs, Q_between = r$QM, Q_between_df = r$QMdf[1],
       Q_between_df2 = if (is.na(r$QMdf[2])) NULL else r$QMdf[2], Q_between_p = r$QMp)
}

# ---------------------------------------------------------------------------------------
# 1. Random cases: every transform, method and interval, some with subgroups.
set.seed(20250112)
transforms <- c("PFT", "PAS", "PLO", "PRAW")
methods <- c("FE", "DL", "REML", "ML", "PM", "HE", "SJ")
cases <- list()
for (i in 1:140) {
  t <- transforms[(i - 1) %% 4 + 1]
  m <- methods[(i - 1) %% 7 + 1]
  ci <- if (m == "FE") "z" else c("z", "hk")[(i %/% 28) %% 2 + 1]
  k <- sample(3:25, 1)
  p <- rbeta(1, runif(1, 0.5, 3), runif(1, 0.5, 3))
  n <- pmax(round(10^runif(k, 0.5, 2.6)), 2)
  x <- rbinom(k, n, pmin(pmax(p + rnorm(k, 0, sample(c(0, 0.05, 0.15), 1)), 0), 1))
  if (t == "PRAW") x <- pmin(pmax(x, 1), n - 1)
  g <- NULL
  if (k >= 8 && i %% 3 == 0) g <- c("A", "A", "B", "B", sample(c("A", "B", "C"), k - 4, TRUE))
  res <- tryCatch(withCallingHandlers({
    r <- fit(x, n, t, m, ci)
    case <- list(id = sprintf("r%03d", i), events = x, n = n, transform = t, method = m, ci = ci)
    if (!is.null(g)) case$groups <- g
    expected <- summary_of(r, t, n)
    if (!is.null(g)) {
      expected$separate <- separate_subgroups(x, n, g, t, m, ci)
      if (m != "FE") expected$common <- common_subgroups(x, n, g, t, m, ci)
    }
    list(input = case, expected = expected)
  }, warning = function(w) stop(conditionMessage(w))), error = function(e) NULL)
  if (!is.null(res)) cases[[length(cases) + 1]] <- res
}
write_fixture(list(cases = cases), "random-cases.json", pretty = FALSE)

# ---------------------------------------------------------------------------------------
# 2. Published analyses.
published <- list()

# A published analysis kept as a data file (tests/fixtures/metafor/biederstaedt2025-release1.csv,
# one row per study: label, subgroup, n, and the events of two outcomes, "orr" and "cr"; an
# empty value is not disclosed): the first release of a review of response rates, with the
# reconciliation its curation notes describe. PAS, REML, Wald z; subgroups with separate tau^2.
release1 <- read.csv(file.path(out_dir, "biederstaedt2025-release1.csv"), stringsAsFactors = FALSE, check.names = FALSE)
for (outcome in c("orr", "cr")) {
  s <- !is.na(release1[[outcome]])
  x <- release1[[outcome]][s]; n <- release1$n[s]; g <- release1$modality[s]
  r <- fit(x, n, "PAS", "REML")
  entry <- list(input = list(labels = release1$study[s], events = x, n = n, groups = g,
                             transform = "PAS", method = "REML", ci = "z"),
                expected = c(summary_of(r, "PAS", n), separate_subgroups(x, n, g, "PAS", "REML", "z")))
  # metafor at its default convergence settings (threshold 1e-5, stepadj 1), for comparison
  rd <- rma(measure = "PAS", xi = x, ni = n, method = "REML")
  entry$expected$metafor_default <- list(tau2 = rd$tau2, I2 = rd$I2)
  published[[paste0("release1_", outcome)]] <- entry
}

# Pritz (1997), metafor's dat.pritz1997 (Zhou et al. 1999): 14 studies of hyperdynamic therapy.
pr <- dat.pritz1997
for (t in c("PRAW", "PLO", "PAS", "PFT")) {
  for (m in c("FE", "REML", "DL")) {
    r <- fit(pr$xi, pr$ni, t, m)
    published[[paste("pritz1997", t, m, sep = "_")]] <- list(
      input = list(labels = pr$authors, events = pr$xi, n = pr$ni, transform = t, method = m, ci = "z"),
      expected = summary_of(r, t, pr$ni))
  }
}

# de Bruin et al. (2009), metafor's dat.debruin2009: 13 control groups, raw proportions.
db <- dat.debruin2009
r <- fit(db$xi, db$ni, "PRAW", "REML")
published$debruin2009_PRAW_REML <- list(
  input = list(labels = db$author, events = db$xi, n = db$ni, transform = "PRAW", method = "REML", ci = "z"),
  expected = summary_of(r, "PRAW", db$ni))
for (ci in c("z", "hk")) {
  published[[paste0("debruin2009_ethnicity_common_", ci)]] <- list(
    input = list(labels = db$author, events = db$xi, n = db$ni, groups = db$ethnicity,
                 transform = "PRAW", method = "REML", ci = ci, subgroupTest = "common"),
    expected = common_subgroups(db$xi, db$ni, db$ethnicity, "PRAW", "REML", ci))
}

# Miller (1978), p. 138: four studies, Freeman-Tukey transform, common-effect model,
# back-transformed with the harmonic mean of n (metafor test_analysis_example_miller1978).
mi <- data.frame(xi = c(3, 6, 10, 1), ni = c(11, 17, 21, 6))
r <- fit(mi$xi, mi$ni, "PFT", "FE")
published$miller1978 <- list(input = list(events = mi$xi, n = mi$ni, transform = "PFT", method = "FE", ci = "z"),
                             expected = summary_of(r, "PFT", mi$ni))
mz <- data.frame(xi = c(0, 4, 9, 16, 20), ni = c(10, 10, 15, 20, 20))
r <- fit(mz$xi, mz$ni, "PFT", "FE")
published$miller1978_zero_and_one <- list(input = list(events = mz$xi, n = mz$ni, transform = "PFT", method = "FE", ci = "z"),
                                          expected = summary_of(r, "PFT", mz$ni))
write_fixture(published, "published.json")

# ---------------------------------------------------------------------------------------
# 3. Sensitivity analyses: leave-one-out, cumulative, Egger's test.
sensitivity <- list()
sens_case <- function(name, x, n, t, m, order = NULL) {
  r <- fit(x, n, t, m)
  l1 <- leave1out(r)
  cu <- if (is.null(order)) cumul(r) else do.call(cumul, list(r, order = order))
  eg <- regtest(r, model = "lm")
  eg_fit <- regtest(r, model = "lm", ret.fit = TRUE)$fit
  cf <- coef(summary(eg_fit))
  sensitivity[[name]] <<- list(
    input = list(events = x, n = n, transform = t, method = m, ci = "z"),
    leave_one_out = list(estimate = l1$estimate, se = l1$se, ci_lower = l1$ci.lb, ci_upper = l1$ci.ub,
                         Q = l1$Q, Q_p = l1$Qp, tau2 = l1$tau2, I2 = l1$I2, H2 = l1$H2),
    cumulative = list(estimate = cu$estimate, se = cu$se, ci_lower = cu$ci.lb, ci_upper = cu$ci.ub,
                      Q = cu$Q, Q_p = cu$Qp, tau2 = cu$tau2, I2 = cu$I2, H2 = cu$H2),
    egger = list(t = eg$zval, p = eg$pval, df = eg$dfs, slope = cf[2, 1], slope_se = cf[2, 2],
                 limit_estimate = eg$est, limit_ci_lower = eg$ci.lb, limit_ci_upper = eg$ci.ub))
  # the studies in the order cumul() adds them (0-based positions)
  if (!is.null(order)) sensitivity[[name]]$cumulative_order <<- order(order) - 1
}
sens_case("pritz1997_PLO_REML", pr$xi, pr$ni, "PLO", "REML")
sens_case("debruin2009_PRAW_DL", db$xi, db$ni, "PRAW", "DL", order = db$year)
s <- !is.na(release1$orr)
sens_case("release1_orr_PAS_REML", release1$orr[s], release1$n[s], "PAS", "REML")
write_fixture(sensitivity, "sensitivity.json")

# 4. Edge cases (continuity corrections, a single study, equal effects, and the extremes
#    curators meet) are written to edge-cases.json by make-edge-fixtures.R.

# ---------------------------------------------------------------------------------------
# 5. Distributions and study intervals (R's stats package).
grid_p <- c(0.001, 0.025, 0.05, 0.5, 0.9, 0.975, 0.999)
dfs <- c(1, 2, 3, 5, 9, 19, 29, 100)
intervals <- expand.grid(x = c(0, 1, 3, 7, 50), n = c(7, 10, 60, 500))
intervals <- intervals[intervals$x <= intervals$n, ]
distributions <- list(
  qnorm = lapply(grid_p, function(p) list(p = p, value = qnorm(p))),
  pnorm = lapply(c(-8, -3, -1.5, 0, 0.3, 2, 6), function(z) list(z = z, value = pnorm(z))),
  qt = unlist(lapply(dfs, function(d) lapply(grid_p, function(p) list(p = p, df = d, value = qt(p, d)))), recursive = FALSE),
  pt_upper = unlist(lapply(dfs, function(d) lapply(c(-2, 0.5, 2.2, 7), function(x) list(t = x, df = d, value = pt(x, d, lower.tail = FALSE)))), recursive = FALSE),
  qchisq = unlist(lapply(dfs, function(d) lapply(grid_p, function(p) list(p = p, df = d, value = qchisq(p, d)))), recursive = FALSE),
  pchisq_upper = unlist(lapply(dfs, function(d) lapply(c(0.01, 1, 5, 30, 200), function(x) list(x = x, df = d, value = pchisq(x, d, lower.tail = FALSE)))), recursive = FALSE),
  pf_upper = lapply(list(c(2.5, 1, 10), c(0.7, 2, 5), c(9, 3, 40)), function(v) list(f = v[1], df1 = v[2], df2 = v[3], value = pf(v[1], v[2], v[3], lower.tail = FALSE))),
  qbeta = lapply(list(c(0.025, 3, 8), c(0.975, 4, 7), c(0.025, 1, 500), c(0.975, 250, 251), c(0.5, 0.5, 0.5), c(0.01, 0.7, 3)),
                 function(v) list(p = v[1], a = v[2], b = v[3], value = qbeta(v[1], v[2], v[3]))),
  clopper_pearson = lapply(seq_len(nrow(intervals)), function(i) {
    x <- intervals$x[i]; n <- intervals$n[i]
    list(x = x, n = n, lower = binom.test(x, n)$conf.int[1], upper = binom.test(x, n)$conf.int[2])
  }),
  wilson = lapply(seq_len(nrow(intervals)), function(i) {
    x <- intervals$x[i]; n <- intervals$n[i]
    ci <- suppressWarnings(prop.test(x, n, correct = FALSE))$conf.int  # warns about small counts; the interval is exact
    list(x = x, n = n, lower = ci[1], upper = ci[2])
  }))
write_fixture(distributions, "distributions.json")
cat("fixtures written to", out_dir, "\n")
