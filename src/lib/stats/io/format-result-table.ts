export function formatResultTable(): string { return ""; }
