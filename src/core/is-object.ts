/** A JSON object as it comes from outside (a config, storage, the network): every field still unknown. */
export type JsonObject = Record<string, unknown>;

/**
 * The first check on any value from outside: a `{…}` object, not an array, not null. Arrays are
 * excluded because a hostile or mistaken `[…]` where an object belongs must be refused, not read
 * field by field as if its indexes were keys.
 */
export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
