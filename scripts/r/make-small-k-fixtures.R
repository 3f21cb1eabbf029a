# Expected values for the small-k options of the engine, computed with R metafor.
#
#   Rscript scripts/r/make-small-k-fixtures.R        (from the repository root)
#
# Writes tests/fixtures/metafor/small-k.json:
# - the Hartung-Knapp ad hoc correction, metafor rma(..., test = "adhoc"): the variance of the
#   estimate scaled by max(1, s2_w), t on k - p df; random cases of every transform and model,
#   all-zero and homogeneous sets, subgroups (each level alone, and rma(mods = ~ factor(g))),
#   leave1out() and cumul();
# - the prediction interval under each rule the engine offers, from the parts of predict():
#   pred +- c * sqrt(se^2 + tau^2) with c the CI's critical value ("ci", metafor 3.8's
#   predict), qnorm ("z"), qt on k - p df ("t-k1") or on k - p - 1 df ("t-k2"; Higgins,
#   Thompson & Spiegelhalter 2009, https://doi.org/10.1111/j.1467-985X.2008.00552.x). A
#   common-effect model's PI is its CI under every rule; where the t df is below 1 the PI is
#   not defined and is recorded as the CI with defined = FALSE (the engine's contract);
# - I2_Q = max(0, (QE - df) / QE) * 100 and H2_Q = QE / df (Higgins & Thompson 2002) from r$QE;
# - the back-transformed values metafor's transf.iarcsin and transf.ipft.hm clamp to 0 or 1.
# Settings are those of metafor-fixture-helpers.R (threshold 1e-12, maxiter 5000, stepadj 0.5).
source(file.path("scripts", "r", "metafor-fixture-helpers.R"))

out_file <- file.path("tests", "fixtures", "metafor", "small-k.json")

test_of <- function(ci) switch(ci, z = "z", hk = "knha", "hk-adhoc" = "adhoc")
rules <- c("ci", "z", "t-k1", "t-k2")
bound_names <- c("estimate", "ci_lower", "ci_upper", "pi_lower", "pi_upper")

fit_small <- function(x, n, t, m, ci, mods = NULL) {
  args <- list(measure = measure_of(t), xi = x, ni = n, method = method_of(m), test = test_of(ci), control = ctl)
  if (!is.null(mods)) args$mods <- mods
  # metafor warns that Knapp-Hartung is not meant for EE models; the engine says so too
  withCallingHandlers(do.call(rma, args), warning = function(w) {
    if (grepl("not meant to be used", conditionMessage(w))) invokeRestart("muffleWarning")
  })
}

# The transformed values metafor's back-transform sets to 0 or 1 (PLO and PR: none).
clamped_of <- function(values, t, n) {
  range <- switch(t, PAS = c(0, asin(1)), PFT = { h <- 1 / mean(1 / n); c(transf.pft(0, h), transf.pft(1, h)) },
                  c(-Inf, Inf))
  I(names(values)[values < range[1] | values > range[2]])
}

# The prediction interval under one rule from the parts of predict(): estimate, its standard
# error (Hartung-Knapp scaled when used), tau^2, the CI and its critical value.
pi_rule <- function(rule, est, se, tau2, ci_lb, ci_ub, crit, df_resid, common_effect, level = 0.95) {
  if (common_effect) return(list(lower = ci_lb, upper = ci_ub, defined = TRUE))
  a <- (1 - level) / 2
  df <- switch(rule, ci = NA, z = NA, "t-k1" = df_resid, "t-k2" = df_resid - 1)
  if (rule %in% c("t-k1", "t-k2") && df < 1) return(list(lower = ci_lb, upper = ci_ub, defined = FALSE))
  c <- switch(rule, ci = crit, z = qnorm(a, lower.tail = FALSE), qt(a, df, lower.tail = FALSE))
  h <- c * sqrt(se^2 + tau2)
  list(lower = est - h, upper = est + h, defined = TRUE)
}

# Everything one estimate reports under every PI rule: transformed and proportion bounds, the
# defined flag and the clamped values.
pi_rules_of <- function(est, se, tau2, ci_lb, ci_ub, crit, df_resid, common_effect, t, n) {
  out <- list()
  for (rule in rules) {
    p <- pi_rule(rule, est, se, tau2, ci_lb, ci_ub, crit, df_resid, common_effect)
    values <- c(estimate = est, ci_lower = ci_lb, ci_upper = ci_ub, pi_lower = p$lower, pi_upper = p$upper)
    out[[rule]] <- list(defined = p$defined,
      transformed = list(pi_lower = p$lower, pi_upper = p$upper),
      proportion = list(pi_lower = back(t, p$lower, n), pi_upper = back(t, p$upper, n)),
      clamped = clamped_of(values, t, n))
  }
  out
}

i2_q <- function(Q, df) if (df > 0) max(0, (Q - df) / Q) * 100 else 0
h2_q <- function(Q, df) if (df > 0) Q / df else 1

# One intercept-only fit: metafor's summary (as the other fixtures) plus the new fields.
summary_small <- function(r, t, n) {
  p <- predict(r)
  df_resid <- r$k - r$p
  crit <- if (r$test == "z") qnorm(0.975) else qt(0.975, df_resid)
  est <- as.numeric(coef(r))
  common_effect <- r$method == "EE"
  list(k = r$k, tau2 = r$tau2, I2 = r$I2, H2 = r$H2, Q = r$QE, Q_df = df_resid, Q_p = r$QEp,
       I2_Q = i2_q(r$QE, df_resid), H2_Q = h2_q(r$QE, df_resid),
       df = if (r$test == "z") NA else df_resid,
       transformed = list(estimate = est, se = r$se, ci_lower = p$ci.lb, ci_upper = p$ci.ub),
       proportion = list(estimate = back(t, est, n), ci_lower = back(t, p$ci.lb, n), ci_upper = back(t, p$ci.ub, n)),
       pi = pi_rules_of(est, r$se, r$tau2, p$ci.lb, p$ci.ub, crit, df_resid, common_effect, t, n))
}

separate_small <- function(x, n, g, t, m, ci) {
  levels <- unique(g); subs <- list(); es <- c(); se <- c()
  for (lv in levels) {
    s <- g == lv
    rg <- fit_small(x[s], n[s], t, m, ci)
    subs[[lv]] <- summary_small(rg, t, n[s]); es <- c(es, coef(rg)); se <- c(se, rg$se)
  }
  rb <- rma(yi = es, sei = se, method = "EE")
  list(subgroups = subs, Q_between = rb$QE, Q_between_df = length(levels) - 1, Q_between_p = rb$QEp)
}

# Common tau^2: rma(mods = ~ factor(g), test = "adhoc"); each level's PI from predict(newmods)
# on k - p (t-k1) or k - p - 1 (t-k2) df, its I2_Q from the level's own common-effect Q.
common_small <- function(x, n, g, t, m, ci) {
  levels <- unique(g)
  f <- factor(g, levels = levels)
  r <- fit_small(x, n, t, m, ci, mods = model.matrix(~ f)[, -1, drop = FALSE])  # the same model as mods = ~ f
  p <- predict(r, newmods = rbind(0, diag(length(levels) - 1)))
  df_resid <- r$k - r$p
  crit <- if (r$test == "z") qnorm(0.975) else qt(0.975, df_resid)
  subs <- list()
  for (j in seq_along(levels)) {
    s <- g == levels[j]
    own <- rma(measure = measure_of(t), xi = x[s], ni = n[s], method = "EE")
    subs[[levels[j]]] <- list(k = sum(s), tau2 = r$tau2, Q = own$QE,
      I2_Q = i2_q(own$QE, own$k - 1), H2_Q = h2_q(own$QE, own$k - 1), df = if (r$test == "z") NA else df_resid,
      transformed = list(estimate = p$pred[j], se = p$se[j], ci_lower = p$ci.lb[j], ci_upper = p$ci.ub[j]),
      proportion = list(estimate = back(t, p$pred[j], n[s]), ci_lower = back(t, p$ci.lb[j], n[s]),
                        ci_upper = back(t, p$ci.ub[j], n[s])),
      pi = pi_rules_of(p$pred[j], p$se[j], r$tau2, p$ci.lb[j], p$ci.ub[j], crit, df_resid, r$method == "EE", t, n[s]))
  }
  list(tau2 = r$tau2, subgroups = subs, Q_between = r$QM, Q_between_df = r$QMdf[1],
       Q_between_df2 = if (is.na(r$QMdf[2])) NULL else r$QMdf[2], Q_between_p = r$QMp)
}

# leave1out() and cumul() of an adhoc fit; their PI under each rule from the same parts (the
# refit's estimate, se and tau^2; the harmonic mean n of the studies in the refit).
refits_small <- function(r, x, n, t, order) {
  df_of <- function(k) k - 1
  rows <- function(tab, members) Filter(Negate(is.null), lapply(seq_along(tab$estimate), function(i) {
    k <- length(members[[i]])
    if (k < 2) return(NULL)  # one study: metafor gives no t interval (0 df)
    tau2 <- if (is.null(tab$tau2)) 0 else tab$tau2[i]
    crit <- if (r$test == "z") qnorm(0.975) else qt(0.975, df_of(k))
    ni <- n[members[[i]]]
    list(row = i - 1, k = k, estimate = tab$estimate[i], se = tab$se[i], ci_lower = tab$ci.lb[i], ci_upper = tab$ci.ub[i],
         tau2 = tau2, Q = tab$Q[i], I2_Q = i2_q(tab$Q[i], k - 1), H2_Q = h2_q(tab$Q[i], k - 1),
         pi = pi_rules_of(tab$estimate[i], tab$se[i], tau2, tab$ci.lb[i], tab$ci.ub[i], crit, df_of(k),
                          r$method == "EE", t, ni))
  }))
  k <- length(x)
  l1 <- leave1out(r)
  cu <- do.call(cumul, list(r, order = order))
  added <- order(order)
  list(leave_one_out = rows(l1, lapply(seq_len(k), function(i) setdiff(seq_len(k), i))),
       cumulative = rows(cu, lapply(seq_len(k), function(i) added[seq_len(i)])),
       cumulative_order = added - 1)
}

one_case <- function(id, x, n, t, m, ci, g = NULL, refits = FALSE) {
  tryCatch(withCallingHandlers({
    r <- fit_small(x, n, t, m, ci)
    input <- list(id = id, events = I(x), n = I(n), transform = t, method = m, ci = ci)
    if (!is.null(g)) input$groups <- I(g)
    expected <- summary_small(r, t, n)
    if (!is.null(g)) {
      expected$separate <- separate_small(x, n, g, t, m, ci)
      if (m != "FE") expected$common <- common_small(x, n, g, t, m, ci)
    }
    if (refits) expected <- c(expected, refits_small(r, x, n, t, order = rev(seq_along(x))))
    list(input = input, expected = expected)
  }, warning = function(w) stop(conditionMessage(w))), error = function(e) NULL)
}

# ---------------------------------------------------------------------------------------
# 1. Random small-k cases: every transform and model with test = "adhoc" (some with z or
#    knha, for the PI rules), k from 2 to 8, some with two subgroups.
set.seed(20260312)
transforms <- c("PFT", "PAS", "PLO", "PRAW")
methods <- c("FE", "DL", "REML", "ML", "PM", "HE", "SJ")
cases <- list()
for (i in 1:112) {
  t <- transforms[(i - 1) %% 4 + 1]
  m <- methods[(i - 1) %% 7 + 1]
  ci <- c("hk-adhoc", "hk-adhoc", "z", "hk")[(i %/% 28) %% 4 + 1]
  k <- if (i %% 5 == 0) sample(6:10, 1) else sample(2:5, 1)
  p <- rbeta(1, runif(1, 0.3, 3), runif(1, 0.3, 3))
  n <- pmax(round(10^runif(k, 0.5, 2.3)), 2)
  x <- rbinom(k, n, pmin(pmax(p + rnorm(k, 0, sample(c(0, 0.02, 0.1), 1)), 0), 1))
  if (t == "PRAW") x <- pmin(pmax(x, 1), n - 1)
  g <- if (k >= 6 && i %% 2 == 0) c("A", "A", "B", "B", sample(c("A", "B"), k - 4, TRUE)) else NULL
  res <- one_case(sprintf("s%03d", i), x, n, t, m, ci, g)
  if (!is.null(res)) cases[[length(cases) + 1]] <- res
}

# 2. Fixed sets: all-zero and homogeneous studies (s2_w = 0 or below 1, so adhoc uses 1),
#    two and three studies, extremes that clamp, subgroups with adhoc both ways.
fixed <- list(
  list("zero_pas_reml", c(0, 0, 0), c(10, 25, 40), "PAS", "REML"),
  list("zero_pft_dl", c(0, 0, 0, 0), c(8, 12, 30, 50), "PFT", "DL"),
  list("zero_plo_dl", c(0, 0, 0), c(10, 20, 30), "PLO", "DL"),
  list("zero_praw_pm", c(0, 0, 0, 0), c(10, 20, 30, 15), "PRAW", "PM"),
  list("zero_two_pas_fe", c(0, 0), c(10, 30), "PAS", "FE"),
  list("identical_pas_reml", c(3, 3, 3), c(20, 20, 20), "PAS", "REML"),
  list("identical_plo_sj", c(5, 5, 5, 5), c(30, 30, 30, 30), "PLO", "SJ"),
  list("homogeneous_pft_ml", c(4, 8, 12, 16), c(20, 40, 60, 80), "PFT", "ML"),
  list("homogeneous_praw_he", c(10, 21, 29), c(50, 100, 150), "PRAW", "HE"),
  list("two_plo_reml", c(3, 9), c(20, 25), "PLO", "REML"),
  list("two_pas_dl", c(1, 14), c(15, 16), "PAS", "DL"),
  list("three_pft_reml", c(1, 10, 2), c(12, 14, 30), "PFT", "REML"),
  list("near_one_pas_dl", c(19, 20, 18), c(20, 20, 19), "PAS", "DL"),
  list("near_zero_pft_reml", c(0, 1, 0, 2), c(15, 40, 9, 60), "PFT", "REML"),
  list("all_events_plo_fe", c(10, 20, 15), c(10, 20, 15), "PLO", "FE"))
for (f in fixed) {
  for (ci in c("hk-adhoc", "hk", "z")) {
    res <- one_case(paste(f[[1]], ci, sep = "_"), f[[2]], f[[3]], f[[4]], f[[5]], ci)
    if (!is.null(res)) cases[[length(cases) + 1]] <- res
  }
}
grouped <- list(
  list("groups_pas_reml", c(2, 5, 3, 11, 14, 9, 12), c(20, 30, 25, 30, 35, 28, 40), c("a", "a", "a", "b", "b", "b", "b"), "PAS", "REML"),
  list("groups_pft_dl_zero", c(0, 0, 0, 4, 9, 6), c(10, 20, 15, 20, 30, 25), c("a", "a", "a", "b", "b", "b"), "PFT", "DL"),
  list("groups_plo_pm_two", c(3, 8, 10, 2, 5), c(30, 40, 25, 20, 30), c("a", "a", "b", "b", "b"), "PLO", "PM"),
  list("groups_praw_fe", c(3, 8, 10, 2, 5, 7), c(30, 40, 25, 20, 30, 28), c("a", "b", "a", "b", "a", "b"), "PRAW", "FE"))
for (f in grouped) {
  res <- one_case(paste(f[[1]], "hk-adhoc", sep = "_"), f[[2]], f[[3]], f[[5]], f[[6]], "hk-adhoc", f[[4]])
  if (!is.null(res)) cases[[length(cases) + 1]] <- res
}

# 3. Leave-one-out and cumulative with adhoc (cumul adds the studies in reverse order), one of
#    them large enough (60 studies) for the engine's refits on cells of equal variance.
set.seed(7)
nb <- sample(c(20, 30, 40), 60, TRUE)
xb <- rbinom(60, nb, 0.2)
refit_sets <- list(
  list("refits_plo_reml", c(3, 9, 5, 12, 7), c(20, 25, 30, 40, 22), "PLO", "REML"),
  list("refits_pas_dl_zero", c(0, 0, 1, 0), c(10, 20, 30, 15), "PAS", "DL"),
  list("refits_pft_pm", c(4, 8, 2, 14, 6, 9), c(20, 30, 25, 40, 18, 35), "PFT", "PM"),
  list("refits_praw_fe", c(4, 8, 2, 14), c(20, 30, 25, 40), "PRAW", "FE"),
  list("refits_large_plo_dl", xb, nb, "PLO", "DL"))
for (f in refit_sets) {
  res <- one_case(f[[1]], f[[2]], f[[3]], f[[4]], f[[5]], "hk-adhoc", refits = TRUE)
  if (!is.null(res)) cases[[length(cases) + 1]] <- res
}

write_json(list(generated_by = "scripts/r/make-small-k-fixtures.R", metafor = as.character(packageVersion("metafor")),
                r = R.version.string, cases = cases),
           out_file, auto_unbox = TRUE, digits = NA, pretty = FALSE, na = "null")
cat(length(cases), "cases written to", out_file, "\n")
