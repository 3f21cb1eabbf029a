/**
 * The part of js-yaml (Astro reads front matter with it too) that
 * parse-yaml.ts uses; js-yaml ships no type declarations of its own.
 */
declare module 'js-yaml' {
  export const CORE_SCHEMA: unknown;
  export function load(text: string, options?: { schema?: unknown; json?: boolean; filename?: string }): unknown;
}
