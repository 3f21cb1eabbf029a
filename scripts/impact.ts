/**
 * `npm run impact -- --base <git ref> [--content <dir>]`: prints, as Markdown, every pooled
 * estimate that moves between the content at <ref> and the content in the working tree, with
 * the trial files behind each move: the latest release first, then every earlier release that
 * moves (a published release should not). The pull-request workflow posts it as a comment.
 *
 * The base's content is taken with `git archive <ref> content | tar -x` into a temporary folder,
 * so the working tree is never touched. Exit 1 when the working tree's content does not
 * validate (the problems are printed in a code block), 2 for a usage or git error.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadReview } from '../src/lib/content/load-review-fs.ts';
import { ContentError, formatProblems } from '../src/lib/content/index.ts';
import { contentRoot } from '../src/content-root.ts';
import { impactMarkdown, parseNameStatus, problemsMarkdown, pullRequestImpact } from '../src/lib/review/impact.ts';
import type { EvidenceState } from '../src/lib/review/release-changes.ts';
import { poolReview } from './pool.ts';
import { commandLineOrExit } from './lib/cli-args.ts';

const USAGE = 'usage: npm run impact -- --base <git ref> [--content <dir>]';

function fail(message: string): never {
  console.error(`impact: ${message}`);
  process.exit(2);
}

function git(args: string[], cwd: string, input?: Buffer): { stdout: Buffer; text: string } {
  const r = spawnSync('git', args, { cwd, maxBuffer: 1 << 30, ...(input ? { input } : {}) });
  if (r.error) fail(`could not run git: ${r.error.message}`);
  if (r.status !== 0) fail(`git ${args.join(' ')} failed: ${r.stderr.toString().trim()}`);
  return { stdout: r.stdout, text: r.stdout.toString() };
}

/** The content at `root` pooled: every release, the latest last. */
function evidenceAt(root: string): EvidenceState[] {
  const loaded = loadReview(root);
  const generated = poolReview(root, loaded, { changes: false });
  const trials = loaded.trials.map((t) => ({ slug: t.slug, data: t.data }));
  return generated.releases.map((analyses) => ({ review: loaded.review, trials, analyses }));
}

const args = commandLineOrExit(process.argv.slice(2), { strings: ['base', 'content'], positional: { max: 0 } }, USAGE);
const ref = args.strings.get('base');
if (!ref) {
  console.error(`--base is missing\n${USAGE}`);
  process.exit(2);
}

const repo = git(['rev-parse', '--show-toplevel'], process.cwd()).text.trim();
const headRoot = path.resolve(args.strings.get('content') ?? contentRoot());
const rel = path.relative(repo, headRoot).split(path.sep).join('/');
if (rel.startsWith('..') || path.isAbsolute(rel)) fail(`the content folder ${headRoot} is not inside the repository ${repo}`);
if (spawnSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: repo }).status !== 0) {
  fail(`"${ref}" is not a commit in this repository (in CI, check out with fetch-depth: 0 so the base branch is there)`);
}

// The working tree first: if it does not validate there is nothing to compare.
let head: EvidenceState[];
try {
  head = evidenceAt(headRoot);
} catch (error) {
  if (error instanceof ContentError) {
    process.stdout.write(problemsMarkdown(formatProblems(error.problems)));
    process.exit(1);
  }
  throw error;
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'review-base-'));
try {
  // The base's content; a base without a content folder compares against nothing.
  const listed = git(['ls-tree', '-d', '--name-only', ref, '--', rel], repo).text.trim();
  let base: EvidenceState[] = [];
  if (listed) {
    const archive = git(['archive', '--format=tar', ref, '--', rel], repo).stdout;
    const untar = spawnSync('tar', ['-x', '-C', tmp], { input: archive });
    if (untar.status !== 0) fail(`could not unpack the base's content: ${untar.stderr.toString().trim()}`);
    try {
      base = evidenceAt(path.join(tmp, rel));
    } catch (error) {
      if (!(error instanceof ContentError)) throw error;
      process.stdout.write(
        `### Effect on the pooled estimates\n\nThe content at \`${ref}\` does not validate, so there is nothing to compare with. Its problems:\n\n\`\`\`\`\n${formatProblems(error.problems).trimEnd()}\n\`\`\`\`\n`,
      );
      process.exit(0);
    }
  }
  const trialsDir = `${rel}/trials`;
  const files = parseNameStatus(
    git(['diff', '--name-status', '--find-renames', ref, '--', trialsDir], repo).text,
    git(['ls-files', '--others', '--exclude-standard', '--', trialsDir], repo).text.split('\n'),
  );
  process.stdout.write(impactMarkdown(pullRequestImpact(ref, base.at(-1) ?? null, head.at(-1)!, files, { base, head })));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
