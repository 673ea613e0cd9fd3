/** How many of the first entries a bounded list never drops: a page's first changes matter most (its page view). */
export const KEEP_FIRST = 10;

/**
 * Appends `item`, keeping `list` at most `max` long by dropping the oldest entry after the first
 * KEEP_FIRST. Constant work per push beyond the bound (one splice), so a loop of pushes stays linear.
 */
export function boundedPush<T>(list: T[], item: T, max: number): void {
  list.push(item);
  if (list.length > max) list.splice(Math.min(KEEP_FIRST, max - 1), 1);
}
