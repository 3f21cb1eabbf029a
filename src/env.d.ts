/// <reference path="../.astro/types.d.ts" />

declare namespace App {
  interface Locals {
    /** The release a page shows (chapters' numbers read it); the latest when unset. */
    release?: number;
  }
}

declare module '#generated/trials-file' {
  /** The JSON file of validated trials that npm run build hands to the pages, or null (see src/lib/content/trial-entries.ts). */
  const file: string | null;
  export default file;
  /**
   * True when npm run build drives this build: it writes the file while Astro starts (the pages
   * wait for it) and writes the large data files itself (src/lib/review/release-files.ts).
   */
  export const drivenByBuild: boolean;
}
