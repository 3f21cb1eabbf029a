/**
 * Words the synthetic studies are made of: intervention codes and names, invented sponsors,
 * settings, co-interventions, journals and meetings. Neutral on purpose: a synthetic review
 * belongs to the generator, not to any review it hosts, so it names no real product, sponsor,
 * condition or author. Lengths of names, citations and notes are like those of real files, so
 * synthetic pages weigh what real ones do.
 */

/** Letters of intervention codes, as in "Drug ALX-123". */
export const CODE_PREFIXES = ['ALX', 'FTN', 'QTX', 'PBC', 'NVX', 'DBR', 'TAK', 'KUR', 'URX', 'ADI', 'SGT', 'ETN', 'RJM', 'QLN', 'VRT', 'BMX'] as const;

/** Stems and endings of invented generic names, as in "Zelotinib". */
export const NAME_STEMS = ['zelo', 'mira', 'tafa', 'quino', 'vesta', 'orla', 'peri', 'dava', 'lumi', 'saro', 'teva', 'nori', 'vala', 'besi', 'rovo', 'fena'] as const;
export const NAME_ENDINGS = ['tinib', 'mab', 'stat', 'parin', 'zole', 'dronate'] as const;

/** Invented sponsors; a few studies have none. */
export const SPONSORS: readonly { name: string; country: string }[] = [
  { name: 'Northwind Pharma', country: 'United States' },
  { name: 'Bluestone Therapeutics', country: 'United States' },
  { name: 'Meridian Biologics', country: 'Switzerland' },
  { name: 'Harbour Clinical Research', country: 'United Kingdom' },
  { name: 'Lindqvist Medical', country: 'Sweden' },
  { name: 'Orchard Lane Laboratories', country: 'Canada' },
  { name: 'Sakura Research Institute', country: 'Japan' },
  { name: 'Aurelia Health', country: 'Italy' },
  { name: 'Rhône Valley Therapeutics', country: 'France' },
  { name: 'Kestrel Biosciences', country: 'Australia' },
  { name: 'Granite Peak Pharmaceuticals', country: 'United States' },
  { name: 'Jade River Medicines', country: 'China' },
  { name: 'Eastern Plains Research Group', country: 'China' },
  { name: 'University Hospital of Northbridge', country: 'Germany' },
  { name: 'Westfield Academic Medical Centre', country: 'Netherlands' },
  { name: 'Coastal University', country: 'Brazil' },
];

/** Values of the `setting` characteristic. */
export const SETTINGS = [
  'Outpatient clinics of academic hospitals',
  'Hospital wards',
  'Community practices in two regions',
  'Day units of three university hospitals',
  'Research units with overnight stays',
  'Primary care practices',
] as const;

/** Items of the `co_interventions` characteristic. */
export const CO_INTERVENTIONS = [
  'Standard supportive treatment',
  'Background therapy as usual',
  'Hydration protocol on the day of dosing',
  'Rescue medication as needed',
  'Dietary advice at every visit',
  'Premedication with an antihistamine',
  'Physiotherapy twice a week',
] as const;

/** Items of the `key_criteria` characteristic. */
export const KEY_CRITERIA = [
  'Adults aged 18 or over',
  'At least one earlier line of treatment',
  'Adequate kidney and liver function',
  'No other investigational product within 30 days',
  'Measurable disease at baseline',
  'Performance status 0 to 2',
] as const;

/** Dose levels (mg), for the `dose` characteristic. */
export const DOSES = [2.5, 5, 10, 20, 25, 40, 50, 75, 100, 150, 200, 300, 400] as const;

/** Levels of the registry-only `drug_class` characteristic. */
export const DRUG_CLASSES = ['small_molecule', 'antibody', 'peptide', 'other'] as const;

/** Items of the registry-only `regions` characteristic. */
export const REGIONS = ['North America', 'Europe', 'East Asia', 'South America', 'Oceania', 'Africa'] as const;

export const JOURNALS = ['J Clin Stud', 'Clin Trials Rep', 'Ann Synth Med', 'Evid Lett', 'Open Trials J', 'Int J Ther Res', 'Med Res Commun', 'Stud Ther'] as const;

export const MEETINGS = ['Annual Clinical Research Congress', 'European Trials Forum', 'International Therapeutics Meeting', 'Spring Symposium on Clinical Studies', 'World Evidence Conference'] as const;

export const SURNAMES = ['Smith', 'Garcia', 'Okafor', 'Kowalski', 'Nguyen', 'Haddad', 'Lindqvist', 'Tanaka', 'Moreau', 'Rossi', 'Schmidt', 'Kumar', 'Silva', 'Novak', 'Ibrahim', 'Müller'] as const;

/** Why a synthetic report or study is excluded; each is also a reason line of the search logs. */
export const EXCLUSION_REASONS = [
  'Intervention outside the review question',
  'No usable denominator',
  'Participants overlap with another included study',
] as const;

/** The reason line under which superseded reports are counted in the search logs. */
export const UPDATED_REASON = 'Redundant report or updated report available';
