/**
 * @vitest-environment node
 *
 * Tables pruned for one config answer as the full ones do, or not at all (UNSURE): checked on the
 * accuracy sets' referrers (bench/data), on every IANA zone, and on random tagged links and hosts, for
 * the demo config and for configs that read one attribute each.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countryForZone, countryIn, zoneAreas } from '../../../../src/core/classify/location.js';
import { prunedSourceTables } from '../../../../src/core/classify/pruned-sources.js';
import { UNSURE } from '../../../../src/core/classify/sites.js';
import { classifySource, classifySourceIn } from '../../../../src/core/classify/source.js';
import type { TrafficSource } from '../../../../src/core/classify/types.js';
import { compileConfig } from '../../../../src/core/config/compile.js';
import { parseConfig } from '../../../../src/core/config/parse.js';
import { consentRequiredIn } from '../../../../src/core/consent/regions.js';
import { planEarly } from '../../../../src/tools/snippet/early-data.js';
import { answerOf } from '../../../../src/tools/snippet/prune-sources.js';
import { TZ_COUNTRIES } from '../../../../src/core/classify/tz-countries.js';
import { pruneZoneTable } from '../../../../src/tools/snippet/prune-zones.js';

const root = join(import.meta.dirname, '../../../..');
const demo = JSON.parse(readFileSync(join(root, 'demo/p13n.json'), 'utf8'));
const modern: Array<{ referrer: string }> = JSON.parse(
  readFileSync(join(root, 'bench/data/modern-referrers.json'), 'utf8'),
);

/** Every host of Snowplow's referers.yml (as bench/accuracy/referrers.mjs reads it). */
function refererParserHosts(): string[] {
  const dir = join(root, 'node_modules/referer-parser');
  const yaml = createRequire(join(dir, 'index.js'))('js-yaml');
  const data = yaml.load(readFileSync(join(dir, 'data/referers.yml'), 'utf8')) as Record<
    string,
    Record<string, { domains: string[] }>
  >;
  return Object.values(data).flatMap((group) => Object.values(group).flatMap((entry) => entry.domains ?? []));
}

const configs: Record<string, unknown> = {
  demo,
  email: { segments: {}, slots: { s: { rules: [{ id: 'r', when: "channel = 'Email'", content: null }] } } },
  social: {
    segments: {},
    slots: { s: { rules: [{ id: 'r', when: "referrer_type IN ('social', 'video')", content: null }] } },
  },
  search: {
    segments: {},
    slots: { s: { rules: [{ id: 'r', when: "channel = 'Organic Search' OR source = 'google'", content: null }] } },
  },
  printed: {
    segments: {},
    slots: { s: { rules: [{ id: 'r', content: { type: 'hero', heading: 'From {{source}}' } }] } },
  },
};

const LANDING = 'https://shop.example/';

describe.each(Object.entries(configs))('source tables pruned for the %s config', (_, config) => {
  const plan = planEarly(compileConfig(parseConfig(config).config));
  const tables = prunedSourceTables(plan.data.sources!);
  const answer = answerOf(plan.reads)!;
  let answered = 0;
  let unsure = 0;
  /** The pruned answer agrees with the full one on every field the tables decide, or is UNSURE. */
  const check = (url: string, referrer: string) => {
    const input = { url, referrer, internalHosts: [] };
    const full = classifySource(input);
    let pruned: TrafficSource | null;
    try {
      pruned = classifySourceIn(tables, input);
    } catch (error) {
      expect(error).toBe(UNSURE);
      unsure++;
      return;
    }
    answered++;
    // What the config reads (its tests' answers, the values its tokens print) agrees; what it never
    // looks at may differ.
    expect(answer(pruned), `${url} from ${referrer}`).toBe(answer(full));
  };

  it('agrees on the accuracy sets, and answers most of them', () => {
    for (const { referrer } of modern) check(LANDING, referrer);
    for (const host of refererParserHosts()) check(LANDING, `https://${host}/`);
    // Of real referrers, the pruned tables leave few to the full script.
    expect(unsure / (answered + unsure)).toBeLessThan(0.1);
  });

  it('agrees on random tagged links and referrers', () => {
    const words = fc.constantFrom(
      'google',
      'facebook',
      'newsletter',
      'instagram.com',
      'chatgpt.com',
      'bing',
      'tiktok',
      'x',
      'email',
      'Mail',
      'reddit.com',
      'pinterest',
      'klaviyo',
      'youtube',
    );
    const mediums = fc.constantFrom(
      '',
      'email',
      'cpc',
      'social',
      'organic',
      'referral',
      'paid_social',
      'display',
      'video',
      'sms',
    );
    const hosts = fc.constantFrom(
      '',
      'www.google.com',
      'm.facebook.com',
      'l.instagram.com',
      'chatgpt.com',
      'mail.google.com',
      'shop.example',
      'news.ycombinator.com',
      'academia.edu',
      'a.b.tumblr.com',
    );
    fc.assert(
      fc.property(
        fc.option(words),
        mediums,
        fc.option(fc.constantFrom('spring-shopping', 'cross-network', 'x')),
        hosts,
        (source, medium, campaign, host) => {
          const query = new URLSearchParams();
          if (source) query.set('utm_source', source);
          if (medium) query.set('utm_medium', medium);
          if (campaign) query.set('utm_campaign', campaign);
          check(`${LANDING}?${query}`, host ? `https://${host}/` : '');
        },
      ),
      { numRuns: 1500 },
    );
  });
});

describe('the zone table pruned for consent and country tests', () => {
  const zones = Intl.supportedValuesOf('timeZone');
  it.each([
    ['consent only', (c: string | null) => (consentRequiredIn(c) ? 'c' : 'o')],
    ["country = 'NO'", (c: string | null) => (c === 'NO' ? '1' : '0')],
    ["country != 'NO' (unknown is apart)", (c: string | null) => (c === null ? 'x' : c === 'NO' ? '0' : '1')],
  ])('%s: every zone, and names that are no zone, get the same answer', (_, classOf) => {
    const table = zoneAreas(pruneZoneTable(TZ_COUNTRIES, classOf));
    const names = [...zones, 'Europe/Nowhere', 'America/Argentina/Nowhere', 'GB', 'Japan', 'Etc/GMT+3', 'Foo/Bar', ''];
    for (const zone of names) expect(classOf(countryIn(table, zone)), zone).toBe(classOf(countryForZone(zone)));
    fc.assert(
      fc.property(
        fc.constantFrom('Europe/', 'America/', 'Asia/', 'Africa/', 'Atlantic/', 'Indian/', ''),
        fc.string({ maxLength: 8 }),
        (area, city) => {
          expect(classOf(countryIn(table, area + city))).toBe(classOf(countryForZone(area + city)));
        },
      ),
    );
  });
});
