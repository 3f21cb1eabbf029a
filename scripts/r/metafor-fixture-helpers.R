# Shared by the fixture scripts in this folder: how each case is fitted with metafor and which
# fields of the fit are recorded, so every fixture file means the same thing. Settings are
# those of the cross-check in ../shared/oracle: control threshold 1e-12, maxiter 5000,
# stepadj 0.5; PRAW is metafor's "PR" and FE its "EE".
suppressMessages({
  library(metafor)
  library(jsonlite)
})

ctl <- list(threshold = 1e-12, maxiter = 5000, stepadj = 0.5)

measure_of <- function(t) if (t == "PRAW") "PR" else t
method_of <- function(m) if (m == "FE") "EE" else m
back <- function(t, v, ni) switch(t,
  PFT = transf.ipft.hm(v, targs = list(ni = ni)), PAS = transf.iarcsin(v),
  PLO = transf.ilogit(v), PRAW = v)

fit <- function(x, n, t, m, ci = "z", add = NULL, to = "only0") {
  args <- list(measure = measure_of(t), xi = x, ni = n, method = method_of(m),
               test = if (ci == "hk") "knha" else "z", control = ctl, to = to)
  if (!is.null(add)) args$add <- add
  do.call(rma, args)
}

# The fields of one analysis, as the batch contract and the result object name them. The
# Q-profile CI of tau^2 uses a tight root tolerance (uniroot's tol is absolute, so 1e-15 keeps
# even tau^2 near 1e-5 exact to 1e-10); where metafor cannot give a finite one, that is recorded.
summary_of <- function(r, t, n) {
  p <- predict(r)
  if (is.null(p$pi.lb)) { p$pi.lb <- p$ci.lb; p$pi.ub <- p$ci.ub }
  res <- list(k = r$k, tau2 = r$tau2, I2 = r$I2, H2 = r$H2, Q = r$QE, Q_df = r$k - r$p, Q_p = r$QEp,
    transformed = list(estimate = as.numeric(coef(r)), se = r$se, ci_lower = p$ci.lb, ci_upper = p$ci.ub,
                       pi_lower = p$pi.lb, pi_upper = p$pi.ub),
    proportion = list(estimate = back(t, as.numeric(coef(r)), n), ci_lower = back(t, p$ci.lb, n),
                      ci_upper = back(t, p$ci.ub, n), pi_lower = back(t, p$pi.lb, n), pi_upper = back(t, p$pi.ub, n)),
    yi = as.numeric(r$yi), vi = as.numeric(r$vi), weight = as.numeric(weights(r)))
  if (!(r$method %in% c("EE", "FE")) && r$k > 1) {
    ci <- tryCatch(suppressWarnings(confint(r, control = list(tol = 1e-15))$random), error = function(e) NULL)
    if (!is.null(ci) && all(is.finite(ci[c("tau^2", "I^2(%)", "H^2"), c("ci.lb", "ci.ub")]))) {
      res$tau2_ci <- list(tau2_lower = ci["tau^2", "ci.lb"], tau2_upper = ci["tau^2", "ci.ub"],
                          I2_lower = ci["I^2(%)", "ci.lb"], I2_upper = ci["I^2(%)", "ci.ub"],
                          H2_lower = ci["H^2", "ci.lb"], H2_upper = ci["H^2", "ci.ub"])
    } else {
      res$tau2_ci_unavailable <- TRUE
    }
  }
  res
}
