/**
 * Registry entries of a synthetic review: a few registered studies, about half of them linked
 * to a study file (the same registration number), the rest registered studies without results.
 * Each fills the characteristics the protocol declares for registry entries.
 */
import { REGISTRY_STATUSES } from '../../schemas/index.ts';
import type { Random } from './random.ts';
import { synthRegistration, type SynthTrial } from './synth-trial.ts';
import { DRUG_CLASSES, REGIONS, SETTINGS, SPONSORS } from './vocabulary.ts';

/** `count` registry files as [file name, text]. */
export function registryFiles(random: Random, trials: readonly SynthTrial[], count: number): [string, string][] {
  const files: [string, string][] = [];
  const registered = trials.filter((t) => t.data.registrations.length > 0);
  for (let i = 0; i < count; i++) {
    const linked = i % 2 === 0 ? registered[Math.floor((i / count) * registered.length)] : undefined;
    const registration = linked ? linked.data.registrations[0]! : synthRegistration(i, 2);
    const label = linked ? linked.data.label : `Registered study ${i + 1}`;
    // A linked study's sponsor (from the same list, so its country is known even where the study file leaves it out).
    const drawn = random.pick(SPONSORS);
    const sponsor = SPONSORS.find((x) => x.name === linked?.data.sponsor) ?? drawn;
    const regions = [...new Set([random.pick(REGIONS), random.pick(REGIONS)])];
    const lines = [
      `registration: ${registration}`,
      `label: ${JSON.stringify(label)}`,
      'characteristics:',
      `  drug_class: ${random.pick(DRUG_CLASSES)}`,
      `  regions: [${regions.map((r) => JSON.stringify(r)).join(', ')}]`,
      `  setting: ${JSON.stringify(String(linked?.data.characteristics['setting'] ?? random.pick(SETTINGS)))}`,
      `sponsor: ${JSON.stringify(sponsor.name)}`,
      `sponsor_country: ${JSON.stringify(sponsor.country)}`,
      `phase: ${JSON.stringify(random.pick(['1', '1/2', '2']))}`,
      `status: ${random.pick(REGISTRY_STATUSES)}`,
      `conditions: ["Condition X"]`,
      ...(linked ? [`trial: ${linked.slug}`] : []),
      `source: "Synthetic registry search"`,
      `as_of: 2027-06-30`,
    ];
    files.push([`${registration}.yaml`, `${lines.join('\n')}\n`]);
  }
  return files;
}
