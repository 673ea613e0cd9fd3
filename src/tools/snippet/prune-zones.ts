/**
 * Prunes the time zone → country table for one config, ahead of time: the inline decider then tells
 * apart only the countries that config's tests (and, where it needs the country, the consent default)
 * can tell apart, and still answers as the full table does for every zone name, real or not.
 *
 * Each country becomes its class: the answers of the tests on `country` (and whether storing needs
 * consent there). A zone's class is found the way location.ts finds its country: the longest listed
 * prefix of the name in its area, else the area's fallback; a name in no listed area has no country.
 * An entry goes when the class its names would get without it (the next shorter prefix, else the
 * fallback) is its own; an area goes when every name in it would get the class of "no country". What
 * is left keeps location.ts's format and reader, and names real countries.
 */
import { zoneAreas, type Area } from '../../core/classify/location.js';

type Classify = (country: string | null) => string;

interface Entry {
  readonly prefix: string;
  readonly country: string;
}

export function pruneZoneTable(text: string, classOf: Classify): string {
  const areas = zoneAreas(text);
  const none = classOf(null);
  const sections: string[] = [];
  for (const [name, area] of areas) {
    const entries = pruneArea(name === '', area, classOf, none);
    const fallbackClass = area.fallback === null ? none : classOf(area.fallback);
    if (!entries.length && fallbackClass === none) continue; // every name here: no country, or as if none
    sections.push(`${name}/${write(entries, area.fallback)}`);
  }
  return sections.join(';');
}

function pruneArea(topLevel: boolean, area: Area, classOf: Classify, none: string): Entry[] {
  let entries: Entry[] = area.names.map(([prefix, country]) => ({ prefix, country }));
  const fallback = area.fallback === null ? none : classOf(area.fallback);
  /** The class a name gets from `list`: top-level names match exactly, others by longest prefix. */
  const classFor = (city: string, list: readonly Entry[]) => {
    if (topLevel) {
      const hit = list.find((e) => e.prefix === city);
      return hit ? classOf(hit.country) : none;
    }
    let best: Entry | undefined;
    for (const e of list) if (city.startsWith(e.prefix) && (!best || e.prefix.length > best.prefix.length)) best = e;
    return best ? classOf(best.country) : fallback;
  };
  // Longest prefixes first: a shorter one they fall back to is still there when they are judged.
  for (const entry of [...entries].sort((a, b) => b.prefix.length - a.prefix.length)) {
    const rest = entries.filter((e) => e !== entry);
    if (classFor(entry.prefix, rest) === classOf(entry.country)) entries = rest;
  }
  return entries;
}

/** An area's entries in the table's format: a lower-case country before the names it applies to. */
function write(entries: readonly Entry[], fallback: string | null): string {
  const byCountry = new Map<string, string[]>();
  for (const e of entries) (byCountry.get(e.country) ?? byCountry.set(e.country, []).get(e.country)!).push(e.prefix);
  const tokens: string[] = [];
  if (fallback !== null) {
    tokens.push(fallback.toLowerCase(), '*', ...(byCountry.get(fallback) ?? []));
    byCountry.delete(fallback);
  }
  for (const [country, prefixes] of byCountry) tokens.push(country.toLowerCase(), ...prefixes);
  return tokens.join(' ');
}
