/**
 * A synthetic study as a trial file: YAML front matter laid out as curators write it (one
 * flow mapping per outcome value, characteristics under one key) and a few paragraphs of
 * curator's notes.
 */
import type { CharacteristicValue, OutcomeValue, Report, Trial } from '../../schemas/index.ts';
import type { SynthTrial } from './synth-trial.ts';

/** A YAML double-quoted scalar (JSON strings are valid ones). */
const q = (text: string) => JSON.stringify(text);
const list = (items: readonly string[]) => `[${items.map(q).join(', ')}]`;
/** An id as curators write it: bare, unless YAML would read it as something other than text. */
const id = (text: string) => (/^[a-z][a-z0-9_-]*$/.test(text) && !/^(true|false|yes|no|on|off|y|n|null)$/.test(text) ? text : q(text));
/** `{other: "…", reason: "…"}` or the value (an id for a design, a quoted phase so "1" stays text). */
const open = (value: string | { other: string; reason: string }, write: (text: string) => string) =>
  typeof value === 'string' ? write(value) : `{other: ${q(value.other)}, reason: ${q(value.reason)}}`;

function valueText(value: OutcomeValue): string {
  if (value === 'nd') return 'nd';
  if ('nd' in value) return `{nd: true${value.source ? `, source: ${q(value.source)}` : ''}${value.note ? `, note: ${q(value.note)}` : ''}}`;
  return `{events: ${value.events}, n: ${value.n}, source: ${q(value.source)}${value.inferred ? `, inferred: ${q(value.inferred)}` : ''}}`;
}

/** The lines of a characteristics mapping at `indent`. */
function characteristicsText(values: Record<string, CharacteristicValue>, indent: string): string {
  let out = '';
  for (const [key, value] of Object.entries(values)) {
    if (Array.isArray(value)) out += value.length === 0 ? `${indent}${key}: []\n` : `${indent}${key}:\n${value.map((v) => `${indent}  - ${q(v)}\n`).join('')}`;
    else out += `${indent}${key}: ${typeof value === 'string' ? id(value) : String(value)}\n`;
  }
  return out;
}

function reportText(r: Report): string {
  let out = `  - id: ${r.id}\n    citation: ${q(r.citation)}\n`;
  if (r.doi) out += `    doi: ${q(r.doi)}\n`;
  if (r.url) out += `    url: ${q(r.url)}\n`;
  // Unquoted, as curators write dates (a year-only date reads as a number, which the schema takes).
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

const ROUTE_WORDS: Record<string, string> = { oral: 'by mouth', intravenous: 'into a vein', subcutaneous: 'under the skin' };

function notes({ data: t }: SynthTrial): string {
  const primary = t.reports.filter((r) => r.status !== 'excluded').at(-1);
  const first = t.reports[0]!;
  const route = ROUTE_WORDS[String(t.characteristics['route'])] ?? 'as the protocol describes';
  const arms = t.cohorts.some((c) => c.characteristics?.['route'] !== undefined);
  return `${t.label} is given ${route}${t.sponsor ? ` in a study sponsored by ${t.sponsor}` : ''} (setting: ${String(t.characteristics['setting'])}).${
    arms ? ' A second arm received it by another route; its cohorts record their own route, so it enters the other subgroup.' : ''
  }
These data are synthetic: they were generated to test how the site performs at scale and
describe no real study.

**Reports.** The study entered the review in release ${first.release} with a report dated ${first.date}.${
    t.reports.length > 1 ? ` Later reports replaced it as they gave more participants and longer follow-up; the newest (${primary?.id ?? first.id}) is the primary report.` : ''
  }

**Numbers.** Response is counted in the evaluable participants and safety in all treated
participants, as the protocol defines them. Values marked as inferred were rebuilt from printed
percentages.
`;
}

/** The text of `<content>/trials/<slug>.md` for a synthetic study. */
export function trialText(trial: SynthTrial): string {
  const t: Trial = trial.data;
  let out = '---\n';
  out += `label: ${q(t.label)}\naliases: ${list(t.aliases)}\nregistrations: [${t.registrations.join(', ')}]\n`;
  if (t.sponsor) out += `sponsor: ${q(t.sponsor)}\n`;
  if (t.sponsor_country) out += `sponsor_country: ${q(t.sponsor_country)}\n`;
  if (t.design) out += `design: ${open(t.design, id)}\n`;
  if (t.phase) out += `phase: ${open(t.phase, q)}\n`;
  out += `characteristics:\n${characteristicsText(t.characteristics, '  ')}`;
  out += `status: ${t.status}\n${t.status_reason ? `status_reason: ${q(t.status_reason)}\n` : ''}`;
  out += `cohorts:\n${t.cohorts
    .map(
      (c) =>
        `  - id: ${c.id}\n    label: ${q(c.label)}\n${c.population ? `    population: ${c.population}\n` : ''}${
          c.characteristics ? `    characteristics:\n${characteristicsText(c.characteristics, '      ')}` : ''
        }`,
    )
    .join('')}`;
  out += `reports:\n${t.reports.map(reportText).join('')}`;
  if (t.risk_of_bias) {
    out += 'risk_of_bias:\n  domains:\n';
    for (const [domain, j] of Object.entries(t.risk_of_bias.domains)) out += `    ${domain}: { judgement: ${j.judgement}, support: ${q(j.support)}, source: ${q(j.source)} }\n`;
  }
  out += `---\n\n${notes(trial)}`;
  return out;
}
