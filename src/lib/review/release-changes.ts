/**
 * What changed in the evidence between two states of the review, and what it did to every
 * pooled estimate. A state is the content (protocol and trial files) with the analyses of one
 * release. Between two releases the content is the same and only the release differs; between
 * the base and the head of a pull request the content differs. One comparison serves both:
 * `releaseChanges` for the site and `impact.ts` for pull requests. Pure: data in, data out.
 */
import { GRADE_DOMAINS } from '../../schemas/appraisal.ts';
import { GRADE_DOMAIN_LABELS, ratingLabel } from '../appraisal/certainty.ts';
import type { CertaintyChange } from '../appraisal/types.ts';
import type { Report, Review, Trial } from '../../schemas/index.ts';
import type {
  ChangeCause,
  ChangeEvent,
  EstimateChange,
  EstimateSnapshot,
  OutcomeAnalysis,
  OutcomeChanges,
  OutcomeNumbers,
  PooledResult,
  ReleaseAnalyses,
  ReleaseChanges,
  ReportRef,
  StudyResult,
  TrialNumbers,
} from './analyses-types.ts';
import { primaryReportAsOf, type TrialRecord } from './evidence-set.ts';

// English collation, so the order is the same on every machine whatever its locale; many times
// faster than localeCompare when thousands of trials change.
const collator = new Intl.Collator('en');

/** An estimate has moved when it shifts by at least this much (proportion scale: 0.05 points). */
export const MOVE_THRESHOLD = 0.0005;

/** The content of the review and the analyses of one of its releases. */
export interface EvidenceState {
  review: Review;
  trials: readonly TrialRecord[];
  analyses: ReleaseAnalyses;
}

export interface EvidenceComparison {
  events: ChangeEvent[];
  outcomes: OutcomeChanges[];
}

// ---- Estimates ----

export function snapshotOf(r: PooledResult | null | undefined): EstimateSnapshot | null {
  if (!r) return null;
  return {
    estimate: r.proportion.estimate,
    ci_lower: r.proportion.ci_lower,
    ci_upper: r.proportion.ci_upper,
    k: r.k,
    n: r.n,
    tau2: r.tau2,
    I2: r.I2,
  };
}

function deltaOf(before: EstimateSnapshot | null, after: EstimateSnapshot | null): EstimateSnapshot | null {
  if (!before || !after) return null;
  return {
    estimate: after.estimate - before.estimate,
    ci_lower: after.ci_lower - before.ci_lower,
    ci_upper: after.ci_upper - before.ci_upper,
    k: after.k - before.k,
    n: after.n - before.n,
    tau2: after.tau2 - before.tau2,
    I2: after.I2 - before.I2,
  };
}

/** Whether an estimate moved: it appeared or vanished, k or n changed, or |Δ estimate| ≥ threshold. */
export function hasMoved(before: EstimateSnapshot | null, after: EstimateSnapshot | null, threshold = MOVE_THRESHOLD): boolean {
  if (!before || !after) return before !== after;
  // The tolerance keeps a shift of exactly the threshold from reading as just below it.
  return before.k !== after.k || before.n !== after.n || Math.abs(after.estimate - before.estimate) >= threshold - 1e-12;
}

function estimateChange(
  outcome: string,
  where: { variable: string; level: string } | null,
  label: string,
  before: PooledResult | null | undefined,
  after: PooledResult | null | undefined,
  causes: string[],
): EstimateChange {
  const b = snapshotOf(before);
  const a = snapshotOf(after);
  return {
    outcome,
    variable: where?.variable ?? null,
    level: where?.level ?? null,
    label,
    before: b,
    after: a,
    delta: deltaOf(b, a),
    moved: hasMoved(b, a),
    causes,
  };
}

// ---- Trials' rows ----

export function reportRef(r: Report): ReportRef {
  return {
    id: r.id,
    citation: r.citation,
    type: r.type,
    date: r.date,
    release: r.release,
    status: r.status,
    ...(r.reason ? { reason: r.reason } : {}),
    ...(r.doi ? { doi: r.doi } : {}),
    ...(r.url ? { url: r.url } : {}),
  };
}

// Lookups by trial slug, indexed once per analysis or trial list: a review of thousands of
// trials would otherwise scan every row for every trial (quadratic in the number of trials).
const rowsIndex = new WeakMap<OutcomeAnalysis, Map<string, StudyResult[]>>();
const influenceIndex = new WeakMap<OutcomeAnalysis, Map<string, number>>();
const trialIndex = new WeakMap<readonly TrialRecord[], Map<string, Trial>>();

function rowsOf(analysis: OutcomeAnalysis | undefined, trial: string): StudyResult[] {
  if (!analysis) return [];
  let index = rowsIndex.get(analysis);
  if (!index) {
    index = new Map();
    for (const s of analysis.studies) {
      const rows = index.get(s.trial);
      if (rows) rows.push(s);
      else index.set(s.trial, [s]);
    }
    rowsIndex.set(analysis, index);
  }
  return index.get(trial) ?? [];
}

function trialNumbers(rows: readonly StudyResult[], trial: Trial | undefined): TrialNumbers[] {
  return rows.map((s) => ({
    report: s.report,
    cohort: s.cohort,
    cohort_label: trial?.cohorts.find((c) => c.id === s.cohort)?.label ?? s.cohort,
    events: s.events,
    n: s.n,
  }));
}

const sortedKeys = (rows: readonly StudyResult[], key: (s: StudyResult) => string) => rows.map(key).sort().join('\n');
const numbersKey = (s: StudyResult) => `${s.cohort}|${s.events}|${s.n}`;
const levelsKey = (s: StudyResult) =>
  `${s.cohort}|${Object.entries(s.levels)
    .sort(([a], [b]) => collator.compare(a, b))
    .map(([v, l]) => `${v}=${l}`)
    .join(',')}`;

/** How a trial's rows in one outcome differ, or null when they are the same. */
function causeKind(before: readonly StudyResult[], after: readonly StudyResult[]): ChangeCause['change'] | null {
  if (before.length === 0 && after.length === 0) return null;
  if (before.length === 0) return 'added';
  if (after.length === 0) return 'removed';
  if (sortedKeys(before, (s) => s.report) !== sortedKeys(after, (s) => s.report)) return 'replaced';
  if (sortedKeys(before, numbersKey) !== sortedKeys(after, numbersKey)) return 'corrected';
  if (sortedKeys(before, levelsKey) !== sortedKeys(after, levelsKey)) return 'reclassified';
  return null;
}

/**
 * A trial's leave-one-out shift: the overall estimate minus the estimate without it. With
 * several rows, the row whose omission moves the estimate most.
 */
export function influenceOf(analysis: OutcomeAnalysis | undefined, trial: string): number | null {
  if (!analysis?.overall) return null;
  let index = influenceIndex.get(analysis);
  if (!index) {
    index = new Map();
    const overall = analysis.overall.proportion.estimate;
    for (const row of analysis.leave_one_out) {
      const shift = overall - row.estimate;
      const best = index.get(row.trial);
      if (best === undefined || Math.abs(shift) > Math.abs(best)) index.set(row.trial, shift);
    }
    influenceIndex.set(analysis, index);
  }
  return index.get(trial) ?? null;
}

function trialOf(state: EvidenceState | null, slug: string): Trial | undefined {
  if (!state) return undefined;
  let index = trialIndex.get(state.trials);
  if (!index) {
    index = new Map();
    // the first file of a slug wins, as find() did
    for (const t of state.trials) if (!index.has(t.slug)) index.set(t.slug, t.data);
    trialIndex.set(state.trials, index);
  }
  return index.get(slug);
}

// ---- Outcomes ----

function outcomeIds(before: EvidenceState | null, after: EvidenceState): string[] {
  const ids = after.review.outcomes.map((o) => o.id);
  for (const o of before?.review.outcomes ?? []) if (!ids.includes(o.id)) ids.push(o.id);
  return ids;
}

function compareOutcome(before: EvidenceState | null, after: EvidenceState, outcomeId: string): OutcomeChanges {
  const a = after.analyses.outcomes[outcomeId];
  const b = before?.analyses.outcomes[outcomeId];
  const spec = after.review.outcomes.find((o) => o.id === outcomeId) ?? before!.review.outcomes.find((o) => o.id === outcomeId)!;

  const slugs = [...new Set([...(b?.studies ?? []), ...(a?.studies ?? [])].map((s) => s.trial))];
  const causes: ChangeCause[] = [];
  for (const slug of slugs) {
    const rb = rowsOf(b, slug);
    const ra = rowsOf(a, slug);
    const change = causeKind(rb, ra);
    if (!change) continue;
    const trial = trialOf(after, slug) ?? trialOf(before, slug);
    causes.push({
      trial: slug,
      trial_label: trial?.label ?? slug,
      change,
      report_before: rb[0]?.report ?? null,
      report_after: ra[0]?.report ?? null,
      before: trialNumbers(rb, trialOf(before, slug)),
      after: trialNumbers(ra, trialOf(after, slug)),
      influence_after: influenceOf(a, slug),
      influence_before: influenceOf(b, slug),
    });
  }
  causes.sort((x, y) => collator.compare(x.trial_label, y.trial_label) || collator.compare(x.trial, y.trial));

  const variables = [...after.review.subgroups];
  for (const v of before?.review.subgroups ?? []) if (!variables.some((x) => x.id === v.id)) variables.push(v);
  const subgroups: EstimateChange[] = [];
  for (const variable of variables) {
    const levelsB = b?.subgroups[variable.id]?.levels ?? {};
    const levelsA = a?.subgroups[variable.id]?.levels ?? {};
    const levelIds = variable.levels.map((l) => l.id);
    for (const id of [...Object.keys(levelsB), ...Object.keys(levelsA)]) if (!levelIds.includes(id)) levelIds.push(id);
    for (const level of levelIds) {
      const inLevel = (c: ChangeCause) =>
        [...rowsOf(b, c.trial), ...rowsOf(a, c.trial)].some((s) => s.levels[variable.id] === level);
      subgroups.push(
        estimateChange(
          outcomeId,
          { variable: variable.id, level },
          variable.levels.find((l) => l.id === level)?.label ?? level,
          levelsB[level],
          levelsA[level],
          causes.filter(inLevel).map((c) => c.trial),
        ),
      );
    }
  }

  return {
    outcome: outcomeId,
    label: spec.label,
    short_label: spec.short_label,
    kind: spec.kind,
    overall: estimateChange(outcomeId, null, 'Overall', b?.overall, a?.overall, causes.map((c) => c.trial)),
    subgroups,
    causes,
  };
}

// ---- Trials and reports ----

const EVENT_ORDER: ChangeEvent['kind'][] = [
  'trial_added',
  'report_replaced',
  'numbers_corrected',
  'trial_reclassified',
  'trial_removed',
  'trial_excluded',
  'trial_described',
  'report_excluded',
  'report_recorded',
];

function onFile(trial: Trial | undefined, release: number): Report[] {
  return trial ? trial.reports.filter((r) => r.release <= release) : [];
}

/** The report pooled as of the state's release: only for an included trial. */
function pooledReport(trial: Trial | undefined, release: number): Report | undefined {
  return trial && trial.status === 'included' ? primaryReportAsOf(trial, release) : undefined;
}

function numbersOf(before: EvidenceState | null, after: EvidenceState, slug: string): OutcomeNumbers[] {
  const out: OutcomeNumbers[] = [];
  for (const id of outcomeIds(before, after)) {
    const rb = rowsOf(before?.analyses.outcomes[id], slug);
    const ra = rowsOf(after.analyses.outcomes[id], slug);
    if (rb.length === 0 && ra.length === 0) continue;
    const spec = after.review.outcomes.find((o) => o.id === id) ?? before?.review.outcomes.find((o) => o.id === id);
    out.push({
      outcome: id,
      short_label: spec?.short_label ?? id,
      before: trialNumbers(rb, trialOf(before, slug)),
      after: trialNumbers(ra, trialOf(after, slug)),
    });
  }
  return out;
}

function trialEvents(before: EvidenceState | null, after: EvidenceState, slug: string): ChangeEvent[] {
  const tb = trialOf(before, slug);
  const ta = trialOf(after, slug);
  const relB = before?.analyses.release ?? 0;
  const relA = after.analyses.release;
  const fileB = onFile(tb, relB);
  const fileA = onFile(ta, relA);
  if (fileB.length === 0 && fileA.length === 0) return [];
  const trial_label = ta?.label ?? tb?.label ?? slug;
  const primB = pooledReport(tb, relB);
  const primA = pooledReport(ta, relA);
  const numbers = () => numbersOf(before, after, slug);
  const events: ChangeEvent[] = [];
  const handled = new Set<string>();
  // A report entered when it is on file now and was not before.
  const entered = fileA.filter((r) => !fileB.some((x) => x.id === r.id));

  if (primA && !primB) {
    const previous = fileB.length > 0 && tb && tb.status !== 'included' ? tb.status : null;
    events.push({ kind: 'trial_added', trial: slug, trial_label, report: reportRef(primA), previous_status: previous, numbers: numbers() });
    handled.add(primA.id);
  } else if (!primA && primB) {
    if (ta && fileA.length > 0 && ta.status !== 'included') {
      events.push({
        kind: ta.status === 'excluded' ? 'trial_excluded' : 'trial_described',
        trial: slug,
        trial_label,
        reason: ta.status_reason ?? '',
        reports: entered.map(reportRef),
        numbers: numbers(),
      });
      for (const r of entered) handled.add(r.id);
    } else {
      const now = ta?.reports.find((r) => r.id === primB.id);
      events.push({
        kind: 'trial_removed',
        trial: slug,
        trial_label,
        report: now ? reportRef(now) : reportRef(primB),
        reason: ta ? (now?.reason ?? null) : null,
        numbers: numbers(),
      });
    }
  } else if (primA && primB) {
    const rows = numbers();
    if (primA.id !== primB.id) {
      // The replaced report as the head's content describes it (its reason says why).
      const replaced = ta?.reports.find((r) => r.id === primB.id) ?? primB;
      events.push({ kind: 'report_replaced', trial: slug, trial_label, report: reportRef(primA), replaces: reportRef(replaced), numbers: rows });
      handled.add(primA.id);
    } else {
      const kinds = new Set(
        after.review.outcomes.map((o) => causeKind(rowsOf(before?.analyses.outcomes[o.id], slug), rowsOf(after.analyses.outcomes[o.id], slug))),
      );
      if (kinds.has('corrected') || kinds.has('added') || kinds.has('removed')) {
        events.push({ kind: 'numbers_corrected', trial: slug, trial_label, report: reportRef(primA), numbers: rows });
      } else if (kinds.has('reclassified')) {
        events.push({ kind: 'trial_reclassified', trial: slug, trial_label, report: reportRef(primA), numbers: rows });
      }
    }
  } else if (fileB.length === 0 && ta && ta.status !== 'included') {
    events.push({
      kind: ta.status === 'excluded' ? 'trial_excluded' : 'trial_described',
      trial: slug,
      trial_label,
      reason: ta.status_reason ?? '',
      reports: entered.map(reportRef),
      numbers: [],
    });
    for (const r of entered) handled.add(r.id);
  }

  for (const r of entered) {
    if (handled.has(r.id)) continue;
    if (r.status === 'excluded') {
      events.push({
        kind: 'report_excluded',
        trial: slug,
        trial_label,
        report: reportRef(r),
        kept: primA ? reportRef(primA) : null,
        numbers: primA ? numbers() : [],
      });
    } else {
      events.push({ kind: 'report_recorded', trial: slug, trial_label, report: reportRef(r) });
    }
  }
  return events;
}

/**
 * Everything that differs between two states of the evidence: the events trial by trial and,
 * for every outcome and subgroup level, the estimate before and after with the trials that
 * moved it. `before` null compares against an empty review (the first release).
 */
export function compareEvidence(before: EvidenceState | null, after: EvidenceState): EvidenceComparison {
  const slugs = [...new Set([...(before?.trials ?? []), ...after.trials].map((t) => t.slug))];
  const events = slugs.flatMap((slug) => trialEvents(before, after, slug));
  events.sort((x, y) => EVENT_ORDER.indexOf(x.kind) - EVENT_ORDER.indexOf(y.kind) || collator.compare(x.trial_label, y.trial_label));
  return { events, outcomes: outcomeIds(before, after).map((id) => compareOutcome(before, after, id)) };
}

/**
 * What release `after` changed against release `before` (null for the first release): the
 * reports that entered and what became of them, and every estimate before and after.
 * @example releaseChanges(review, trials, analyses[0], analyses[1]).events[0].kind // 'report_replaced'
 */
export function releaseChanges(
  review: Review,
  trials: readonly TrialRecord[],
  before: ReleaseAnalyses | null,
  after: ReleaseAnalyses,
): ReleaseChanges {
  const spec = review.releases.find((r) => r.number === after.release);
  const { events, outcomes } = compareEvidence(before ? { review, trials, analyses: before } : null, { review, trials, analyses: after });
  return {
    release: after.release,
    date: after.date,
    cutoff: after.cutoff,
    ...(spec?.summary ? { summary: spec.summary } : {}),
    previous: before?.release ?? null,
    counts_before: before?.counts ?? null,
    counts_after: after.counts,
    events,
    outcomes,
    certainty: certaintyChanges(before, after),
  };
}

/** How many of a release's estimates (overall and every subgroup level) moved, of how many: one count for every page. */
export function movedEstimates(c: Pick<ReleaseChanges, 'outcomes'>): { moved: number; total: number } {
  const all = c.outcomes.flatMap((o) => [o.overall, ...o.subgroups]);
  return { moved: all.filter((e) => e.moved).length, total: all.length };
}

/** Outcomes whose GRADE certainty differs between two releases, with the domains whose rating moved. */
export function certaintyChanges(before: ReleaseAnalyses | null, after: ReleaseAnalyses): CertaintyChange[] {
  if (!before) return [];
  const out: CertaintyChange[] = [];
  for (const [id, o] of Object.entries(after.outcomes)) {
    const a = o.certainty;
    const b = before.outcomes[id]?.certainty;
    if (!a || !b || a.rating === b.rating) continue;
    const domains = GRADE_DOMAINS.filter((d) => a.domains[d].rating !== b.domains[d].rating).map(
      (d) => `${GRADE_DOMAIN_LABELS[d].toLowerCase()}: ${ratingLabel(d, b.domains[d].rating)} → ${ratingLabel(d, a.domains[d].rating)}`,
    );
    out.push({ outcome: id, label: o.short_label, before: b.rating, after: a.rating, domains });
  }
  return out;
}

// The site asks for the changes of every release on several pages of one build (each release's
// changes page and changes.json, the releases page, the feed), always with the same review, trial
// data and analyses: worked out once for those. Any other input is worked out afresh.
const changesCache = new WeakMap<readonly ReleaseAnalyses[], { review: Review; trials: TrialRecord[]; changes: ReleaseChanges[] }>();

/** The changes of every release, each against the one before it. */
export function allReleaseChanges(review: Review, trials: readonly TrialRecord[], releases: readonly ReleaseAnalyses[]): ReleaseChanges[] {
  const cached = changesCache.get(releases);
  if (
    cached &&
    cached.review === review &&
    cached.trials.length === trials.length &&
    cached.trials.every((t, i) => t.slug === trials[i]!.slug && t.data === trials[i]!.data)
  ) {
    return cached.changes;
  }
  const ordered = [...releases].sort((a, b) => a.release - b.release);
  const changes = ordered.map((after, i) => releaseChanges(review, trials, i > 0 ? ordered[i - 1]! : null, after));
  changesCache.set(releases, { review, trials: [...trials], changes });
  return changes;
}

/** Every estimate (overall first, then each subgroup level) of every outcome, in order. */
export function allEstimates(outcomes: readonly OutcomeChanges[]): EstimateChange[] {
  return outcomes.flatMap((o) => [o.overall, ...o.subgroups]);
}
