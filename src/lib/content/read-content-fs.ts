/**
 * The only code that reads content from disk. It is a separate `-fs` file so that Node
 * built-ins never reach code the site ships to browsers: everything else in src/lib/content
 * is pure and works on the parsed files this returns.
 *
 * Reading refuses quickly: a file over the size limit is never read, let alone parsed. Content is
 * read only from the content folder's own files: a symbolic link (to a file or a folder), or
 * anything that resolves outside the root, is refused without being opened, so that a link to a
 * file elsewhere (a key, a password file) is never read and never quoted in a message.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseContentFile, type ContentKind, type RawContent, type SourceFile } from './content-files.ts';
import { MAX_FILE_BYTES } from './decode-content.ts';
import { messages } from './messages.ts';
import { fileMessages } from './messages-files.ts';
import { problem, type Text } from './problems.ts';
import { readPublished } from '../review/release-lock-fs.ts';

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
  const realRoot = realpathSync(root);
  const read = (kind: ContentKind, abs: string, shown: string, name: string): SourceFile => {
    const refuse = (text: Text) => {
      out.problems.push(problem(shown, undefined, [], text));
      return unreadable(kind, shown, name);
    };
    let bytes: Uint8Array;
    let fd: number | undefined;
    try {
      // A link is refused from its entry alone: what it points to is never opened.
      const entry = lstatSync(abs);
      if (entry.isSymbolicLink()) return refuse(fileMessages.fileIsLink(!isInside(realRoot, realTarget(abs))));
      if (entry.isDirectory()) return refuse(messages.fileUnreadable('EISDIR'));
      // O_NOFOLLOW: a file swapped for a link after the check above is refused too; O_NONBLOCK:
      // opening a pipe does not wait for a writer.
      fd = openSync(abs, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
      const stat = fstatSync(fd);
      if (!stat.isFile()) return refuse(fileMessages.notAFile());
      // Refuse an oversized file from its size alone: it is never read into memory.
      if (stat.size > maxBytes) return refuse(messages.fileTooLarge(stat.size, maxBytes));
      bytes = readAll(fd, stat.size, maxBytes);
    } catch (error) {
      return refuse(errorCode(error) === 'ELOOP' ? fileMessages.fileIsLink(false) : messages.fileUnreadable(errorCode(error)));
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    const { source, problems } = parseContentFile(kind, shown, name, bytes, maxBytes);
    out.problems.push(...problems);
    return source;
  };

  const reviewPath = path.join(root, 'review.yaml');
  if (lstatOrUndefined(reviewPath)) out.review = read('review', reviewPath, `${label}/review.yaml`, 'review');
  else out.problems.push(problem(`${label}/review.yaml`, undefined, [], messages.reviewMissing()));
  // certainty.yaml is optional: without it no outcome has a curator's rating yet.
  const certaintyPath = path.join(root, 'certainty.yaml');
  if (lstatOrUndefined(certaintyPath)) out.certainty = read('certainty', certaintyPath, `${label}/certainty.yaml`, 'certainty');

  for (const { folder, kind, ext } of FOLDERS) {
    const dir = path.join(root, folder);
    const stat = lstatOrUndefined(dir);
    if (stat?.isSymbolicLink() || (stat?.isDirectory() && !isInside(realRoot, realpathSync(dir)))) {
      out.problems.push(problem(`${label}/${folder}`, undefined, [], fileMessages.folderIsLink(folder)));
      continue;
    }
    if (!stat?.isDirectory()) continue;
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith('.')) continue;
      const shown = `${label}/${folder}/${entry.name}`;
      if (entry.isSymbolicLink()) {
        // Whatever it points to, a file or a folder, and whatever its name: it is not read.
        out.problems.push(problem(shown, undefined, [], fileMessages.fileIsLink(!isInside(realRoot, realTarget(path.join(dir, entry.name))))));
      } else if (entry.isDirectory()) {
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
  out.published = readPublished(root, label);
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

function lstatOrUndefined(p: string) {
  try {
    return lstatSync(p);
  } catch {
    return undefined;
  }
}

/** Where a link leads in the end, or the link itself when it leads nowhere. Never opens it. */
function realTarget(link: string): string {
  try {
    return realpathSync(link);
  } catch {
    return link;
  }
}

/** Whether `p` is `root` or inside it (both real paths). */
function isInside(root: string, p: string): boolean {
  const relative = path.relative(root, p);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** Reads an open file of `size` bytes (no more than `maxBytes` + 1, so a file that grew is still caught). */
function readAll(fd: number, size: number, maxBytes: number): Uint8Array {
  const buffer = Buffer.alloc(Math.min(size, maxBytes) + 1);
  let length = 0;
  for (;;) {
    const n = readSync(fd, buffer, length, buffer.length - length, null);
    if (n === 0 || length + n >= buffer.length) return buffer.subarray(0, length + n);
    length += n;
  }
}

function unreadable(kind: ContentKind, file: string, name: string): SourceFile {
  return { kind, file, name, readable: false, value: undefined, body: '', bodyLine: 0, locate: () => undefined };
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}
