// The search page (src/pages/search.astro) on Pagefind's JavaScript API: each result names its
// kind of page (the "type" filter the index gives every page and trial), and the kinds filter the
// results. A file of its own rather than a script in the page, so that the site's
// Content-Security-Policy allows only scripts from the site itself.
(() => {
  const form = document.querySelector('[data-search-form]');
  if (!form) return;
  // The site's base path, which the page writes on the form.
  const base = form.dataset.base ?? '/';
  const input = form.querySelector('input[name="q"]');
  const types = form.querySelector('[data-search-types]');
  const status = document.querySelector('[data-search-status]');
  const list = document.querySelector('[data-search-results]');
  const more = document.querySelector('[data-search-more]');
  const PAGE = 10;
  const FILTER = 'type';

  let pagefind;
  let shown = [];
  let next = 0;
  let run = 0;

  /** Pagefind's excerpt is HTML-escaped text with <mark> around the matches: rebuilt as nodes. */
  function excerptNodes(excerpt) {
    const out = [];
    let marked = false;
    for (const part of excerpt.split(/(<\/?mark>)/)) {
      if (part === '<mark>') marked = true;
      else if (part === '</mark>') marked = false;
      else if (part) {
        const text = document.createTextNode(decodeEntities(part.replace(/<[^>]*>/g, '')));
        if (marked) {
          const mark = document.createElement('mark');
          mark.append(text);
          out.push(mark);
        } else out.push(text);
      }
    }
    return out;
  }

  function decodeEntities(text) {
    const named = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
    return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code) => {
      if (code[0] === '#') {
        const n = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
        return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
      }
      return named[code.toLowerCase()] ?? whole;
    });
  }

  function element(tag, className, children = []) {
    const el = document.createElement(tag);
    if (className) el.className = className;
    el.append(...children);
    return el;
  }

  /** One result: its kind, its title linking to the page, the excerpt, the sections it matched in. */
  function resultItem(data) {
    const type = data.meta?.[FILTER] ?? data.filters?.[FILTER]?.[0] ?? 'Page';
    const link = element('a', '', [data.meta?.title || data.url]);
    link.href = data.url;
    const item = element('li', 'search-result', [
      element('p', 'search-type', [type]),
      element('h2', '', [link]),
      element('p', 'search-excerpt', excerptNodes(data.excerpt ?? '')),
    ]);
    item.dataset.type = type;
    const sections = (data.sub_results ?? []).filter((s) => s.url.includes('#') && s.title && s.title !== data.meta?.title).slice(0, 3);
    if (sections.length > 0) {
      const line = element('p', 'search-sections', ['In: ']);
      sections.forEach((s, i) => {
        const a = element('a', '', [s.title]);
        a.href = s.url;
        line.append(...(i > 0 ? [' · ', a] : [a]));
      });
      item.append(line);
    }
    return item;
  }

  function plural(n, one, many) {
    return `${n} ${n === 1 ? one : many}`;
  }

  /** Shows the count of each kind for the query (all kinds, whichever is chosen), hiding those with none. */
  function showTypes(totals, all) {
    types.hidden = all === 0;
    for (const label of types.querySelectorAll('label')) {
      const value = label.querySelector('input').value;
      const n = value === '' ? all : totals[value] ?? 0;
      label.querySelector('[data-count]').textContent = `(${n})`;
      if (value !== '') label.hidden = n === 0 && !label.querySelector('input').checked;
    }
  }

  async function showMore() {
    const mine = run;
    const batch = await Promise.all(shown.slice(next, next + PAGE).map((r) => r.data()));
    if (mine !== run) return;
    const first = next === 0;
    list.append(...batch.map(resultItem));
    next += batch.length;
    more.hidden = next >= shown.length;
    if (!first) list.children[next - batch.length]?.querySelector('a')?.focus();
  }

  function chosenType() {
    return form.querySelector('input[name="type"]:checked')?.value ?? '';
  }

  /** Runs the query in the box with the chosen kind, and writes both into the address. */
  async function search() {
    const q = input.value.trim();
    const type = chosenType();
    const mine = ++run;
    const url = new URL(location.href);
    if (q) url.searchParams.set('q', q);
    else url.searchParams.delete('q');
    if (type) url.searchParams.set('type', type);
    else url.searchParams.delete('type');
    history.replaceState(null, '', url);
    if (!q) {
      list.replaceChildren();
      status.textContent = '';
      types.hidden = true;
      more.hidden = true;
      return;
    }
    const [all, filtered] = await Promise.all([
      pagefind.search(q),
      type ? pagefind.search(q, { filters: { [FILTER]: type } }) : null,
    ]);
    if (mine !== run) return;
    const results = filtered ?? all;
    const totals = {};
    for (const [value, n] of Object.entries(all.filters?.[FILTER] ?? {})) totals[value] = n;
    showTypes(totals, all.results.length);
    shown = results.results;
    next = 0;
    list.replaceChildren();
    await showMore();
    if (mine !== run) return;
    // Said once the results are on the page (the status line is announced by screen readers).
    status.textContent =
      shown.length === 0
        ? `No ${type ? `${type.toLowerCase()} pages` : 'results'} for “${q}”.`
        : `${plural(shown.length, 'result', 'results')} for “${q}”${type ? `, of kind ${type}` : ''}.`;
  }

  let timer;
  async function start() {
    try {
      pagefind = await import(`${base}pagefind/pagefind.js`);
      await pagefind.options({ baseUrl: base, excerptLength: 30 });
      // The trials have a bundle of their own, written while the pages are built.
      await pagefind.mergeIndex(`${base}pagefind-trials/`);
      // Loads the filters, so that each search counts the results of each kind.
      await pagefind.filters();
    } catch {
      document.querySelector('[data-search-unavailable]').hidden = false;
      form.hidden = true;
      return;
    }
    const params = new URLSearchParams(location.search);
    const q = params.get('q');
    const type = params.get('type');
    if (type) {
      const radio = [...form.querySelectorAll('input[name="type"]')].find((r) => r.value === type);
      if (radio) radio.checked = true;
    }
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      clearTimeout(timer);
      search();
    });
    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(search, 300);
    });
    types.addEventListener('change', () => search());
    more.addEventListener('click', () => showMore());
    if (q) {
      input.value = q;
      await search();
    } else input.focus();
  }
  start();
})();
