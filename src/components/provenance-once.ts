/**
 * Which page render has already sent the provenance notes' script: OutcomeValue.astro sends it
 * with a page's first note only, so that a table of many numbers loads it once.
 */

const sent = new WeakSet<object>();

/**
 * Whether this is the first provenance note of the page whose render state `locals` is
 * (Astro.locals, one object per page rendered); marks the page as served from then on.
 */
export function firstOnPage(locals: object): boolean {
  if (sent.has(locals)) return false;
  sent.add(locals);
  return true;
}
