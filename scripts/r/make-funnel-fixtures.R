# Expected values for the funnel plot and trim-and-fill tests, computed with R metafor.
#
#   Rscript scripts/r/make-funnel-fixtures.R        (from the repository root)
#
# Writes tests/fixtures/metafor/trimfill.json: random cases over every transform, method,
# interval and level, with both estimators, the side estimated by metafor or given, funnels
# with no study missing and with many. trimfill() passes neither `test` nor `level` on to its
# refit, so they are given to it again (with the cross-check's `control`), making the refit the
# analysis' own model. The PFT back-transform uses the sizes metafor keeps for the filled
# studies (tf$ni: each filled study has the size of the study it mirrors).
source(file.path("scripts", "r", "metafor-fixture-helpers.R"))

out_dir <- file.path("tests", "fixtures", "metafor")
dir.create(out_dir, recursive = TRUE, showWarnings = FALSE)

set.seed(20260311)
transforms <- c("PFT", "PAS", "PLO", "PRAW")
methods <- c("FE", "DL", "REML", "ML", "PM", "HE", "SJ")

# Studies from a common proportion with heterogeneity; small studies on one side are dropped
# ("suppressed") with probability `drop`, which makes the funnel asymmetric.
simulate <- function(k, drop, direction) {
  p <- rbeta(1, runif(1, 1, 4), runif(1, 1, 4))
  sd <- sample(c(0, 0.05, 0.12), 1)
  n <- pmax(round(10^runif(3 * k, 0.7, 2.7)), 3)
  x <- rbinom(3 * k, n, pmin(pmax(p + rnorm(3 * k, 0, sd), 0.01), 0.99))
  small <- n < median(n)
  low <- if (direction > 0) x / n < p else x / n > p
  keep <- !(small & low & runif(3 * k) < drop)
  idx <- which(keep)[seq_len(min(k, sum(keep)))]
  list(x = x[idx], n = n[idx])
}

record <- function(id, x, n, t, m, ci, level, estimator, side) {
  args <- list(measure = measure_of(t), xi = x, ni = n, method = method_of(m),
               test = if (ci == "hk") "knha" else "z", level = 100 * level, control = ctl)
  r <- do.call(rma, args)
  tf_args <- list(r, estimator = estimator, test = args$test, level = 100 * level, control = ctl)
  if (!is.null(side)) tf_args$side <- side
  tf <- suppressWarnings(do.call(trimfill, tf_args))
  p <- predict(tf)
  if (is.null(p$pi.lb)) { p$pi.lb <- p$ci.lb; p$pi.ub <- p$ci.ub }
  ni <- tf$ni
  reg <- tryCatch(regtest(r, model = "lm"), error = function(e) NULL)
  fill <- if (tf$k0 > 0) which(tf$fill) else integer(0)
  list(id = id, events = x, n = n, transform = t, method = m, ci = ci, level = level,
       estimator = estimator, side_given = if (is.null(side)) NA else side,
       expected = list(
         side = tf$side, k0 = tf$k0, k0_se = tf$se.k0, k0_p = if (estimator == "R0") tf$p.k0 else NA,
         filled_yi = I(as.numeric(tf$yi[fill])), filled_vi = I(as.numeric(tf$vi[fill])),
         k = tf$k, tau2 = tf$tau2, I2 = tf$I2, H2 = tf$H2, Q = tf$QE, Q_p = tf$QEp,
         transformed = list(estimate = as.numeric(coef(tf)), se = tf$se, ci_lower = p$ci.lb, ci_upper = p$ci.ub,
                            pi_lower = p$pi.lb, pi_upper = p$pi.ub),
         proportion = list(estimate = back(t, as.numeric(coef(tf)), ni), ci_lower = back(t, p$ci.lb, ni),
                           ci_upper = back(t, p$ci.ub, ni), pi_lower = back(t, p$pi.lb, ni), pi_upper = back(t, p$pi.ub, ni)),
         original = list(estimate = as.numeric(coef(r)), yi = as.numeric(r$yi), vi = as.numeric(r$vi)),
         # funnel(): the pseudo-confidence region's normal quantile, whatever the model's test
         funnel_z = qnorm((1 - level) / 2, lower.tail = FALSE),
         egger = if (is.null(reg)) NA else list(intercept = as.numeric(coef(reg$fit)[1]), slope = as.numeric(coef(reg$fit)[2]))))
}

cases <- list()
failures <- 0
i <- 0
while (length(cases) < 180) {
  i <- i + 1
  t <- transforms[(i - 1) %% 4 + 1]
  m <- methods[(i - 1) %% 7 + 1]
  ci <- if (m == "FE") "z" else c("z", "hk")[(i %/% 7) %% 2 + 1]
  level <- if (i %% 5 == 0) 0.9 else 0.95
  estimator <- c("L0", "R0")[(i %/% 2) %% 2 + 1]
  # drop 0: symmetric funnels (often k0 = 0); drop 0.9: many studies missing
  drop <- c(0, 0.5, 0.9)[(i %/% 3) %% 3 + 1]
  k <- sample(c(3:12, 15, 20, 30, 45), 1)
  s <- simulate(k, drop, c(-1, 1)[(i %/% 4) %% 2 + 1])
  if (t == "PRAW") s$x <- pmin(pmax(s$x, 1), s$n - 1)
  side <- if (i %% 6 == 0) c("left", "right")[(i %/% 6) %% 2 + 1] else NULL
  res <- tryCatch(record(sprintf("tf%03d", length(cases) + 1), s$x, s$n, t, m, ci, level, estimator, side),
                  error = function(e) NULL)
  if (is.null(res)) { failures <- failures + 1; next }
  cases[[length(cases) + 1]] <- res
}

# Edge cases: studies of equal size (metafor cannot estimate the side: given here), two studies,
# PLO with zero events (continuity correction), many filled.
edge <- list(
  list(x = c(2, 5, 9, 3, 12), n = c(20, 20, 20, 20, 20), t = "PAS", m = "REML", side = "left"),
  list(x = c(2, 5, 9, 3, 12), n = c(20, 20, 20, 20, 20), t = "PFT", m = "DL", side = "right"),
  list(x = c(2, 9), n = c(20, 30), t = "PLO", m = "REML", side = "left"),
  list(x = c(2, 9), n = c(20, 30), t = "PLO", m = "FE", side = NULL),
  list(x = c(0, 1, 3, 8, 15, 30, 0), n = c(10, 12, 20, 25, 30, 50, 8), t = "PLO", m = "DL", side = NULL),
  list(x = c(9, 8, 9, 14, 20, 33, 60, 5, 6), n = c(10, 10, 12, 20, 35, 60, 150, 6, 8), t = "PFT", m = "REML", side = NULL)
)
for (j in seq_along(edge)) {
  e <- edge[[j]]
  for (estimator in c("L0", "R0")) {
    res <- record(sprintf("edge%d-%s", j, estimator), e$x, e$n, e$t, e$m, "z", 0.95, estimator, e$side)
    cases[[length(cases) + 1]] <- res
  }
}

k0s <- sapply(cases, function(c) c$expected$k0)
cat("cases:", length(cases), " k0 = 0:", sum(k0s == 0), " k0 >= 5:", sum(k0s >= 5),
    " right:", sum(sapply(cases, function(c) c$expected$side) == "right"), " skipped (metafor stopped):", failures, "\n")

write_json(list(generated_by = "scripts/r/make-funnel-fixtures.R",
                metafor = as.character(packageVersion("metafor")), r = R.version.string, cases = cases),
           file.path(out_dir, "trimfill.json"), auto_unbox = TRUE, digits = NA, pretty = FALSE, na = "null")
