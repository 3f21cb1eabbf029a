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
