/**
 * Facts computed on first read. Some facts are expensive on a cold page and often unused: the first
 * `Intl` call of a page loads ICU data (5-50 ms in Chromium), and ua-parser compiles a few hundred
 * regular expressions (≈10 ms). A config that never reads `country`, `timezone`, `device`, `os` or
 * `browser` then never pays for them, and one that does pays once. Reading gives the same value as
 * computing eagerly would: these are memoized getters over data that does not change.
 */
export function defineLazy<T extends object, K extends keyof T>(target: T, key: K, compute: () => T[K]): T {
  let done = false;
  let value: T[K];
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get: () => {
      if (!done) {
        value = compute();
        done = true;
      }
      return value;
    },
  });
  return target;
}
