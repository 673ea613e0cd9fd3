// Time zone → country against `countries-and-timezones` (MIT), which builds its own table from the IANA
// database: every zone it knows, deprecated and link names included. A zone it gives one country must get
// that country; a zone shared by several (Europe/Zurich: CH, DE, LI) must get one of them; a zone with
// none (Etc/GMT+5, UTC) must get none. Then every zone this Node's ICU reports (Intl.supportedValuesOf):
// the names browsers actually send.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT, row } from './load.mjs';

export function measureTimezones({ countryForZone }) {
  const ct = createRequire(join(ROOT, 'package.json'))('countries-and-timezones');
  const zones = Object.values(ct.getAllTimezones({ deprecated: true }));
  const misses = [];
  const judge = (zone) => {
    const ours = countryForZone(zone.name);
    const ok =
      zone.countries.length === 0
        ? ours === null
        : zone.countries.length === 1
          ? ours === zone.countries[0]
          : zone.countries.includes(ours);
    if (!ok)
      misses.push({
        zone: zone.name,
        want: zone.countries.join('|') || '(none)',
        got: ours,
        deprecated: !!zone.deprecated,
      });
    return ok;
  };
  const groups = [
    ['one country', zones.filter((z) => z.countries.length === 1)],
    ['  of which deprecated or link names', zones.filter((z) => z.countries.length === 1 && z.deprecated)],
    ['several countries: ours among them', zones.filter((z) => z.countries.length > 1)],
    ['no country (Etc/*, UTC): ours none', zones.filter((z) => z.countries.length === 0)],
  ];
  const rows = groups.map(([label, list]) =>
    row('countries-and-timezones', label, list.length, list.filter(judge).length),
  );
  const unique = [...new Map(misses.map((m) => [m.zone, m])).values()];

  const byName = new Map(zones.map((z) => [z.name, z]));
  const intl = Intl.supportedValuesOf('timeZone');
  const known = intl.filter((name) => byName.get(name)?.countries.length === 1);
  rows.push(
    row(
      'Intl.supportedValuesOf',
      'zones with one country: same country',
      known.length,
      known.filter((name) => countryForZone(name) === byName.get(name).countries[0]).length,
    ),
  );
  const places = intl.filter((name) => !/^(Etc\/|UTC$|GMT$)/.test(name));
  rows.push(
    row(
      'Intl.supportedValuesOf',
      'place zones given a country',
      places.length,
      places.filter((n) => countryForZone(n) !== null).length,
    ),
  );
  return { rows, misses: unique };
}
