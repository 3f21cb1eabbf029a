/** The site's main navigation, in reading order. */
export interface NavItem {
  label: string;
  path: string;
}

export const NAV: readonly NavItem[] = [
  { label: 'Overview', path: '/' },
  { label: 'Trials', path: '/trials/' },
  { label: 'For curators', path: '/curators/fields/' },
];
