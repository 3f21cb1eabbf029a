/**
 * Words the synthetic trials are made of: product codes, sponsors, cell sources, targets,
 * journals. Modelled on the hosted review's trial files so that synthetic pages look like real
 * ones (similar lengths of names, citations and notes).
 */
import type { Trial } from '../../schemas/index.ts';

export const PRODUCT_PREFIXES = ['ALX', 'FTN', 'CTX', 'PBC', 'NKX', 'CBR', 'TAK', 'KUR', 'UCR', 'ADI', 'SCT', 'ETN', 'RJM', 'QLN', 'VRT', 'BMX'] as const;

/** Stems of generic names, as in "-cabtagene autoleucel" (CAR-T) or "-lecel" (NK). */
export const NAME_STEMS = ['zelo', 'mira', 'tafa', 'quino', 'vesta', 'orla', 'peri', 'dava', 'lumi', 'saro', 'teva', 'nori', 'cala', 'besi', 'rovo', 'fena'] as const;

export const SPONSORS: readonly { name: string; country: string }[] = [
  { name: 'Allogene Therapeutics', country: 'United States' },
  { name: 'Fate Therapeutics', country: 'United States' },
  { name: 'CRISPR Therapeutics', country: 'Switzerland' },
  { name: 'Precision BioSciences', country: 'United States' },
  { name: 'Nkarta', country: 'United States' },
  { name: 'Caribou Biosciences', country: 'United States' },
  { name: 'Takeda', country: 'Japan' },
  { name: 'Kuur Therapeutics', country: 'United States' },
  { name: 'Cellectis', country: 'France' },
  { name: 'Adicet Bio', country: 'United States' },
  { name: 'Sana Biotechnology', country: 'United States' },
  { name: 'Shanghai Cell Therapy Group', country: 'China' },
  { name: 'Gracell Biotechnologies', country: 'China' },
  { name: 'University Hospital Heidelberg', country: 'Germany' },
  { name: 'MD Anderson Cancer Center', country: 'United States' },
  { name: 'Peking University', country: 'China' },
];

export const CELL_SOURCES: Record<Trial['modality'], readonly string[]> = {
  car_t: ['Healthy-donor T cells (PBMCs), not HLA-matched', 'Healthy-donor T cells from a leukapheresis bank', 'Umbilical cord blood T cells'],
  car_nk: ['Umbilical cord blood NK cells', 'Clonal master induced pluripotent stem cell (iPSC) line', 'NK-92 cell line', 'Peripheral blood NK cells of healthy donors'],
  car_nkt: ['Healthy-donor invariant NKT cells'],
};

export const TARGETS = ['CD19', 'CD19', 'CD19', 'CD19', 'CD20', 'CD22', 'CD19 and CD20', 'CD19 and CD22'] as const;

export const ENGINEERING = [
  'CD19 (scFv) CAR with 4-1BB costimulation and CD3ζ',
  'CD28 costimulatory domain and CD3ζ',
  'TCR knockout (CRISPR-Cas9) to prevent GvHD',
  'B2M knockout to reduce host rejection',
  'CD52 knockout so that an anti-CD52 antibody can be used for lymphodepletion',
  'Membrane-bound IL-15 for persistence',
  'High-affinity, non-cleavable CD16 Fc receptor',
  'Safety switch (inducible caspase 9)',
  'CD38 knockout to prevent fratricide',
] as const;

export const DOSING = [
  'Fludarabine 30 mg/m2/day and cyclophosphamide 300 mg/m2/day on days -5 to -3',
  'Fludarabine 30 mg/m2/day and cyclophosphamide 500 mg/m2/day on days -5 to -3',
  'Single infusion on day 0; three dose levels in a 3+3 escalation',
  'Three weekly infusions on days 0, 7 and 14',
  'Optional second cycle for patients with stable disease or better',
] as const;

export const HISTOLOGIES = ['DLBCL', 'HGBCL', 'PMBCL', 'tFL', 'FL', 'MCL', 'R/R B-NHL'] as const;

export const JOURNALS = ['Blood', 'J Clin Oncol', 'Lancet Haematol', 'Nat Med', 'Blood Adv', 'J Hematol Oncol', 'Clin Cancer Res', 'Leukemia'] as const;

export const MEETINGS = ['ASH Annual Meeting', 'ASCO Annual Meeting', 'EHA Congress', 'Tandem Meetings (ASTCT/CIBMTR)', 'ICML'] as const;

export const SURNAMES = ['Locke', 'Neelapu', 'Bachanova', 'Liu', 'Ghobadi', 'Mehta', 'Shah', 'Nastoupil', 'Jacobson', 'Dickinson', 'Zhang', 'Wang', 'Hecker', 'Müller', 'Sánchez', 'Rossi'] as const;

/** Why a synthetic report or trial is excluded; each is also a reason line of the search logs. */
export const EXCLUSION_REASONS = [
  'No CAR construct (unmodified NK cells)',
  'No usable LBCL denominator',
  'Donor-derived product from a previous transplant',
] as const;

/** The reason line under which superseded reports are counted in the search logs. */
export const UPDATED_REASON = 'Redundant report or updated report available';
