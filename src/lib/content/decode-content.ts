/**
 * Turns the bytes of a content file into text, refusing what is not a curator's text file:
 * too large, empty, binary (a zero byte) or not UTF-8. Pure, so a browser can use it too.
 */
import { messages } from './messages.ts';
import type { Text } from './problems.ts';

/** Content files larger than this are refused without being read or parsed. */
export const MAX_FILE_BYTES = 1024 * 1024;

export type Decoded = { ok: true; text: string } | { ok: false; problem: Text };

/** Decodes a content file, or says why it cannot be read. A leading byte-order mark is dropped. */
export function decodeContent(bytes: Uint8Array, maxBytes: number = MAX_FILE_BYTES): Decoded {
  if (bytes.length > maxBytes) return { ok: false, problem: messages.fileTooLarge(bytes.length, maxBytes) };
  const nul = bytes.indexOf(0);
  if (nul >= 0) return { ok: false, problem: messages.fileHasNulByte(nul) };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { ok: false, problem: messages.fileNotUtf8() };
  }
  if (text.trim().length === 0) return { ok: false, problem: messages.fileEmpty() };
  return { ok: true, text };
}
