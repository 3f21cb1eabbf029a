/**
 * Bytes of each shared buffer that arrays of moderate length are carved from. A typed array
 * longer than 64 bytes gets a buffer of its own outside V8's heap, which costs far more to
 * allocate (and later to free) than the arithmetic an analysis of 20 studies does on it.
 */
const SLAB_BYTES = 1 << 14;
/** Arrays up to this many values are allocated by V8 on its own heap, which is already cheap. */
const ON_HEAP_LENGTH = 8;
/** Arrays longer than this get a buffer of their own, so one never holds on to a mostly empty slab. */
const LONGEST_CARVED = SLAB_BYTES / 8 / 4;

let slab = new ArrayBuffer(SLAB_BYTES);
let used = 0;

/**
 * A new zero-filled Float64Array of `length` values, as `new Float64Array(length)`, but for
 * lengths 9 to 512 a view of a shared 16 kB buffer instead of a buffer of its own: one
 * analysis of a few dozen studies allocates several such arrays, and this makes each about ten
 * times cheaper. Each part of a buffer is given out once (a fresh buffer is zero-filled), so
 * the arrays never overlap.
 *
 * The array's `.buffer` is therefore shared: never hand it to code that reads or transfers the
 * whole buffer. A buffer stays in memory while any array carved from it does (at most 16 kB for
 * one kept array).
 *
 * @param length number of values
 * @returns a zero-filled array of that length
 * @throws RangeError for a negative or non-integer length, as the constructor
 * @example
 * float64Array(20).length // 20
 */
export function float64Array(length: number): Float64Array {
  if (!(length > ON_HEAP_LENGTH && length <= LONGEST_CARVED && Number.isInteger(length))) return new Float64Array(length);
  const bytes = 8 * length;
  if (used + bytes > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    used = 0;
  }
  const array = new Float64Array(slab, used, length);
  used += bytes;
  return array;
}
