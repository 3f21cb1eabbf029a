export interface CsvStudies { x: number } export function parseStudiesCsv(): CsvStudies { return { x: 1 }; }
