# Expected values for the engine's numerical edge cases, computed with R metafor.
#
#   Rscript scripts/r/make-edge-fixtures.R        (from the repository root)
#
# Writes tests/fixtures/metafor/edge-cases.json: continuity corrections, a single study, equal
# effects, and a grid of the edges
# curators meet: k = 1 and 2, all-zero events, all events, n = 1, n = 1,000,000, identical
# studies, one huge study among small ones, for PFT, PAS, PLO and PRAW by FE, DL, REML, ML
# and PM.
#
# Where metafor warns, the warning is recorded with the result (`metafor_warnings`); where it
# stops, its error is recorded instead of a result (`metafor_error`). tests/stats/edge-cases.test.ts
# pins what the engine does in each of those cases. Fitting and recorded fields: metafor-fixture-helpers.R.
source(file.path("scripts", "r", "metafor-fixture-helpers.R"))

out_file <- file.path("tests", "fixtures", "metafor", "edge-cases.json")

edges <- list()

# One case: the result with any warnings metafor gave, or the error it stopped with.
edge <- function(name, x, n, t, m, ci = "z", add = NULL, to = "only0") {
  input <- list(events = I(x), n = I(n), transform = t, method = m, ci = ci)  # I(): arrays even for k = 1
  if (!is.null(add) || to != "only0") input$correction <- list(add = if (is.null(add)) NULL else add, to = to)
  warnings <- character(0)
  entry <- tryCatch(withCallingHandlers({
    r <- fit(x, n, t, m, ci, add, to)
    list(input = input, expected = summary_of(r, t, n))
  }, warning = function(w) {
    warnings <<- c(warnings, conditionMessage(w))
    invokeRestart("muffleWarning")
  }), error = function(e) list(input = input, metafor_error = conditionMessage(e)))
  if (length(warnings) > 0) entry$metafor_warnings <- I(unique(warnings))
  edges[[name]] <<- entry
}

# ---------------------------------------------------------------------------------------
# Continuity corrections, a single study, equal effects.
edge("plo_zero_events", c(0, 3, 5, 10, 2), c(12, 20, 25, 10, 30), "PLO", "REML")
edge("praw_zero_events", c(0, 3, 5, 10, 2), c(12, 20, 25, 10, 30), "PRAW", "DL")
edge("plo_add_all", c(1, 3, 5, 9, 2), c(12, 20, 25, 10, 30), "PLO", "DL", add = 0.5, to = "all")
edge("plo_if0all_quarter", c(0, 3, 5, 9, 2), c(12, 20, 25, 10, 30), "PLO", "PM", add = 0.25, to = "if0all")
edge("pas_with_correction", c(0, 3, 5, 10, 2), c(12, 20, 25, 10, 30), "PAS", "REML", add = 0.5)
edge("pft_zero_and_all", c(0, 0, 1, 20, 15), c(15, 8, 30, 20, 15), "PFT", "REML")
edge("single_study", 4, 17, "PLO", "REML")
edge("hk_equal_effects", c(0, 0, 0), c(10, 10, 10), "PAS", "REML", "hk")
edge("fe_equal_effects", c(0, 0, 0), c(10, 10, 10), "PAS", "FE")
edge("sj_two_studies", c(3, 9), c(20, 25), "PLO", "SJ", "hk")

# ---------------------------------------------------------------------------------------
# The grid: every edge by every transform and the main models.
grid <- list(
  k1 = list(x = 4, n = 17),
  k2 = list(x = c(3, 9), n = c(20, 25)),
  all_zero = list(x = c(0, 0, 0, 0), n = c(10, 15, 20, 8)),
  all_events = list(x = c(10, 15, 20, 8), n = c(10, 15, 20, 8)),
  n_one = list(x = c(1, 0, 1, 5, 7), n = c(1, 1, 1, 12, 20)),
  n_million = list(x = c(123456, 2, 30), n = c(1000000, 10, 100)),
  identical = list(x = c(5, 5, 5, 5), n = c(20, 20, 20, 20)),
  one_huge = list(x = c(4, 6, 3, 9, 250000), n = c(10, 15, 12, 20, 1000000)),
  # sampling variances 1e12 apart on the raw scale: metafor warns, the engine's REML falls back
  million_beside_six = list(x = c(0, 0), n = c(1000000, 6))
)
for (case in names(grid)) {
  for (t in c("PFT", "PAS", "PLO", "PRAW")) {
    for (m in c("FE", "DL", "REML", "ML", "PM")) {
      edge(paste(case, tolower(t), tolower(m), sep = "_"), grid[[case]]$x, grid[[case]]$n, t, m)
    }
  }
}
# Hartung-Knapp at the edges: two studies, identical studies.
for (t in c("PFT", "PAS", "PLO", "PRAW")) {
  edge(paste("k2", tolower(t), "reml_hk", sep = "_"), c(3, 9), c(20, 25), t, "REML", "hk")
  edge(paste("identical", tolower(t), "dl_hk", sep = "_"), c(5, 5, 5, 5), c(20, 20, 20, 20), t, "DL", "hk")
}

header <- list(generated_by = "scripts/r/make-edge-fixtures.R",
               metafor = as.character(packageVersion("metafor")), r = R.version.string)
write_json(c(header, edges), out_file, auto_unbox = TRUE, digits = NA, pretty = TRUE, na = "null")
cat(length(edges), "edge cases written to", out_file, "\n")
