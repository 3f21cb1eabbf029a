/**
 * Defines an enumerable property whose value is computed on first read and then kept.
 * Results use it for the parts that cost more than the pooling itself (exact study
 * intervals, the Q-profile interval of tau²), so callers that never read them never pay;
 * `JSON.stringify` and object spread read them like any other field.
 *
 * Reference: ECMAScript 2024 Language Specification, 20.1.2.4 Object.defineProperty.
 * https://tc39.es/ecma262/2024/#sec-object.defineproperty (no DOI)
 *
 * @param target the object to extend (freshly built, not yet shared)
 * @param key the property name
 * @param compute computes the value once
 * @returns the target, for chaining
 * @throws whatever `compute` throws, on first read
 * @example
 * defineLazy({}, 'answer', () => 42).answer // 42
 */
export function defineLazy<T extends object, K extends string, V>(target: T, key: K, compute: () => V): T & Record<K, V> {
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get(): V {
      const value = compute();
      Object.defineProperty(target, key, { value, enumerable: true, writable: false, configurable: false });
      return value;
    },
  });
  return target as T & Record<K, V>;
}
