// The filters of a table (src/pages/tables/_table-filters.astro). A file of its own rather than
// a script in the page, so that the site's Content-Security-Policy allows only scripts from the
// site itself.
// Hide the rows that do not match the filters and keep the counts in each menu and in the
// status line current. Without this script every row stays visible. The table comes after
// the form, so the script waits for the page to be read.
(() => {
  const setUp = () => {
    const form = document.querySelector('form[data-table-filters]');
    const table = form && document.getElementById(form.dataset.tableFilters);
    if (!form || !table) return;
    const rows = Array.from(table.querySelectorAll('tbody > tr')).filter((row) => !row.querySelector('th[colspan]'));
    const sections = Array.from(table.querySelectorAll('[data-filter-section]'));
    const selects = Array.from(form.querySelectorAll('select[data-filter]'));
    const status = form.querySelector('[data-filter-count]');
    const empty = document.querySelector('[data-filter-empty]');
    const noun = form.dataset.noun;
    const matches = (row, key, value) => !value || (row.getAttribute(`data-f-${key}`) || '').includes(`|${value}|`);
    const matchesAll = (row, except) => selects.every((s) => s === except || matches(row, s.dataset.filter, s.value));

    function update() {
      let shown = 0;
      for (const row of rows) {
        row.hidden = !matchesAll(row);
        if (!row.hidden) shown++;
      }
      for (const section of sections) section.hidden = !Array.from(section.querySelectorAll('tbody > tr')).some((row) => rows.includes(row) && !row.hidden);
      // Each menu counts the rows its options would show, given the other menus' choices.
      for (const select of selects) {
        const others = rows.filter((row) => matchesAll(row, select));
        for (const option of select.options) {
          const n = others.filter((row) => matches(row, select.dataset.filter, option.value)).length;
          option.textContent = `${option.dataset.label} (${n})`;
        }
      }
      const active = selects.some((s) => s.value);
      status.textContent = active ? `Showing ${shown} of ${rows.length} ${noun}.` : `Showing all ${rows.length} ${noun}.`;
      if (empty) empty.hidden = shown > 0;
    }

    form.addEventListener('change', update);
    form.addEventListener('reset', () => setTimeout(update));
    form.addEventListener('submit', (event) => event.preventDefault());
    form.hidden = false;
    update();
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', setUp);
  else setUp();
})();
