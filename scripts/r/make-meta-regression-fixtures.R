# Expected values for the meta-regression tests, computed with R metafor.
#
#   Rscript scripts/r/make-meta-regression-fixtures.R        (from the repository root)
#
# Writes tests/fixtures/metafor/meta-regression.json: random cases of
# rma(measure, xi, ni, mods = ~ x1 + factor(x2), method, test) with one continuous moderator,
# one categorical moderator of three levels, and both; every transform, method and test
# (z, knha, adhoc). Settings as the other fixtures (control threshold 1e-12, maxiter 5000,
# stepadj 0.5; PRAW = "PR"; FE = "EE"). Predictions on a grid of the continuous moderator
# (when it is the only one) come from predict(newmods = ...).
source(file.path("scripts", "r", "metafor-fixture-helpers.R"))

out_dir <- file.path("tests", "fixtures", "metafor")
dir.create(out_dir, recursive = TRUE, showWarnings = FALSE)

test_of <- function(ci) switch(ci, z = "z", hk = "knha", "hk-adhoc" = "adhoc")
GRID <- 5

regression <- function(x, n, t, m, ci, mods) {
  d <- data.frame(xi = x, ni = n)
  terms <- c()
  for (md in mods) {
    d[[md$name]] <- unlist(md$values)
    terms <- c(terms, if (md$type == "continuous") md$name
               else if (is.null(md$reference)) sprintf("factor(%s)", md$name)
               else sprintf("relevel(factor(%s), ref = \"%s\")", md$name, md$reference))
  }
  f <- as.formula(paste("~", paste(terms, collapse = " + ")))
  r <- rma(measure = measure_of(t), xi = xi, ni = ni, mods = f, data = d, method = method_of(m),
           test = test_of(ci), control = ctl)
  res <- list(k = r$k, p = r$p, method = if (r$method == "EE") "FE" else r$method,
    coefficients = lapply(seq_len(r$p), function(j) list(
      name = rownames(r$beta)[j], estimate = r$beta[j, 1], se = r$se[j], z_or_t = r$zval[j],
      p = r$pval[j], ci_lower = r$ci.lb[j], ci_upper = r$ci.ub[j])),
    tau2 = r$tau2, I2 = r$I2, H2 = r$H2, QE = r$QE, QE_df = r$k - r$p, QEp = r$QEp,
    QM = r$QM, QM_df1 = r$QMdf[1], QM_df2 = r$QMdf[2], QMp = r$QMp,
    R2 = if (is.null(r$R2) || m == "FE") NA else r$R2,
    yi = as.numeric(r$yi), vi = as.numeric(r$vi), weights = as.numeric(weights(r)))
  if (length(mods) == 1 && mods[[1]]$type == "continuous") {
    v <- unlist(mods[[1]]$values)
    g <- seq(min(v), max(v), length.out = GRID)
    p <- predict(r, newmods = g)
    if (is.null(p$pi.lb)) { p$pi.lb <- p$ci.lb; p$pi.ub <- p$ci.ub }
    res$grid <- lapply(seq_along(g), function(j) list(x = g[j], estimate = p$pred[j], se = p$se[j],
      ci_lower = p$ci.lb[j], ci_upper = p$ci.ub[j], pi_lower = p$pi.lb[j], pi_upper = p$pi.ub[j],
      proportion = list(estimate = back(t, p$pred[j], n), ci_lower = back(t, p$ci.lb[j], n),
                        ci_upper = back(t, p$ci.ub[j], n))))
  }
  res
}

set.seed(20261203)
transforms <- c("PFT", "PAS", "PLO", "PRAW")
methods <- c("FE", "DL", "REML", "ML", "PM", "HE", "SJ")
designs <- c("continuous", "categorical", "both")
cases <- list()
for (i in 1:168) {
  t <- transforms[(i - 1) %% 4 + 1]
  m <- methods[(i - 1) %% 7 + 1]
  design <- designs[(i - 1) %% 3 + 1]
  ci <- if (m == "FE") "z" else c("z", "hk", "hk-adhoc")[((i - 1) %/% 28) %% 3 + 1]
  k <- sample(8:30, 1)
  x1 <- round(runif(k, 20, 80), 1)
  if (i %% 17 == 0) x1 <- sample(2005:2024, k, TRUE)
  x2 <- c("a", "b", "c", sample(c("a", "b", "c"), k - 3, TRUE))
  x2 <- sample(x2)
  lp <- qlogis(rbeta(1, 2, 3)) + 0.03 * (x1 - mean(x1)) * (design != "categorical") +
    c(a = 0, b = 0.6, c = -0.4)[x2] * (design != "continuous") + rnorm(k, 0, sample(c(0, 0.2, 0.5), 1))
  n <- pmax(round(10^runif(k, 0.7, 2.5)), 3)
  x <- rbinom(k, n, plogis(lp))
  if (t == "PRAW") x <- pmin(pmax(x, 1), n - 1)
  mods <- switch(design,
    continuous = list(list(name = "x1", type = "continuous", values = x1)),
    categorical = list(list(name = "x2", type = "categorical", values = x2)),
    both = list(list(name = "x1", type = "continuous", values = x1),
                list(name = "x2", type = "categorical", values = x2)))
  res <- tryCatch(withCallingHandlers({
    list(id = sprintf("mr%03d", i), events = x, n = n, transform = t, method = m, ci = ci,
         moderators = mods, expected = regression(x, n, t, m, ci, mods))
  }, warning = function(w) invokeRestart("muffleWarning")), error = function(e) {
    message(sprintf("case %d skipped: %s", i, conditionMessage(e))); NULL })
  if (!is.null(res)) cases[[length(cases) + 1]] <- res
}

# Edge cases: a redundant categorical moderator (a copy of another), a continuous moderator
# that is a linear function of another (metafor drops both: "Redundant predictors dropped"),
# and a reference level other than the first.
set.seed(7)
k <- 14
n <- sample(20:120, k, TRUE)
x1 <- round(runif(k, 1, 9), 2)
x2 <- sample(c("a", "b", "c"), k, TRUE); x2[1:3] <- c("a", "b", "c")
xi <- rbinom(k, n, plogis(-1 + 0.2 * x1 + c(a = 0, b = 0.5, c = -0.3)[x2]))
edges <- list(
  list(id = "redundant-categorical", moderators = list(list(name = "x2", type = "categorical", values = x2),
                                                     list(name = "x3", type = "categorical", values = x2))),
  list(id = "redundant-continuous", moderators = list(list(name = "x1", type = "continuous", values = x1),
                                                    list(name = "x4", type = "continuous", values = 2 * x1 + 1))),
  list(id = "reference-level", moderators = list(list(name = "x1", type = "continuous", values = x1),
                                               list(name = "x2", type = "categorical", values = x2, reference = "b"))))
for (e in edges) for (m in c("REML", "DL")) {
  cases[[length(cases) + 1]] <- suppressWarnings(list(id = paste(e$id, m), events = xi, n = n, transform = "PLO", method = m, ci = "z",
    moderators = e$moderators, expected = regression(xi, n, "PLO", m, "z", e$moderators)))
}

x <- list(generated_by = "scripts/r/make-meta-regression-fixtures.R",
          metafor = as.character(packageVersion("metafor")), r = R.version.string,
          grid_points = GRID, cases = cases)
write_json(x, file.path(out_dir, "meta-regression.json"), auto_unbox = TRUE, digits = NA, pretty = FALSE, na = "null")
cat(sprintf("%d cases\n", length(cases)))
