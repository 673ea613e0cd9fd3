/**
 * What a model may read: only what the shopper's script knows at decision time, so the browser sees
 * the features exactly as training saw them (the page-view records `collect: ["pageviews"]` sends
 * carry these and nothing else). Never `predicted_purchase` itself, nor anything that identifies a
 * person (path, campaign, referrer host, tags, customer facts).
 */

/** Counts and amounts: entered as ln(1 + x). */
export const NUMBER_FEATURES = [
  'visits',
  'pageviews',
  'visit_pageviews',
  'days_since_last_visit',
  'cart_value',
  'cart_items',
  'orders',
  'total_spent',
] as const;

/** Values from a set (booleans and clock readings too): one weight per value. */
export const LEVEL_FEATURES = [
  'new_visitor',
  'logged_in',
  'channel',
  'referrer_type',
  'device',
  'os',
  'country',
  'hour',
  'weekday',
  'month',
] as const;

/** Open-ended counts: `interest.running`, `events.newsletter_signup` (0 when absent). */
export const NAMESPACE_FEATURES = ['interest', 'events'] as const;

/** A key below a namespace, as the profile stores it (interest keys and event names, lower case). */
export const NAMESPACE_KEY = /^[a-z0-9_]{1,40}$/;

const PLAIN: readonly string[] = [...NUMBER_FEATURES, ...LEVEL_FEATURES];

/** `number`, `level`, or null when a model may not read it. */
export function featureKind(name: string): 'number' | 'level' | null {
  if (PLAIN.includes(name)) return (NUMBER_FEATURES as readonly string[]).includes(name) ? 'number' : 'level';
  const dot = name.indexOf('.');
  return dot > 0 &&
    (NAMESPACE_FEATURES as readonly string[]).includes(name.slice(0, dot)) &&
    NAMESPACE_KEY.test(name.slice(dot + 1))
    ? 'number'
    : null;
}
