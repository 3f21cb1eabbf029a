/**
 * Text from outside (a CSV cell, a file name, an argument) made safe to print on a terminal:
 * the C0 and C1 control characters (ESC and CSI start terminal escape sequences) and the
 * characters that reorder or break lines (U+2028, U+2029, the bidirectional overrides) are
 * written as \x1b, \u009b and the like, so they show instead of acting. Tabs are kept.
 */
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function printable(text: string): string {
  return text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Whether `text` holds a character printable() would escape. */
export function hasControl(text: string): boolean {
  CONTROL.lastIndex = 0;
  const found = CONTROL.test(text);
  CONTROL.lastIndex = 0;
  return found;
}

/** The characters JSON.stringify leaves as they are but a terminal may act on (DEL, C1 controls, separators, bidirectional overrides). */
const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON text with the characters JSON.stringify leaves raw but a terminal may act on written as
 * \u escapes: the same JSON to any reader, and inert on a terminal. Text without them is
 * returned as it is.
 */
export function jsonSafe(json: string): string {
  return json.replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
