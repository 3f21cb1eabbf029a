/**
 * The provenance notes: every number of the efficacy table (or, on a site without it, of a
 * trial's page) opens its source beside it, on a phone and on a desktop screen: inside the
 * window, wrapped rather than cut off, next to its number; it is a button with aria-expanded
 * and aria-controls, Enter opens its note, Escape closes it and gives focus back to the number,
 * a click elsewhere or on another number closes it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { test, type Context } from './harness.ts';

const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 1280, height: 900 },
];

/** The page to test: the efficacy table when the site has it, else the trial page with the most notes. */
function pageWithNotes(ctx: Context): string {
  if (existsSync(path.join(ctx.distDir, 'tables/efficacy/index.html'))) return '/tables/efficacy/';
  const trialsDir = path.join(ctx.distDir, 'trials');
  let best: { slug: string; notes: number } | undefined;
  for (const slug of existsSync(trialsDir) ? readdirSync(trialsDir) : []) {
    const file = path.join(trialsDir, slug, 'index.html');
    if (!existsSync(file)) continue;
    const notes = (readFileSync(file, 'utf8').match(/class="provenance-note"/g) ?? []).length;
    if (notes > (best?.notes ?? 0)) best = { slug, notes };
  }
  if (!best) throw new Error('neither /tables/efficacy/ nor any trial page has a provenance note');
  return `/trials/${best.slug}/`;
}

export interface Geometry {
  open: boolean;
  expanded: string | null;
  note: { left: number; top: number; right: number; bottom: number };
  button: { top: number; bottom: number };
  viewport: { width: number; height: number };
  /** Elements of the note (itself included) whose text overflows: tag, scrollWidth, clientWidth. */
  clipped: string[];
}

/** Where a number's note is, and whether it or anything in it is cut off. */
export async function geometry(button: Locator): Promise<Geometry> {
  return button.evaluate((b) => {
    const note = document.getElementById(b.getAttribute('popovertarget') ?? '')!;
    const n = note.getBoundingClientRect();
    const r = b.getBoundingClientRect();
    const clipped = [note, ...Array.from(note.querySelectorAll('*'))]
      .filter((el) => el.scrollWidth > el.clientWidth + 1)
      .map((el) => `${el.tagName.toLowerCase()} ${el.scrollWidth} > ${el.clientWidth}`);
    return {
      open: note.matches(':popover-open'),
      expanded: b.getAttribute('aria-expanded'),
      note: { left: n.left, top: n.top, right: n.right, bottom: n.bottom },
      button: { top: r.top, bottom: r.bottom },
      viewport: { width: document.documentElement.clientWidth, height: document.documentElement.clientHeight },
      clipped,
    };
  });
}

/** What is wrong with an open note's place and text (nothing: an empty list). */
export function placeProblems(g: Geometry, what: string): string[] {
  const problems: string[] = [];
  if (!g.open) return [`${what}: the note is not open`];
  if (g.expanded !== 'true') problems.push(`${what}: aria-expanded is ${g.expanded}, expected true`);
  const { note, button, viewport } = g;
  if (note.right - note.left < 1 || note.bottom - note.top < 1) problems.push(`${what}: the note has no size`);
  if (note.left < 0 || note.top < 0 || note.right > viewport.width || note.bottom > viewport.height) {
    problems.push(`${what}: the note (${JSON.stringify(note)}) is not inside the ${viewport.width}×${viewport.height} viewport`);
  }
  // Below the number, or above it: never over it, and less than 40 px away.
  const gap = note.top >= button.bottom - 1 ? note.top - button.bottom : button.top - note.bottom;
  if (gap < -1 || gap >= 40) problems.push(`${what}: the note is ${Math.round(gap)} px from its number (note ${Math.round(note.top)}–${Math.round(note.bottom)}, number ${Math.round(button.top)}–${Math.round(button.bottom)})`);
  if (g.clipped.length > 0) problems.push(`${what}: text cut off: ${g.clipped.join(', ')}`);
  return problems;
}

async function isOpen(button: Locator): Promise<boolean> {
  return button.evaluate((b) => document.getElementById(b.getAttribute('popovertarget') ?? '')?.matches(':popover-open') ?? false);
}

async function focusIsOn(page: Page, button: Locator): Promise<boolean> {
  const handle = await button.elementHandle();
  return page.evaluate((b) => document.activeElement === b, handle);
}

test('a number opens its source beside it, wrapped and inside the window, and Escape closes it', async (ctx) => {
  const where = pageWithNotes(ctx);
  const problems: string[] = [];
  for (const viewport of VIEWPORTS) {
    const { page, errors } = await ctx.open(where, viewport);
    const buttons = page.locator('button.provenance[popovertarget]');
    const count = await buttons.count();
    if (count < 2) throw new Error(`${where} has ${count} provenance buttons, expected at least 2`);
    const first = buttons.first();
    const last = buttons.last();
    const at = `${where} at ${viewport.width} px`;

    const controls = await first.evaluate((b) => [b.getAttribute('aria-controls'), b.getAttribute('popovertarget'), b.getAttribute('aria-expanded')]);
    if (controls[0] !== controls[1]) problems.push(`${at}: aria-controls ${controls[0]} does not name the note ${controls[1]}`);
    if (controls[2] !== 'false') problems.push(`${at}: a closed note's number has aria-expanded ${controls[2]}, expected false`);

    // By pointer: the first number, then the last (nearer the bottom of the page).
    for (const [button, which] of [[first, 'first'], [last, 'last']] as const) {
      await button.click();
      problems.push(...placeProblems(await geometry(button), `${at}, ${which} number`));
      await page.keyboard.press('Escape');
      if (await isOpen(button)) problems.push(`${at}, ${which} number: Escape does not close the note`);
      if (!(await focusIsOn(page, button))) problems.push(`${at}, ${which} number: focus is not back on the number after Escape`);
      if ((await button.getAttribute('aria-expanded')) !== 'false') problems.push(`${at}, ${which} number: aria-expanded is not false once closed`);
    }

    // By keyboard: Enter opens; another number's note replaces it; a click elsewhere closes it.
    await first.focus();
    await page.keyboard.press('Enter');
    if (!(await isOpen(first))) problems.push(`${at}: Enter on a number does not open its note`);
    problems.push(...placeProblems(await geometry(first), `${at}, opened by keyboard`));
    await buttons.nth(1).click();
    if (await isOpen(first)) problems.push(`${at}: opening another note leaves the first open`);
    if (!(await isOpen(buttons.nth(1)))) problems.push(`${at}: the second number's note does not open`);
    await page.mouse.click(2, 2);
    if (await isOpen(buttons.nth(1))) problems.push(`${at}: a click elsewhere does not close the note`);

    // Scrolling keeps an open note beside its number.
    await first.click();
    await page.mouse.wheel(0, 60);
    await page.waitForTimeout(100);
    if (await isOpen(first)) problems.push(...placeProblems(await geometry(first), `${at}, after scrolling`));
    await page.close();
    problems.push(...errors.map((e) => `${at}: ${e}`));
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
});
