import { StatsInputError } from '../errors.ts';
import { messages } from '../messages.ts';
import { ioMessages } from './io-messages.ts';
import { printable } from './printable.ts';

/** Studies read from a CSV file. */
export interface CsvStudies {
  /** the `study` column (or "1", "2", … without one) */
  readonly labels: string[];
  readonly events: number[];
  readonly n: number[];
  /** every other column, by its header name, as text */
  readonly columns: Record<string, string[]>;
}

/** Studies read from a CSV file, with the line each study's row starts on. */
export interface CsvStudiesWithLines extends CsvStudies {
  /** the line of each study's row, in the order of `labels` */
  readonly lines: number[];
}

/** The most characters of a cell an error message quotes. */
const MAX_QUOTED = 40;

/** A cell as an error message quotes it: control characters escaped, cut short. */
function quoted(value: string): string {
  const chars = [...value];
  return printable(chars.length > MAX_QUOTED ? `${chars.slice(0, MAX_QUOTED - 1).join('')}…` : value);
}

/**
 * Reads studies from CSV text given in pieces of any size (a file read chunk by chunk), so that
 * a file of millions of rows is never held whole: each row is checked and kept as counts and
 * cells as soon as it is complete. `push` the pieces in order, then `end`. The header row comes
 * first: `study,events,n` and any further columns (subgroups, years); column names are matched
 * without regard to case, `study` is optional. Records follow RFC 4180 quoting, and each bad
 * row is reported with its line number.
 *
 * Reference: Shafranovich Y (2005). Common Format and MIME Type for Comma-Separated Values
 * (CSV) Files. RFC 4180. https://doi.org/10.17487/RFC4180
 */
export class StudiesCsvReader {
  private fields: string[] = [];
  private field = '';
  private quoted = false;
  /** a quote was read inside a quoted field: it closes the field unless another quote follows */
  private quoteSeen = false;
  /** a carriage return ended the last record: a line feed right after it belongs to it */
  private afterCr = false;
  private line = 1;
  private start = 1;
  private first = true;
  private names: string[] | undefined;
  private studyColumn = -1;
  private eventsColumn = -1;
  private nColumn = -1;
  private others: number[] = [];
  private readonly result: { labels: string[]; events: number[]; n: number[]; columns: Record<string, string[]>; lines: number[] } = {
    labels: [],
    events: [],
    n: [],
    columns: {},
    lines: [],
  };

  /** Reads the next piece of the text. @throws StatsInputError for the first bad row */
  push(text: string): void {
    let body = text;
    if (this.first && body.length > 0) {
      this.first = false;
      if (body.charCodeAt(0) === 0xfeff) body = body.slice(1);
    }
    let field = this.field;
    for (let i = 0; i < body.length; i++) {
      const char = body[i]!;
      if (this.afterCr) {
        this.afterCr = false;
        if (char === '\n') continue;
      }
      if (this.quoted) {
        if (this.quoteSeen) {
          this.quoteSeen = false;
          if (char === '"') {
            field += '"';
            continue;
          }
          this.quoted = false;
          // the closing quote: this character is read outside the quotes, below
        } else if (char === '"') {
          this.quoteSeen = true;
          continue;
        } else {
          if (char === '\n') this.line++;
          field += char;
          continue;
        }
      }
      if (char === '"' && field === '') this.quoted = true;
      else if (char === ',') {
        this.fields.push(field);
        field = '';
      } else if (char === '\n' || char === '\r') {
        if (char === '\r') this.afterCr = true;
        this.fields.push(field);
        field = '';
        this.record(this.start, this.fields);
        this.fields = [];
        this.start = ++this.line;
      } else field += char;
    }
    this.field = field;
  }

  /** Ends the text and gives the studies. @throws StatsInputError for a bad last row or a file without studies */
  end(): CsvStudiesWithLines {
    if (this.quoteSeen) {
      this.quoteSeen = false;
      this.quoted = false;
    }
    if (this.quoted) throw new StatsInputError(messages.csvUnclosedQuote(this.start));
    this.fields.push(this.field);
    this.record(this.start, this.fields);
    if (this.names === undefined) throw new StatsInputError(messages.csvEmpty());
    if (this.result.events.length === 0) throw new StatsInputError(messages.csvNoRows());
    return this.result;
  }

  private record(line: number, fields: string[]): void {
    if (!fields.some((value) => value.trim() !== '')) return;
    if (this.names === undefined) {
      this.header(fields);
      return;
    }
    const names = this.names;
    if (fields.length !== names.length) throw new StatsInputError(messages.csvColumnCount(line, names.length, fields.length));
    const { result } = this;
    result.labels.push(this.studyColumn >= 0 ? fields[this.studyColumn]!.trim() : String(result.events.length + 1));
    result.events.push(this.count(line, fields, this.eventsColumn));
    result.n.push(this.count(line, fields, this.nColumn));
    result.lines.push(line);
    for (const i of this.others) result.columns[names[i]!]!.push(fields[i]!.trim());
  }

  private header(fields: string[]): void {
    const names = fields.map((name) => name.trim());
    const find = (name: string): number => names.findIndex((column) => column.toLowerCase() === name);
    this.studyColumn = find('study');
    this.eventsColumn = find('events');
    this.nColumn = find('n');
    if (this.eventsColumn < 0) throw new StatsInputError(messages.csvMissingColumn('events', names.map(quoted)));
    if (this.nColumn < 0) throw new StatsInputError(messages.csvMissingColumn('n', names.map(quoted)));
    this.others = names.map((_, i) => i).filter((i) => i !== this.studyColumn && i !== this.eventsColumn && i !== this.nColumn);
    for (const i of this.others) this.result.columns[names[i]!] = [];
    this.names = names;
  }

  /** A count: digits only (no sign, fraction or exponent), and exact (at most 2^53 − 1). */
  private count(line: number, fields: string[], column: number): number {
    const value = fields[column]!.trim();
    const name = quoted(this.names![column]!);
    if (!/^\d+$/.test(value)) throw new StatsInputError(messages.csvBadCount(line, name, quoted(value)));
    const number = Number(value);
    if (!Number.isSafeInteger(number)) throw new StatsInputError(ioMessages.csvCountTooLarge(line, name, quoted(value)));
    return number;
  }
}

/**
 * Reads studies from CSV text with a header row: `study,events,n` and any further columns
 * (subgroups, years). Column names are matched without regard to case; `study` is optional.
 * Each bad row is reported with its line number. (StudiesCsvReader reads a file in pieces.)
 *
 * Reference: Shafranovich Y (2005). Common Format and MIME Type for Comma-Separated Values
 * (CSV) Files. RFC 4180. https://doi.org/10.17487/RFC4180
 *
 * @param text the file's contents
 * @returns labels, events and n (counts) and the other columns as text
 * @throws StatsInputError for a missing column, a row of the wrong length or a count that
 *   is not a whole number (or too large to be exact)
 * @example
 * parseStudiesCsv('study,events,n\nA,3,10\n').events // [3]
 */
export function parseStudiesCsv(text: string): CsvStudies {
  const reader = new StudiesCsvReader();
  reader.push(text);
  const { labels, events, n, columns } = reader.end();
  return { labels, events, n, columns };
}
