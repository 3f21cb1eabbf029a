/**
 * The pooled results handed from the pooling step to the site build (src/generated/analyses.json,
 * or <out>.generated/analyses.json for a build elsewhere). A review of thousands of trials has
 * hundreds of megabytes of results: one JSON.stringify of all of them can pass the longest
 * string V8 allows (about 512 MB), and an `import` of the file would make Vite copy it into the
 * build's bundle. So the file is written part by part (each release, each release's changes:
 * one JSON document all the same) with a small index of where each part lies, and the site
 * reads it through a virtual module (astro.config.mjs) that parses the parts one at a time.
 * A file without a matching index (npm run pool writes one) is parsed whole.
 */
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { GeneratedAnalyses } from '../../src/lib/review/analyses-types.ts';
import { HANDOVER_TIMEOUT_MS, whenReady } from '../../src/lib/build/when-ready.ts';

type Span = [start: number, end: number];

interface GeneratedIndex {
  /** Size of the file the index describes: an index of another file is ignored. */
  bytes: number;
  head: Span;
  releases: Span[];
  changes: Span[];
}

const indexFile = (file: string) => `${file}.index.json`;

/** Writes `data` to `file` (and its index) through temporary files in the same folder. */
export function writeGenerated(file: string, data: GeneratedAnalyses): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  let offset = 0;
  const put = (text: string): Span => {
    const bytes = Buffer.from(text, 'utf8');
    writeSync(fd, bytes);
    offset += bytes.length;
    return [offset - bytes.length, offset];
  };
  const index: GeneratedIndex = { bytes: 0, head: [0, 0], releases: [], changes: [] };
  try {
    const { releases, changes, ...rest } = data;
    // {"review":…,"latest":…,"releases":[…],"changes":[…]}; the head span is the first fields, without braces
    const head = JSON.stringify(rest).slice(1, -1);
    put('{');
    index.head = put(head);
    put(`${head ? ',' : ''}"releases":[`);
    releases.forEach((r, i) => {
      if (i > 0) put(',');
      index.releases.push(put(JSON.stringify(r)));
    });
    put('],"changes":[');
    changes.forEach((c, i) => {
      if (i > 0) put(',');
      index.changes.push(put(JSON.stringify(c)));
    });
    put(']}\n');
  } finally {
    closeSync(fd);
  }
  index.bytes = offset;
  const tmpIndex = `${indexFile(file)}.tmp-${process.pid}`;
  mkdirSync(path.dirname(tmpIndex), { recursive: true });
  const indexFd = openSync(tmpIndex, 'w');
  writeSync(indexFd, `${JSON.stringify(index)}\n`);
  closeSync(indexFd);
  renameSync(tmp, file);
  renameSync(tmpIndex, indexFile(file));
}

/** Removes a file writeGenerated wrote, with its index (nothing when there is none). */
export function removeGenerated(file: string): void {
  rmSync(indexFile(file), { force: true });
  rmSync(file, { force: true });
}

/**
 * Waits until writeGenerated has written `file` (its index, renamed last, is there and
 * describes the file), then reads it. `npm run build` starts Astro while it pools and removes the
 * previous results first; the pages wait here.
 * @throws Error when nothing is written within `timeoutMs`
 */
export function readGeneratedWhenWritten(file: string, timeoutMs = HANDOVER_TIMEOUT_MS): Promise<GeneratedAnalyses> {
  return whenReady(
    () => {
      const index = writtenIndex(file);
      return index ? readParts(file, index) : undefined;
    },
    `the pooled results ${file}`,
    timeoutMs,
  );
}

/** The index of `file`, when there is one and it describes the file as it is (renamed last, so the file is whole). */
function writtenIndex(file: string): GeneratedIndex | undefined {
  try {
    const index = JSON.parse(readFileSync(indexFile(file), 'utf8')) as GeneratedIndex;
    return index.bytes === statSync(file).size ? index : undefined;
  } catch {
    return undefined;
  }
}

/** Reads what writeGenerated (or npm run pool) wrote. */
export function readGenerated(file: string): GeneratedAnalyses {
  const index = writtenIndex(file);
  return index ? readParts(file, index) : (JSON.parse(readFileSync(file, 'utf8')) as GeneratedAnalyses);
}

/** Parses the file part by part, as its index describes it. */
function readParts(file: string, index: GeneratedIndex): GeneratedAnalyses {
  const buffer = readFileSync(file);
  const part = <T>([start, end]: Span): T => JSON.parse(buffer.toString('utf8', start, end)) as T;
  const head = JSON.parse(`{${buffer.toString('utf8', index.head[0], index.head[1])}}`) as Omit<GeneratedAnalyses, 'releases' | 'changes'>;
  return {
    ...head,
    releases: index.releases.map((span) => part(span)),
    changes: index.changes.map((span) => part(span)),
  };
}
