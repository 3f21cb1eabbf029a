/**
 * The texts of the command line's own input checks (`npm run meta`), beside the engine's
 * catalogue (../messages.ts). Values from the input are quoted already escaped and cut short.
 */
export const ioMessages = {
  csvCountTooLarge: (line: number, column: string, value: string): string =>
    `line ${line}: ${column} is too large to be counted exactly (more than 9007199254740991), got "${value}"`,
  batchBadCount: (line: number, field: string, value: string): string =>
    `line ${line}: ${field} must hold whole numbers written as digits (at most 9007199254740991), got ${value}`,
  notJson: (line: number): string => `line ${line}: the line is not valid JSON`,
  atLine: (line: number, study: number, message: string): string => `line ${line} (study ${study}): ${message}`,
  isFolder: (file: string): string => `${file} is a folder; give a CSV file (study,events,n)`,
  notFound: (file: string): string => `there is no file ${file}`,
  notAFile: (file: string): string => `${file} is not a file (a pipe, a socket or a device); give a CSV file`,
  unreadable: (file: string, code: string): string => `${file} cannot be read (${code})`,
};
