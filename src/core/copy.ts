/**
 * Copies of our own plain data for API callers, so nothing they do changes the page's state. Not a
 * JSON round trip: a page with Prototype.js's `Array.prototype.toJSON` turns every array into a
 * string that way, and a replaced `JSON` may throw. Keeps JSON's meaning otherwise: `undefined`
 * properties and functions are left out, a non-finite number becomes null.
 */

/** Our records nest 4 deep; a cycle or a hostile structure stops here instead of overflowing. */
const MAX_DEPTH = 64;

export function copyData<T>(value: T, depth = 0): T {
  if (typeof value === 'number') return (Number.isFinite(value) ? (value === 0 ? 0 : value) : null) as T; // -0 → 0, as JSON
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) throw new TypeError('copyData: nested too deeply');
  if (Array.isArray(value))
    return value.map((item) =>
      item === undefined || typeof item === 'function' ? null : copyData(item, depth + 1),
    ) as T;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined || typeof item === 'function') continue;
    // defineProperty, not `out[key] =`: an own `__proto__` key stays a key, never a prototype.
    Object.defineProperty(out, key, {
      value: copyData(item, depth + 1),
      writable: true,
      enumerable: true,
      configurable: true,
    });
  }
  return out as T;
}
