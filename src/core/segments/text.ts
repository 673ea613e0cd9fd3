/**
 * Case-insensitive text tests that allocate nothing on the hot path. The pattern is lower-cased once, at
 * compile time; the attribute value is folded one ASCII letter at a time while it is compared. Only a
 * value with non-ASCII characters (rare: attributes are codes and slugs) falls back to toLowerCase().
 */

const hasNonAscii = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return true;
  return false;
};

/** Does `value`, folded, equal `lower` from offset `at`? ASCII-only values only. */
function matchesAt(value: string, lower: string, at: number): boolean {
  for (let j = 0; j < lower.length; j++) {
    let c = value.charCodeAt(at + j);
    if (c >= 65 && c <= 90) c += 32; // A-Z → a-z
    if (c !== lower.charCodeAt(j)) return false;
  }
  return true;
}

/** `value` equals `lower` (an already lower-cased pattern), ignoring case. */
export function equalsFolded(value: string, lower: string): boolean {
  if (value === lower) return true;
  if (value.length !== lower.length) return hasNonAscii(value) && value.toLowerCase() === lower;
  for (let i = 0; i < value.length; i++) {
    let c = value.charCodeAt(i);
    if (c > 127) return value.toLowerCase() === lower;
    if (c >= 65 && c <= 90) c += 32;
    // Everything before i was ASCII, so i is still i in the lower-cased value: a mismatch is final.
    if (c !== lower.charCodeAt(i)) return false;
  }
  return true;
}

export function startsWithFolded(value: string, lower: string): boolean {
  if (hasNonAscii(value)) return value.toLowerCase().startsWith(lower);
  return value.length >= lower.length && matchesAt(value, lower, 0);
}

export function includesFolded(value: string, lower: string): boolean {
  if (value.includes(lower)) return true;
  if (hasNonAscii(value)) return value.toLowerCase().includes(lower);
  for (let at = 0; at + lower.length <= value.length; at++) if (matchesAt(value, lower, at)) return true;
  return false;
}

/**
 * Membership in a set built by `foldedSet`. The set holds each word lower-cased, upper-cased and as the
 * store owner spelled it, so a value in one case (`NO`, `mobile`) or in the owner's spelling is settled
 * without lower-casing it; only a mixed-case miss pays for toLowerCase().
 */
export function inFoldedSet(value: string, set: ReadonlySet<string>): boolean {
  if (set.has(value)) return true;
  let upper = false;
  let lower = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c > 127) return set.has(value.toLowerCase());
    if (c >= 65 && c <= 90) upper = true;
    else if (c >= 97 && c <= 122) lower = true;
  }
  return upper && lower && set.has(value.toLowerCase());
}

export function foldedSet(words: readonly string[]): Set<string> {
  return new Set(
    words.flatMap((word) => {
      const lower = word.toLowerCase();
      // Upper-cased only from ASCII, where lower → upper → lower is exact (not so for 'ß' → 'SS').
      return hasNonAscii(lower) ? [lower, word] : [lower, lower.toUpperCase(), word];
    }),
  );
}
