/**
 * Study labels laid out in a plot's label column: wrapped at word boundaries over at most two
 * lines, and, when even two lines are too few, ended with an ellipsis after the last whole
 * word that fits. A label is never cut inside a word (a word too long for a line of its own is
 * broken only after a hyphen or a slash, or else left whole).
 *
 * Widths are estimated from the advance widths of Arial (Helvetica, and the system sans-serif
 * fonts the plots use, are close), so the static SVG drawn at build time, where no font can be
 * measured, wraps exactly as the browser's interactive plot.
 */

// Advance widths of Arial in thousandths of an em, for the printable ASCII characters from the space (32).
const ASCII_WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space ! " # $ % & ' ( ) * + , - . /
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0-9 : ; < = > ?
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ A-O
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P-Z [ \ ] ^ _
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` a-o
  556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p-z { | } ~
];
/** Other characters: most Latin, Greek and Cyrillic letters are about this wide; East Asian ones take a full em. */
const OTHER_WIDTH = 650;
const WIDE_WIDTH = 1000;
/** Estimates err on the wide side, so a line that fits the estimate fits on screen. */
const SAFETY = 1.05;

export const ELLIPSIS = '…';

/** Estimated width in pixels of `text` set in `fontSize` px. */
export function textWidth(text: string, fontSize: number): number {
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 32 && code < 127) units += ASCII_WIDTHS[code - 32]!;
    else if (code >= 0x2e80) units += WIDE_WIDTH;
    else units += OTHER_WIDTH;
  }
  return (units / 1000) * fontSize * SAFETY;
}

/** A piece of a label that can start a line: a word, or part of a long word after a hyphen or slash. */
interface Piece {
  text: string;
  /** Whether a space separates it from the piece before (false inside a word). */
  spaced: boolean;
}

function pieces(label: string, maxWidth: number, fontSize: number): Piece[] {
  const out: Piece[] = [];
  for (const word of label.split(/\s+/).filter((w) => w.length > 0)) {
    if (textWidth(word, fontSize) <= maxWidth) {
      out.push({ text: word, spaced: true });
      continue;
    }
    // Too long for a line: break after its hyphens and slashes.
    const parts = word.match(/[^-/]*[-/]+|[^-/]+$/g) ?? [word];
    parts.forEach((text, i) => out.push({ text, spaced: i === 0 }));
  }
  return out;
}

const join = (line: string, p: Piece) => (line === '' ? p.text : `${line}${p.spaced ? ' ' : ''}${p.text}`);

/**
 * The lines of a label: one when it fits `maxWidth`, at most `maxLines`, the last ending in an
 * ellipsis after the last whole word that fits when the label does not fit in them.
 * @example labelLines('A rather long study label: its expansion cohort', 120, 11) // two lines
 */
export function labelLines(label: string, maxWidth: number, fontSize: number, maxLines = 2): string[] {
  const text = label.trim().replace(/\s+/g, ' ');
  if (textWidth(text, fontSize) <= maxWidth) return [text];
  const all = pieces(text, maxWidth, fontSize);
  const lines: string[] = [];
  let i = 0;
  while (i < all.length) {
    // as many whole pieces as fit, and at least one
    let line = all[i]!.text;
    let j = i + 1;
    while (j < all.length && textWidth(join(line, all[j]!), fontSize) <= maxWidth) line = join(line, all[j++]!);
    if (j === all.length || lines.length < maxLines - 1) {
      lines.push(line);
      i = j;
      continue;
    }
    // The last line, and more is left: the whole pieces that fit with the ellipsis after them.
    let cut = '';
    for (let m = i; m < all.length; m++) {
      const next = join(cut, all[m]!);
      if (textWidth(`${next}${ELLIPSIS}`, fontSize) > maxWidth) break;
      cut = next;
    }
    lines.push(`${cut.replace(/[\s,;:]+$/, '')}${ELLIPSIS}`);
    break;
  }
  return lines;
}
