/** Every content schema, shared by Astro's content collections and the command-line scripts. */
export * from './common.ts';
export * from './review.ts';
export * from './trial.ts';
export * from './search.ts';
export * from './registry.ts';
export * from './chapter.ts';
export * from './characteristics.ts';
export * from './appraisal.ts';
