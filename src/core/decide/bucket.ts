/**
 * Deterministic A/B bucketing. Hash v1: FNV-1a 32-bit over the UTF-16 code units of
 * `seed|key|visitorId`, then murmur3's 32-bit finalizer (fmix32). FNV-1a alone mixes the last
 * characters poorly, so ids that differ only at the end would land in neighbouring buckets; the
 * finalizer spreads them (the same fix GrowthBook's hash v2 makes by hashing twice).
 *
 * Changing anything here reassigns every visitor of every running test: add a v2 beside it instead.
 */

export const HASH_VERSION = 1;

export function fnv1a32(input: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < input.length; i++) {
    hash ^= input.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** murmur3 fmix32: every input bit affects every output bit. */
function fmix32(hash: number): number {
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** A number in [0, 1) that is the same for the same inputs, on every browser, forever (for v1). */
export function unitHash(seed: string, key: string, visitorId: string): number {
  return fmix32(fnv1a32(`${seed}|${key}|${visitorId}`)) / 0x1_0000_0000;
}

/** Index of the weighted choice that `point` in [0, 1) falls into; weights need not sum to 100. */
export function pickWeighted(weights: readonly number[], point: number): number {
  let total = 0;
  for (const weight of weights) total += weight > 0 ? weight : 0;
  let edge = 0;
  for (let i = 0; i < weights.length; i++) {
    edge += (weights[i]! > 0 ? weights[i]! : 0) / total;
    if (point < edge && weights[i]! > 0) return i;
  }
  // Floating-point rounding can leave `edge` a hair under 1: the last positive weight takes the rest.
  for (let i = weights.length - 1; i >= 0; i--) if (weights[i]! > 0) return i;
  return 0;
}
