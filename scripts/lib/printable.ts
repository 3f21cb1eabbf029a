/**
 * Text from outside (a file's contents, a file name, an argument) made safe to print on a
 * terminal: control characters, terminal escape sequences included, are written as \x1b,
 * \u009b and the like, so they show instead of acting.
 */
export { printable } from '../../src/lib/stats/io/printable.ts';
