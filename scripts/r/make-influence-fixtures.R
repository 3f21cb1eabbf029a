# Expected values for the influence diagnostics and the Baujat plot, computed with R metafor.
#
#   Rscript scripts/r/make-influence-fixtures.R        (from the repository root)
#
# Writes tests/fixtures/metafor/influence.json: random cases over every transform, method and
# interval (z and Hartung-Knapp), some with one outlying study so that metafor flags it, some
# with k = 2, and some with 50 or more studies (where the engine refits cells of equal
# variance). For each case, per study: influence(r) (rstudent, dffits, cook.d, cov.r, tau2.del,
# QE.del, hat, weight, the DFBETAS of the intercept, and metafor's "*" flag) and the x and y of
# baujat(r). Fitting: metafor-fixture-helpers.R.
source(file.path("scripts", "r", "metafor-fixture-helpers.R"))

out_file <- file.path("tests", "fixtures", "metafor", "influence.json")
pdf(NULL)  # baujat() draws; nothing is kept

influence_of <- function(x, n, t, m, ci) {
  r <- suppressWarnings(fit(x, n, t, m, ci))
  inf <- suppressWarnings(influence(r))
  bj <- suppressWarnings(baujat(r))
  list(tau2 = r$tau2, estimate = as.numeric(coef(r)), se = r$se,
       rstudent = inf$inf$rstudent, dffits = inf$inf$dffits, cook_d = inf$inf$cook.d,
       cov_r = inf$inf$cov.r, tau2_del = inf$inf$tau2.del, QE_del = inf$inf$QE.del,
       hat = inf$inf$hat, weight = inf$inf$weight, dfbs = inf$dfbs$intrcpt,
       inf = inf$inf$inf == "*", baujat_x = bj$x, baujat_y = bj$y)
}

set.seed(20261203)
transforms <- c("PFT", "PAS", "PLO", "PRAW")
methods <- c("FE", "DL", "REML", "ML", "PM", "HE", "SJ")
cases <- list()
for (i in 1:84) {
  t <- transforms[(i - 1) %% 4 + 1]
  m <- methods[(i - 1) %% 7 + 1]
  ci <- c("z", "hk")[(i %/% 28) %% 2 + 1]
  k <- if (i %% 21 == 0) 2 else if (i %% 10 == 0) sample(50:90, 1) else sample(3:30, 1)
  p <- rbeta(1, runif(1, 0.5, 3), runif(1, 0.5, 3))
  n <- pmax(round(10^runif(k, 0.5, 2.6)), 2)
  x <- rbinom(k, n, pmin(pmax(p + rnorm(k, 0, sample(c(0, 0.05, 0.15), 1)), 0), 1))
  outlier <- k >= 4 && i %% 3 == 0
  if (outlier) {
    # one large study far from the others
    j <- sample(k, 1)
    n[j] <- max(n) * 2
    x[j] <- round(n[j] * (if (p < 0.5) 0.9 else 0.1))
  }
  if (t == "PRAW") x <- pmin(pmax(x, 1), n - 1)
  res <- tryCatch(influence_of(x, n, t, m, ci), error = function(e) NULL)
  if (is.null(res)) next
  id <- sprintf("i%03d", i)
  cases[[id]] <- list(input = list(events = x, n = n, transform = t, method = m, ci = ci),
                      outlier = outlier, expected = res)
}

x <- c(list(generated_by = "scripts/r/make-influence-fixtures.R",
            metafor = as.character(packageVersion("metafor")), r = R.version.string), cases)
write_json(x, out_file, auto_unbox = TRUE, digits = NA, pretty = FALSE, na = "null")
cat(length(cases), "cases,", sum(sapply(cases, function(c) any(c$expected$inf))), "with a flagged study\n")
