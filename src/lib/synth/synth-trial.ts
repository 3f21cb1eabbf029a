/**
 * One synthetic study: facts, characteristics, cohorts and a chain of one to three reports, each
 * superseding the one before, spread over the releases. Most studies are included; a few are
 * described only or excluded, a few carry an excluded news report, a few have a second arm given
 * by another route (cohorts that override the study's route), and some outcomes are not
 * disclosed. Some report dates give the year or the month only, as sources sometimes do.
 */
import type { CharacteristicValue, Report, Trial } from '../../schemas/index.ts';
import type { Random } from './random.ts';
import { dateOfDay, dayNumber } from './dates.ts';
import { FIRST_REPORT_DATE, ROUTE_GROUP, SYNTH_RELEASES, type Route } from './protocol.ts';
import { synthReportData, type SynthArm } from './synth-outcomes.ts';
import {
  CODE_PREFIXES, CO_INTERVENTIONS, DOSES, EXCLUSION_REASONS, JOURNALS, KEY_CRITERIA, MEETINGS, NAME_ENDINGS, NAME_STEMS, SETTINGS, SPONSORS, SURNAMES,
} from './vocabulary.ts';

export interface SynthTrial {
  slug: string;
  data: Trial;
}

/** A registration number unique to `index` within its `series` (0: first registrations, 1: second ones, 2: registry-only studies). */
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

/**
 * The date of a report at the precision its source gives: mostly the day, sometimes the month or
 * the year only. A shortened date is kept only when it still comes after `previous` (the date of
 * the report before it), so the reports stay in date order.
 */
function reportDate(random: Random, day: number, previous: string | undefined): string {
  const full = dateOfDay(day);
  const draw = random.next();
  const partial = draw < 0.08 ? full.slice(0, 4) : draw < 0.2 ? full.slice(0, 7) : full;
  return previous === undefined || partial > previous ? partial : full;
}

const ROUTE_LABELS: Record<Route, string> = { oral: 'oral', intravenous: 'intravenous', subcutaneous: 'subcutaneous' };

/**
 * A report's citation. `part` (the report's place in its study's chain, from 1) tells apart two
 * abstracts or sponsor updates of one study in one year, which would otherwise read the same and
 * be refused as one publication given twice.
 */
function citation(random: Random, label: string, type: Report['type'], year: string, part = 1): string {
  const authors = `${random.pick(SURNAMES)} ${String.fromCharCode(65 + random.int(0, 25))}, et al.`;
  const nth = part > 1 ? ` (report ${part})` : '';
  if (type === 'full_article') return `${authors} ${label} in adults with condition X: results of an early-phase study. ${random.pick(JOURNALS)} ${year};${random.int(10, 150)}:${random.int(100, 9999)}.`;
  if (type === 'abstract') return `${authors} Preliminary results of ${label} in condition X${nth}. Conference abstract, ${random.pick(MEETINGS)} ${year}.`;
  if (type === 'news') return `News report on ${label} data presented in ${year}.`;
  return `${authors.split(' ')[0]} investigators. ${label}: sponsor update on the study${nth}, ${year}.`;
}

/** The report chain: releases and dates rise along it; the last report is the primary one. Also returns each report's day. */
function reportChain(random: Random, slug: string, label: string, firstRelease: number, count: number): { reports: Report[]; days: number[] } {
  const reports: Report[] = [];
  const days: number[] = [];
  let release = firstRelease;
  let day = 0;
  for (let j = 0; j < count; j++) {
    if (j > 0 && release < SYNTH_RELEASES.length && random.chance(0.75)) release++;
    const [start, end] = window(release);
    // Leave room for a later report in the same release: the first one is in the window's first half.
    const from = Math.max(start, day + 1);
    day = Math.min(end, random.int(from, Math.max(from, j < count - 1 ? Math.floor((from + end) / 2) : end)));
    const last = j === count - 1;
    const type: Report['type'] = last && count > 1 && random.chance(0.7) ? 'full_article' : random.chance(0.8) ? 'abstract' : 'sponsor_report';
    const date = reportDate(random, day, reports.at(-1)?.date);
    const id = `${type === 'full_article' ? 'paper' : type === 'abstract' ? 'abstract' : 'sponsor'}-${date.slice(0, 4)}-${j + 1}`;
    days.push(day);
    reports.push({
      id,
      citation: citation(random, label, type, date.slice(0, 4), j + 1),
      ...(type === 'full_article' ? { doi: `10.5555/synth.${slug}.${j + 1}` } : { url: `https://example.org/synth/${slug}/${id}` }),
      type,
      date,
      release,
      status: 'primary',
      data: {},
    });
  }
  for (let j = 0; j < reports.length - 1; j++) {
    reports[j] = { ...reports[j]!, status: 'superseded', superseded_by: reports[j + 1]!.id, reason: `Replaced by the newer report ${reports[j + 1]!.id}, which gives more participants and a later data cut.` };
  }
  return { reports, days };
}

/** Up to `max` distinct items of a list, in the list's order. */
function some<T>(random: Random, items: readonly T[], min: number, max: number): T[] {
  const chosen = new Set(Array.from({ length: random.int(min, max) }, () => random.pick(items)));
  return items.filter((item) => chosen.has(item));
}

function design(random: Random): Pick<Trial, 'design' | 'phase'> {
  const draw = random.next();
  const phase = random.pick(['1', '1', '1b', '1/2', '1b/2', '2', '2', '2a'] as const);
  if (draw < 0.82) return { design: 'single_arm_trial', phase };
  if (draw < 0.88) return { design: 'non_randomised_controlled_trial', phase };
  if (draw < 0.93) return { design: 'prospective_cohort', phase: 'observational' };
  if (draw < 0.96) return { design: { other: 'Basket study', reason: 'Several conditions in one protocol, each analysed on its own.' }, phase: { other: 'Pilot', reason: 'The report names no phase; it calls the study a pilot.' } };
  if (draw < 0.98) return { design: 'single_arm_trial' };
  return {};
}

/** Study number `index` (0-based) of a synthetic review. */
export function synthTrial(index: number, random: Random): SynthTrial {
  const prefix = random.pick(CODE_PREFIXES);
  const code = `${prefix}-${100 + index}`;
  const slug = code.toLowerCase();
  const draw = random.next();
  const route: Route = draw < 0.5 ? 'oral' : draw < 0.85 ? 'intravenous' : 'subcutaneous';
  const stem = random.pick(NAME_STEMS);
  const generic = random.chance(0.5) ? `${stem[0]!.toUpperCase()}${stem.slice(1)}${random.pick(NAME_ENDINGS)}` : undefined;
  const label = generic ? `${generic} (${code})` : `Drug ${code}`;
  const statusDraw = random.next();
  const status: Trial['status'] = statusDraw < 0.03 ? 'excluded' : statusDraw < 0.05 ? 'described' : 'included';
  const releaseDraw = random.next();
  const firstRelease = releaseDraw < 0.5 ? 1 : releaseDraw < 0.8 ? 2 : 3;
  const sponsor = random.chance(0.95) ? random.pick(SPONSORS) : undefined;
  // A few studies also give the intervention by another route, in an arm of its own whose
  // cohorts record that route: they enter the other subgroup as a row of their own.
  const second: Route | undefined =
    status !== 'excluded' && random.chance(0.05) ? (ROUTE_GROUP[route] === 'oral' ? random.pick(['intravenous', 'subcutaneous'] as const) : 'oral') : undefined;
  const arms: SynthArm[] = [{ route, evaluable: 'evaluable', treated: 'treated' }];
  const cohorts: Trial['cohorts'] = second
    ? [
        { id: 'evaluable', label: `Evaluable participants, ${ROUTE_LABELS[route]} arm`, population: 'evaluable' },
        { id: 'treated', label: `Treated participants, ${ROUTE_LABELS[route]} arm`, population: 'treated' },
        { id: 'evaluable-b', label: `Evaluable participants, ${ROUTE_LABELS[second]} arm`, population: 'evaluable', characteristics: { route: second } },
        { id: 'treated-b', label: `Treated participants, ${ROUTE_LABELS[second]} arm`, population: 'treated', characteristics: { route: second } },
      ]
    : [
        { id: 'evaluable', label: 'Evaluable participants, all dose levels', population: 'evaluable' },
        { id: 'treated', label: 'All treated participants', population: 'treated' },
      ];
  if (second) arms.push({ route: second, evaluable: 'evaluable-b', treated: 'treated-b' });
  let reports: Report[];
  let statusReason: string | undefined;
  if (status === 'excluded') {
    statusReason = random.pick(EXCLUSION_REASONS);
    const [start, end] = window(firstRelease);
    const date = reportDate(random, random.int(start, end), undefined);
    reports = [{ id: `abstract-${date.slice(0, 4)}`, citation: citation(random, label, 'abstract', date.slice(0, 4)), url: `https://example.org/synth/${slug}`, type: 'abstract', date, release: firstRelease, status: 'excluded', reason: statusReason, data: {} }];
  } else {
    if (status === 'described') statusReason = 'Fewer than three evaluable participants; described in the tables but not pooled.';
    const chain = reportChain(random, slug, label, firstRelease, random.int(1, Math.min(3, 1 + SYNTH_RELEASES.length - firstRelease + 1)));
    const data = synthReportData(random, arms, chain.reports.length);
    reports = chain.reports.map((r, j) => ({ ...r, data: data[j]! }));
    if (random.chance(0.04)) {
      const last = reports[reports.length - 1]!;
      const [, end] = window(last.release);
      const day = Math.min(end, chain.days.at(-1)! + random.int(1, 60));
      const date = reportDate(random, day, last.date);
      reports.push({ id: 'news-excluded', citation: citation(random, label, 'news', date.slice(0, 4)), url: `https://example.org/news/${slug}`, type: 'news', date, release: last.release, status: 'excluded', reason: EXCLUSION_REASONS[1], data: {} });
    }
  }
  const characteristics: Record<string, CharacteristicValue> = { route, setting: random.pick(SETTINGS) };
  if (random.chance(0.85)) characteristics['dose'] = random.pick(DOSES);
  characteristics['co_interventions'] = some(random, CO_INTERVENTIONS, 0, 3);
  if (random.chance(0.7)) characteristics['blinded'] = random.chance(0.3);
  if (random.chance(0.6)) characteristics['median_age'] = random.int(35, 72);
  if (random.chance(0.5)) characteristics['key_criteria'] = some(random, KEY_CRITERIA, 1, 3);
  const registrationDraw = random.next();
  const data: Trial = {
    label,
    aliases: generic ? [code] : [],
    registrations: registrationDraw < 0.03 ? [] : registrationDraw < 0.11 ? [synthRegistration(index, 0), synthRegistration(index, 1)] : [synthRegistration(index, 0)],
    ...(sponsor ? { sponsor: sponsor.name, ...(random.chance(0.9) ? { sponsor_country: sponsor.country } : {}) } : {}),
    ...design(random),
    characteristics,
    status,
    ...(statusReason ? { status_reason: statusReason } : {}),
    cohorts,
    reports,
  };
  return { slug, data };
}
