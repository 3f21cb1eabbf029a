// The provenance notes of the numbers (src/components/OutcomeValue.astro). A file of its own
// rather than a script in the page, so that the site's Content-Security-Policy allows only
// scripts from the site itself.
// Each number is a button that opens its note as the browser's popover, which already closes
// on Escape, on a click elsewhere and when another note opens. This script places the note next
// to its number (below it, above when there is no room below, always inside the viewport),
// keeps it there while the page scrolls, resizes or grows, tells assistive technology whether the note
// is open, and gives focus back to the number when Escape closes it. Without it the note opens
// in the middle of the window.
(() => {
  const MARGIN = 8; // px kept free between a note and the edges of the viewport
  const GAP = 4; // px between a number and its note
  const isNote = (el) => el instanceof HTMLElement && el.classList.contains('provenance-note');
  const invokerOf = (note) => document.querySelector(`[popovertarget="${CSS.escape(note.id)}"]`);
  let open = null; // the open note and its number: { note, button }
  let escaped = false;
  let frame = 0;

  for (const button of document.querySelectorAll('button.provenance[popovertarget]')) button.setAttribute('aria-expanded', 'false');

  function place() {
    frame = 0;
    if (!open) return;
    const { note, button } = open;
    const r = button.getBoundingClientRect();
    const vw = document.documentElement.clientWidth;
    const vh = document.documentElement.clientHeight;
    // A number scrolled out of sight takes its note with it.
    if (r.bottom < 0 || r.top > vh || r.right < 0 || r.left > vw) {
      note.hidePopover();
      return;
    }
    Object.assign(note.style, { margin: '0', right: 'auto', bottom: 'auto', left: '0px', top: '0px' });
    const w = note.offsetWidth;
    const h = note.offsetHeight;
    const below = vh - MARGIN - (r.bottom + GAP);
    const above = r.top - GAP - MARGIN;
    let top = h <= below || below >= above ? r.bottom + GAP : r.top - GAP - h;
    top = Math.max(MARGIN, Math.min(top, vh - MARGIN - h));
    const left = Math.max(MARGIN, Math.min(r.left + r.width / 2 - w / 2, vw - MARGIN - w));
    Object.assign(note.style, { left: `${Math.round(left)}px`, top: `${Math.round(top)}px` });
  }
  const schedule = () => {
    if (open && !frame) frame = requestAnimationFrame(place);
  };

  // Toggle events do not bubble: listened to while they go down to the note.
  document.addEventListener(
    'beforetoggle',
    (event) => {
      if (!isNote(event.target) || event.newState !== 'open') return;
      const button = invokerOf(event.target);
      if (!button) return;
      open = { note: event.target, button };
      button.setAttribute('aria-expanded', 'true');
      // Placed before the next paint, once the note is shown and can be measured.
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(place);
    },
    true,
  );
  document.addEventListener(
    'toggle',
    (event) => {
      if (!isNote(event.target) || event.newState !== 'closed') return;
      const button = invokerOf(event.target);
      if (button) {
        button.setAttribute('aria-expanded', 'false');
        if (escaped) button.focus();
      }
      if (open && open.note === event.target) open = null;
      escaped = false;
    },
    true,
  );
  document.addEventListener(
    'keydown',
    (event) => {
      if (event.key === 'Escape' && open) escaped = true;
    },
    true,
  );
  window.addEventListener('resize', schedule, { passive: true });
  // Any scrolling box: the page, or the wide table's own scroll region.
  document.addEventListener('scroll', schedule, { capture: true, passive: true });
  // The page's height changes when blocks skipped off screen are laid out (content-visibility)
  // or a section opens: the number may have moved, and its note follows.
  if ('ResizeObserver' in window) new ResizeObserver(schedule).observe(document.body);
})();
