/**
 * Draws a PRISMA 2020 flow model (prisma-flow.ts) as an accessible SVG string.
 *
 * Two layouts:
 * - `wide`: the classic diagram, with phase bars on the left, the previous-version arm (for an
 *   update), the two sources of new records merging into one screening flow, and the
 *   exclusions to the right of it;
 * - `narrow`: one column for phones (a 360-unit viewBox with 16-unit text, so the text is
 *   about 16 px on a 360 px screen), the exclusions indented under the stage they leave.
 *
 * Text is wrapped here, with widths estimated from a per-character factor, and every string
 * is XML-escaped. Boxes that have a list of reports are links.
 *
 * Pure: no DOM, no file system, no Astro.
 */
import { escapeXml } from '../format/escape-xml.ts';
import {
  PRISMA_BOX_ORDER,
  PRISMA_PHASE_LABELS,
  lineText,
  type PrismaBox,
  type PrismaBoxId,
  type PrismaFlow,
  type PrismaLine,
  type PrismaPhase,
} from './prisma-flow.ts';

export type PrismaLayout = 'wide' | 'narrow';

export interface PrismaSvgOptions {
  layout: PrismaLayout;
  /** Turns a site path into the link written in the SVG (e.g. adds the base path). */
  href?: (path: string) => string;
  /** Prefix of the ids in the SVG, so that several diagrams can share a page. */
  idPrefix?: string;
  /** The diagram's title; defaults to "PRISMA 2020 flow diagram, release N". */
  title?: string;
}

// --- text measurement and wrapping -----------------------------------------------------------

const NARROW_CHARS = /[iIl.,:;'|!()[\]\s]/;
const WIDE_CHARS = /[MWmw@%—]/;

/**
 * Estimated width of `text` at `fontSize` in a system sans-serif: most characters take about
 * 0.58 em; thin ones less, digits, capitals and wide ones more. It errs on the wide side so text fits.
 */
export function estimateTextWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of text) {
    if (NARROW_CHARS.test(ch)) em += 0.3;
    else if (WIDE_CHARS.test(ch)) em += 0.86;
    else if (ch >= 'A' && ch <= 'Z') em += 0.68;
    else if (ch >= '0' && ch <= '9') em += 0.64;
    else em += 0.58;
  }
  // A small margin: the estimate is tuned on a wide sans-serif (DejaVu Sans); most system
  // fonts are narrower, so text fits everywhere.
  return em * fontSize * (bold ? 1.06 : 1) * 1.02;
}

/**
 * Greedy word wrap to `maxWidth` (`restWidth` for the lines after the first, e.g. with a
 * hanging indent); a word longer than a line is broken by characters.
 */
export function wrapText(text: string, maxWidth: number, fontSize: number, bold = false, restWidth = maxWidth): string[] {
  const lines: string[] = [];
  const fits = (s: string) => estimateTextWidth(s, fontSize, bold) <= (lines.length === 0 ? maxWidth : restWidth);
  let current = '';
  // Split at ordinary spaces only: a no-break space keeps "(n = 12)" on one line.
  for (const word of text.split(/[ \t\r\n]+/).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (fits(candidate)) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    current = '';
    let rest = word;
    while (!fits(rest)) {
      let cut = rest.length - 1;
      while (cut > 1 && !fits(rest.slice(0, cut))) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    current = rest;
  }
  if (current) lines.push(current);
  return lines.length > 0 ? lines : [''];
}

// --- geometry ----------------------------------------------------------------------------------

interface Style {
  font: number;
  lineHeight: number;
  cueFont: number;
  pad: number;
  indent: number;
  /** Hanging indent of a wrapped line's continuation. */
  hang: number;
  phaseFont: number;
  headerFont: number;
}

const STYLES: Record<PrismaLayout, Style> = {
  wide: { font: 15, lineHeight: 20, cueFont: 14, pad: 11, indent: 14, hang: 10, phaseFont: 15, headerFont: 15 },
  narrow: { font: 16, lineHeight: 21, cueFont: 15, pad: 10, indent: 14, hang: 10, phaseFont: 15, headerFont: 16 },
};

const COLOURS = {
  ink: '#1b1f24',
  soft: '#4a5361',
  link: '#0b5cad',
  paper: '#ffffff',
  phase: '#d5e5f5',
  phaseInk: '#0a3d70',
  header: '#f7d98b',
  previous: '#e3e6ea',
};

interface TextLine {
  text: string;
  x: number;
  kind: 'heading' | 'line' | 'sub' | 'cue';
}

interface Placed {
  box: PrismaBox;
  x: number;
  y: number;
  w: number;
  h: number;
  text: TextLine[];
}

/** The line's text with its count glued together, so "(n = 12)" is never split. */
function unbreakableCount(line: PrismaLine): string {
  return line.count === undefined ? line.text : `${line.text} (n\u00a0=\u00a0${line.count})`;
}

/** The wrapped lines of a box for a given width. */
function layoutText(box: PrismaBox, width: number, s: Style): TextLine[] {
  const inner = width - 2 * s.pad;
  const out: TextLine[] = [];
  if (box.heading) for (const t of wrapText(box.heading, inner, s.font)) out.push({ text: t, x: 0, kind: 'heading' });
  for (const line of box.lines) {
    const indent = line.level === 1 ? s.indent : 0;
    // A wrapped line continues with a hanging indent, so each count reads as one item.
    const wrapped = wrapText(unbreakableCount(line), inner - indent, s.font, false, inner - indent - s.hang);
    wrapped.forEach((t, i) => out.push({ text: t, x: indent + (i > 0 ? s.hang : 0), kind: line.level === 1 ? 'sub' : 'line' }));
  }
  if (box.href && box.linkLabel) for (const t of wrapText(`${box.linkLabel}\u00a0›`, inner, s.cueFont)) out.push({ text: t, x: 0, kind: 'cue' });
  return out;
}

function textHeight(lines: TextLine[], s: Style): number {
  const cueGap = lines.some((l) => l.kind === 'cue') ? 4 : 0;
  return lines.length * s.lineHeight + cueGap + 2 * s.pad - 4;
}

function place(box: PrismaBox, x: number, y: number, w: number, s: Style, minHeight = 0): Placed {
  const text = layoutText(box, w, s);
  return { box, x, y, w, h: Math.max(minHeight, textHeight(text, s)), text };
}

const r1 = (n: number) => Math.round(n * 10) / 10;

/** A line with an arrowhead at its end (x2, y2); the line is axis-aligned. */
function arrow(x1: number, y1: number, x2: number, y2: number, head = true): string {
  const parts = [`<line x1="${r1(x1)}" y1="${r1(y1)}" x2="${r1(x2)}" y2="${r1(y2)}" stroke="${COLOURS.ink}" stroke-width="1.4"/>`];
  if (head) {
    const len = 8;
    const half = 4.5;
    const dx = Math.sign(x2 - x1);
    const dy = Math.sign(y2 - y1);
    const bx = x2 - dx * len;
    const by = y2 - dy * len;
    const pts = [
      [x2, y2],
      [bx - dy * half, by + dx * half],
      [bx + dy * half, by - dx * half],
    ];
    parts.push(`<polygon points="${pts.map(([a, b]) => `${r1(a!)},${r1(b!)}`).join(' ')}" fill="${COLOURS.ink}"/>`);
  }
  return parts.join('');
}

function polyline(points: [number, number][]): string {
  return `<polyline points="${points.map(([a, b]) => `${r1(a)},${r1(b)}`).join(' ')}" fill="none" stroke="${COLOURS.ink}" stroke-width="1.4"/>`;
}

/** Text lines of a box, left-aligned, top-down. */
function drawText(p: Placed, s: Style): string {
  const out: string[] = [];
  let y = p.y + s.pad + s.font * 0.93;
  let previousKind: TextLine['kind'] | undefined;
  for (const line of p.text) {
    if (line.kind === 'cue' && previousKind !== 'cue') y += 4;
    const x = p.x + s.pad + line.x;
    const attrs =
      line.kind === 'cue'
        ? `font-size="${s.cueFont}" fill="${COLOURS.link}" text-decoration="underline" class="prisma-cue"`
        : line.kind === 'sub'
          ? `font-size="${s.font}" fill="${COLOURS.soft}"`
          : `font-size="${s.font}" fill="${COLOURS.ink}"`;
    out.push(`<text x="${r1(x)}" y="${r1(y)}" ${attrs}>${escapeXml(line.text)}</text>`);
    y += s.lineHeight;
    previousKind = line.kind;
  }
  return out.join('');
}

function drawBox(p: Placed, s: Style, resolve: (path: string) => string, fill: string = COLOURS.paper): string {
  const rect = `<rect class="prisma-box" x="${r1(p.x)}" y="${r1(p.y)}" width="${r1(p.w)}" height="${r1(p.h)}" rx="3" fill="${fill}" stroke="${COLOURS.ink}" stroke-width="1.3"/>`;
  const body = `${rect}${drawText(p, s)}`;
  if (!p.box.href) return `<g class="prisma-node" data-box="${p.box.id}">${body}</g>`;
  return `<a class="prisma-node prisma-link" data-box="${p.box.id}" href="${escapeXml(resolve(p.box.href))}">${body}</a>`;
}

function phaseBarVertical(phase: PrismaPhase, x: number, y: number, w: number, h0: number, s: Style): string {
  // Never shorter than its label.
  const label = PRISMA_PHASE_LABELS[phase];
  const h = Math.max(h0, estimateTextWidth(label, s.phaseFont, true) + 16);
  const cx = x + w / 2;
  const cy = y + h / 2;
  return (
    `<rect x="${r1(x)}" y="${r1(y)}" width="${r1(w)}" height="${r1(h)}" rx="4" fill="${COLOURS.phase}"/>` +
    `<text x="${r1(cx)}" y="${r1(cy)}" transform="rotate(-90 ${r1(cx)} ${r1(cy)})" text-anchor="middle" dominant-baseline="central" font-size="${s.phaseFont}" font-weight="700" fill="${COLOURS.phaseInk}">${escapeXml(label)}</text>`
  );
}

function header(text: string, x: number, y: number, w: number, fill: string, s: Style): { svg: string; h: number } {
  const lines = wrapText(text, w - 2 * s.pad, s.headerFont, true);
  const h = lines.length * s.lineHeight + 2 * s.pad - 4;
  const texts = lines
    .map(
      (t, i) =>
        `<text x="${r1(x + w / 2)}" y="${r1(y + s.pad + s.headerFont * 0.93 + i * s.lineHeight)}" text-anchor="middle" font-size="${s.headerFont}" font-weight="700" fill="${COLOURS.ink}">${escapeXml(t)}</text>`,
    )
    .join('');
  return { svg: `<rect x="${r1(x)}" y="${r1(y)}" width="${r1(w)}" height="${r1(h)}" rx="8" fill="${fill}"/>${texts}`, h };
}

interface Drawing {
  width: number;
  height: number;
  body: string;
}

function boxOf(flow: PrismaFlow, id: PrismaBoxId): PrismaBox | undefined {
  return flow.boxes.find((b) => b.id === id);
}

function hasArrow(flow: PrismaFlow, from: PrismaBoxId, to: PrismaBoxId): boolean {
  return flow.arrows.some((a) => a.from === from && a.to === to);
}

// --- wide layout -------------------------------------------------------------------------------

function drawWide(flow: PrismaFlow, resolve: (path: string) => string): Drawing {
  const s = STYLES.wide;
  const bar = { x: 0, w: 34 };
  const prevCol = { x: 56, w: 220 };
  const left = flow.update ? prevCol.x + prevCol.w + 36 : 56;
  const sourceW = 320;
  const sourceGap = 30;
  const cx = left + sourceW + sourceGap / 2;
  const mainW = 344;
  const main = { x: cx - mainW / 2, w: mainW };
  const side = { x: cx + mainW / 2 + 46, w: 340 };
  const width = side.x + side.w + 4;
  const rowGap = 34;

  const parts: string[] = [];
  const bars: string[] = [];
  const lines: string[] = [];
  const nodes: string[] = [];
  let y = 0;

  // Headers above the arms.
  const newHeader = header(flow.headers.new, left, y, width - 4 - left, COLOURS.header, s);
  parts.push(newHeader.svg);
  let headerH = newHeader.h;
  if (flow.update && flow.headers.previous) {
    const ph = header(flow.headers.previous, prevCol.x, y, prevCol.w, COLOURS.previous, s);
    headerH = Math.max(headerH, ph.h);
    parts.push(ph.svg);
  }
  y += headerH + 18;

  // Identification: the two sources, side by side, merging into the screening flow.
  const idTop = y;
  const db = boxOf(flow, 'databases')!;
  const other = boxOf(flow, 'other-sources')!;
  const dbText = layoutText(db, sourceW, s);
  const otherText = layoutText(other, sourceW, s);
  const srcH = Math.max(textHeight(dbText, s), textHeight(otherText, s));
  const pDb = place(db, left, y, sourceW, s, srcH);
  const pOther = place(other, left + sourceW + sourceGap, y, sourceW, s, srcH);
  nodes.push(drawBox(pDb, s, resolve), drawBox(pOther, s, resolve));

  let pPrev: Placed | undefined;
  const prevBox = boxOf(flow, 'previous');
  if (prevBox) {
    pPrev = place(prevBox, prevCol.x, y, prevCol.w, s);
    nodes.push(drawBox(pPrev, s, resolve));
  }

  const junction = y + srcH + 20;
  lines.push(polyline([[pDb.x + pDb.w / 2, y + srcH], [pDb.x + pDb.w / 2, junction], [pOther.x + pOther.w / 2, junction], [pOther.x + pOther.w / 2, y + srcH]]));
  y = junction + 14;

  const removed = boxOf(flow, 'removed')!;
  const pRemoved = place(removed, side.x, y, side.w, s);
  nodes.push(drawBox(pRemoved, s, resolve));
  lines.push(arrow(cx, pRemoved.y + pRemoved.h / 2, side.x, pRemoved.y + pRemoved.h / 2));
  const idBottom = Math.max(pRemoved.y + pRemoved.h, pPrev ? pPrev.y + pPrev.h : 0);
  y = idBottom + rowGap + 6;

  // Screening: three rows of a stage and its exclusion.
  const rows: [PrismaBoxId, PrismaBoxId][] = [
    ['screened', 'screening-excluded'],
    ['sought', 'not-retrieved'],
    ['assessed', 'reports-excluded'],
  ];
  const screenTop = y;
  let previousBottom = junction;
  let lastMain: Placed | undefined;
  for (const [mainId, sideId] of rows) {
    const m = boxOf(flow, mainId)!;
    const e = boxOf(flow, sideId)!;
    const h = Math.max(textHeight(layoutText(m, main.w, s), s), textHeight(layoutText(e, side.w, s), s));
    const pm = place(m, main.x, y, main.w, s, h);
    const pe = place(e, side.x, y, side.w, s, h);
    nodes.push(drawBox(pm, s, resolve), drawBox(pe, s, resolve));
    lines.push(arrow(cx, previousBottom, cx, y));
    if (hasArrow(flow, mainId, sideId)) lines.push(arrow(main.x + main.w, y + h / 2, side.x, y + h / 2));
    previousBottom = y + h;
    lastMain = pm;
    y += h + rowGap;
  }
  const screenBottom = previousBottom;
  y += 6;

  // Included.
  const incTop = y;
  const inc = boxOf(flow, 'included')!;
  const pInc = place(inc, main.x, y, main.w, s);
  nodes.push(drawBox(pInc, s, resolve));
  lines.push(arrow(cx, lastMain!.y + lastMain!.h, cx, y));
  y += pInc.h;
  const total = boxOf(flow, 'total');
  if (total) {
    y += rowGap;
    const pTotal = place(total, main.x, y, main.w, s);
    nodes.push(drawBox(pTotal, s, resolve));
    lines.push(arrow(cx, pInc.y + pInc.h, cx, y));
    if (pPrev && hasArrow(flow, 'previous', 'total')) {
      const px = pPrev.x + pPrev.w / 2;
      const ty = pTotal.y + pTotal.h / 2;
      lines.push(polyline([[px, pPrev.y + pPrev.h], [px, ty]]));
      lines.push(arrow(px, ty, main.x, ty));
    }
    y += pTotal.h;
  }
  const incBottom = y;

  bars.push(phaseBarVertical('identification', bar.x, idTop, bar.w, idBottom - idTop, s));
  bars.push(phaseBarVertical('screening', bar.x, screenTop, bar.w, screenBottom - screenTop, s));
  bars.push(phaseBarVertical('included', bar.x, incTop, bar.w, incBottom - incTop, s));

  const includedBar = Math.max(incBottom - incTop, estimateTextWidth(PRISMA_PHASE_LABELS.included, s.phaseFont, true) + 16);
  return { width, height: incTop + includedBar + 2, body: [...parts, ...bars, ...lines, ...nodes].join('') };
}

// --- narrow layout -----------------------------------------------------------------------------

function drawNarrow(flow: PrismaFlow, resolve: (path: string) => string): Drawing {
  const s = STYLES.narrow;
  const width = 360;
  const margin = 6;
  const spine = 22;
  const main = { x: margin, w: width - 2 * margin };
  const indent = { x: 42, w: width - margin - 42 };
  const gap = 22;
  const parts: string[] = [];
  const lines: string[] = [];
  const nodes: string[] = [];
  let y = 0;

  const h = header(flow.headers.new, margin, y, main.w, COLOURS.header, s);
  parts.push(h.svg);
  y += h.h + 16;

  const phaseLabel = (phase: PrismaPhase) => {
    const ph = 30;
    parts.push(
      `<rect x="${indent.x - 6}" y="${r1(y)}" width="${r1(width - margin - indent.x + 6)}" height="${ph}" rx="4" fill="${COLOURS.phase}"/>` +
        `<text x="${indent.x + 6}" y="${r1(y + ph / 2)}" dominant-baseline="central" font-size="${s.phaseFont}" font-weight="700" letter-spacing="0.06em" fill="${COLOURS.phaseInk}">${escapeXml(PRISMA_PHASE_LABELS[phase].toUpperCase())}</text>`,
    );
    y += ph + 14;
  };

  // Identification: the sources join the spine; the removed records leave it.
  phaseLabel('identification');
  const spineTop: number[] = [];
  for (const id of ['databases', 'other-sources'] as const) {
    const p = place(boxOf(flow, id)!, indent.x, y, indent.w, s);
    nodes.push(drawBox(p, s, resolve));
    const my = p.y + p.h / 2;
    spineTop.push(my);
    lines.push(polyline([[indent.x, my], [spine, my]]));
    y += p.h + gap - 8;
  }
  y += 8;
  const removed = place(boxOf(flow, 'removed')!, indent.x, y, indent.w, s);
  nodes.push(drawBox(removed, s, resolve));
  lines.push(arrow(spine, removed.y + removed.h / 2, indent.x, removed.y + removed.h / 2));
  y += removed.h + gap;
  let from = spineTop[0]!;

  const mainStage = (id: PrismaBoxId, exitId?: PrismaBoxId) => {
    const p = place(boxOf(flow, id)!, main.x, y, main.w, s);
    lines.push(arrow(spine, from, spine, y));
    nodes.push(drawBox(p, s, resolve));
    y += p.h + gap - 6;
    from = p.y + p.h;
    if (exitId) {
      const e = place(boxOf(flow, exitId)!, indent.x, y, indent.w, s);
      nodes.push(drawBox(e, s, resolve));
      if (hasArrow(flow, id, exitId)) lines.push(arrow(spine, e.y + e.h / 2, indent.x, e.y + e.h / 2));
      y += e.h + gap;
    }
  };

  // The spine runs through the phase label gap: draw the label after moving the cursor.
  phaseLabel('screening');
  mainStage('screened', 'screening-excluded');
  mainStage('sought', 'not-retrieved');
  mainStage('assessed', 'reports-excluded');
  phaseLabel('included');
  mainStage('included');

  const prev = boxOf(flow, 'previous');
  const total = boxOf(flow, 'total');
  if (total) {
    let pPrev: Placed | undefined;
    if (prev) {
      y += 6;
      pPrev = place(prev, indent.x, y, indent.w, s);
      nodes.push(drawBox(pPrev, s, resolve, COLOURS.paper));
      y += pPrev.h + gap + 6;
    }
    const pTotal = place(total, main.x, y, main.w, s);
    lines.push(arrow(spine, from, spine, y));
    if (pPrev && hasArrow(flow, 'previous', 'total')) {
      const px = pPrev.x + pPrev.w / 2;
      lines.push(arrow(px, pPrev.y + pPrev.h, px, y));
    }
    nodes.push(drawBox(pTotal, s, resolve));
    y += pTotal.h;
  } else {
    y -= gap - 6;
  }

  return { width, height: y + 2, body: [...parts, ...lines, ...nodes].join('') };
}

// --- the SVG -----------------------------------------------------------------------------------

/** One sentence per box with every count, in reading order: the diagram's long description. */
export function describePrismaFlow(flow: PrismaFlow): string {
  const intro = `PRISMA 2020 flow diagram for ${flow.update ? 'an updated' : 'a new'} systematic review, release ${flow.release}, search of ${flow.date}.`;
  const sentences = PRISMA_BOX_ORDER.flatMap((id) => {
    const box = boxOf(flow, id);
    if (!box) return [];
    const parts = box.lines.map(lineText);
    return [`${box.heading ? `${box.heading} ` : ''}${parts.join('; ')}.`];
  });
  return [intro, ...sentences].join(' ');
}

/** The flow as an SVG string. */
export function renderPrismaSvg(flow: PrismaFlow, options: PrismaSvgOptions): string {
  const resolve = options.href ?? ((p: string) => p);
  const prefix = options.idPrefix ?? `prisma-${flow.release}-${options.layout}`;
  const drawing = options.layout === 'wide' ? drawWide(flow, resolve) : drawNarrow(flow, resolve);
  const title = options.title ?? `PRISMA 2020 flow diagram, release ${flow.release}`;
  const titleId = `${prefix}-title`;
  const descId = `${prefix}-desc`;
  const w = Math.ceil(drawing.width);
  const h = Math.ceil(drawing.height);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="prisma-svg prisma-${options.layout}" role="group" aria-labelledby="${titleId} ${descId}" ` +
    `viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif">` +
    `<title id="${titleId}">${escapeXml(title)}</title>` +
    `<desc id="${descId}">${escapeXml(describePrismaFlow(flow))}</desc>` +
    drawing.body +
    `</svg>`
  );
}
