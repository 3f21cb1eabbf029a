/// <reference path="../.astro/types.d.ts" />

declare namespace App {
  interface Locals {
    /** The release a page shows (chapters' numbers read it); the latest when unset. */
    release?: number;
  }
}
