/** Reader-facing labels for the schemas' enumerations. */
import type { Report, Trial } from '../../schemas/index.ts';

export const REPORT_TYPE_LABELS: Record<Report['type'], string> = {
  full_article: 'Full article',
  abstract: 'Conference abstract',
  sponsor_report: 'Sponsor report',
  news: 'News report',
  registry_record: 'Registry record',
};

export const REPORT_STATUS_LABELS: Record<Report['status'], string> = {
  primary: 'Primary report',
  superseded: 'Superseded',
  excluded: 'Excluded',
};

export const TRIAL_STATUS_LABELS: Record<Trial['status'], string> = {
  included: 'Included in the meta-analysis',
  described: 'Described, not pooled',
  excluded: 'Excluded',
};

export const MODALITY_LABELS: Record<Trial['modality'], string> = {
  car_t: 'CAR-T',
  car_nk: 'CAR-NK',
  car_nkt: 'CAR-NKT',
};

export const TRANSFORM_LABELS: Record<string, string> = {
  PAS: 'arcsine square-root',
  PFT: 'Freeman-Tukey double arcsine',
  PLO: 'logit',
  PRAW: 'untransformed (raw proportion)',
};

export const METHOD_LABELS: Record<string, string> = {
  FE: 'common-effect',
  DL: 'DerSimonian-Laird',
  REML: 'restricted maximum likelihood (REML)',
  ML: 'maximum likelihood',
  PM: 'Paule-Mandel',
  HE: 'Hedges',
  SJ: 'Sidik-Jonkman',
};
