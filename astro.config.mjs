// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';

// The site's base path: '/' locally, '/<repository>/' on GitHub Pages (set by the deploy workflow).
const base = process.env.SITE_BASE ?? '/';
const site = process.env.SITE_URL ?? 'https://example.org';

export default defineConfig({
  site,
  base,
  trailingSlash: 'ignore',
  integrations: [mdx(), sitemap()],
  build: { format: 'directory' },
});
