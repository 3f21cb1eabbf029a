/**
 * Internal links that respect the site's base path (GitHub Pages serves the site below
 * /<repository>/). Every internal link goes through here so a change of base breaks nothing.
 */
export function joinBase(base: string, path: string): string {
  const trimmedBase = base.endsWith('/') ? base.slice(0, -1) : base;
  const trimmedPath = path.startsWith('/') ? path : `/${path}`;
  return `${trimmedBase}${trimmedPath}`;
}

export function href(path: string): string {
  return joinBase(import.meta.env.BASE_URL, path);
}
