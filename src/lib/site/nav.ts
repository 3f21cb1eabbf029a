/** The site's main navigation, in reading order. */
export interface NavItem {
  label: string;
  path: string;
}

export const NAV: readonly NavItem[] = [
  { label: 'Overview', path: '/' },
  { label: 'Chapters', path: '/chapters/' },
  { label: 'Results', path: '/outcomes/' },
  { label: 'Tables', path: '/tables/' },
  { label: 'Trials', path: '/trials/' },
  { label: 'PRISMA', path: '/prisma/' },
  { label: 'For curators', path: '/curators/' },
  { label: 'Search', path: '/search/' },
  { label: 'About', path: '/about/' },
];

/** Pages whose section is another item's: the evidence timeline is part of the results. */
const SECTION_OF: readonly { prefix: string; section: string }[] = [{ prefix: '/timeline/', section: '/outcomes/' }];

/**
 * The navigation item a page belongs to, by its path below the site root ("/outcomes/response/" →
 * "/outcomes/"); a frozen release's chapters and results belong to Chapters and Results. Null
 * for a page of no section.
 * @example navSection('/releases/1/outcomes/response/') // '/outcomes/'
 */
export function navSection(pathname: string, items: readonly NavItem[] = NAV): string | null {
  const path = pathname.replace(/\/?$/, '/').replace(/^\/releases\/\d+(?=\/(chapters|outcomes)\/)/, '');
  if (path === '/') return '/';
  const mapped = SECTION_OF.find((s) => path.startsWith(s.prefix))?.section;
  if (mapped) return mapped;
  const found = items.filter((i) => i.path !== '/' && path.startsWith(i.path)).sort((a, b) => b.path.length - a.path.length)[0];
  return found?.path ?? null;
}
