# Expected values for the example review in examples/pritz1997, computed with R metafor.
#
#   Rscript scripts/r/make-example-fixtures.R        (from the repository root)
#
# Writes tests/fixtures/metafor/pritz1997.json. tests/examples/pritz1997.test.ts loads the
# example's content files with the site's loader, pools them as the site does, and compares
# every pooled number with these. The numbers come from the dataset itself (metadat's
# dat.pritz1997), not from the example's trial files, so the test also checks that the files
# were transcribed correctly. The analysis is the one examples/pritz1997/review.yaml declares:
# Freeman-Tukey double arcsine (PFT), DerSimonian-Laird tau^2 (DL), Wald z intervals, back-
# transformed with Miller's inverse at the harmonic mean of the study sizes (transf.ipft.hm).
# Fitting and recorded fields: metafor-fixture-helpers.R.
source(file.path("scripts", "r", "metafor-fixture-helpers.R"))
suppressMessages(library(metadat))

out_file <- file.path("tests", "fixtures", "metafor", "pritz1997.json")

transform <- "PFT"
method <- "DL"
pr <- dat.pritz1997
x <- pr$xi
n <- pr$ni
labels <- pr$authors

r <- fit(x, n, transform, method)
expected <- summary_of(r, transform, n)

# Each study's proportion with its exact (Clopper-Pearson) interval, and its weight in percent.
w <- weights(r)
studies <- lapply(seq_along(x), function(i) {
  ci <- binom.test(x[i], n[i])$conf.int
  list(label = labels[i], events = x[i], n = n[i], proportion = x[i] / n[i],
       ci_lower = ci[1], ci_upper = ci[2], weight = as.numeric(w[i]))
})

# A refit of some of the studies, back-transformed at the harmonic mean of their sizes (as the
# site does for leave-one-out and cumulative rows; metafor's leave1out() and cumul() would use
# the sizes of all studies).
refit <- function(s) {
  rs <- fit(x[s], n[s], transform, method)
  p <- predict(rs)
  list(k = rs$k, estimate = back(transform, as.numeric(coef(rs)), n[s]),
       ci_lower = back(transform, p$ci.lb, n[s]), ci_upper = back(transform, p$ci.ub, n[s]),
       tau2 = rs$tau2, I2 = rs$I2)
}

leave_one_out <- lapply(seq_along(x), function(i) c(list(omitted = labels[i]), refit(-i)))

# The site adds studies in the order of their primary report's date, then by label; every
# report here has the same date (1999), so the order is alphabetical by label.
order_added <- order(labels, method = "radix")
cumulative <- lapply(seq_along(order_added), function(j) {
  s <- order_added[seq_len(j)]
  c(list(added = labels[order_added[j]]), refit(s))
})

# Egger's regression test: weighted least squares of yi on sqrt(vi) (regtest, model = "lm").
eg <- regtest(r, model = "lm")
cf <- coef(summary(regtest(r, model = "lm", ret.fit = TRUE)$fit))
egger <- list(t = eg$zval, p = eg$pval, df = eg$dfs, slope = cf[2, 1], slope_se = cf[2, 2])

# Method robustness: every transform by every model with Wald z intervals, REML with
# Hartung-Knapp intervals (plain, and test = "adhoc"), and the binomial models on the logit
# scale (rma.glmm with tight lme4 tolerances: its defaults stop short of the maximum). A
# variant metafor cannot fit records its error instead.
variants <- list()
for (t in c("PFT", "PAS", "PLO", "PRAW")) for (m in c("FE", "DL", "REML", "ML", "PM", "HE", "SJ")) variants[[length(variants) + 1]] <- list(t, m, "z")
for (t in c("PFT", "PAS", "PLO", "PRAW")) for (ci in c("hk", "hk-adhoc")) variants[[length(variants) + 1]] <- list(t, "REML", ci)
for (m in c("GLMM", "GLMM-FE")) variants[[length(variants) + 1]] <- list("PLO", m, "z")
tight <- list(glmerCtrl = list(tolPwrss = 1e-11, optCtrl = list(FtolAbs = 1e-15, FtolRel = 1e-15, XtolRel = 1e-13)))
robustness <- lapply(variants, function(v) {
  row <- list(transform = v[[1]], method = v[[2]], ci = v[[3]])
  res <- tryCatch({
    if (v[[2]] %in% c("GLMM", "GLMM-FE")) {
      rv <- rma.glmm(measure = "PLO", xi = x, ni = n, method = if (v[[2]] == "GLMM") "ML" else "EE", control = tight)
      p <- predict(rv, transf = transf.ilogit)
      list(k = rv$k, tau2 = rv$tau2, I2 = rv$I2, Q = rv$QE.Wld,
           proportion = list(estimate = p$pred, ci_lower = p$ci.lb, ci_upper = p$ci.ub))
    } else {
      rv <- if (v[[3]] == "hk-adhoc") rma(measure = measure_of(v[[1]]), xi = x, ni = n, method = method_of(v[[2]]), test = "adhoc", control = ctl)
            else fit(x, n, v[[1]], v[[2]], v[[3]])
      s <- summary_of(rv, v[[1]], n)
      list(k = s$k, tau2 = s$tau2, I2 = s$I2, Q = s$Q, proportion = s$proportion)
    }
  }, error = function(e) list(metafor_error = conditionMessage(e)))
  c(row, res)
})

fixture <- list(
  generated_by = "scripts/r/make-example-fixtures.R",
  metafor = as.character(packageVersion("metafor")),
  metadat = as.character(packageVersion("metadat")),
  r = R.version.string,
  input = list(labels = labels, events = x, n = n, transform = transform, method = method, ci = "z", level = 0.95),
  expected = expected,
  studies = studies,
  leave_one_out = leave_one_out,
  cumulative = cumulative,
  egger = egger,
  robustness = robustness)
write_json(fixture, out_file, auto_unbox = TRUE, digits = NA, pretty = TRUE, na = "null")
cat("fixture written to", out_file, "\n")
