/**
 * Every text a curator can see from the content checks, in one place (as vega-lite keeps its
 * log messages in one catalogue). Each function returns what is wrong (`message`, naming the
 * values involved) and how to fix it (`fix`). Tests compare against these texts.
 */
import type { Text } from './problems.ts';

const MAX_QUOTED = 60;

/** Names of the invisible characters curators most often paste without knowing. */
const CHARACTER_NAMES: Record<string, string> = {
  '\u00A0': 'no-break space',
  '\u00AD': 'soft hyphen',
  '\u200B': 'zero-width space',
  '\u200C': 'zero-width non-joiner',
  '\u200D': 'zero-width joiner',
  '\u200E': 'left-to-right mark',
  '\u200F': 'right-to-left mark',
  '\u2028': 'line separator',
  '\u2029': 'paragraph separator',
  '\u202A': 'left-to-right embedding',
  '\u202B': 'right-to-left embedding',
  '\u202C': 'pop directional formatting',
  '\u202D': 'left-to-right override',
  '\u202E': 'right-to-left override',
  '\u2060': 'word joiner',
  '\u2066': 'left-to-right isolate',
  '\u2067': 'right-to-left isolate',
  '\u2068': 'first strong isolate',
  '\u2069': 'pop directional isolate',
  '\uFEFF': 'byte-order mark',
};

/** Controls, format characters, separators and spaces other than the plain space: they look like nothing, or like a space. */
const UNSEEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Zs}]/gu;

/** "U+200B zero-width space": a character named so that a curator can find it. */
export function describeCharacter(char: string): string {
  const code = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = CHARACTER_NAMES[char];
  return name ? `${code} ${name}` : code;
}

/** Text with every character that cannot be seen written as [U+…], so the message shows where it is. */
export function revealUnseen(text: string): string {
  return text.replace(UNSEEN, (c) => (c === ' ' || c === '\n' || c === '\t' ? c : `[${describeCharacter(c)}]`));
}

/** Shows a value the way the curator typed it: text in quotes, a list or block by its kind. */
export function show(value: unknown): string {
  if (typeof value === 'string') {
    const short = value.length > MAX_QUOTED ? `${value.slice(0, MAX_QUOTED - 1)}…` : value;
    return JSON.stringify(revealUnseen(short));
  }
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a block of fields';
  return String(value);
}

/** "a, b and c" */
export function list(items: readonly (string | number)[]): string {
  const s = items.map(String);
  if (s.length <= 1) return s.join('');
  return `${s.slice(0, -1).join(', ')} and ${s[s.length - 1]}`;
}

function oneOf(allowed: readonly string[]): string {
  return allowed.length === 0 ? '(none are defined)' : allowed.join(', ');
}

function didYouMean(suggestion: string | undefined): string {
  return suggestion ? `did you mean "${suggestion}"? ` : '';
}

function kindOf(value: unknown): string {
  if (typeof value === 'string') return `text (${show(value)})`;
  if (typeof value === 'number' && Number.isNaN(value)) return '.nan ("not a number" in YAML)';
  if (typeof value === 'number' && !Number.isFinite(value)) return `${value > 0 ? '' : '-'}.inf (infinity in YAML)`;
  if (typeof value === 'number') return `a number (${value})`;
  if (typeof value === 'boolean') return `${value} (a yes/no value)`;
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  return 'a block of fields';
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a block of fields',
  record: 'a block of fields',
};

const HOW_TO_WRITE: Record<string, string> = {
  string: 'write text; put it in double quotes if it starts with a special character such as [ { * & ! or contains ": "',
  number: 'write the number without quotes or units',
  int: 'write a whole number without quotes or units',
  boolean: 'write true or false, without quotes',
  array: 'write a list: one item per line starting with "- " under the field, or [a, b] on one line',
  object: 'write the fields of the block on the lines below it, indented by two more spaces',
  record: 'write the fields of the block on the lines below it, indented by two more spaces',
};

// ---------------------------------------------------------------------------------------------
// Reading files

export const messages = {
  contentRootMissing: (root: string): Text => ({
    message: `the content folder ${root} does not exist`,
    fix: 'run the command from the repository, or name the folder with --content <dir> or REVIEW_CONTENT=<dir>',
  }),

  reviewMissing: (): Text => ({
    message: 'review.yaml is missing: every content folder needs the protocol file',
    fix: 'create review.yaml (question, outcomes, subgroups, releases); npm run fields lists its fields',
  }),

  fileTooLarge: (bytes: number, limit: number): Text => ({
    message: `the file is ${formatBytes(bytes)}; content files are limited to ${formatBytes(limit)}, so it was not read`,
    fix: 'a content file is a few kilobytes of text: check that the right file was saved here (not a PDF, a picture or a data export)',
  }),

  fileUnreadable: (detail: string): Text => ({
    message: `the file cannot be opened (${detail})`,
    fix: 'check that the file exists and that you are allowed to read it',
  }),

  htmlInNotes: (tag: string): Text => ({
    message: `the notes contain an HTML tag (${tag.length > 40 ? `${tag.slice(0, 40)}…` : tag}); notes are Markdown text`,
    fix: 'remove the tag: use Markdown for emphasis, lists and links; to mention a tag, write its name without the angle brackets (also in code)',
  }),

  invisibleInNotes: (char: string): Text => ({
    message: `the notes contain an invisible character (${describeCharacter(char)}) that can change how the text reads`,
    fix: 'retype the line: pasted text often carries such characters',
  }),

  unsafeLinkInNotes: (scheme: string): Text => ({
    message: `the notes contain a "${scheme}:" link; only web (https) and e-mail links are allowed`,
    fix: 'link to a web page starting with https://, or remove the link',
  }),

  fileEmpty: (): Text => ({
    message: 'the file is empty',
    fix: 'fill it in (npm run new-trial writes a trial file to start from) or delete it',
  }),

  fileHasNulByte: (offset: number): Text => ({
    message: `the file is not text: it contains a zero byte (at byte ${offset})`,
    fix: 'save the file as plain UTF-8 text; a Word document or PDF renamed to .md or .yaml cannot be read',
  }),

  fileNotUtf8: (): Text => ({
    message: 'the file is not UTF-8 text: some characters cannot be read',
    fix: 'save the file with the encoding UTF-8 (most editors offer it under "Save as" or "Encoding")',
  }),

  unexpectedFile: (name: string, folder: string, expected: string): Text => ({
    message: `${name} is not read: files in ${folder}/ must end in ${expected}`,
    fix: `rename it to end in ${expected}, or move it out of the content folder`,
  }),

  unexpectedFolder: (name: string, folder: string): Text => ({
    message: `the folder ${folder}/${name} is not read: files in ${folder}/ are not looked for in sub-folders`,
    fix: `move its files up into ${folder}/, or move the folder out of the content folder`,
  }),

  badFileName: (name: string, what: string): Text => ({
    message: `the file name ${show(name)} cannot be used as ${what}`,
    fix: 'rename the file using lower-case letters, digits, "-" or "_", starting with a letter (for example smith-2024.md)',
  }),

  noFrontMatter: (): Text => ({
    message: 'the file does not start with front matter (a first line of three dashes: ---)',
    fix: 'start the file with a line ---, then the fields, then another line ---, then the text (npm run new-trial writes a trial file to start from)',
  }),

  frontMatterStrayFence: (): Text => ({
    message: 'this line starts with three dashes but is not the closing --- line; the site reads the front matter as ending here, the checks would not',
    fix: 'close the front matter with a line of exactly three dashes (---), and do not start any other front-matter line with --- or +++',
  }),

  frontMatterDocumentEnd: (): Text => ({
    message: 'the front matter ends with ..., which the site does not read as its end (it reads on to the next line of three dashes)',
    fix: 'close the front matter with a line of exactly three dashes (---) instead of ...',
  }),

  frontMatterNotClosed: (): Text => ({
    message: 'the front matter that starts on this line is never closed',
    fix: 'add a line with three dashes (---) after the last field, before the notes',
  }),

  frontMatterEmpty: (): Text => ({
    message: 'the front matter has no fields',
    fix: 'write the trial fields between the two --- lines; npm run new-trial writes a file to start from',
  }),

  // ---------------------------------------------------------------------------------------------
  // YAML

  yamlSyntax: (detail: string, column: number, code: string): Text => ({
    message: `YAML syntax error at column ${column}: ${detail}`,
    fix: YAML_FIXES[code] ?? YAML_FIX_DEFAULT,
  }),

  yamlTab: (otherLines: number): Text => ({
    message: `this line is indented with a tab${otherLines > 0 ? ` (and ${otherLines} more line${otherLines === 1 ? '' : 's'} below)` : ''}; YAML allows only spaces for indentation`,
    fix: 'replace the tabs at the start of the line with spaces (two per level); many editors can "convert indentation to spaces"',
  }),

  yamlDuplicateKey: (key: string, firstLine: number): Text => ({
    message: `the field "${key}" appears twice in the same block (first on line ${firstLine})`,
    fix: 'keep one of the two: YAML would silently use only the last one',
  }),

  yamlTooManyAliases: (limit: number): Text => ({
    message: `the file uses YAML aliases (*name) more than ${limit} times`,
    fix: 'write the values out in full; content files do not need anchors (&name) or aliases (*name)',
  }),

  yamlSeveralDocuments: (): Text => ({
    message: 'the file holds more than one YAML document: a second one starts on this line',
    fix: 'remove the --- line (and anything after it that belongs elsewhere); one file holds one document',
  }),

  yamlTooDeep: (): Text => ({
    message: 'the file nests lists or blocks more deeply than the reader can follow',
    fix: 'content files nest a few levels at most: look for a long run of [ or { characters, or check that the right file was saved here',
  }),

  yamlUnreadable: (detail: string): Text => ({
    message: `the YAML cannot be read: ${detail}`,
    fix: YAML_FIX_DEFAULT,
  }),

  notAMapping: (value: unknown): Text => ({
    message: `the file must hold fields (lines like "name: value"), but it holds ${kindOf(value)}`,
    fix: 'write one field per line as "name: value"; npm run fields lists the fields of each kind of file',
  }),

  // ---------------------------------------------------------------------------------------------
  // Fields (schema)

  missingField: (name: string, description: string | undefined): Text => ({
    message: `the required field "${name}" is missing`,
    fix: `add "${name}:"${description ? ` — ${description}` : ''}`,
  }),

  wrongType: (name: string, expected: string, value: unknown, hint: string | undefined): Text => ({
    message: `${name} should be ${EXPECTED[expected] ?? expected}, but it is ${kindOf(value)}`,
    fix:
      expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')
        ? `put it in double quotes: ${name}: "${String(value)}"`
        : hint ?? HOW_TO_WRITE[expected] ?? `write ${EXPECTED[expected] ?? expected}`,
  }),

  notWholeNumber: (name: string, value: unknown): Text => ({
    message: `${name} (${String(value)}) is not a whole number`,
    fix: 'counts are numbers of patients: if the report gives a percentage, work out the count, and say how under "inferred"',
  }),

  numberTooSmall: (name: string, value: unknown, minimum: number, inclusive: boolean, hint: string | undefined): Text => ({
    message:
      minimum === 0 && inclusive
        ? `${name} (${String(value)}) is negative`
        : `${name} (${String(value)}) is ${inclusive ? 'less than' : 'not more than'} ${minimum}`,
    fix: hint ?? `write a number ${inclusive ? 'of at least' : 'above'} ${minimum}`,
  }),

  numberTooBig: (name: string, value: unknown, maximum: number, inclusive: boolean, hint: string | undefined): Text => ({
    message: `${name} (${String(value)}) is ${inclusive ? 'more than' : 'not less than'} ${maximum}`,
    fix: hint ?? `write a number ${inclusive ? 'of at most' : 'below'} ${maximum}`,
  }),

  listTooShort: (name: string, count: number, minimum: number, description: string | undefined): Text => ({
    message: `${name} has ${count} ${count === 1 ? 'entry' : 'entries'}; it needs at least ${minimum}`,
    fix: `add ${minimum - count === 1 ? 'an entry' : `${minimum - count} more entries`}${description ? ` (${description})` : ''}`,
  }),

  textTooShort: (name: string, minimum: number): Text => ({
    message: `${name} is too short`,
    fix: `write at least ${minimum} character${minimum === 1 ? '' : 's'}`,
  }),

  unknownField: (key: string, allowed: readonly string[], suggestion: string | undefined): Text => ({
    message: `"${revealUnseen(key)}" is not a field here${foreignCharacters(key)}`,
    fix: `${didYouMean(suggestion)}the fields allowed here are: ${oneOf(allowed)}`,
  }),

  notAllowedValue: (name: string, value: unknown, allowed: readonly string[], suggestion: string | undefined): Text =>
    typeof value === 'number' && allowed.includes(String(value))
      ? {
          message: `${name} is the number ${value}, but the allowed values are text`,
          fix: `put it in double quotes: ${name}: "${value}"`,
        }
      : {
          message: `${show(value)} is not an allowed value for ${name}`,
          fix: `${didYouMean(suggestion)}use one of: ${oneOf(allowed)}`,
        },

  badKey: (key: string, hint: string): Text => ({
    message: `"${revealUnseen(key)}" cannot be used as a name here${foreignCharacters(key)}`,
    fix: hint,
  }),

  valueRejected: (name: string, value: unknown, hint: string): Text => ({
    message: `${name} ${show(value)} is not accepted`,
    fix: hint,
  }),

  conditionNotMet: (hint: string, name: string, description: string | undefined): Text => ({
    message: hint,
    fix: `add "${name}:"${description ? ` — ${description}` : ''}`,
  }),

  numberTooLarge: (name: string, value: unknown): Text => ({
    message: `${name} (${String(value)}) is too large to be read exactly`,
    fix: 'check the number for extra digits',
  }),

  eventsExceedN: (events: number, n: number): Text => ({
    message: `events (${events}) is larger than n (${n})`,
    fix: 'check both numbers against the source: events counts patients with the event among the n evaluated',
  }),

  notOneOfTheForms: (name: string, value: unknown, forms: string): Text => ({
    message: `${name} ${show(value)} is not in a form this field accepts`,
    fix: `write ${forms}`,
  }),

  placeholder: (name: string, description: string | undefined, type: string | undefined): Text => ({
    message: `${name} still holds the placeholder TODO`,
    fix: `replace TODO: ${description ?? 'write the value'}${type ? ` [${type}]` : ''}`,
  }),

  schemaOther: (name: string, detail: string): Text => ({
    message: `${name}: ${detail}`,
    fix: 'check this field against npm run fields',
  }),

  // ---------------------------------------------------------------------------------------------
  // Trials and their reports

  registrationInTwoFiles: (registration: string, otherFile: string, otherLine: number | undefined): Text => ({
    message: `${registration} is also listed in ${otherFile}${otherLine ? ` (line ${otherLine})` : ''}`,
    fix: 'a study has one file: merge the two files, or remove the registration from the file it does not belong to',
  }),

  registrationTwice: (registration: string, firstLine: number | undefined): Text => ({
    message: `${registration} is listed twice in registrations${firstLine ? ` (first on line ${firstLine})` : ''}`,
    fix: 'remove the second one',
  }),

  duplicateReportId: (id: string, firstLine: number | undefined): Text => ({
    message: `two reports of this trial have the id "${id}"${firstLine ? ` (the first on line ${firstLine})` : ''}`,
    fix: 'give each report its own id, e.g. "ash-2023" and "jco-2024"; superseded_by and the site use it',
  }),

  duplicateCohortId: (id: string, firstLine: number | undefined): Text => ({
    message: `two cohorts of this trial have the id "${id}"${firstLine ? ` (the first on line ${firstLine})` : ''}`,
    fix: 'give each cohort its own id; reports name the cohort their numbers belong to',
  }),

  unknownCohort: (cohort: string, defined: readonly string[], suggestion: string | undefined): Text => ({
    message: `the numbers are under cohort "${cohort}", which this trial does not define`,
    fix: `${didYouMean(suggestion)}use a cohort id from the trial's cohorts (${oneOf(defined)}), or add the cohort under cohorts`,
  }),

  unknownOutcome: (outcome: string, allowed: readonly string[], suggestion: string | undefined): Text => ({
    message: `"${outcome}" is not an outcome of the review`,
    fix: `${didYouMean(suggestion)}use an outcome id from review.yaml: ${oneOf(allowed)}`,
  }),

  unknownSubgroupVariable: (variable: string, allowed: readonly string[], suggestion: string | undefined): Text => ({
    message: `"${variable}" is not a subgroup variable of the review`,
    fix: `${didYouMean(suggestion)}use a subgroup id from review.yaml: ${oneOf(allowed)}`,
  }),

  unknownSubgroupLevel: (variable: string, level: string, allowed: readonly string[], suggestion: string | undefined): Text => ({
    message: `"${level}" is not a level of the subgroup variable ${variable}`,
    fix: `${didYouMean(suggestion)}use one of the levels review.yaml defines for ${variable}: ${oneOf(allowed)}`,
  }),

  missingSubgroupLevel: (variables: readonly string[], levels: readonly string[][]): Text => ({
    message: `an included trial needs a level for every subgroup variable; ${list(variables.map((v) => `"${v}"`))} ${variables.length === 1 ? 'is' : 'are'} missing`,
    fix: `add under subgroups: ${variables.map((v, i) => `${v}: <one of ${(levels[i] ?? []).join(', ')}>`).join('; ')}`,
  }),

  unknownCharacteristic: (id: string, allowed: readonly string[], suggestion: string | undefined, file: 'trials' | 'registry'): Text => ({
    message: `"${id}" is not a characteristic review.yaml declares for ${file === 'trials' ? 'trial files' : 'registry entries'}`,
    fix:
      allowed.length > 0
        ? `${didYouMean(suggestion)}use one of: ${oneOf(allowed)}, or declare it under characteristics in review.yaml${file === 'registry' ? ' with applies_to: [registry]' : ''}`
        : `declare it under characteristics in review.yaml${file === 'registry' ? ' with applies_to: [registry]' : ''}, or remove it`,
  }),

  characteristicNotPerCohort: (id: string): Text => ({
    message: `"${id}" is a characteristic of the whole trial; a cohort cannot give its own value`,
    fix: `give it under the trial's characteristics, or declare it with per_cohort: true in review.yaml`,
  }),

  characteristicWrongType: (id: string, type: string, value: unknown, example: string): Text => ({
    message: `${id} is a ${type} characteristic, but ${show(value)} is not ${type === 'list' ? 'a list of text' : type === 'boolean' ? 'true or false' : type === 'number' ? 'a number' : 'text'}`,
    fix: `write it as ${example}`,
  }),

  characteristicUnknownLevel: (id: string, value: unknown, allowed: readonly string[], suggestion: string | undefined): Text => ({
    message: `${show(value)} is not a level of the characteristic ${id}`,
    fix: `${didYouMean(suggestion)}use one of the levels review.yaml declares for ${id}: ${oneOf(allowed)}`,
  }),

  characteristicOutOfRange: (id: string, value: number, min: number | undefined, max: number | undefined, integer: boolean): Text => ({
    message: `${id} is ${value}, ${integer && !Number.isInteger(value) ? 'not a whole number' : min !== undefined && value < min ? `below the smallest value allowed (${min})` : `above the largest value allowed (${max})`}`,
    fix: `check the value against the source; review.yaml allows ${integer ? 'whole numbers ' : ''}${min !== undefined && max !== undefined ? `from ${min} to ${max}` : min !== undefined ? `of at least ${min}` : max !== undefined ? `up to ${max}` : 'of any size'}`,
  }),

  missingCharacteristics: (ids: readonly string[], examples: readonly string[], file: 'trials' | 'registry' = 'trials'): Text => ({
    message: `review.yaml requires ${ids.length === 1 ? 'the characteristic' : 'the characteristics'} ${list(ids.map((i) => `"${i}"`))} for every ${file === 'trials' ? 'included or described trial' : 'registry entry'}`,
    fix: `add under characteristics: ${ids.map((id, i) => `${id}: ${examples[i]}`).join('; ')}`,
  }),

  missingSubgroupCharacteristic: (variable: string, characteristic: string, levels: readonly string[]): Text => ({
    message: `an included trial needs a value of ${characteristic} (it places the trial in the subgroups of ${variable}), and this one gives none`,
    fix: `add under characteristics: ${characteristic}: <one of ${levels.join(', ')}>, or give it under each pooled cohort when the characteristic is per_cohort`,
  }),

  registrationRequired: (): Text => ({
    message: 'this review requires a registration number for every study (review.yaml: studies.registration: required), and none is given',
    fix: 'add registrations: [NCT01234567] (or a ChiCTR, EudraCT, jRCT, ACTRN or ISRCTN number)',
  }),

  duplicateStudyLabel: (label: string, other: string): Text => ({
    message: `the study label ${show(label)} is also the label of ${other}; readers could not tell the two apart in tables and plots`,
    fix: 'make each label unique, e.g. "Author 2024a" and "Author 2024b", or add the product or cohort',
  }),

  outcomeOutsideCohortPopulation: (outcome: string, outcomePopulation: string, cohort: string, cohortPopulation: string): Text => ({
    message: `${outcome} is pooled in the population ${outcomePopulation}, but cohort ${cohort} represents ${cohortPopulation}, so this number would be pooled nowhere`,
    fix: `move the number under a cohort of population ${outcomePopulation} (add one under cohorts if needed), or check the outcome id`,
  }),

  subgroupCharacteristicUnknown: (variable: string, characteristic: string, allowed: readonly string[], suggestion: string | undefined): Text => ({
    message: `subgroup variable ${variable} refers to "${characteristic}", which is not a category characteristic of trial files`,
    fix:
      allowed.length > 0
        ? `${didYouMean(suggestion)}use one of the category characteristics: ${oneOf(allowed)}`
        : 'declare a characteristic with type: category and levels under characteristics, and name it here',
  }),

  moderatorUnknown: (model: string, moderator: string, allowed: readonly string[], suggestion: string | undefined): Text => ({
    message: `meta-regression ${model} uses "${moderator}", which is not a number, category or yes/no characteristic of trial files`,
    fix:
      allowed.length > 0
        ? `${didYouMean(suggestion)}use one of: ${oneOf(allowed)}`
        : 'declare a characteristic with type number, category or boolean under characteristics, and name it here',
  }),

  moderatorTwice: (model: string, moderator: string): Text => ({
    message: `meta-regression ${model} names the moderator ${moderator} twice`,
    fix: 'name each moderator once',
  }),

  metaRegressionOutcomeUnknown: (model: string, outcome: string, allowed: readonly string[], suggestion: string | undefined): Text => ({
    message: `meta-regression ${model} names the outcome "${outcome}", which review.yaml does not define`,
    fix: `${didYouMean(suggestion)}use one of: ${oneOf(allowed)}, or leave outcomes out to fit it for every outcome`,
  }),

  subgroupLevelUnknownInclude: (variable: string, level: string, include: string, allowed: readonly string[], suggestion: string | undefined): Text => ({
    message: `level ${level} of subgroup variable ${variable} includes "${include}", which is not a level of its characteristic`,
    fix: `${didYouMean(suggestion)}use levels of the characteristic: ${oneOf(allowed)}`,
  }),

  subgroupLevelTwice: (variable: string, include: string, first: string, second: string): Text => ({
    message: `the characteristic level "${include}" is included in two levels of subgroup variable ${variable} (${first} and ${second}), so its trials would be pooled twice`,
    fix: `keep "${include}" in the includes of one level only`,
  }),

  subgroupLevelLeftOut: (variable: string, levels: readonly string[]): Text => ({
    message: `subgroup variable ${variable} places no trial with ${list(levels.map((l) => `"${l}"`))}: ${levels.length === 1 ? 'this level of its characteristic is' : 'these levels of its characteristic are'} in none of its levels, so those trials would be pooled overall but silently left out of every subgroup`,
    fix: `add ${levels.length === 1 ? 'it' : 'them'} to the includes of a level, or add a level for ${levels.length === 1 ? 'it' : 'them'}`,
  }),

  unknownPopulation: (population: string, allowed: readonly string[], suggestion: string | undefined): Text => ({
    message: `"${population}" is not a population of the review`,
    fix: `${didYouMean(suggestion)}use a population id from review.yaml: ${oneOf(allowed)}, or leave population out for a cohort that is only described`,
  }),

  doubleCounting: (report: string, first: string, second: string, population: string, levels: string, outcomes: readonly string[]): Text => ({
    message: `cohorts "${first}" and "${second}" of report "${report}" both feed population ${population}${levels ? ` with the same subgroup levels (${levels})` : ''}, so ${list(outcomes)} would count this trial twice`,
    fix: 'keep the numbers under one of the two cohorts (write nd in the other), or give the cohorts different populations or subgroup levels if they are different patients',
  }),

  unknownRelease: (release: number, known: readonly number[]): Text => ({
    message: `release ${release} is not in review.yaml`,
    fix:
      release < Math.max(0, ...known)
        ? `use one of the releases in review.yaml (${oneOf(known.map(String))}), or add release ${release} there`
        : `use one of the releases in review.yaml (${oneOf(known.map(String))}), or ${Math.max(0, ...known) + 1} for a report that waits for the release being prepared (npm run release cuts it)`,
  }),

  reportAfterCutoff: (date: string, release: number, cutoff: string, firstFitting: number | undefined): Text => ({
    message: `the report is dated ${date}, after the cut-off of release ${release} (${cutoff})`,
    fix:
      firstFitting !== undefined
        ? `check the date; if it is right, the report enters in release ${firstFitting} (the first whose cut-off is not before ${date}): write release: ${firstFitting}`
        : `check the date; if it is right, the report belongs to a release after the last one in review.yaml: add that release first`,
  }),

  supersededByMissing: (target: string, ids: readonly string[], suggestion: string | undefined): Text => ({
    message: `superseded_by names "${target}", but this trial has no report with that id`,
    fix: `${didYouMean(suggestion)}use the id of the newer report of this trial (${oneOf(ids)})`,
  }),

  supersededByExcluded: (target: string): Text => ({
    message: `superseded_by names "${target}", a report with status excluded`,
    fix: 'a report is replaced by a report the analysis uses: name a primary (or later superseded) report, or change the status of this one',
  }),

  supersedeCycle: (ids: readonly string[]): Text => ({
    message: `the reports supersede each other in a circle: ${[...ids, ids[0]].join(' → ')}`,
    fix: 'the newest report must not be superseded: make it status primary and remove its superseded_by',
  }),

  noPrimary: (releases: readonly number[]): Text => ({
    message: `as of release${releases.length === 1 ? '' : 's'} ${list(releases)}, no report of this trial is primary`,
    fix: `set status: primary on the report the analysis should use (a superseded report still counts as primary in the releases before the one its replacement entered)`,
  }),

  severalPrimaries: (releases: readonly number[], ids: readonly string[]): Text => ({
    message: `as of release${releases.length === 1 ? '' : 's'} ${list(releases)}, ${ids.length} reports are primary: ${list(ids.map((id) => `"${id}"`))}`,
    fix: 'keep one primary report: set the older one to status: superseded with superseded_by: <newer report id> and a reason, or to status: excluded with a reason',
  }),

  // ---------------------------------------------------------------------------------------------
  // The protocol (review.yaml)

  duplicateReviewId: (what: string, id: string, firstLine: number | undefined): Text => ({
    message: `two ${what} have the id "${id}"${firstLine ? ` (the first on line ${firstLine})` : ''}`,
    fix: `give each of the ${what} its own id: trial files name them by id, so two with one id cannot be told apart`,
  }),

  outcomePopulationUnknown: (population: string, allowed: readonly string[], suggestion: string | undefined): Text => ({
    message: `the outcome's population "${population}" is not one of the review's populations`,
    fix: `${didYouMean(suggestion)}use a population id defined under populations: ${oneOf(allowed)}`,
  }),

  // ---------------------------------------------------------------------------------------------
  // Releases and searches

  releaseNumber: (position: number, number: number): Text => ({
    message: `release ${number} is in position ${position} of the list; releases are numbered 1, 2, 3, … in order`,
    fix: `number this release ${position}, or put the releases in order`,
  }),

  releaseDateOrder: (number: number, date: string, previous: number, previousDate: string): Text => ({
    message: `release ${number} is dated ${date}, not after release ${previous} (${previousDate})`,
    fix: 'each release is published after the one before it: check both dates',
  }),

  releaseCutoffOrder: (number: number, cutoff: string, previous: number, previousCutoff: string): Text => ({
    message: `release ${number} has its cut-off on ${cutoff}, before the cut-off of release ${previous} (${previousCutoff})`,
    fix: 'each release searches up to a later date than the one before it: check both cut-offs',
  }),

  releaseCutoffAfterDate: (number: number, cutoff: string, date: string): Text => ({
    message: `release ${number} has its cut-off (${cutoff}) after its publication date (${date})`,
    fix: 'the search cut-off comes before the release is published: check both dates',
  }),

  releaseSearchMissing: (number: number, search: string, available: readonly string[], suggestion: string | undefined): Text => ({
    message: `release ${number} names the search "${search}", but there is no file searches/${search}.yaml`,
    fix: `${didYouMean(suggestion)}add searches/${search}.yaml with the PRISMA counts of that search${available.length ? `, or name an existing search (${available.join(', ')})` : ''}`,
  }),

  releaseSearchShared: (search: string, first: number, number: number): Text => ({
    message: `releases ${first} and ${number} both name the search "${search}"`,
    fix: 'each release has its own search run: add a search file for this release and name it here',
  }),

  searchReleaseUnknown: (release: number, known: readonly number[]): Text => ({
    message: `the search belongs to release ${release}, which is not in review.yaml`,
    fix: `use one of the releases in review.yaml (${oneOf(known.map(String))}), or add release ${release} there with search: <this file's name>`,
  }),

  searchNotNamed: (id: string, release: number, named: string): Text => ({
    message: `the search says it belongs to release ${release}, but review.yaml names the search "${named}" for release ${release}, not "${id}"`,
    fix: `correct release: here, or write search: ${id} under release ${release} in review.yaml`,
  }),

  prismaIdentified: (parts: { databases: number; registers: number; other: number }, duplicates: number, otherRemoved: number, expected: number, screened: number): Text => ({
    message: `the counts before screening do not add up: identified ${parts.databases + parts.registers + parts.other} (databases ${parts.databases} + registers ${parts.registers} + other sources ${parts.other}) − duplicates_removed ${duplicates} − other_removed ${otherRemoved} = ${expected}, but records_screened is ${screened}`,
    fix: 'correct the counts so that identified − duplicates_removed − other_removed = records_screened (PRISMA 2020)',
  }),

  prismaScreened: (screened: number, excluded: number, expected: number, sought: number): Text => ({
    message: `records_screened (${screened}) − records_excluded (${excluded}) = ${expected}, but reports_sought is ${sought}`,
    fix: 'correct the counts so that records_screened − records_excluded = reports_sought (PRISMA 2020)',
  }),

  prismaSought: (sought: number, notRetrieved: number, expected: number, assessed: number): Text => ({
    message: `reports_sought (${sought}) − reports_not_retrieved (${notRetrieved}) = ${expected}, but reports_assessed is ${assessed}`,
    fix: 'correct the counts so that reports_sought − reports_not_retrieved = reports_assessed (PRISMA 2020)',
  }),

  prismaAssessed: (assessed: number, excluded: readonly number[], expected: number, included: number): Text => ({
    message: `reports_assessed (${assessed}) − reports excluded (${excluded.length ? excluded.join(' + ') : '0'}) = ${expected}, but new_reports_included is ${included}`,
    fix: 'correct the counts so that reports_assessed − the reports_excluded counts = new_reports_included; in an update, new_reports_included counts every report this search added, whether of a new study or of a study already in the review',
  }),

  prismaStudiesOverReports: (studies: number, reports: number): Text => ({
    message: `new_studies_included (${studies}) is larger than new_reports_included (${reports})`,
    fix: 'every new study comes with at least one report: check both counts',
  }),

  // ---------------------------------------------------------------------------------------------
  // Registry

  registryDuplicate: (registration: string, otherFile: string): Text => ({
    message: `${registration} is also registered in ${otherFile}`,
    fix: 'the landscape has one file per registered trial: delete one of the two files, or correct the registration number',
  }),

  registryUnknownTrial: (slug: string, suggestion: string | undefined): Text => ({
    message: `there is no trial file trials/${slug}.md`,
    fix: `${didYouMean(suggestion)}write the file name of the trial (without .md), or leave trial out until the trial has a file`,
  }),
};

const YAML_FIX_DEFAULT =
  'check this line and the one above: the indentation (spaces only, fields of one block at the same column), the colon after each field name, and quotes around text that contains ": " or " #"';

const YAML_FIXES: Record<string, string> = {
  BAD_INDENT: 'line up the fields of one block at the same column, using spaces; a list item or closing bracket must be indented under its field',
  UNCLOSED_FLOW:
    'a list in [ ] or a block in { } is not closed: add the missing ] or } where it ends (usually at the end of the line above)',
  MISSING_CHAR:
    'a bracket or quote is not closed: check the line where it opens (the reader noticed only here) and close it',
  BLOCK_AS_IMPLICIT_KEY: 'text that contains ": " must be in double quotes, e.g. title: "Phase 1: results"',
  MULTILINE_IMPLICIT_KEY: 'a field name and its colon must be on one line; put long text in double quotes',
  UNEXPECTED_TOKEN: 'remove or quote the unexpected character; text starting with [ { * & ! | > % @ or ` must be in double quotes',
  TAG_RESOLVE_FAILED: 'content files do not use YAML tags: put text that starts with ! in double quotes',
};

/** "; it contains о (U+043E), which is not a plain letter": for a name that looks right but is not. */
function foreignCharacters(key: string): string {
  const foreign = [...new Set([...key].filter((c) => !/[\x20-\x7E]/.test(c)))];
  if (foreign.length === 0) return '';
  const shown = foreign.slice(0, 3).map((c) => (revealUnseen(c) === c ? `${c} (${describeCharacter(c)})` : describeCharacter(c)));
  return `; it contains ${list(shown)}${foreign.length > 3 ? ' and more' : ''}, which ${foreign.length === 1 ? 'is' : 'are'} not ${foreign.length === 1 ? 'a plain letter' : 'plain letters'} (a-z, 0-9, - and _)`;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} bytes`;
}
