/**
 * Registry entries of a synthetic review: a few registered trials, about half of them linked to
 * a trial file (the same registration number), the rest registered trials without results.
 */
import { REGISTRY_STATUSES } from '../../schemas/index.ts';
import type { Random } from './random.ts';
import { synthRegistration, type SynthTrial } from './synth-trial.ts';
import { TARGETS } from './vocabulary.ts';

const CELL_TYPE = { car_t: 'T', car_nk: 'NK', car_nkt: 'NKT' } as const;

/** `count` registry files as [file name, text]. */
export function registryFiles(random: Random, trials: readonly SynthTrial[], count: number): [string, string][] {
  const files: [string, string][] = [];
  for (let i = 0; i < count; i++) {
    const linked = i % 2 === 0 ? trials[Math.floor((i / count) * trials.length)] : undefined;
    const registration = linked ? linked.data.registrations[0]! : synthRegistration(i, 2);
    const product = linked ? linked.data.product : `Registered product ${i + 1}`;
    const lines = [
      `registration: ${registration}`,
      `product: ${JSON.stringify(product)}`,
      `targets: [${JSON.stringify(linked?.data.target ?? random.pick(TARGETS))}]`,
      `cell_type: ${linked ? CELL_TYPE[linked.data.modality] : random.pick(['T', 'NK'])}`,
      `cell_source: ${JSON.stringify(linked?.data.cell_source ?? 'Healthy-donor T cells (PBMCs)')}`,
      `sponsor: ${JSON.stringify(linked?.data.sponsor ?? 'Synthetic Sponsor')}`,
      `sponsor_country: ${JSON.stringify(linked?.data.sponsor_country ?? 'United States')}`,
      `phase: "1"`,
      `status: ${random.pick(REGISTRY_STATUSES)}`,
      `conditions: ["R/R LBCL"]`,
      ...(linked ? [`trial: ${linked.slug}`] : []),
      `source: "Synthetic registry search"`,
      `as_of: 2027-06-30`,
    ];
    files.push([`${registration}.yaml`, `${lines.join('\n')}\n`]);
  }
  return files;
}
