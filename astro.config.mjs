// @ts-check
import path from 'node:path';
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';

// The site's base path: '/' locally, '/<repository>/' on GitHub Pages (set by the deploy workflow).
const base = process.env.SITE_BASE ?? '/';
const site = process.env.SITE_URL ?? 'https://example.org';
// The pooled results the pages read (written by scripts/pool.ts before the build), and Astro's
// cache: both can be moved so that builds of other content folders do not share them.
const generated = path.resolve(process.env.REVIEW_GENERATED ?? 'src/generated/analyses.json');
const cacheDir = process.env.ASTRO_CACHE_DIR ?? './node_modules/.astro';

export default defineConfig({
  site,
  base,
  trailingSlash: 'ignore',
  integrations: [mdx(), sitemap()],
  build: { format: 'directory' },
  cacheDir,
  vite: { resolve: { alias: { '#generated/analyses.json': generated } } },
});
