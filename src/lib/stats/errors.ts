/**
 * The error thrown for invalid input. Its message comes from the catalogue in
 * `messages.ts`; callers can tell it from programming errors by `instanceof` or its name.
 */
export class StatsInputError extends Error {
  override readonly name = 'StatsInputError';
}
