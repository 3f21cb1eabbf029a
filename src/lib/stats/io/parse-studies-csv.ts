import { StatsInputError } from '../errors.ts';
import { messages } from '../messages.ts';

/** Studies read from a CSV file. */
export interface CsvStudies {
  /** the `study` column (or "1", "2", … without one) */
  readonly labels: string[];
  readonly events: number[];
  readonly n: number[];
  /** every other column, by its header name, as text */
  readonly columns: Record<string, string[]>;
}

/** Splits CSV text into records of fields (RFC 4180 quoting), with the line each record starts on. */
function records(text: string): { line: number; fields: string[] }[] {
  const rows: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!;
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else {
        if (char === '\n') line++;
        field += char;
      }
    } else if (char === '"' && field === '') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && body[i + 1] === '\n') i++;
      fields.push(field);
      if (fields.some((value) => value.trim() !== '')) rows.push({ line: start, fields });
      fields = [];
      field = '';
      start = ++line;
    } else field += char;
  }
  if (quoted) throw new StatsInputError(messages.csvUnclosedQuote(start));
  fields.push(field);
  if (fields.some((value) => value.trim() !== '')) rows.push({ line: start, fields });
  return rows;
}

/**
 * Reads studies from CSV text with a header row: `study,events,n` and any further columns
 * (subgroups, years). Column names are matched without regard to case; `study` is optional.
 * Each bad row is reported with its line number.
 *
 * Reference: Shafranovich Y (2005). Common Format and MIME Type for Comma-Separated Values
 * (CSV) Files. RFC 4180. https://doi.org/10.17487/RFC4180
 *
 * @param text the file's contents
 * @returns labels, events and n (counts) and the other columns as text
 * @throws StatsInputError for a missing column, a row of the wrong length or a count that
 *   is not a whole number
 * @example
 * parseStudiesCsv('study,events,n\nA,3,10\n').events // [3]
 */
export function parseStudiesCsv(text: string): CsvStudies {
  const rows = records(text);
  const header = rows.shift();
  if (header === undefined) throw new StatsInputError(messages.csvEmpty());
  const names = header.fields.map((name) => name.trim());
  const find = (name: string): number => names.findIndex((column) => column.toLowerCase() === name);
  const studyColumn = find('study');
  const eventsColumn = find('events');
  const nColumn = find('n');
  if (eventsColumn < 0) throw new StatsInputError(messages.csvMissingColumn('events', names));
  if (nColumn < 0) throw new StatsInputError(messages.csvMissingColumn('n', names));
  if (rows.length === 0) throw new StatsInputError(messages.csvNoRows());
  const result: CsvStudies = { labels: [], events: [], n: [], columns: {} };
  const others = names.map((_, i) => i).filter((i) => i !== studyColumn && i !== eventsColumn && i !== nColumn);
  for (const i of others) result.columns[names[i]!] = [];
  const count = (row: { line: number; fields: string[] }, column: number): number => {
    const value = row.fields[column]!.trim();
    if (!/^\d+$/.test(value)) throw new StatsInputError(messages.csvBadCount(row.line, names[column]!, value));
    return Number(value);
  };
  rows.forEach((row, index) => {
    if (row.fields.length !== names.length) {
      throw new StatsInputError(messages.csvColumnCount(row.line, names.length, row.fields.length));
    }
    result.labels.push(studyColumn >= 0 ? row.fields[studyColumn]!.trim() : String(index + 1));
    result.events.push(count(row, eventsColumn));
    result.n.push(count(row, nColumn));
    for (const i of others) result.columns[names[i]!]!.push(row.fields[i]!.trim());
  });
  return result;
}
