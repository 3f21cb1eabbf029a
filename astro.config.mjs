// @ts-check
import path from 'node:path';
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { livePool } from './scripts/lib/dev-pool.ts';
import { contentRoot } from './src/content-root.ts';

// The site's base path: '/' locally, '/<repository>/' on GitHub Pages (set by the deploy workflow).
const base = process.env.SITE_BASE ?? '/';
const site = process.env.SITE_URL ?? 'https://example.org';
// The pooled results the pages read (written by scripts/pool.ts before the build), and Astro's
// cache: both can be moved so that builds of other content folders do not share them.
const generated = path.resolve(process.env.REVIEW_GENERATED ?? 'src/generated/analyses.json');
const cacheDir = process.env.ASTRO_CACHE_DIR ?? './node_modules/.astro';

// The pooled results reach the pages through a virtual module that reads the file when the
// build starts (scripts/lib/generated-json.ts): imported as JSON, a large review's hundreds of
// megabytes of results would be copied into the bundle and through every build step.
const GENERATED_ID = '#generated/analyses.json';
const TRIALS_FILE_ID = '#generated/trials-file';
const trialsFile = process.env.REVIEW_TRIALS_JSON ? path.resolve(process.env.REVIEW_TRIALS_JSON) : undefined;
// npm run build names itself here when it drives this build: it hands over the validated trials
// and the pooled results while Astro starts (the pages wait for them) and writes the large data
// files itself (src/lib/review/release-files.ts).
const buildPid = Number(process.env.REVIEW_BUILD_PID);
const drivenByBuild = buildPid > 0;
const GENERATED_MODULE = '\0generated-analyses.js';
/** @type {import('vite').Plugin} */
const generatedModule = {
  name: 'living-review-generated',
  enforce: 'pre',
  resolveId(id) {
    if (id === TRIALS_FILE_ID) return '\0generated-trials-file.js';
    return id === GENERATED_ID ? GENERATED_MODULE : undefined;
  },
  load(id) {
    // The trials npm run build has validated, when it hands them over (src/lib/content/trial-entries.ts).
    if (id === '\0generated-trials-file.js') {
      return {
        code: `export default ${JSON.stringify(trialsFile ?? null)};\nexport const drivenByBuild = ${drivenByBuild};\n`,
        moduleType: 'js',
      };
    }
    if (id !== GENERATED_MODULE) return undefined;
    // rebuild in `astro dev` when npm run pool rewrites the file
    this.addWatchFile(generated);
    const reader = path.resolve('scripts/lib/generated-json.ts');
    // npm run build starts Astro while it pools: the pages then wait for the results.
    const code = drivenByBuild
      ? `import { readGeneratedWhenWritten } from ${JSON.stringify(reader)};\nexport default await readGeneratedWhenWritten(${JSON.stringify(generated)});\n`
      : `import { readGenerated } from ${JSON.stringify(reader)};\nexport default readGenerated(${JSON.stringify(generated)});\n`;
    return { code, moduleType: 'js' };
  },
};

// Started by npm run build, Astro ends with it: should the build stop in any way, nothing would
// ever write the files the pages wait for. (The config may be read more than once; one watch.)
const WATCH = Symbol.for('living-review.watch-build');
if (drivenByBuild && !(/** @type {any} */ (globalThis)[WATCH])) {
  /** @type {any} */ (globalThis)[WATCH] = true;
  const watch = () => {
    if (process.ppid !== buildPid) process.exit(1);
  };
  watch();
  setInterval(watch, 500).unref();
}

export default defineConfig({
  site,
  base,
  trailingSlash: 'ignore',
  // In `astro dev` only: a saved content file is validated and pooled again (scripts/lib/dev-pool.ts).
  integrations: [mdx(), sitemap(), livePool({ contentRoot: contentRoot(), generated, moduleId: GENERATED_MODULE })],
  // Several pages in flight at once: a page's file is written while the next one renders.
  build: { format: 'directory', concurrency: 4 },
  cacheDir,
  vite: {
    plugins: [generatedModule],
    build: {
      // The one large chunk is the interactive forest plot's runtime (vega, about 0.9 MB
      // minified), which a page loads only when the reader opens the plot; what pages load
      // first is held to its budget by scripts/page-weight.ts. A chunk larger than this is new.
      chunkSizeWarningLimit: 1200,
      rolldownOptions: {
        onwarn(warning, warn) {
          // Astro marks each MDX chapter with this directive itself; the bundler's notice that
          // it may not be kept says nothing about the review.
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('astro:head-inject')) return;
          warn(warning);
        },
      },
    },
  },
});
