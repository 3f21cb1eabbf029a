/**
 * The effect of a pull request on the pooled estimates: the base's content against the
 * working tree's, at the latest release of each and at every earlier release the two share
 * (a published release should not move; when one does, the report says which and how), told
 * as Markdown for the pull-request comment.
 * The comparison itself is `compareEvidence` (release-changes.ts), the same code that tells
 * what each release changed. Pure: the git and disk work is in scripts/impact.ts.
 */
import type { Release } from '../../schemas/index.ts';
import type { ChangeEvent, EstimateChange, EstimateSnapshot, OutcomeChanges, TrialNumbers } from './analyses-types.ts';
import { allEstimates, compareEvidence, MOVE_THRESHOLD, type EvidenceState } from './release-changes.ts';
import { ciName, count, i2Percent, outcomeFormat, percent, percentWithInterval } from '../format/numbers.ts';

export const FILE_STATUSES = ['added', 'modified', 'deleted', 'renamed'] as const;
export type FileStatus = (typeof FILE_STATUSES)[number];

/** A trial file that differs between the base and the working tree. */
export interface TrialFileChange {
  status: FileStatus;
  /** Path from the repository root, e.g. content/trials/foo.md. */
  path: string;
  /** For a rename, the path it had in the base. */
  from?: string;
}

export interface ImpactFile extends TrialFileChange {
  /** Short labels of the outcomes whose rows this file changes. */
  outcomes: string[];
}

/** How the release lists of the base and the head differ; empty when they are the same. */
export interface ReleaseListDiff {
  added: Release[];
  removed: Release[];
  changed: { number: number; fields: string[] }[];
}

export interface Impact {
  /** The git ref compared against. */
  base: string;
  /** The release compared on each side: the latest of each. */
  baseRelease: number;
  headRelease: number;
  releases: ReleaseListDiff;
  files: ImpactFile[];
  events: ChangeEvent[];
  outcomes: OutcomeChanges[];
  /** The estimates that moved, overall first, in the order of the review's outcomes. */
  moved: EstimateChange[];
  /** Subgroup variable labels by id, for the report. */
  variables: Record<string, string>;
  /** Every release both sides have whose estimates move, in release order (the latest too when it is on both sides). */
  releasesMoved: ReleaseMoves[];
  /** The confidence levels (0-1) the compared releases were pooled at, which name their intervals. */
  levels: IntervalLevels;
}

/** The confidence levels (0-1) of the two sides of a comparison: the base's (before) and the head's (after). */
export interface IntervalLevels {
  before: number;
  after: number;
}

/** The estimates of one release that move between the base and the head. */
export interface ReleaseMoves {
  release: number;
  moved: EstimateChange[];
  outcomes: OutcomeChanges[];
  levels: IntervalLevels;
}

/** The confidence level a side's release was pooled at (its analysis.level). */
const levelOf = (state: EvidenceState): number => state.analyses.method?.level ?? state.review.analysis.level;

/**
 * Every release that both sides have, compared release by release: each state is one release
 * of its side's content. Releases with nothing moving are left out.
 */
export function releasesThatMove(base: readonly EvidenceState[], head: readonly EvidenceState[]): ReleaseMoves[] {
  const out: ReleaseMoves[] = [];
  for (const h of head) {
    const b = base.find((x) => x.analyses.release === h.analyses.release);
    if (!b) continue;
    const { outcomes } = compareEvidence(b, h);
    const moved = allEstimates(outcomes).filter((e) => e.moved);
    if (moved.length > 0) out.push({ release: h.analyses.release, moved, outcomes, levels: { before: levelOf(b), after: levelOf(h) } });
  }
  return out;
}

const slugOf = (file: string) => file.replace(/^.*\//, '').replace(/\.md$/, '');

/**
 * Parses `git diff --name-status` output, adding untracked files as added. Copies count as
 * added, type changes as modified.
 * @example parseNameStatus('M\tcontent/trials/a.md\nR090\tcontent/trials/b.md\tcontent/trials/c.md')
 *   // [{ status: 'modified', path: 'content/trials/a.md' }, { status: 'renamed', path: 'content/trials/c.md', from: 'content/trials/b.md' }]
 */
export function parseNameStatus(text: string, untracked: readonly string[] = []): TrialFileChange[] {
  const out: TrialFileChange[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const [code = '', first = '', second] = line.split('\t');
    const letter = code.charAt(0);
    if (letter === 'R' && second) out.push({ status: 'renamed', path: second, from: first });
    else if (letter === 'C' && second) out.push({ status: 'added', path: second });
    else if (letter === 'A') out.push({ status: 'added', path: first });
    else if (letter === 'D') out.push({ status: 'deleted', path: first });
    else if (first) out.push({ status: 'modified', path: first });
  }
  for (const file of untracked) if (file.trim() && !out.some((f) => f.path === file)) out.push({ status: 'added', path: file.trim() });
  return out.sort((a, b) => a.path.localeCompare(b.path, 'en'));
}

/** How two release lists differ, release by release. */
export function diffReleases(base: readonly Release[], head: readonly Release[]): ReleaseListDiff {
  const fields = ['date', 'cutoff', 'search', 'summary'] as const;
  return {
    added: head.filter((h) => !base.some((b) => b.number === h.number)),
    removed: base.filter((b) => !head.some((h) => h.number === b.number)),
    changed: head.flatMap((h) => {
      const b = base.find((x) => x.number === h.number);
      const differ = b ? fields.filter((f) => (b[f] ?? '') !== (h[f] ?? '')) : [];
      return differ.length > 0 ? [{ number: h.number, fields: [...differ] }] : [];
    }),
  };
}

const releasesDiffer = (d: ReleaseListDiff) => d.added.length + d.removed.length + d.changed.length > 0;

/**
 * Everything the pull request changes in the pooled evidence, comparing the latest release of
 * the base with the latest release of the head. `base` null means the base has no content.
 */
export function pullRequestImpact(
  ref: string,
  base: EvidenceState | null,
  head: EvidenceState,
  files: readonly TrialFileChange[],
  /** Every release of each side, to find the published releases that move; the latest of each alone when left out. */
  all: { base: readonly EvidenceState[]; head: readonly EvidenceState[] } = { base: base ? [base] : [], head: [head] },
): Impact {
  const { events, outcomes } = compareEvidence(base, head);
  const moved = allEstimates(outcomes).filter((e) => e.moved);
  return {
    base: ref,
    baseRelease: base?.analyses.release ?? 0,
    headRelease: head.analyses.release,
    releases: diffReleases(base?.review.releases ?? [], head.review.releases),
    files: files.map((f) => {
      const slugs = [slugOf(f.path), ...(f.from ? [slugOf(f.from)] : [])];
      return { ...f, outcomes: outcomes.filter((o) => o.causes.some((c) => slugs.includes(c.trial))).map((o) => o.short_label) };
    }),
    events,
    outcomes,
    moved,
    variables: Object.fromEntries([...(base?.review.subgroups ?? []), ...head.review.subgroups].map((v) => [v.id, v.label])),
    releasesMoved: releasesThatMove(all.base, all.head),
    levels: { before: base ? levelOf(base) : levelOf(head), after: levelOf(head) },
  };
}

// ---- Markdown ----

/** Text safe inside a Markdown table cell. */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;
/** A signed change in percentage points at the digits of the estimate (format/number-format.ts). */
const signed = (d: number, reference: number) => outcomeFormat(reference).change(d);
const counts = (rows: readonly TrialNumbers[]) => (rows.length === 0 ? 'none' : rows.map((r) => `${r.events}/${r.n}`).join(' + '));
const fromTo = (b: number | undefined, a: number | undefined, f: (x: number) => string) =>
  b === undefined ? (a === undefined ? '–' : f(a)) : a === undefined ? `${f(b)} → –` : f(b) === f(a) ? f(a) : `${f(b)} → ${f(a)}`;
const estimateText = (s: EstimateSnapshot | null) => (s ? percentWithInterval(s) : '–');

function numbersLine(numbers: { short_label: string; before: TrialNumbers[]; after: TrialNumbers[] }[]): string {
  const changed = numbers.filter((n) => counts(n.before) !== counts(n.after));
  const shown = changed.length > 0 ? changed : numbers;
  return shown.map((n) => (n.before.length === 0 ? `${n.short_label} ${counts(n.after)}` : `${n.short_label} ${counts(n.before)} → ${counts(n.after)}`)).join(', ');
}

/** One line of Markdown for an event. */
export function eventMarkdown(e: ChangeEvent): string {
  const who = `**${e.trial_label}** (${code(e.trial)})`;
  switch (e.kind) {
    case 'trial_added':
      return `${who} enters the analysis${e.previous_status ? ` (was ${e.previous_status})` : ''} with report ${code(e.report.id)}: ${numbersLine(e.numbers) || 'no pooled outcome'}.`;
    case 'report_replaced':
      return `${who}: report ${code(e.report.id)} replaces ${code(e.replaces.id)} as the primary report: ${numbersLine(e.numbers)}.`;
    case 'numbers_corrected':
      return `${who}: numbers of report ${code(e.report.id)} corrected: ${numbersLine(e.numbers)}.`;
    case 'trial_reclassified':
      return `${who}: subgroup of report ${code(e.report.id)} changed.`;
    case 'trial_removed':
      return `${who} leaves the analysis${e.reason ? `: ${e.reason}` : ''}.`;
    case 'trial_excluded':
    case 'trial_described':
      return `${who} is ${e.kind === 'trial_excluded' ? 'excluded' : 'described, not pooled'}: ${e.reason}`;
    case 'report_excluded':
      return `${who}: report ${code(e.report.id)} recorded and excluded (${e.report.reason ?? 'no reason given'}); ${e.kept ? `the pooled numbers stay with ${code(e.kept.id)}` : 'the trial has no usable report'}.`;
    case 'report_recorded':
      return `${who}: report ${code(e.report.id)} recorded as ${e.report.status}.`;
  }
}

function releaseLines(d: ReleaseListDiff): string[] {
  const lines: string[] = [];
  for (const r of d.added) lines.push(`- adds release ${r.number} (published ${r.date}, search cut-off ${r.cutoff}, search ${code(r.search)})`);
  for (const r of d.removed) lines.push(`- removes release ${r.number}`);
  for (const c of d.changed) lines.push(`- changes release ${c.number}: ${c.fields.join(', ')}`);
  return lines;
}

/** The Markdown table of estimates that move. */
function estimateTable(moved: readonly EstimateChange[], outcomes: readonly OutcomeChanges[], variables: Record<string, string>, levels: IntervalLevels): string[] {
  const out = [`| Outcome | Estimate | Before % (${ciName(levels.before)}) | After % (${ciName(levels.after)}) | Change (% points) | k | n | I² |`, '|---|---|---|---|---:|---:|---:|---:|'];
  for (const e of moved) {
    const outcome = outcomes.find((o) => o.outcome === e.outcome)!;
    const where = e.variable ? `${variables[e.variable] ?? e.variable}: ${e.label}` : 'Overall';
    const change = e.delta ? signed(e.delta.estimate, e.after!.estimate) : e.after ? 'new' : 'gone';
    out.push(
      `| ${cell(outcome.short_label)} | ${cell(where)} | ${estimateText(e.before)} | ${estimateText(e.after)} | ${change} | ${fromTo(e.before?.k, e.after?.k, count)} | ${fromTo(e.before?.n, e.after?.n, count)} | ${fromTo(e.before?.I2, e.after?.I2, i2Percent)} |`,
    );
  }
  return out;
}

/** The report posted on the pull request. */
export function impactMarkdown(impact: Impact): string {
  const out: string[] = ['### Effect on the pooled estimates', ''];
  out.push(
    impact.baseRelease === 0
      ? `The base ${code(impact.base)} has no review content, so everything below is new (release ${impact.headRelease}).`
      : `Compared with ${code(impact.base)}: release ${impact.baseRelease} there, release ${impact.headRelease} on this branch.`,
  );
  if (releasesDiffer(impact.releases)) {
    out.push('', '**The list of releases differs.** This branch:', ...releaseLines(impact.releases));
    if (impact.baseRelease !== impact.headRelease) out.push('', `Estimates below compare the latest release of each: ${impact.baseRelease} and ${impact.headRelease}.`);
  }
  out.push('', '#### Trial files', '');
  if (impact.files.length === 0) out.push('No trial file changes.');
  else {
    out.push('| Change | File | Outcomes it moves |', '|---|---|---|');
    for (const f of impact.files) {
      const name = f.from ? `${code(f.from)} → ${code(f.path)}` : code(f.path);
      out.push(`| ${f.status} | ${name} | ${f.outcomes.length > 0 ? cell(f.outcomes.join(', ')) : 'none'} |`);
    }
  }
  if (impact.events.length > 0) {
    out.push('', '#### What changes in the evidence', '');
    for (const e of impact.events) out.push(`- ${cell(eventMarkdown(e))}`);
  }
  out.push('', '#### Estimates that move', '');
  if (impact.moved.length === 0) {
    out.push('No pooled estimate moves.');
  } else {
    out.push(...estimateTable(impact.moved, impact.outcomes, impact.variables, impact.levels));
    const total = allEstimates(impact.outcomes).length;
    out.push('', `${impact.moved.length} of ${total} estimates move (a change in k or n, or of ${percent(MOVE_THRESHOLD, 2)} percentage points or more in the estimate).`);
  }
  // The latest release is the table above; every earlier release the base published is here.
  const earlier = impact.releasesMoved.filter((r) => r.release !== impact.headRelease);
  out.push('', '#### Earlier releases that move', '');
  if (earlier.length === 0) {
    out.push(impact.baseRelease === 0 ? 'The base has no releases to compare.' : 'No pooled estimate of an earlier release moves.');
  } else {
    out.push(
      `**${earlier.length === 1 ? `Release ${earlier[0]!.release} moves` : `Releases ${earlier.map((r) => r.release).join(', ')} move`}.** A published release should read as it was published: revert the change, or record an erratum in review.yaml.`,
    );
    for (const r of earlier) {
      out.push('', `Release ${r.release}:`, '', ...estimateTable(r.moved, r.outcomes, impact.variables, r.levels));
    }
  }
  return `${out.join('\n')}\n`;
}

/** The report when the branch's content does not validate: the problems, verbatim. */
export function problemsMarkdown(problems: string): string {
  const longest = Math.max(2, ...[...problems.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return [
    '### Effect on the pooled estimates',
    '',
    'The content on this branch does not validate, so nothing was pooled. Fix these problems (`npm run check` shows them too):',
    '',
    fence,
    problems.trimEnd(),
    fence,
    '',
  ].join('\n');
}
