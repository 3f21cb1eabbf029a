/**
 * `content/registry/*.yaml`: the registered-trial landscape, one file per registered trial.
 * These trials need not have reported results; the landscape table and its filters read them.
 */
import { z } from 'zod';
import { characteristicValuesSchema } from './characteristics.ts';
import { dateSchema, registrationSchema, requiredTextSchema, textSchema } from './common.ts';

export const REGISTRY_STATUSES = [
  'recruiting',
  'active_not_recruiting',
  'not_yet_recruiting',
  'enrolling_by_invitation',
  'completed',
  'terminated',
  'withdrawn',
  'suspended',
  'unknown',
] as const;

export const registryEntrySchema = z
  .object({
    registration: registrationSchema.describe('Registry number, e.g. NCT05950334'),
    label: requiredTextSchema.describe('Name of the trial or of what it tests, as registered'),
    sponsor: requiredTextSchema.describe('Sponsor'),
    sponsor_country: requiredTextSchema.describe('Country of the sponsor'),
    phase: textSchema.optional().describe('Phase as registered, e.g. "1", "1/2"'),
    status: z.enum(REGISTRY_STATUSES).describe('Recruitment status as registered'),
    conditions: z.array(requiredTextSchema).default([]).describe('Conditions studied'),
    trial: textSchema.optional().describe('The trial file (slug in content/trials) when the trial has reported results'),
    characteristics: characteristicValuesSchema.describe('Values of the characteristics review.yaml declares for registry entries (applies_to: [registry]), by id'),
    source: requiredTextSchema.describe('Where this entry comes from, e.g. "Smith 2025, Table 4"'),
    as_of: dateSchema.optional().describe('Date the registry status was read'),
  })
  .strict();

export type RegistryEntry = z.output<typeof registryEntrySchema>;
