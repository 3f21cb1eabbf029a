# Fixtures of the binomial models of proportions: metafor 3.8 rma.glmm(measure = "PLO") with
# method = "ML" (random-intercept logistic model, lme4 glmer with nAGQ = 7) and method = "EE"
# (common-effect logistic model), test = "z" or "t". Writes tests/fixtures/metafor/glmm.json.
#
# Each case is fitted twice: with metafor's defaults (`metafor`, what users see) and with tight
# tolerances (`metafor_tight`: lme4 PIRLS tolPwrss 1e-11, Nelder-Mead FtolAbs/FtolRel 1e-15,
# XtolRel 1e-13; smaller tolPwrss make PIRLS fail). lme4's default PIRLS tolerance (1e-7) leaves its
# deviance a little off the exact quadrature and its Nelder-Mead search stops early, so the
# default answers can lie up to about 1e-4 (relative) from the maximum of the nAGQ = 7
# likelihood; the tight fit gets closer. For random-intercept fits with tau^2 > 0, `exact` is
# the maximum itself (see exact_of below; lme4's own vcov uses a plain finite-difference
# Hessian of its deviance, step 1e-4).
#
# Run from the project root: Rscript scripts/r/make-glmm-fixtures.R
suppressMessages({
  library(metafor)
  library(metadat)
  library(lme4)
  library(jsonlite)
  library(numDeriv)
})

out_file <- file.path("tests", "fixtures", "metafor", "glmm.json")

method_of <- function(m) if (m == "GLMM") "ML" else "EE"

# rma.glmm with its warnings collected (not turned into errors)
tight <- list(glmerCtrl = list(tolPwrss = 1e-11, optCtrl = list(FtolAbs = 1e-15, FtolRel = 1e-15, XtolRel = 1e-13)),
              glmCtrl = list())

glmm <- function(x, n, m, ci, control = list()) {
  warnings <- character(0)
  r <- withCallingHandlers(
    tryCatch(rma.glmm(measure = "PLO", xi = x, ni = n, method = method_of(m), test = if (ci == "hk") "t" else "z", control = control),
             error = function(e) structure(list(message = conditionMessage(e)), class = "glmm_error")),
    warning = function(w) { warnings <<- c(warnings, conditionMessage(w)); invokeRestart("muffleWarning") })
  list(fit = r, warnings = warnings)
}

summary_of <- function(r) {
  p <- predict(r)
  if (is.null(p$pi.lb)) { p$pi.lb <- p$ci.lb; p$pi.ub <- p$ci.ub }
  b <- as.numeric(coef(r))
  list(k = r$k, tau2 = r$tau2, vt = r$vt, I2 = r$I2, H2 = r$H2, Q = r$QE.Wld, Q_df = r$QE.df, Q_p = r$QEp.Wld,
       Q_LRT = r$QE.LRT, Q_LRT_p = r$QEp.LRT,
       transformed = list(estimate = b, se = r$se, ci_lower = p$ci.lb, ci_upper = p$ci.ub,
                          pi_lower = p$pi.lb, pi_upper = p$pi.ub),
       proportion = list(estimate = transf.ilogit(b), ci_lower = transf.ilogit(p$ci.lb), ci_upper = transf.ilogit(p$ci.ub),
                         pi_lower = transf.ilogit(p$pi.lb), pi_upper = transf.ilogit(p$pi.ub)))
}

# The maximum of the nAGQ = 7 likelihood, computed here independently of lme4: -2 log L by
# adaptive Gauss-Hermite quadrature (lme4's GHrule(7) nodes), centred at each study's exact
# conditional mode (uniroot, then three Newton steps) and scaled by the curvature there,
# the formula lme4 evaluates with its PIRLS iterations stopped at tolPwrss; minimised by Newton's
# method (numDeriv's Richardson gradient and Hessian) from the tight rma.glmm fit to a step
# below 1e-11; standard error from the Hessian there; intervals from those.
exact_of <- function(x, n, ci, r) {
  if (r$tau2 <= 0) return(NULL)
  dev <- function(par) {
    tau <- abs(par[1]); mu <- par[2]; rule <- lme4::GHrule(7); total <- 0
    for (i in seq_along(x)) {
      gi <- function(u) x[i] * (mu + tau * u) + n[i] * plogis(-(mu + tau * u), log.p = TRUE) - u^2 / 2
      slope <- function(u) tau * (x[i] - n[i] * plogis(mu + tau * u)) - u
      u <- if (tau == 0) 0 else uniroot(slope, c(tau * (x[i] - n[i]) - 1, tau * x[i] + 1), tol = 1e-15)$root
      for (polish in 1:3) { p <- plogis(mu + tau * u); u <- u + slope(u) / (tau^2 * n[i] * p * (1 - p) + 1) }
      p <- plogis(mu + tau * u); s <- 1 / sqrt(tau^2 * n[i] * p * (1 - p) + 1)
      nodes <- u + s * rule[, "z"]
      total <- total + log(s) + gi(u) + log(sum(rule[, "w"] * exp(gi(nodes) - gi(u) + rule[, "z"]^2 / 2)))
    }
    -2 * total
  }
  # Newton's method with numDeriv's Richardson gradient and Hessian (nlminb stops too early here)
  par <- c(sqrt(r$tau2), as.numeric(coef(r)))
  for (it in 1:50) {
    step <- solve(numDeriv::hessian(dev, par), numDeriv::grad(dev, par))
    par <- par - step
    if (max(abs(step)) < 1e-11) break
  }
  se <- sqrt(2 * solve(numDeriv::hessian(dev, par))[2, 2])
  # the rounding noise of this deviance limits its Hessian: a second step size tells how much
  se_spread <- abs(se - sqrt(2 * solve(numDeriv::hessian(dev, par, method.args = list(d = 0.05)))[2, 2]))
  tau2 <- par[1]^2; b <- par[2]
  crit <- if (ci == "hk") qt(0.975, length(x) - 1) else qnorm(0.975)
  ci.lb <- b - crit * se; ci.ub <- b + crit * se
  pi.lb <- b - crit * sqrt(se^2 + tau2); pi.ub <- b + crit * sqrt(se^2 + tau2)
  list(tau2 = tau2, se_spread = se_spread, transformed = list(estimate = b, se = se, ci_lower = ci.lb, ci_upper = ci.ub, pi_lower = pi.lb, pi_upper = pi.ub),
       proportion = list(estimate = plogis(b), ci_lower = plogis(ci.lb), ci_upper = plogis(ci.ub),
                         pi_lower = plogis(pi.lb), pi_upper = plogis(pi.ub)))
}

one_case <- function(id, x, n, m, ci, groups = NULL, note = NULL) {
  res <- list(id = id, events = I(x), n = I(n), method = m, ci = ci)
  if (!is.null(groups)) res$groups <- groups
  if (!is.null(note)) res$note <- note
  g <- glmm(x, n, m, ci)
  if (inherits(g$fit, "glmm_error")) {
    res$metafor_error <- g$fit$message
    return(res)
  }
  res$metafor <- summary_of(g$fit)
  res$warnings <- g$warnings
  gt <- glmm(x, n, m, ci, tight)
  if (!inherits(gt$fit, "glmm_error")) res$metafor_tight <- summary_of(gt$fit)
  if (m == "GLMM") {
    ex <- exact_of(x, n, ci, if (inherits(gt$fit, "glmm_error")) g$fit else gt$fit)
    if (!is.null(ex)) res$exact <- ex
  }
  if (!is.null(groups)) {
    subs <- list(); es <- c(); se <- c(); ok <- TRUE
    for (lv in unique(groups)) {
      s <- groups == lv
      gl <- glmm(x[s], n[s], m, ci)
      if (inherits(gl$fit, "glmm_error")) { ok <- FALSE; break }
      gt <- glmm(x[s], n[s], m, ci, tight)
      subs[[lv]] <- c(summary_of(gl$fit), list(warnings = gl$warnings),
                      if (!inherits(gt$fit, "glmm_error")) list(tight = summary_of(gt$fit)))
      es <- c(es, as.numeric(coef(gl$fit))); se <- c(se, gl$fit$se)
    }
    if (ok) {
      rb <- rma(yi = es, sei = se, method = "EE")
      res$subgroups <- subs
      res$Q_between <- rb$QE; res$Q_between_df <- length(es) - 1; res$Q_between_p <- rb$QEp
    } else {
      res$subgroups_error <- "a subgroup could not be fitted by rma.glmm"
    }
  }
  res
}

set.seed(20261203)
cases <- list()
for (i in 1:64) {
  m <- if (i %% 4 == 0 || i %% 7 == 3) "GLMM-FE" else "GLMM"
  ci <- if (i %% 2 == 0) "hk" else "z"
  k <- sample(3:30, 1)
  p <- rbeta(1, runif(1, 0.3, 3), runif(1, 0.3, 3))
  n <- pmax(1, round(10^runif(k, 0, if (i %% 8 == 5) 3.5 else 2.7)))
  spread <- sample(c(0, 0.3, 1, 2), 1)
  x <- rbinom(k, n, plogis(qlogis(pmin(pmax(p, 0.01), 0.99)) + rnorm(k, 0, spread)))
  if (sum(x) == 0) x[1] <- 1
  if (sum(x) == sum(n)) x[1] <- n[1] - 1
  groups <- NULL
  if (k >= 6 && i %% 5 == 0) { groups <- sample(c("A", "B"), k, replace = TRUE); groups[1:4] <- c("A", "A", "B", "B") }
  cases[[length(cases) + 1]] <- one_case(sprintf("r%02d", i), x, n, m, ci, groups)
}

pr <- dat.pritz1997
published <- list(
  one_case("pritz1997_GLMM_z", pr$xi, pr$ni, "GLMM", "z", note = "metafor dat.pritz1997 (metadat), PLO"),
  one_case("pritz1997_GLMM_t", pr$xi, pr$ni, "GLMM", "hk", note = "metafor dat.pritz1997 (metadat), PLO, test t"),
  one_case("pritz1997_GLMMFE_z", pr$xi, pr$ni, "GLMM-FE", "z", note = "metafor dat.pritz1997 (metadat), PLO, EE"))

edge <- list(
  one_case("one_event_rest_zero", c(1, 0, 0, 0), c(355, 100, 50, 80), "GLMM", "z", note = "maximum at tau2 = 0: the common-effect fit"),
  one_case("one_event_rest_zero_EE", c(1, 0, 0, 0), c(355, 100, 50, 80), "GLMM-FE", "z"),
  one_case("all_zero", c(0, 0, 0), c(10, 20, 30), "GLMM", "z", note = "no finite estimate: refused"),
  one_case("all_zero_EE", c(0, 0, 0), c(10, 20, 30), "GLMM-FE", "z", note = "glm stops at a huge negative logit: refused"),
  one_case("all_events", c(10, 20, 30), c(10, 20, 30), "GLMM", "z", note = "no finite estimate: refused"),
  one_case("zero_or_all", c(0, 10, 0, 30), c(10, 10, 30, 30), "GLMM", "z", note = "tau2 grows without bound: refused"),
  one_case("zero_or_all_EE", c(0, 10, 0, 30), c(10, 10, 30, 30), "GLMM-FE", "z"),
  one_case("two_studies_boundary", c(2, 3), c(10, 20), "GLMM", "z"),
  one_case("two_studies", c(2, 15), c(40, 20), "GLMM", "hk"),
  one_case("single_study", c(5), c(10), "GLMM", "z", note = "metafor refuses; the engine gives the common-effect fit with a warning"),
  one_case("bernoulli", c(1, 0, 0, 1, 0), c(1, 1, 1, 1, 1), "GLMM", "z", note = "n = 1: heterogeneity not identifiable, tau2 = 0"),
  one_case("one_interior_study", c(0, 5, 10), c(10, 10, 10), "GLMM", "z"),
  one_case("large_n", c(120, 3400, 560, 7), c(10000, 50000, 9000, 2000), "GLMM", "z"),
  one_case("rare_events", c(0, 1, 0, 2, 0, 0, 1), c(50, 120, 80, 300, 40, 60, 200), "GLMM", "hk"))

out <- list(
  description = paste("metafor", as.character(packageVersion("metafor")), "rma.glmm(measure = 'PLO'), lme4",
                      as.character(packageVersion("lme4")), "nAGQ = 7; method GLMM = 'ML', GLMM-FE = 'EE'; ci hk = test 't'"),
  cases = cases, published = published, edge = edge)
write_json(out, out_file, auto_unbox = TRUE, digits = NA, pretty = FALSE, na = "null")
cat("wrote", out_file, "\n")
