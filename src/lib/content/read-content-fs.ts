/**
 * The only code that reads content from disk. It is a separate `-fs` file so that Node
 * built-ins never reach code the site ships to browsers: everything else in src/lib/content
 * is pure and works on the parsed files this returns.
 *
 * Reading refuses quickly: a file over the size limit is never read, let alone parsed.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseContentFile, type ContentKind, type RawContent, type SourceFile } from './content-files.ts';
import { MAX_FILE_BYTES } from './decode-content.ts';
import { messages } from './messages.ts';
import { problem } from './problems.ts';

export interface ReadContentOptions {
  /** How the root is named in messages; default: its path relative to the working directory. */
  label?: string;
  /** Size limit per file in bytes (default 1 MB). */
  maxBytes?: number;
}

/** The folders of a content root, the kind of file each holds, and the extension it must have. */
const FOLDERS: { folder: string; kind: ContentKind; ext: string }[] = [
  { folder: 'trials', kind: 'trial', ext: '.md' },
  { folder: 'searches', kind: 'search', ext: '.yaml' },
  { folder: 'registry', kind: 'registry', ext: '.yaml' },
  { folder: 'chapters', kind: 'chapter', ext: '.mdx' },
];

/** Reads and parses every content file under `root`. Never throws for a curator's mistake. */
export function readContent(root: string, options: ReadContentOptions = {}): RawContent {
  const label = options.label ?? displayRoot(root);
  const maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
  const out: RawContent = { review: undefined, trials: [], searches: [], registry: [], chapters: [], problems: [] };
  if (!isDirectory(root)) {
    out.problems.push(problem(label, undefined, [], messages.contentRootMissing(label)));
    return out;
  }
  const read = (kind: ContentKind, abs: string, shown: string, name: string): SourceFile => {
    let bytes: Uint8Array;
    try {
      // Refuse an oversized file from its size alone: it is never read into memory.
      const size = statSync(abs).size;
      if (size > maxBytes) {
        out.problems.push(problem(shown, undefined, [], messages.fileTooLarge(size, maxBytes)));
        return unreadable(kind, shown, name);
      }
      bytes = readFileSync(abs);
    } catch (error) {
      out.problems.push(problem(shown, undefined, [], messages.fileUnreadable(errorCode(error))));
      return unreadable(kind, shown, name);
    }
    const { source, problems } = parseContentFile(kind, shown, name, bytes, maxBytes);
    out.problems.push(...problems);
    return source;
  };

  const reviewPath = path.join(root, 'review.yaml');
  if (existsSync(reviewPath)) out.review = read('review', reviewPath, `${label}/review.yaml`, 'review');
  else out.problems.push(problem(`${label}/review.yaml`, undefined, [], messages.reviewMissing()));

  for (const { folder, kind, ext } of FOLDERS) {
    const dir = path.join(root, folder);
    if (!isDirectory(dir)) continue;
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith('.')) continue;
      const shown = `${label}/${folder}/${entry.name}`;
      if (entry.isDirectory()) {
        out.problems.push(problem(shown, undefined, [], messages.unexpectedFolder(entry.name, folder)));
      } else if (!entry.name.endsWith(ext)) {
        out.problems.push(problem(shown, undefined, [], messages.unexpectedFile(entry.name, folder, ext)));
      } else {
        const source = read(kind, path.join(dir, entry.name), shown, entry.name.slice(0, -ext.length));
        if (kind === 'trial') out.trials.push(source);
        else if (kind === 'search') out.searches.push(source);
        else if (kind === 'chapter') out.chapters.push(source);
        else out.registry.push(source);
      }
    }
  }
  return out;
}

/**
 * The content root: `--content <dir>` if given, else REVIEW_CONTENT, else `content/` at the
 * repository root (`repoRoot`). Relative paths are taken from the working directory.
 */
export function resolveContentRoot(option: string | undefined, env: Record<string, string | undefined>, repoRoot: string): string {
  const chosen = option?.trim() || env['REVIEW_CONTENT']?.trim();
  return chosen ? path.resolve(chosen) : path.join(repoRoot, 'content');
}

/** How a root is shown in messages: relative to the working directory when inside it. */
export function displayRoot(root: string): string {
  const relative = path.relative(process.cwd(), path.resolve(root));
  if (relative === '') return '.';
  return relative.startsWith('..') || path.isAbsolute(relative) ? path.resolve(root) : relative.split(path.sep).join('/');
}

export function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function unreadable(kind: ContentKind, file: string, name: string): SourceFile {
  return { kind, file, name, readable: false, value: undefined, body: '', bodyLine: 0, locate: () => undefined };
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}
