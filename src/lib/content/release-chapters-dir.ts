/**
 * Where the locked releases' chapters are handed to the site: beside the pooled results file
 * (`analyses.json`), in `release-chapters/<release>/<slug>.mdx`. Shared by the code that writes
 * them (scripts/lib/release-chapters.ts) and the collection that loads them (release-chapters-fs.ts).
 */
import path from 'node:path';

export const releaseChaptersDir = (generatedFile: string) => path.join(path.dirname(path.resolve(generatedFile)), 'release-chapters');
