/**
 * The curator's messages about content files as files: links, things that are not files, and a
 * file that holds no fields at all (a file pasted in by mistake). In the style of messages.ts:
 * what is wrong (`message`) and how to fix it (`fix`). None of them quotes more of a file than
 * a short piece of one line (quoteLine), so a file put here by mistake is never printed back.
 */
import { revealUnseen } from './messages.ts';
import type { Text } from './problems.ts';

/** The most characters of a file's own text a message quotes. */
export const MAX_QUOTED_FROM_FILE = 20;

/**
 * A short piece of one line of a file, quoted: its first line only, at most `max` characters,
 * unseen characters named (messages.ts revealUnseen) and control characters escaped.
 */
export function quoteLine(text: string, max: number = MAX_QUOTED_FROM_FILE): string {
  const line = text.split(/\r?\n|\r|\u2028|\u2029/, 1)[0]!.trim();
  const chars = [...line];
  const short = chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : line;
  return JSON.stringify(revealUnseen(short));
}

/** A parser's own message cut to one line of at most `max` characters, so it quotes little of the file. */
export function shortDetail(detail: string, max = 100): string {
  const line = detail.split('\n', 1)[0]!.trim();
  const chars = [...line];
  const short = chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : line;
  return revealUnseen(short).replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export const fileMessages = {
  fileIsLink: (outside: boolean): Text => ({
    message: `the file is a symbolic link${outside ? ' to a file outside the content folder' : ''}; content files are read only as files of their own, so it was not read`,
    fix: 'replace the link with the file itself (copy the file into the content folder and commit that)',
  }),

  folderIsLink: (folder: string): Text => ({
    message: `the folder ${folder}/ is a symbolic link; content is read only from folders of the content folder's own, so nothing in it was read`,
    fix: `replace the link with the folder itself (copy the files into ${folder}/ and commit them)`,
  }),

  notAFile: (): Text => ({
    message: 'this is not a file (a pipe, a socket or a device), so it was not read',
    fix: 'remove it; content files are plain text files',
  }),

  onlyText: (text: string): Text => ({
    message: `the file holds no fields, only text (its first line starts ${quoteLine(text)}); only a few characters are shown, in case it is a file put here by mistake`,
    fix: 'check that the right file was saved here; a content file holds one field per line as "name: value" (npm run fields lists them)',
  }),
};
