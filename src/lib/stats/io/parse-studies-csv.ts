import { CsvError, Parser } from 'csv-parse';
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

/** Line breaks inside a field (quoted fields only): CR LF, a lone CR and a lone LF count once each. */
function lineBreaks(value: string): number {
  let count = 0;
  for (let i = value.indexOf('\r'); i >= 0; i = value.indexOf('\r', i + 1)) count++;
  for (let i = value.indexOf('\n'); i >= 0; i = value.indexOf('\n', i + 1)) if (value.charCodeAt(i - 1) !== 13) count++;
  return count;
}

/** csv-parse's stream parser, noting when it has read the end of the text. */
class EndAwareParser extends Parser {
  ended = false;

  override _flush(callback: (error?: Error | null) => void): void {
    super._flush((error?: Error | null) => {
      this.ended = true;
      callback(error);
    });
  }
}

/**
 * Reads studies from CSV text given in pieces of any size (a file read chunk by chunk), so that
 * a file of millions of rows is never held whole: each row is checked and kept as counts and
 * cells as soon as it is complete. `push` the pieces in order, then `end`. The header row comes
 * first: `study,events,n` and any further columns (subgroups, years); column names are matched
 * without regard to case, `study` is optional. Records follow RFC 4180 quoting (csv-parse),
 * with CR, LF or CR LF line ends and an optional byte order mark; blank lines are skipped, and
 * each bad row is reported with the line it starts on. A quote inside an unquoted field is an
 * ordinary character, and spaces after a closing quote are ignored; other text after a closing
 * quote is refused.
 *
 * Reference: Shafranovich Y (2005). Common Format and MIME Type for Comma-Separated Values
 * (CSV) Files. RFC 4180. https://doi.org/10.17487/RFC4180
 */
export class StudiesCsvReader {
  /** the line the next record starts on */
  private line = 1;
  /** the first error of a row, kept because the parser reports it as its own */
  private failure: unknown;
  /** the last character of a string piece when it is the first half of a surrogate pair */
  private highSurrogate = '';
  private readonly parser: EndAwareParser;
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

  constructor() {
    this.parser = new EndAwareParser({
      bom: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_quotes: true,
      rtrim: true,
      // every line end gives a record (blank ones too), so that the lines can be counted here
      skip_empty_lines: false,
      relax_column_count: true,
      on_record: (fields: string[]) => {
        const line = this.line;
        this.line += 1;
        for (const value of fields) if (value.length > 0) this.line += lineBreaks(value);
        try {
          this.record(line, fields);
        } catch (error) {
          this.failure = error;
          throw error;
        }
        // the record is kept here, not passed on through the stream
        return null;
      },
    });
    // Errors are thrown by push and end; the stream's own 'error' event (emitted later) is not needed.
    this.parser.on('error', () => {});
  }

  /**
   * Reads the next piece of the text: a string, or bytes in UTF-8 (cut anywhere, even inside a character).
   * @throws StatsInputError for the first bad row
   */
  push(text: string | Uint8Array): void {
    let piece = text;
    if (typeof piece === 'string') {
      // a string cut between the two halves of a surrogate pair: the first half waits for the second
      piece = this.highSurrogate + piece;
      const last = piece.charCodeAt(piece.length - 1);
      this.highSurrogate = last >= 0xd800 && last <= 0xdbff ? piece.slice(-1) : '';
      if (this.highSurrogate !== '') piece = piece.slice(0, -1);
    }
    if (piece.length === 0) return;
    this.parser.write(piece);
    this.check();
    // The parser reads a piece at once when no record is passed on through the stream.
    if (this.parser.writableLength > 0) throw new Error('the CSV parser did not read the text at once');
  }

  /** Ends the text and gives the studies. @throws StatsInputError for a bad last row or a file without studies */
  end(): CsvStudiesWithLines {
    if (this.highSurrogate !== '') this.parser.write(this.highSurrogate);
    this.parser.end();
    this.check();
    if (!this.parser.ended) throw new Error('the CSV parser did not read the end of the text at once');
    if (this.names === undefined) throw new StatsInputError(messages.csvEmpty());
    if (this.result.events.length === 0) throw new StatsInputError(messages.csvNoRows());
    return this.result;
  }

  /** Throws the first error of the text so far, a parser's error as one of ours. */
  private check(): void {
    if (this.failure !== undefined) throw this.failure;
    const error = this.parser.errored;
    if (error === null) return;
    if (error instanceof CsvError && error.code === 'CSV_QUOTE_NOT_CLOSED') throw new StatsInputError(messages.csvUnclosedQuote(this.line));
    if (error instanceof CsvError && error.code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE') throw new StatsInputError(messages.csvTextAfterQuote(this.line));
    throw error;
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
    if (!/^\d+$/.test(value)) throw new StatsInputError(messages.csvBadCount(line, quoted(this.names![column]!), quoted(value)));
    const number = Number(value);
    if (!Number.isSafeInteger(number)) throw new StatsInputError(ioMessages.csvCountTooLarge(line, quoted(this.names![column]!), quoted(value)));
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
