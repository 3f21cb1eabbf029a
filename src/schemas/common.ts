/**
 * Building blocks shared by every content schema.
 *
 * Field descriptions are given with `.describe()` rather than only as JSDoc so that the
 * generated field reference for curators (`npm run fields`) can read them at run time:
 * one text, shown both in editors and on the reference page.
 */
import { z } from 'zod';
import { firstDayOf } from '../lib/format/partial-date.ts';

/** A lower-case identifier: letters, digits, `-` and `_`, starting with a letter. */
export const idSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]*$/, {
    message: 'use lower-case letters, digits, "-" or "_", starting with a letter (for example "main_cohort")',
  });

/**
 * A calendar date written as YYYY-MM-DD. YAML turns unquoted dates into Date objects, so both
 * forms are accepted and normalised to the string form.
 */
export const dateSchema = z.preprocess(
  (value) => (value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString().slice(0, 10) : value),
  z
    .string({ message: 'write the date as YYYY-MM-DD, for example 2025-01-12' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'write the date as YYYY-MM-DD, for example 2025-01-12' })
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
      message: 'this is not a real calendar date; check the day and month',
    }),
);

/**
 * Trial registry identifiers the review accepts: ClinicalTrials.gov, the Chinese, EU, Japanese,
 * Australian/New Zealand and ISRCTN registries.
 */
export const REGISTRY_PATTERNS = [
  { registry: 'ClinicalTrials.gov', pattern: /^NCT\d{8}$/, example: 'NCT01234567' },
  { registry: 'ChiCTR', pattern: /^ChiCTR[0-9A-Za-z-]{6,20}$/, example: 'ChiCTR2000031234' },
  { registry: 'EU CTR / EudraCT', pattern: /^(\d{4}-\d{6}-\d{2}|\d{4}-\d{6}-\d{2}-\d{2})$/, example: '2020-001234-56' },
  { registry: 'jRCT', pattern: /^jRCT\d{10}$/, example: 'jRCT2033210123' },
  { registry: 'ANZCTR', pattern: /^ACTRN\d{14}$/, example: 'ACTRN12620000123456' },
  { registry: 'ISRCTN', pattern: /^ISRCTN\d{8}$/, example: 'ISRCTN12345678' },
] as const;

/** A trial registration number in one of the accepted registries. */
export const registrationSchema = z.string().refine((s) => REGISTRY_PATTERNS.some((r) => r.pattern.test(s)), {
  message: 'not a registration number we recognise; write it as NCT followed by 8 digits (NCT01234567), or a ChiCTR, EudraCT, jRCT, ACTRN or ISRCTN number',
});

/** A web address: only https and http are allowed, so no `javascript:` or `data:` link can reach a page. */
export const urlSchema = z
  .string()
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'https:' || u.protocol === 'http:';
    } catch {
      return false;
    }
  }, { message: 'write a full web address starting with https:// (other kinds of link are not allowed)' });

/** A DOI, written without the https://doi.org/ prefix. */
export const doiSchema = z
  .string()
  .regex(/^10\.\d{4,9}\/\S+$/, { message: 'write the DOI as 10.xxxx/yyyy, without https://doi.org/ in front' });

/**
 * Characters a reader cannot see but that change what text means or how it is shown: control
 * characters (other than tab and line breaks), text-direction marks, embeddings, overrides and
 * isolates (the "Trojan Source" characters), zero-width spaces and joiners used to split words
 * invisibly, soft hyphens, line and paragraph separators, a byte-order mark inside text, and
 * the invisible "tag" characters. Zero-width (non-)joiners U+200C and U+200D are allowed: some
 * scripts and emoji need them. Pasted text often carries these; the curator retypes it.
 */
export const INVISIBLE_CHARACTER =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B\u200E\u200F\u2028-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\uFFF9-\uFFFB\u{E0000}-\u{E007F}]/u;

/**
 * Plain text shown on the site. Markup is never interpreted (the site escapes it), but angle
 * brackets that look like HTML tags are refused so that a pasted snippet is noticed early.
 */
export const textSchema = z
  .string()
  .refine((s) => !/<\s*\/?\s*[a-zA-Z!][^>]*>/.test(s), {
    message: 'text fields are plain text: remove the HTML tag (write "less than" or use ≤ instead of <)',
  })
  .refine((s) => !/javascript\s*:/i.test(s), { message: 'remove "javascript:" from this text' })
  .refine((s) => !INVISIBLE_CHARACTER.test(s), {
    message: 'remove the invisible control or text-direction characters from this text (retype it)',
  });

/** Non-empty plain text. */
export const requiredTextSchema = textSchema.refine((s) => s.trim().length > 0, { message: 'this text must not be empty' });

/**
 * The date of a report, at the precision the source gives: a year (2024), a month (2024-06) or a
 * day (2024-06-01). Shown as given. Dates compare as text, so a partial date sorts before every
 * day of its period ("2024-06" before "2024-06-01") and counts as the first day of its period
 * against a release's cut-off.
 */
export const partialDateSchema = z.preprocess(
  (value) =>
    value instanceof Date && !Number.isNaN(value.getTime())
      ? value.toISOString().slice(0, 10)
      : typeof value === 'number' && Number.isInteger(value) && value >= 1000 && value <= 9999
        ? String(value)
        : value,
  z
    .string({ message: 'write the date as YYYY, YYYY-MM or YYYY-MM-DD, for example 2024, 2024-06 or 2024-06-01' })
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, { message: 'write the date as YYYY, YYYY-MM or YYYY-MM-DD, for example 2024, 2024-06 or 2024-06-01' })
    .refine(
      (s) => {
        const full = firstDayOf(s);
        const d = new Date(`${full}T00:00:00Z`);
        return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(full);
      },
      { message: 'this is not a real calendar date; check the day and month' },
    ),
);

/**
 * Trial phases: the usual steps and their combinations, "observational" for studies without
 * one, "not_applicable" for designs phases do not describe. Anything else is written as
 * `{other: "…", reason: "…"}`.
 */
export const PHASES = ['0', '1', '1a', '1b', '1/2', '1b/2', '2', '2a', '2b', '2/3', '3', '4', 'observational', 'not_applicable'] as const;

export const phaseSchema = z.union([
  // A whole-number phase may be written without quotes (phase: 2).
  z.preprocess(
    (value) => (typeof value === 'number' && Number.isInteger(value) && (PHASES as readonly string[]).includes(String(value)) ? String(value) : value),
    z.enum(PHASES, {
      message: `use one of ${PHASES.join(', ')}; for anything else write {other: "…", reason: "why none of these fits"}`,
    }),
  ),
  z
    .object({
      other: requiredTextSchema.describe('The phase as the source words it'),
      reason: requiredTextSchema.describe('Why none of the listed phases fits'),
    })
    .strict(),
]);

/** Study designs. */
export const DESIGNS = [
  'single_arm_trial',
  'randomised_trial',
  'non_randomised_controlled_trial',
  'prospective_cohort',
  'retrospective_cohort',
  'case_series',
  'case_control',
  'cross_sectional',
  'registry',
] as const;

export const designSchema = z.union([
  z.enum(DESIGNS, {
    message: `use one of ${DESIGNS.join(', ')}; for anything else write {other: "…", reason: "why none of these fits"}`,
  }),
  z
    .object({
      other: requiredTextSchema.describe('The design as the source words it'),
      reason: requiredTextSchema.describe('Why none of the listed designs fits'),
    })
    .strict(),
]);
