// The search page's Pagefind UI (src/pages/search.astro). A file of its own rather than a
// script in the page, so that the site's Content-Security-Policy allows only scripts from the
// site itself.
(() => {
  // The site's base path, from the search box (the page writes it there).
  const base = document.querySelector('#search')?.dataset.base ?? '/';
  if (typeof PagefindUI === 'undefined') {
    document.querySelector('[data-search-unavailable]').hidden = false;
    return;
  }
  const ui = new PagefindUI({
    element: '#search',
    baseUrl: base,
    bundlePath: `${base}pagefind/`,
    // The trials have a bundle of their own, written while the pages are built.
    mergeIndex: [{ bundlePath: `${base}pagefind-trials/` }],
    showImages: false,
    showSubResults: true,
    autofocus: true,
  });
  // The input's only label is a placeholder; name it by the page heading instead.
  document.querySelector('#search input')?.setAttribute('aria-labelledby', 'search-title');
  // A query in the address (?q=response) runs at once, so a search can be linked to.
  const q = new URLSearchParams(location.search).get('q');
  if (q) ui.triggerSearch(q);
})();
