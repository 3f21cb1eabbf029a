/**
 * One synthetic trial: facts, cohorts and a chain of one to three reports, each superseding
 * the one before, spread over the releases. Most trials are included; a few are described only
 * or excluded, a few carry an excluded news report, and some outcomes are not disclosed.
 */
import type { Report, Trial } from '../../schemas/index.ts';
import type { Random } from './random.ts';
import { dateOfDay, dayNumber } from './dates.ts';
import { FIRST_REPORT_DATE, SYNTH_RELEASES } from './protocol.ts';
import { synthReportData } from './synth-outcomes.ts';
import {
  CELL_SOURCES, DOSING, ENGINEERING, EXCLUSION_REASONS, HISTOLOGIES, JOURNALS, MEETINGS, NAME_STEMS, PRODUCT_PREFIXES, SPONSORS, SURNAMES, TARGETS,
} from './vocabulary.ts';

export interface SynthTrial {
  slug: string;
  data: Trial;
}

/** A registration number unique to `index` within its `series` (0: first registrations, 1: second ones, 2: registry-only trials). */
export function synthRegistration(index: number, series: 0 | 1 | 2): string {
  // 7919 is prime and coprime with 10^7, so index -> digits is one-to-one below 10^7.
  return `NCT${series}${String((index * 7919 + 1_234_567) % 10_000_000).padStart(7, '0')}`;
}

/** [first day, last day] of the reports of a release. */
function window(release: number): [number, number] {
  const previous = SYNTH_RELEASES[release - 2];
  const start = previous ? dayNumber(previous.cutoff) + 1 : dayNumber(FIRST_REPORT_DATE);
  return [start, dayNumber(SYNTH_RELEASES[release - 1]!.cutoff)];
}

function citation(random: Random, product: string, type: Report['type'], year: string): string {
  const authors = `${random.pick(SURNAMES)} ${String.fromCharCode(65 + random.int(0, 25))}, et al.`;
  if (type === 'full_article') return `${authors} ${product} in relapsed or refractory large B-cell lymphoma: results of a phase 1 trial. ${random.pick(JOURNALS)} ${year};${random.int(10, 150)}:${random.int(100, 9999)}.`;
  if (type === 'abstract') return `${authors} Preliminary results of ${product} in relapsed/refractory B-cell lymphoma. Conference abstract, ${random.pick(MEETINGS)} ${year}.`;
  if (type === 'news') return `News report on ${product} data presented in ${year}.`;
  return `${authors.split(' ')[0]} investigators. ${product}: sponsor update on the phase 1 trial, ${year}.`;
}

/** The report chain: releases and dates rise along it; the last report is the primary one. */
function reportChain(random: Random, slug: string, product: string, firstRelease: number, count: number): Report[] {
  const reports: Report[] = [];
  let release = firstRelease;
  let day = 0;
  for (let j = 0; j < count; j++) {
    if (j > 0 && release < SYNTH_RELEASES.length && random.chance(0.75)) release++;
    const [start, end] = window(release);
    // Leave room for a later report in the same release: the first one is in the window's first half.
    const from = Math.max(start, day + 1);
    day = random.int(from, Math.max(from, j < count - 1 ? Math.floor((from + end) / 2) : end));
    const last = j === count - 1;
    const type: Report['type'] = last && count > 1 && random.chance(0.7) ? 'full_article' : random.chance(0.8) ? 'abstract' : 'sponsor_report';
    const date = dateOfDay(Math.min(day, end));
    const id = `${type === 'full_article' ? 'paper' : type === 'abstract' ? 'abstract' : 'sponsor'}-${date.slice(0, 4)}-${j + 1}`;
    reports.push({
      id,
      citation: citation(random, product, type, date.slice(0, 4)),
      ...(type === 'full_article' ? { doi: `10.5555/synth.${slug}.${j + 1}` } : { url: `https://example.org/synth/${slug}/${id}` }),
      type,
      date,
      release,
      status: 'primary',
      data: {},
    });
  }
  for (let j = 0; j < reports.length - 1; j++) {
    reports[j] = { ...reports[j]!, status: 'superseded', superseded_by: reports[j + 1]!.id, reason: `Replaced by the newer report ${reports[j + 1]!.id}, which gives more patients and a later data cut.` };
  }
  return reports;
}

/** Trial number `index` (0-based) of a synthetic review. */
export function synthTrial(index: number, random: Random): SynthTrial {
  const prefix = random.pick(PRODUCT_PREFIXES);
  const code = `${prefix}-${100 + index}`;
  const slug = code.toLowerCase();
  const draw = random.next();
  const modality: Trial['modality'] = draw < 0.58 ? 'car_t' : draw < 0.95 ? 'car_nk' : 'car_nkt';
  const stem = random.pick(NAME_STEMS);
  const generic = random.chance(0.5) ? `${stem[0]!.toUpperCase()}${stem.slice(1)}${modality === 'car_t' ? 'cabtagene autoleucel' : modality === 'car_nk' ? 'natcel' : 'kimcel'}` : undefined;
  const product = generic ? `${generic} (${code})` : code;
  const statusDraw = random.next();
  const status: Trial['status'] = statusDraw < 0.03 ? 'excluded' : statusDraw < 0.05 ? 'described' : 'included';
  const releaseDraw = random.next();
  const firstRelease = releaseDraw < 0.5 ? 1 : releaseDraw < 0.8 ? 2 : 3;
  const sponsor = random.pick(SPONSORS);
  const cohorts: Trial['cohorts'] = [
    { id: 'evaluable', label: 'Evaluable LBCL patients, all dose levels', population: 'efficacy' },
    { id: 'infused', label: 'All infused patients', population: 'safety' },
  ];
  let reports: Report[];
  let statusReason: string | undefined;
  if (status === 'excluded') {
    statusReason = random.pick(EXCLUSION_REASONS);
    const [start, end] = window(firstRelease);
    const date = dateOfDay(random.int(start, end));
    reports = [{ id: `abstract-${date.slice(0, 4)}`, citation: citation(random, product, 'abstract', date.slice(0, 4)), url: `https://example.org/synth/${slug}`, type: 'abstract', date, release: firstRelease, status: 'excluded', reason: statusReason, data: {} }];
  } else {
    if (status === 'described') statusReason = 'Fewer than three evaluable LBCL patients; described in the tables but not pooled.';
    reports = reportChain(random, slug, product, firstRelease, random.int(1, Math.min(3, 1 + SYNTH_RELEASES.length - firstRelease + 1)));
    reports = synthReportData(random, modality, reports);
    if (random.chance(0.04)) {
      const last = reports[reports.length - 1]!;
      const [, end] = window(last.release);
      const date = dateOfDay(Math.min(end, dayNumber(last.date) + random.int(1, 60)));
      reports.push({ id: 'news-excluded', citation: citation(random, product, 'news', date.slice(0, 4)), url: `https://example.org/news/${slug}`, type: 'news', date, release: last.release, status: 'excluded', reason: EXCLUSION_REASONS[1], data: {} });
    }
  }
  const engineering = [ENGINEERING[0], ...Array.from({ length: random.int(0, 2) }, () => random.pick(ENGINEERING.slice(1)))];
  const data: Trial = {
    product,
    aliases: generic ? [code] : [],
    registrations: random.chance(0.08) ? [synthRegistration(index, 0), synthRegistration(index, 1)] : [synthRegistration(index, 0)],
    sponsor: sponsor.name,
    sponsor_country: sponsor.country,
    modality,
    cell_source: random.pick(CELL_SOURCES[modality]),
    target: random.pick(TARGETS),
    phase: random.pick(['1', '1', '1', '1b', '1/2', '2'] as const),
    engineering: [...new Set(engineering)],
    dosing: [random.pick(DOSING.slice(0, 2)), random.pick(DOSING.slice(2))],
    eligibility: {
      histologies: [...new Set([random.pick(HISTOLOGIES.slice(0, 2)), random.pick(HISTOLOGIES)])],
      min_prior_lines: random.int(1, 3),
      prior_car_t_allowed: random.chance(0.4),
      median_age: random.int(52, 68),
      notes: random.chance(0.5) ? [`Median ${random.int(2, 5)} prior lines of therapy`] : [],
    },
    status,
    ...(statusReason ? { status_reason: statusReason } : {}),
    subgroups: { modality: modality === 'car_nk' ? 'car_nk' : 'car_t' },
    cohorts,
    reports,
  };
  return { slug, data };
}
