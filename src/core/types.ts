/** Shared value types for the pure core (classify → profile → attributes → segments → decide). */

export type Scalar = string | number | boolean | null;

/** What one attribute holds: a scalar, a list (customer tags) or a namespace map (interest.*). */
export type AttributeValue = Scalar | readonly string[] | Readonly<Record<string, number>>;

/**
 * The flat record expressions read: `visits`, `device`, `tags`, and namespace maps such as
 * `interest: { running: 3 }` for `interest.running`. A missing key means "unknown" (null).
 */
export type Attributes = Readonly<Record<string, AttributeValue | undefined>>;
