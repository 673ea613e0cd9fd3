/**
 * Google Consent Mode v2 states in `window.dataLayer`: `gtag('consent', 'default' | 'update', {…})`
 * pushes its `arguments` object (GTM consent templates do the same through gtag).
 * https://developers.google.com/tag-platform/security/guides/consent
 *
 * Which type governs the profile: `personalization_storage` ("storage related to personalization,
 * such as video recommendations") is exactly what the profile is. Many banners only send the four
 * types Google Ads requires; then `analytics_storage` governs (the profile also counts visits and page
 * views). A command naming neither says nothing about us.
 */

export interface ConsentCommand {
  readonly kind: 'default' | 'update';
  readonly granted: boolean;
  /** `region: ['NO', 'US-CA']` on a default: applies only there. Null: everywhere. */
  readonly regions: readonly string[] | null;
}

type Bag = Record<string, unknown>;

/** Reads a property without letting a throwing getter or proxy escape. */
function get(bag: unknown, key: string): unknown {
  try {
    return typeof bag === 'object' && bag !== null ? (bag as Bag)[key] : undefined;
  } catch {
    return undefined;
  }
}

function state(value: unknown): boolean | null {
  return value === 'granted' ? true : value === 'denied' ? false : null;
}

/** A consent command from one dataLayer entry, or null for anything else. Never throws. */
export function consentCommand(entry: unknown): ConsentCommand | null {
  if (typeof entry !== 'object' || entry === null) return null;
  const length = get(entry, 'length');
  if (typeof length !== 'number' || length < 3 || get(entry, '0') !== 'consent') return null;
  const kind = get(entry, '1');
  if (kind !== 'default' && kind !== 'update') return null;
  const params = get(entry, '2');
  const granted = state(get(params, 'personalization_storage')) ?? state(get(params, 'analytics_storage'));
  if (granted === null) return null;
  const region = get(params, 'region');
  const regions =
    kind === 'default' && Array.isArray(region)
      ? region
          .slice(0, 300)
          .filter((code): code is string => typeof code === 'string')
          .map((code) => code.trim().toUpperCase())
      : null;
  return { kind, granted, regions: regions && regions.length > 0 ? regions : null };
}

/**
 * The default that applies to a visitor in `country`: a region-specific default wins over a global
 * one (as in gtag), the later of two equally specific ones wins. Subdivision regions (`US-CA`) are
 * not matched: the script knows the country only.
 */
export function consentModeDefault(defaults: readonly ConsentCommand[], country: string | null): boolean | null {
  let global: boolean | null = null;
  let regional: boolean | null = null;
  for (const command of defaults) {
    if (command.kind !== 'default') continue;
    if (command.regions === null) global = command.granted;
    else if (country !== null && command.regions.includes(country)) regional = command.granted;
  }
  return regional ?? global;
}
