/**
 * `content/registry/*.yaml`: the registered-trial landscape, one file per registered trial.
 * These trials need not have reported results; the landscape table and its filters read them.
 */
import { z } from 'zod';
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
export const CELL_TYPES = ['T', 'NK', 'NKT', 'gamma_delta_T', 'double_negative_T', 'EBV_specific_T'] as const;

export const registryEntrySchema = z
  .object({
    registration: registrationSchema.describe('Registry number, e.g. NCT05950334'),
    product: requiredTextSchema.describe('Product name or code'),
    targets: z.array(requiredTextSchema).min(1).describe('Antigens targeted, e.g. [CD19] or [CD19, CD20]'),
    cell_type: z.enum(CELL_TYPES).describe('Effector cell: T, NK, NKT, gamma_delta_T, double_negative_T or EBV_specific_T'),
    cell_source: requiredTextSchema.describe('Where the cells come from, e.g. PBMC, cord blood, iPSC, NK-92'),
    engineering: z.array(requiredTextSchema).default([]).describe('Gene edits and payloads, one per line'),
    sponsor: requiredTextSchema.describe('Sponsor'),
    sponsor_country: requiredTextSchema.describe('Country of the sponsor'),
    phase: textSchema.optional().describe('Phase as registered, e.g. "1", "1/2"'),
    status: z.enum(REGISTRY_STATUSES).describe('Recruitment status as registered'),
    conditions: z.array(requiredTextSchema).default([]).describe('Conditions studied'),
    trial: textSchema.optional().describe('The trial file (slug in content/trials) when the trial has reported results'),
    source: requiredTextSchema.describe('Where this entry comes from, e.g. "Biederstädt 2025, Table 4"'),
    as_of: dateSchema.optional().describe('Date the registry status was read'),
  })
  .strict();

export type RegistryEntry = z.output<typeof registryEntrySchema>;
