/** Validates a spec against the Vega-Lite JSON schema shipped with the installed vega-lite. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';

// The package does not export its schema file, so it is read from the installed folder.
const schemaPath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../node_modules/vega-lite/build/vega-lite-schema.json');
const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);

/** The schema errors of `spec`, as "path: message" lines (empty when valid). */
export function vegaLiteSchemaErrors(spec: unknown): string[] {
  return validate(spec) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`);
}

/** A deep copy with every number rounded, for snapshots that do not depend on the last digit. */
export function roundNumbers<T>(value: T, digits = 4): T {
  return JSON.parse(JSON.stringify(value), (_key, v: unknown) => (typeof v === 'number' ? Number(v.toFixed(digits)) : v)) as T;
}
