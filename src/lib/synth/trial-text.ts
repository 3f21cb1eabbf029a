/**
 * A synthetic trial as a trial file: YAML front matter laid out like the hosted review's files
 * (one flow mapping per outcome value) and a few paragraphs of curator's notes.
 */
import type { OutcomeValue, Report, Trial } from '../../schemas/index.ts';
import { MODALITY_LABELS } from '../format/labels.ts';
import type { SynthTrial } from './synth-trial.ts';

/** A YAML double-quoted scalar (JSON strings are valid ones). */
const q = (text: string) => JSON.stringify(text);
const list = (items: readonly string[]) => `[${items.map(q).join(', ')}]`;
const block = (key: string, items: readonly string[], indent = '') =>
  items.length === 0 ? `${indent}${key}: []\n` : `${indent}${key}:\n${items.map((i) => `${indent}  - ${q(i)}\n`).join('')}`;

function valueText(value: OutcomeValue): string {
  if (value === 'nd') return 'nd';
  if ('nd' in value) return `{nd: true${value.source ? `, source: ${q(value.source)}` : ''}${value.note ? `, note: ${q(value.note)}` : ''}}`;
  return `{events: ${value.events}, n: ${value.n}, source: ${q(value.source)}${value.inferred ? `, inferred: ${q(value.inferred)}` : ''}}`;
}

function reportText(r: Report): string {
  let out = `  - id: ${r.id}\n    citation: ${q(r.citation)}\n`;
  if (r.doi) out += `    doi: ${q(r.doi)}\n`;
  if (r.url) out += `    url: ${q(r.url)}\n`;
  out += `    type: ${r.type}\n    date: ${r.date}\n    release: ${r.release}\n    status: ${r.status}\n`;
  if (r.superseded_by) out += `    superseded_by: ${r.superseded_by}\n`;
  if (r.reason) out += `    reason: ${q(r.reason)}\n`;
  const cohorts = Object.entries(r.data);
  if (cohorts.length === 0) return out;
  out += '    data:\n';
  for (const [cohort, values] of cohorts) {
    out += `      ${cohort}:\n`;
    for (const [outcome, value] of Object.entries(values)) out += `        ${outcome}: ${valueText(value)}\n`;
  }
  return out;
}

function notes({ data: t }: SynthTrial): string {
  const primary = t.reports.filter((r) => r.status !== 'excluded').at(-1);
  const first = t.reports[0]!;
  return `${t.product} is a ${MODALITY_LABELS[t.modality]} product of ${t.sponsor} targeting ${t.target} (cell source: ${t.cell_source}).
It is given after lymphodepletion; the dose levels are listed above. These data are synthetic: they
were generated to test how the site performs at scale and describe no real trial.

**Reports.** The trial entered the review in release ${first.release} with a report dated ${first.date}.${
    t.reports.length > 1 ? ` Later reports replaced it as they gave more patients and longer follow-up; the newest (${primary?.id ?? first.id}) is the primary report.` : ''
  }

**Numbers.** Response is counted in the evaluable LBCL patients and safety in all infused patients,
as the protocol defines them. Values marked as inferred were rebuilt from printed percentages.
`;
}

/** The text of `content/trials/<slug>.md` for a synthetic trial. */
export function trialText(trial: SynthTrial): string {
  const t: Trial = trial.data;
  let out = '---\n';
  out += `product: ${q(t.product)}\naliases: ${list(t.aliases)}\nregistrations: [${t.registrations.join(', ')}]\n`;
  out += `sponsor: ${q(t.sponsor)}\n${t.sponsor_country ? `sponsor_country: ${q(t.sponsor_country)}\n` : ''}`;
  out += `modality: ${t.modality}\ncell_source: ${q(t.cell_source)}\ntarget: ${q(t.target)}\nphase: ${q(t.phase)}\n`;
  out += block('engineering', t.engineering) + block('dosing', t.dosing);
  const e = t.eligibility;
  out += `eligibility:\n  histologies: ${list(e.histologies)}\n`;
  if (e.min_prior_lines !== undefined) out += `  min_prior_lines: ${e.min_prior_lines}\n`;
  if (e.prior_car_t_allowed !== undefined) out += `  prior_car_t_allowed: ${e.prior_car_t_allowed}\n`;
  if (e.median_age !== undefined) out += `  median_age: ${e.median_age}\n`;
  out += block('notes', e.notes, '  ');
  out += `status: ${t.status}\n${t.status_reason ? `status_reason: ${q(t.status_reason)}\n` : ''}`;
  out += `subgroups: {${Object.entries(t.subgroups).map(([k, v]) => `${k}: ${v}`).join(', ')}}\n`;
  out += `cohorts:\n${t.cohorts.map((c) => `  - id: ${c.id}\n    label: ${q(c.label)}\n${c.population ? `    population: ${c.population}\n` : ''}`).join('')}`;
  out += `reports:\n${t.reports.map(reportText).join('')}---\n\n${notes(trial)}`;
  return out;
}
