/**
 * What a published release said, frozen: the lock file `npm run release` writes next to the
 * content (`<content>/releases/<n>.lock.json`, committed with it), and the comparison of a
 * lock with what the content says about that release today.
 *
 * A lock holds the evidence set (which report of which trial, which cohorts and numbers fed
 * which outcome), the method (the analysis block), every pooled number the site publishes for
 * the release (overall and by subgroup level, as full doubles) and the chapters as published
 * (their source text). `npm run check` refuses a change that alters a locked release unless
 * review.yaml records an erratum for it; a review without locks is not checked (no lock, no
 * rule). Pure: the disk work is in release-lock-fs.ts.
 */
import { z } from 'zod';
import type { Analysis, Review, Trial } from '../../schemas/index.ts';
import type { Erratum } from '../../schemas/errata.ts';
import type { PooledResult, ReleaseAnalyses } from './analyses-types.ts';
import { analyseRelease } from './analyse-release.ts';
import { at, type SourceFile, type ValidFile } from '../content/content-files.ts';
import { problem, type Problem } from '../content/problems.ts';
import { releaseMessages } from '../content/messages-releases.ts';
import { pooledPercent } from '../format/numbers.ts';
import { certaintyEntrySchema, certaintySettingsSchema, robAssessmentSchema, robToolSchema } from '../../schemas/appraisal.ts';
import type { AppraisalInput } from '../appraisal/appraise-release.ts';

/** The version of the lock format; a lock of another version is refused, never guessed at. */
export const LOCK_FORMAT = 1;

/** Where a release's lock lives, from the content root. */
export const lockPath = (release: number) => `releases/${release}.lock.json`;

const estimateSchema = z
  .object({
    k: z.number(),
    trials: z.number(),
    n: z.number(),
    events: z.number(),
    estimate: z.number(),
    ci_lower: z.number(),
    ci_upper: z.number(),
    pi_lower: z.number(),
    pi_upper: z.number(),
    tau2: z.number(),
    I2: z.number(),
  })
  .strict();

const rowSchema = z.object({ cohort: z.string(), events: z.number(), n: z.number() }).strict();

export const releaseLockSchema = z
  .object({
    format: z.literal(LOCK_FORMAT),
    review: z.string(),
    release: z.number().int().min(1),
    date: z.string(),
    cutoff: z.string(),
    search: z.string(),
    /** The analysis options that decide the numbers; the two optional ones are written only when not at their default. */
    method: z
      .object({
        transform: z.string(),
        method: z.string(),
        ci: z.string(),
        level: z.number(),
        subgroup_test: z.string(),
        prediction_interval: z.string().optional(),
        correction: z.object({ add: z.number(), to: z.string() }).strict().optional(),
      })
      .strict(),
    /** One entry per trial whose report fed the release, by slug. */
    evidence: z.array(
      z
        .object({
          trial: z.string(),
          label: z.string(),
          report: z.string(),
          report_release: z.number(),
          /** Rows pooled per outcome: cohort, events, n. */
          outcomes: z.record(z.string(), z.array(rowSchema)),
        })
        .strict(),
    ),
    /** Pooled numbers by outcome: overall and every subgroup level (null: not estimable). */
    pooled: z.record(
      z.string(),
      z
        .object({
          label: z.string(),
          overall: estimateSchema.nullable(),
          subgroups: z.record(z.string(), z.record(z.string(), estimateSchema.nullable())),
        })
        .strict(),
    ),
    /** The chapters as published: source text and its digest, by slug. */
    chapters: z.record(z.string(), z.object({ digest: z.string(), text: z.string() }).strict()),
    /**
     * The appraisal as published: the risk-of-bias tool, the judgements of the trials pooled and
     * the GRADE ratings. The release's pages show these; today's files are free to change for the
     * next release. Absent from locks written before the review appraised its evidence.
     */
    appraisal: appraisalLockSchema().optional(),
  })
  .strict();

function appraisalLockSchema() {
  const set = z.object({ own: robAssessmentSchema.nullable(), reports: z.record(z.string(), robAssessmentSchema) }).strict();
  return z
    .object({
      tool: robToolSchema.nullable(),
      required: z.boolean(),
      trials: z.record(z.string(), set),
      certainty: z.object({ settings: certaintySettingsSchema, outcomes: z.record(z.string(), certaintyEntrySchema) }).strict(),
    })
    .strict();
}

export type ReleaseLock = z.output<typeof releaseLockSchema>;
export type LockedEstimate = z.output<typeof estimateSchema>;

/** A lock file as read from disk: parsed JSON, or why it could not be read. */
export interface LockSource {
  /** The file as the curator knows it, e.g. content/releases/1.lock.json. */
  file: string;
  /** The release its name says, or NaN when the name is not `<n>.lock.json`. */
  release: number;
  value: unknown;
  /** Set when the file could not be read or parsed. */
  unreadable?: string;
}

/** What the -fs reader hands to the content check: the locks, and today's chapter sources. */
export interface PublishedContent {
  locks: LockSource[];
  /** Today's chapters, full source text by slug (read only when there is a lock). */
  chapters: Record<string, string>;
}

/**
 * A short digest of a text (cyrb53, 53 bits, hex). It tells a chapter edited in a lock file
 * from the one published; it is no defence against someone who means to hide an edit (the
 * lock is committed, so the edit shows in the pull request).
 */
export function digest(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

function lockedEstimate(r: PooledResult | null): LockedEstimate | null {
  if (!r) return null;
  const p = r.proportion;
  return {
    k: r.k,
    trials: r.trials,
    n: r.n,
    events: r.events,
    estimate: p.estimate,
    ci_lower: p.ci_lower,
    ci_upper: p.ci_upper,
    pi_lower: p.pi_lower,
    pi_upper: p.pi_upper,
    tau2: r.tau2,
    I2: r.I2,
  };
}

const byKey = <T>(entries: [string, T][]) => Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** The lock of one release, from its analyses and the chapters' source text. */
export function buildLock(analyses: ReleaseAnalyses, search: string, chapters: Record<string, string>, appraisal?: AppraisalInput): ReleaseLock {
  const evidence = new Map<string, ReleaseLock['evidence'][number]>();
  for (const [outcome, o] of Object.entries(analyses.outcomes)) {
    for (const s of o.studies) {
      let e = evidence.get(s.trial);
      if (!e) {
        // The trial's label without the cohort's (a study row's label adds the cohort when a trial gives several).
        e = { trial: s.trial, label: s.label, report: s.report, report_release: s.report_release, outcomes: {} };
        evidence.set(s.trial, e);
      }
      (e.outcomes[outcome] ??= []).push({ cohort: s.cohort, events: s.events, n: s.n });
    }
  }
  for (const e of evidence.values()) {
    for (const rows of Object.values(e.outcomes)) rows.sort((a, b) => (a.cohort < b.cohort ? -1 : a.cohort > b.cohort ? 1 : 0));
    e.outcomes = byKey(Object.entries(e.outcomes));
  }
  return {
    format: LOCK_FORMAT,
    review: analyses.review,
    release: analyses.release,
    date: analyses.date,
    cutoff: analyses.cutoff,
    search,
    method: lockMethod(analyses.method),
    evidence: [...evidence.values()].sort((a, b) => (a.trial < b.trial ? -1 : a.trial > b.trial ? 1 : 0)),
    pooled: Object.fromEntries(
      Object.entries(analyses.outcomes).map(([id, o]) => [
        id,
        {
          label: o.short_label,
          overall: lockedEstimate(o.overall),
          subgroups: Object.fromEntries(
            Object.entries(o.subgroups).map(([variable, s]) => [variable, Object.fromEntries(Object.entries(s.levels).map(([level, r]) => [level, lockedEstimate(r)]))]),
          ),
        },
      ]),
    ),
    chapters: byKey(Object.entries(chapters).map(([slug, text]) => [slug, { digest: digest(text), text }])),
    ...(appraisal ? { appraisal: lockedAppraisal(appraisal, evidence.keys()) } : {}),
  };
}

/** An appraisal input as a lock keeps it: the judgements of the release's pooled trials only, keys in order. */
export function lockedAppraisal(input: AppraisalInput, trials: Iterable<string>): NonNullable<ReleaseLock['appraisal']> {
  const kept: AppraisalInput['trials'] = {};
  for (const slug of [...trials].sort()) if (input.trials[slug]) kept[slug] = input.trials[slug]!;
  return JSON.parse(JSON.stringify({ tool: input.tool, required: input.required, trials: kept, certainty: input.certainty })) as NonNullable<ReleaseLock['appraisal']>;
}

/** A lock as written to disk: JSON, two-space indented, one final newline; numbers as full doubles. */
export function lockText(lock: ReleaseLock): string {
  return `${JSON.stringify(lock, null, 2)}\n`;
}

// ---- Comparing a lock with the release as the content gives it today ----

export type LockChangeKind = 'release' | 'method' | 'evidence' | 'chapter' | 'pooled';

/** One way the release as the content gives it today differs from what was published. */
export interface LockChange {
  release: number;
  kind: LockChangeKind;
  /** What changed, e.g. "trial <slug>: report" or "<outcome> overall". */
  subject: string;
  before: string;
  after: string;
  /** The trial, outcome or chapter involved, to point at its file. */
  trial?: string;
  /** The report of that trial the release published (or, when none, the one it would use now). */
  report?: string;
  chapter?: string;
}

/** Pooled numbers differ when k or n differs, or a number by more than this (relative; rounding noise across machines). */
const TOLERANCE = 1e-9;
const same = (a: number, b: number) => a === b || Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));

export const estimateText = (e: LockedEstimate | null | undefined) =>
  e ? `${pooledPercent(e.estimate)}% (${pooledPercent(e.ci_lower, e.estimate)} to ${pooledPercent(e.ci_upper, e.estimate)}), k ${e.k}, n ${e.n}` : 'not estimable';

function estimatesDiffer(a: LockedEstimate | null | undefined, b: LockedEstimate | null | undefined): boolean {
  if (!a || !b) return (a ?? null) !== (b ?? null);
  return (Object.keys(a) as (keyof LockedEstimate)[]).some((key) => !same(a[key], b[key]));
}

const rowsText = (rows: readonly { cohort: string; events: number; n: number }[] | undefined) =>
  rows && rows.length > 0 ? rows.map((r) => `${r.cohort} ${r.events}/${r.n}`).join(', ') : 'none';

/**
 * Every difference between `published` (the lock) and `today` (the same release built from
 * today's content), in a stable order: the release's own fields, the method, the evidence
 * trial by trial, then the pooled numbers. Chapters are checked against their digest only:
 * the pages of a published release show its locked chapters, so today's chapter files are
 * free to change for the next release.
 */
export function compareLock(published: ReleaseLock, today: ReleaseLock | null): LockChange[] {
  const release = published.release;
  const out: LockChange[] = [];
  const add = (kind: LockChangeKind, subject: string, before: string, after: string, extra: Partial<LockChange> = {}) =>
    out.push({ release, kind, subject, before, after, ...extra });

  for (const [slug, chapter] of Object.entries(published.chapters)) {
    if (digest(chapter.text) !== chapter.digest) add('chapter', `chapter ${slug}`, 'the text published', 'a text edited in the lock file', { chapter: slug });
  }
  if (!today) {
    add('release', `release ${release}`, `published ${published.date}`, 'no longer in review.yaml');
    return out;
  }
  for (const field of ['date', 'cutoff', 'search'] as const) {
    if (published[field] !== today[field]) add('release', `release ${release} ${field}`, published[field], today[field]);
  }
  const methodText = (m: ReleaseLock['method'], field: keyof ReleaseLock['method']): string => {
    const value = m[field];
    if (field === 'prediction_interval') return String(value ?? DEFAULT_PREDICTION_INTERVAL);
    if (field === 'correction') return value === undefined ? 'default' : `add ${(value as { add: number }).add} to ${(value as { to: string }).to}`;
    return String(value);
  };
  for (const field of METHOD_FIELDS) {
    const before = methodText(published.method, field);
    const after = methodText(today.method, field);
    if (before !== after) add('method', `analysis ${field}`, before, after);
  }

  const trials = [...new Set([...published.evidence.map((e) => e.trial), ...today.evidence.map((e) => e.trial)])].sort();
  for (const trial of trials) {
    const b = published.evidence.find((e) => e.trial === trial);
    const a = today.evidence.find((e) => e.trial === trial);
    if (!b || !a) {
      add(
        'evidence',
        `trial ${trial}`,
        b ? `report ${b.report} (release ${b.report_release}) pooled` : 'not pooled',
        a ? `report ${a.report} (release ${a.report_release}) pooled` : 'not pooled',
        { trial, report: b?.report ?? a?.report },
      );
      continue;
    }
    if (a.report !== b.report || a.report_release !== b.report_release) {
      add('evidence', `trial ${trial}: report`, `${b.report} (release ${b.report_release})`, `${a.report} (release ${a.report_release})`, { trial, report: b.report });
      continue;
    }
    const outcomes = [...new Set([...Object.keys(b.outcomes), ...Object.keys(a.outcomes)])].sort();
    for (const outcome of outcomes) {
      const before = rowsText(b.outcomes[outcome]);
      const after = rowsText(a.outcomes[outcome]);
      if (before !== after) add('evidence', `trial ${trial}: ${published.pooled[outcome]?.label ?? outcome} numbers of report ${b.report}`, before, after, { trial, report: b.report });
    }
  }

  for (const [outcome, p] of Object.entries(published.pooled)) {
    const t = today.pooled[outcome];
    if (!t) {
      add('pooled', `${p.label} overall`, estimateText(p.overall), 'outcome no longer in review.yaml');
      continue;
    }
    if (estimatesDiffer(p.overall, t.overall)) add('pooled', `${p.label} overall`, estimateText(p.overall), estimateText(t.overall));
    for (const [variable, levels] of Object.entries(p.subgroups)) {
      for (const [level, e] of Object.entries(levels)) {
        const now = t.subgroups[variable]?.[level];
        if (estimatesDiffer(e, now)) add('pooled', `${p.label} ${variable}: ${level}`, estimateText(e), now === undefined ? 'level no longer in review.yaml' : estimateText(now));
      }
    }
  }
  for (const [outcome, t] of Object.entries(today.pooled)) {
    if (!published.pooled[outcome]) add('pooled', `${t.label} overall`, 'not published', estimateText(t.overall));
  }
  return out;
}

/** The valid locks among those read, by release number (a lock the check refuses is left out). */
export function validLocks(published: PublishedContent | undefined): Map<number, ReleaseLock> {
  const out = new Map<number, ReleaseLock>();
  for (const source of published?.locks ?? []) {
    if (source.unreadable !== undefined) continue;
    const parsed = releaseLockSchema.safeParse(source.value);
    if (parsed.success && parsed.data.release === source.release) out.set(parsed.data.release, parsed.data);
  }
  return out;
}

// ---- The content check ----

/**
 * The problems of content that alters a published release. Runs only when there is a lock and
 * the content is otherwise valid (the caller makes sure); each locked release is pooled again
 * from today's content (without the robustness table) and compared in memory.
 */
export function checkPublishedReleases(
  published: PublishedContent | undefined,
  review: ValidFile<Review>,
  trials: readonly ValidFile<Trial>[],
): Problem[] {
  if (!published || published.locks.length === 0) return [];
  const problems: Problem[] = [];
  const records = trials.map((t) => ({ slug: t.source.name, data: t.data }));
  const errata: readonly Erratum[] = review.data.errata ?? [];
  const locked = new Set<number>();
  for (const source of published.locks) {
    if (source.unreadable !== undefined || !Number.isInteger(source.release)) {
      problems.push(problem(source.file, undefined, [], releaseMessages.lockUnreadable(source.unreadable ?? 'its name is not <release>.lock.json')));
      continue;
    }
    const parsed = releaseLockSchema.safeParse(source.value);
    if (!parsed.success || parsed.data.release !== source.release) {
      problems.push(problem(source.file, undefined, [], releaseMessages.lockUnreadable(parsed.success ? `it holds release ${parsed.data.release}` : 'it is not a lock the release script wrote')));
      continue;
    }
    const lock = parsed.data;
    locked.add(lock.release);
    const index = review.data.releases.findIndex((r) => r.number === lock.release);
    let today: ReleaseLock | null = null;
    if (index >= 0) {
      try {
        today = buildLock(analyseRelease(review.data, records, lock.release, { robustness: false }), review.data.releases[index]!.search, {});
      } catch (error) {
        problems.push(at(review.source, ['releases', index], releaseMessages.couldNotPool(lock.release, error instanceof Error ? error.message : String(error))));
        continue;
      }
    }
    const changes = compareLock(lock, today);
    if (changes.length === 0) continue;
    if (errata.some((e) => e.release === lock.release)) continue;
    problems.push(...changeProblems(lock, changes, review, trials, index));
  }
  review.data.errata?.forEach((e, i) => {
    if (!review.data.releases.some((r) => r.number === e.release)) problems.push(at(review.source, ['errata', i, 'release'], releaseMessages.erratumUnknownRelease(e.release, review.data.releases.map((r) => r.number))));
    else if (!locked.has(e.release)) problems.push(at(review.source, ['errata', i, 'release'], releaseMessages.erratumNotLocked(e.release)));
  });
  return problems;
}

/** One problem per cause (a trial file, the analysis block, a chapter), and one listing the pooled numbers that move. */
function changeProblems(lock: ReleaseLock, changes: LockChange[], review: ValidFile<Review>, trials: readonly ValidFile<Trial>[], index: number): Problem[] {
  const out: Problem[] = [];
  const releaseAt = (text: { message: string; fix: string }) => (index >= 0 ? at(review.source, ['releases', index], text) : at(review.source, ['releases'], text));
  const groups = new Map<string, { where: () => Problem; lines: string[] }>();
  const group = (key: string, make: (lines: string[]) => Problem) => {
    let g = groups.get(key);
    if (!g) {
      const lines: string[] = [];
      g = { where: () => make(lines), lines };
      groups.set(key, g);
    }
    return g.lines;
  };
  for (const c of changes) {
    const line = `${c.subject}: ${c.before} → ${c.after}`;
    if (c.kind === 'evidence' && c.trial) {
      const trial = trials.find((t) => t.source.name === c.trial);
      const index = trial ? trial.data.reports.findIndex((r) => r.id === c.report) : -1;
      const where = index >= 0 ? ['reports', index] : ['reports'];
      group(`trial ${c.trial}`, (lines) => (trial ? located(trial.source, where, lock.release, lines) : releaseAt(releaseMessages.releaseChanged(lock.release, lines)))).push(line);
    } else if (c.kind === 'method') {
      group('method', (lines) => at(review.source, ['analysis'], releaseMessages.releaseChanged(lock.release, lines))).push(line);
    } else {
      group(c.kind, (lines) => releaseAt(releaseMessages.releaseChanged(lock.release, lines))).push(line);
    }
  }
  for (const g of groups.values()) out.push(g.where());
  return out;
}

function located(file: SourceFile, pathTo: (string | number)[], release: number, lines: string[]): Problem {
  return at(file, pathTo, releaseMessages.releaseChanged(release, lines));
}

// ---- What a release's page shows beside an erratum ----

/** One pooled estimate as published and as corrected. */
export interface CorrectedEstimate {
  outcome: string;
  label: string;
  /** Null for the overall estimate. */
  variable: string | null;
  level: string | null;
  published: LockedEstimate | null;
  corrected: LockedEstimate | null;
}

/** The estimates of a release whose corrected value differs from the one published (from its lock). */
export function correctedEstimates(lock: ReleaseLock, analyses: ReleaseAnalyses): CorrectedEstimate[] {
  const today = buildLock(analyses, lock.search, {});
  const out: CorrectedEstimate[] = [];
  for (const [outcome, p] of Object.entries(lock.pooled)) {
    const t = today.pooled[outcome];
    if (estimatesDiffer(p.overall, t?.overall ?? null)) out.push({ outcome, label: p.label, variable: null, level: null, published: p.overall, corrected: t?.overall ?? null });
    for (const [variable, levels] of Object.entries(p.subgroups)) {
      for (const [level, e] of Object.entries(levels)) {
        const now = t?.subgroups[variable]?.[level] ?? null;
        if (estimatesDiffer(e, now)) out.push({ outcome, label: p.label, variable, level, published: e, corrected: now });
      }
    }
  }
  return out;
}

const DEFAULT_PREDICTION_INTERVAL = 'ci';
const METHOD_FIELDS = ['transform', 'method', 'ci', 'level', 'subgroup_test', 'prediction_interval', 'correction'] as const;

/** The options of a release's method that decide its numbers, as a lock records them. */
function lockMethod(m: ReleaseAnalyses['method']): ReleaseLock['method'] {
  return {
    transform: m.transform,
    method: m.method,
    ci: m.ci,
    level: m.level,
    subgroup_test: m.subgroup_test,
    ...(m.prediction_interval !== undefined && m.prediction_interval !== DEFAULT_PREDICTION_INTERVAL ? { prediction_interval: m.prediction_interval } : {}),
    ...(m.correction ? { correction: { add: m.correction.add, to: m.correction.to } } : {}),
  };
}

/** The method a lock records, as the analysis block of review.yaml. */
export const lockedMethod = (lock: ReleaseLock): Partial<Analysis> => lock.method as Partial<Analysis>;

/** What a release's pages show when review.yaml records errata for it: the errata, and each estimate as published and as corrected. */
export interface ReleaseErrata {
  errata: Erratum[];
  corrected: CorrectedEstimate[];
}

/** The errata of `release` and, when it has a lock, the estimates the correction moved; null when it has no erratum. */
export function releaseErrata(errata: readonly Erratum[] | undefined, lock: ReleaseLock | undefined, analyses: ReleaseAnalyses): ReleaseErrata | null {
  const own = (errata ?? []).filter((e) => e.release === analyses.release);
  if (own.length === 0) return null;
  return { errata: own, corrected: lock ? correctedEstimates(lock, analyses) : [] };
}
