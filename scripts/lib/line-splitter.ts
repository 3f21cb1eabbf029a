/**
 * Splits text that arrives in pieces into lines exactly as node:readline does with
 * `crlfDelay: Infinity`: a line ends at `\n`, `\r\n`, a lone `\r`, U+2028 or U+2029 (a `\r` at the
 * end of one piece and a `\n` at the start of the next are one line ending), and what is left at the end is
 * a last line when it is not empty. Unlike readline it hands back all the complete lines of a
 * piece at once, so a caller can answer them in one block instead of one promise per line.
 */
/** Line endings other than `\n` that readline recognises. */
const OTHER_ENDINGS = /[\r\u2028\u2029]/;

export class LineSplitter {
  /** the unfinished line carried over from earlier pieces */
  private rest = '';
  /** the previous piece ended with `\r`: a `\n` opening the next piece is part of that ending */
  private sawReturn = false;

  /**
   * The lines completed by the next piece of text, in order.
   *
   * @param piece decoded text (a StringDecoder's output, so no character is split)
   * @returns the complete lines, without their line endings
   * @example
   * const splitter = new LineSplitter();
   * splitter.push('a\r'); // ['a']
   * splitter.push('\nb\n'); // ['b']
   */
  push(piece: string): string[] {
    const text = this.sawReturn && piece.charCodeAt(0) === 10 ? piece.slice(1) : piece;
    this.sawReturn = text.charCodeAt(text.length - 1) === 13;
    if (text === '') return [];
    const lines: string[] = [];
    let start = 0;
    // only \n ends lines in most input: find them with indexOf rather than a loop over characters
    const onlyNewlines = !OTHER_ENDINGS.test(text);
    for (let i = onlyNewlines ? text.indexOf('\n') : 0; i >= 0 && i < text.length; i = onlyNewlines ? text.indexOf('\n', i + 1) : i + 1) {
      const code = text.charCodeAt(i);
      if (code !== 10 && code !== 13 && code !== 0x2028 && code !== 0x2029) continue;
      const line = text.slice(start, i);
      lines.push(start === 0 && this.rest !== '' ? this.rest + line : line);
      if (start === 0) this.rest = '';
      if (code === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
    this.rest = start === 0 ? this.rest + text : text.slice(start);
    return lines;
  }

  /**
   * The last line, when the text did not end with a line ending (readline emits it on close).
   *
   * @returns zero or one line
   * @example
   * const splitter = new LineSplitter();
   * splitter.push('a\nb'); // ['a']
   * splitter.end(); // ['b']
   */
  end(): string[] {
    const last = this.rest;
    this.rest = '';
    return last === '' ? [] : [last];
  }
}
