import { appraisalInputFromContent } from '../../src/lib/appraisal/appraise-release.ts';
import { afterAll, describe, expect, test } from 'vitest';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { poolReview } from '../../scripts/pool.ts';
import { loadReview } from '../../src/lib/content/load-review-fs.ts';
import { readLock, readPublished } from '../../src/lib/review/release-lock-fs.ts';
import { buildLock, compareLock, digest, lockText, releaseErrata } from '../../src/lib/review/release-lock.ts';
import { impactMarkdown, pullRequestImpact } from '../../src/lib/review/impact.ts';
import type { EvidenceState } from '../../src/lib/review/release-changes.ts';
import { GOOD_CONTENT, makeContentRoot, problemsOf, removeContentRoots, REPO_ROOT, editContentFile } from '../helpers/content-fixture.ts';
import { runScript } from '../helpers/run-script.ts';

afterAll(removeContentRoots);

const edit = editContentFile;
/** Beta-NK's only report moved from release 1 to release 2, with the search logs counted again so that only the lock objects. */
const moveBetaNk = (root: string) => {
  edit(root, 'trials/beta-nk.md', /release: 1\n/, 'release: 2\n');
  edit(root, 'searches/release-1.yaml', /^new_studies_included: 2$/m, 'new_studies_included: 1');
  edit(root, 'searches/release-2.yaml', /^previous_studies: 2$/m, 'previous_studies: 1');
  edit(root, 'searches/release-2.yaml', /^new_studies_included: 0$/m, 'new_studies_included: 1');
};
const ERRATUM = 'errata:\n  - release: 1\n    date: 2026-10-01\n    what: "Beta-NK\'s abstract moved to release 2"\n    why: "It was published after the cut-off of release 1"\n';
const addErratum = (root: string, text = ERRATUM) => writeFileSync(path.join(root, 'review.yaml'), `${readFileSync(path.join(root, 'review.yaml'), 'utf8')}${text}`);

function states(root: string): EvidenceState[] {
  const loaded = loadReview(root);
  const trials = loaded.trials.map((t) => ({ slug: t.slug, data: t.data }));
  return poolReview(root, loaded, { changes: false }).releases.map((analyses) => ({ review: loaded.review, trials, analyses }));
}

describe('the locks of the test review', () => {
  test('are what the release script writes from the content today', () => {
    const { review, trials, certainty } = loadReview(GOOD_CONTENT);
    const generated = poolReview(GOOD_CONTENT);
    const chapters = readPublished(GOOD_CONTENT, 'content').chapters;
    const appraisal = appraisalInputFromContent(review, trials, certainty);
    for (const r of review.releases) {
      const analyses = generated.releases.find((a) => a.release === r.number)!;
      expect(readFileSync(path.join(GOOD_CONTENT, `releases/${r.number}.lock.json`), 'utf8')).toBe(lockText(buildLock(analyses, r.search, chapters, appraisal)));
    }
    expect(trials.length).toBeGreaterThan(0);
  });

  test('the hosted review and the example review have valid locks for every release', () => {
    for (const root of [path.join(REPO_ROOT, 'content'), path.join(REPO_ROOT, 'examples/pritz1997')]) {
      const { review } = loadReview(root);
      for (const r of review.releases) expect(readLock(root, r.number)?.release).toBe(r.number);
    }
  });
});

describe('a published release does not change', () => {
  test('moving a report between releases fails the check until an erratum records it', () => {
    const root = makeContentRoot();
    moveBetaNk(root);
    const problems = problemsOf(root);
    expect(problems).toContain('this change alters release 1, which is published');
    expect(problems).toContain('trial beta-nk: report ash-2024 (release 1) pooled → not pooled');
    expect(problems).toMatch(/bORR overall: 42\.7% \(22\.9 to 63\.9\), k 2, n 21 → 50\.0% .*k 1, n 12/);
    expect(problems).toContain('record an erratum in review.yaml');
    // Release 2 changes too (the report now enters there): an erratum for release 1 alone is not enough.
    addErratum(root);
    expect(problemsOf(root)).toContain('alters release 2');
    addErratum(root, '  - release: 2\n    date: 2026-10-01\n    what: "Beta-NK\'s abstract enters in release 2"\n    why: "As above"\n');
    expect(problemsOf(root)).toBe('');
  });

  test('a chapter edited inside a lock is refused; today\'s chapters are free to change', () => {
    const root = makeContentRoot();
    edit(root, 'chapters/introduction.mdx', /\n$/, '\nA sentence for the next release.\n');
    expect(problemsOf(root)).toBe('');
    const lockFile = path.join(root, 'releases/1.lock.json');
    const lock = JSON.parse(readFileSync(lockFile, 'utf8'));
    const slug = Object.keys(lock.chapters)[0]!;
    lock.chapters[slug].text += 'edited';
    writeFileSync(lockFile, JSON.stringify(lock));
    expect(problemsOf(root)).toContain(`chapter ${slug}: the text published → a text edited in the lock file`);
  });

  test('no lock, no rule: a review without locks accepts the same change', () => {
    const root = makeContentRoot();
    rmSync(path.join(root, 'releases'), { recursive: true });
    moveBetaNk(root);
    expect(problemsOf(root)).toBe('');
  });

  test('an erratum must name a locked release', () => {
    const root = makeContentRoot();
    addErratum(root, 'errata:\n  - release: 7\n    date: 2026-10-01\n    what: "x"\n    why: "y"\n');
    expect(problemsOf(root)).toContain('this erratum names release 7, which is not in releases (1, 2)');
  });

  test('compareLock names what changed, before and after', () => {
    const [one] = states(GOOD_CONTENT);
    const lock = buildLock(one!.analyses, 'release-1', {});
    expect(compareLock(lock, lock)).toEqual([]);
    const changed = structuredClone(lock);
    changed.method.transform = 'PLO';
    changed.pooled['borr']!.overall!.estimate += 0.04;
    expect(compareLock(lock, changed).map((c) => `${c.kind} ${c.subject}: ${c.before} → ${c.after}`)).toEqual([
      'method analysis transform: PAS → PLO',
      expect.stringMatching(/^pooled bORR overall: 42\.7% .* → 46\.7% /),
    ]);
    expect(digest('a')).not.toBe(digest('b'));
  });

  test('a lock records the prediction-interval rule and the continuity correction only when they are not the defaults, and names their change', () => {
    const [one] = states(GOOD_CONTENT);
    const lock = buildLock(one!.analyses, 'release-1', {});
    expect(Object.keys(lock.method)).toEqual(['transform', 'method', 'ci', 'level', 'subgroup_test']);
    const changed = buildLock(
      { ...one!.analyses, method: { ...one!.analyses.method, prediction_interval: 't-k2', correction: { add: 0.25, to: 'all' } } },
      'release-1',
      {},
    );
    expect(changed.method).toMatchObject({ prediction_interval: 't-k2', correction: { add: 0.25, to: 'all' } });
    expect(compareLock(lock, changed).map((c) => `${c.kind} ${c.subject}: ${c.before} → ${c.after}`)).toEqual([
      'method analysis prediction_interval: ci → t-k2',
      'method analysis correction: default → add 0.25 to all',
    ]);
  });
});

describe('the errata of a release', () => {
  test('list the estimates as published (from the lock) and as corrected', () => {
    const root = makeContentRoot();
    moveBetaNk(root);
    addErratum(root);
    addErratum(root, '  - release: 2\n    date: 2026-10-01\n    what: "Beta-NK enters in release 2"\n    why: "As above"\n');
    const { review } = loadReview(root);
    const [one] = states(root);
    const shown = releaseErrata(review.errata, readLock(root, 1), one!.analyses)!;
    expect(shown.errata.map((e) => e.why)).toEqual(['It was published after the cut-off of release 1']);
    const overall = shown.corrected.find((c) => c.outcome === 'borr' && c.variable === null)!;
    expect(overall.published!.k).toBe(2);
    expect(overall.corrected!.k).toBe(1);
    expect(overall.published!.estimate).toBeCloseTo(0.42743498642689715, 15);
    expect(releaseErrata(review.errata, readLock(root, 1), { ...one!.analyses, release: 3 })).toBeNull();
  });
});

describe('npm run impact across releases', () => {
  test('reports every release that moves, not only the latest', () => {
    const base = states(GOOD_CONTENT);
    const root = makeContentRoot();
    edit(root, 'trials/alpha-cel.md', 'borr: {events: 6, n: 12,', 'borr: {events: 7, n: 12,');
    rmSync(path.join(root, 'releases'), { recursive: true });
    const head = states(root);
    const impact = pullRequestImpact('main', base.at(-1)!, head.at(-1)!, [], { base, head });
    expect(impact.moved).toEqual([]);
    expect(impact.releasesMoved.map((r) => r.release)).toEqual([1]);
    const md = impactMarkdown(impact);
    expect(md).toContain('No pooled estimate moves.');
    expect(md).toContain('#### Earlier releases that move');
    expect(md).toContain('**Release 1 moves.**');
    expect(md).toMatch(/Release 1:\n\n\| Outcome .*\n.*\n\| bORR \| Overall \| 42\.7 /);
  });

  test('says so when no earlier release moves', () => {
    const base = states(GOOD_CONTENT);
    const md = impactMarkdown(pullRequestImpact('main', base.at(-1)!, base.at(-1)!, [], { base, head: base }));
    expect(md).toContain('No pooled estimate of an earlier release moves.');
  });
});

describe('npm run release -- --lock-existing', () => {
  test('writes the locks of releases that have none, and nothing else', () => {
    const root = makeContentRoot();
    const expected = readFileSync(path.join(root, 'releases/2.lock.json'), 'utf8');
    rmSync(path.join(root, 'releases/2.lock.json'));
    const r = runScript('release.ts', ['--content', root, '--lock-existing']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Locked release 2 of');
    expect(readFileSync(path.join(root, 'releases/2.lock.json'), 'utf8')).toBe(expected);
    expect(runScript('release.ts', ['--content', root, '--lock-existing']).stdout).toContain('has its lock already');
  });
});

describe('npm run release -- --add-appraisal', () => {
  const withoutAppraisal = (root: string, n: number) => {
    const file = path.join(root, `releases/${n}.lock.json`);
    const lock = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    delete lock['appraisal'];
    writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
    return file;
  };

  test('records the appraisal in a published lock that has none, once', () => {
    const root = makeContentRoot();
    const file = withoutAppraisal(root, 1);
    const before = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const r = runScript('release.ts', ['--content', root, '--add-appraisal', '1']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const after = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(after['appraisal']).toBeDefined();
    // nothing else of the lock moves
    delete after['appraisal'];
    expect(after).toEqual(before);
    const again = runScript('release.ts', ['--content', root, '--add-appraisal', '1']);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('holds an appraisal already');
  });

  test('checks the ratings it is given and writes nothing when they are wrong', () => {
    const root = makeContentRoot();
    const file = withoutAppraisal(root, 2);
    const text = readFileSync(file, 'utf8');
    const ratings = path.join(path.dirname(root), 'ratings.yaml');
    writeFileSync(ratings, 'outcomes:\n  nope:\n    domains: {}\n');
    const r = runScript('release.ts', ['--content', root, '--add-appraisal', '2', '--certainty', ratings]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('ratings.yaml');
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(runScript('release.ts', ['--content', root, '--add-appraisal', '7']).stderr).toContain('Release 7 has no lock');
    expect(runScript('release.ts', ['--content', root, '--add-appraisal', '2', '--date', '2030-01-01']).status).toBe(2);
  });
});
