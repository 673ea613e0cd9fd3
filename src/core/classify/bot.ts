/**
 * Whether a user agent is a crawler (the maintained isbot pattern list,
 * https://github.com/omrilotan/isbot, Unlicense) or headless Chrome. On the shopper's critical path:
 * a bot gets every slot's default content, so this is decided on every page before anything else.
 * Pure, never throws.
 */
import { isbot } from 'isbot';
import type { ClientHints } from './context.js';

/** ua-parser gives up past 500 characters anyway; this keeps the bot regex cheap on hostile input. */
export const MAX_UA = 1000;

/** The brand names, skipping anything malformed (the hints come from a page global). */
export const brandNames = (hints: ClientHints): string[] =>
  hints.brands.map((b) => (b && typeof b === 'object' && typeof b.brand === 'string' ? b.brand : '')).filter(Boolean);

/** TV browsers isbot takes for crawlers (HbbTV sets, NetRange and Opera TV portals, Chromecast): shoppers. */
export const TV_BROWSER = /\bHbbTV\/|\bNETRANGEMMH\b|\bNETTV\/|\bCE-HTML\/|\bOMI\/\d|\bOpera TV\b|\bCrKey\//;

export function isBot(ua: string, hints: ClientHints | null): boolean {
  const agent = typeof ua === 'string' ? ua.slice(0, MAX_UA) : '';
  const ch = hints && typeof hints === 'object' && Array.isArray(hints.brands) ? hints : null;
  return (isbot(agent) && !TV_BROWSER.test(agent)) || (!!ch && brandNames(ch).some((brand) => /headless/i.test(brand)));
}
