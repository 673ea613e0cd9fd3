/**
 * `hemisphere` and `season` from the visitor's time zone: December is summer in Sydney. The zone's
 * principal city gives the latitude (tz-hemispheres.ts, generated from the IANA zone table); zones
 * within 10° of the equator, clocks that are not places (UTC) and unknown zones have neither.
 * Seasons are meteorological: whole months, Dec–Feb winter in the north, summer in the south.
 */
import { TZ_HEMISPHERES } from './tz-hemispheres.js';

export type Hemisphere = 'north' | 'south';
export type Season = 'winter' | 'spring' | 'summer' | 'autumn';

interface Area {
  readonly fallback: string;
  /** [name prefix, sign]. */
  readonly names: ReadonlyArray<readonly [string, string]>;
}

let areas: Map<string, Area> | undefined;

/** Parsed on first use: a config that never reads `season` never pays for it. */
function areaTable(): Map<string, Area> {
  if (areas) return areas;
  areas = new Map();
  for (const section of TZ_HEMISPHERES.split(';')) {
    const slash = section.lastIndexOf('/'); // areas have slashes too: America/Argentina
    const [fallback, ...tokens] = section.slice(slash + 1).split(' ');
    const names: Array<[string, string]> = [];
    let sign = fallback!;
    for (const token of tokens) {
      if (token.length === 1 && /[nsx0-]/.test(token) && token === token.toLowerCase()) sign = token;
      else names.push([token, sign]);
    }
    areas.set(section.slice(0, slash), { fallback: fallback!, names });
  }
  return areas;
}

const SIGNS: Readonly<Record<string, Hemisphere>> = { n: 'north', s: 'south' };

export function hemisphereOf(timezone: string | null): Hemisphere | null {
  if (typeof timezone !== 'string' || timezone.length > 64) return null;
  const slash = timezone.lastIndexOf('/');
  const area = areaTable().get(slash < 0 ? '' : timezone.slice(0, slash));
  if (!area) return null;
  const city = timezone.slice(slash + 1);
  // The longest stored prefix wins; top-level names are stored whole.
  let best: readonly [string, string] | undefined;
  for (const entry of area.names) {
    if ((slash < 0 ? city === entry[0] : city.startsWith(entry[0])) && (!best || entry[0].length > best[0].length))
      best = entry;
  }
  return SIGNS[best ? best[1] : area.fallback] ?? null;
}

const NORTH: readonly Season[] = ['winter', 'spring', 'summer', 'autumn'];

/** Meteorological season of `month` (1-12) in `hemisphere`. */
export function seasonOf(month: number, hemisphere: Hemisphere | null): Season | null {
  if (!hemisphere || !Number.isInteger(month) || month < 1 || month > 12) return null;
  const quarter = Math.floor((month % 12) / 3); // Dec-Feb 0, Mar-May 1, Jun-Aug 2, Sep-Nov 3
  return NORTH[hemisphere === 'north' ? quarter : (quarter + 2) % 4]!;
}
