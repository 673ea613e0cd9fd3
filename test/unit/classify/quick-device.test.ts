// @vitest-environment node
// The quick matcher answers a field only when it is sure, and then exactly as the full classifier:
// checked differentially over the accuracy sets, random strings, strings its own grammar generates,
// and mutations of all of them, each with assorted client hints, touch points and screens.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { datasets } from '../../../bench/quick-device.mjs';
import type { ClientHints } from '../../../src/core/classify/context.js';
import { classifyDevice } from '../../../src/core/classify/device.js';
import { quickBrowser, quickDevice, quickOs, SHAPE } from '../../../src/core/classify/quick-device.js';

interface Input {
  ua: string;
  hints: ClientHints | null;
  touch: number;
  side?: number;
}

/** Every field the quick matcher answers, where it differs from the full classifier. */
function differences({ ua, hints, touch, side }: Input): string[] {
  const full = classifyDevice(ua, hints, touch, side);
  const { bot, device } = quickDevice(ua, hints, touch, side);
  const quick = { bot, device, os: quickOs(ua, hints, touch), browser: quickBrowser(ua, hints) };
  const unsure = { bot: null, device: null, os: undefined, browser: undefined };
  return (['bot', 'device', 'os', 'browser'] as const)
    .filter((field) => quick[field] !== unsure[field] && quick[field] !== full[field])
    .map(
      (field) =>
        `${field}: quick ${quick[field]}, full ${full[field]} for ${JSON.stringify({ ua, hints, touch, side })}`,
    );
}

const brand = (name: string) => ({ brand: name, version: '126' });
const HINTS: (ClientHints | null)[] = [
  null,
  { mobile: true, platform: 'Android', brands: [brand('Not/A)Brand'), brand('Chromium'), brand('Google Chrome')] },
  { mobile: false, platform: 'Windows', brands: [brand('Chromium'), brand('Brave')] },
  { mobile: true, platform: 'Linux', brands: [brand('Chromium'), brand('HeadlessChrome')] },
  { mobile: false, platform: 'macOS', brands: [brand('Microsoft Edge'), brand('Chromium')] },
];

describe('quickDevice(), quickOs(), quickBrowser()', () => {
  it('agree with the full classifier wherever they answer, on every accuracy set', () => {
    const seen = new Set<string>();
    const found: string[] = [];
    for (const { cases } of datasets() as { cases: Input[] }[]) {
      for (const c of cases) {
        // The user-agents set repeats strings; each distinct input is checked once.
        for (const input of [c, { ...c, side: undefined }, { ...c, touch: 5, side: 800 }, { ...c, touch: 0 }]) {
          for (const hints of c.hints ? [c.hints] : HINTS) {
            const key = JSON.stringify([input.ua, hints, input.touch, input.side]);
            if (seen.has(key)) continue;
            seen.add(key);
            found.push(...differences({ ...input, hints }));
          }
        }
      }
    }
    expect(found.slice(0, 20)).toEqual([]);
  });

  it('answers for the common shapes', () => {
    const iphone =
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
    expect(quickDevice(iphone, null, 5)).toEqual({ bot: false, device: 'mobile' });
    expect([quickOs(iphone, null, 5), quickBrowser(iphone, null)]).toEqual(['ios', 'safari']);
    const headless =
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.6478.126 Safari/537.36';
    expect(quickDevice(headless, null, 0).bot).toBe(true);
    expect(quickDevice('curl/8.7.1', null, 0)).toEqual({ bot: null, device: null });
  });
});

// ---- property tests ----

/** More for a deep run: QUICK_DEVICE_RUNS=100000 npx vitest run test/unit/classify/quick-device.test.ts */
const RUNS = Number(process.env.QUICK_DEVICE_RUNS) || 2000;

/** Strings the grammar allows: lookarounds and back-references are beyond fast-check's generator. */
const grammar = fc.stringMatching(
  new RegExp(
    SHAPE.source
      .replace(/^\^\(\?!.*?\)\)/, '^')
      .replace(/\\1/g, '(?:iPhone|iPad)')
      .replace(/\\6/g, '(?:K|SM-A536B)'),
  ),
  { size: 'small' },
);

const real = fc.constantFrom(
  ...(datasets() as { cases: Input[] }[])
    .flatMap(({ cases }) => cases.map((c) => c.ua))
    .filter((ua, i, all) => all.indexOf(ua) === i),
);

/** Pieces whose presence changes some classifier's answer. */
const PIECES = [
  ' Mobile',
  ' Mobile Safari/537.36',
  ' Safari/604.1',
  'Android',
  ' Android TV',
  'tablet',
  'iPhone',
  'iPad13,4',
  'SM-T500',
  'SM-F946B',
  'samsung ',
  'sc1',
  '; K)',
  ' Build/UP1A.231005.007',
  '; wv',
  ' Version/4.0',
  ' Chrome/1',
  ' CriOS/1',
  ' GSA/1',
  ' Edg/1',
  ' SamsungBrowser/1',
  'Windows NT 10.0',
  'Macintosh',
  'HbbTV/1',
  'CrKey/1',
  'bot',
  'Headless',
  '24x7',
  '/1.0;',
  '()',
  ';',
  ' ',
  'x',
  'Instagram 1 ',
  '[FBAN/FBIOS;FBAV/1;]',
  '[FB_IAB/FB4A;FBAV/1;]',
  '[Pinterest/iOS]',
];

const mutated = (source: fc.Arbitrary<string>) =>
  fc
    .tuple(
      source,
      fc.array(
        fc.tuple(fc.nat(), fc.nat({ max: 6 }), fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 3 }))),
        {
          minLength: 1,
          maxLength: 3,
        },
      ),
    )
    .map(([ua, edits]) =>
      edits.reduce((s, [at, cut, insert]) => {
        const i = at % (s.length + 1);
        return s.slice(0, i) + insert + s.slice(i + cut);
      }, ua),
    );

const hintsArb: fc.Arbitrary<ClientHints | null> = fc.oneof(
  fc.constantFrom(...HINTS),
  fc.record({
    mobile: fc.oneof(fc.boolean(), fc.anything()),
    platform: fc.oneof(fc.constantFrom('Android', 'Windows', 'macOS', 'Linux', 'Chrome OS', ''), fc.anything()),
    brands: fc.oneof(
      fc.array(
        fc.oneof(
          fc
            .constantFrom(
              'Google Chrome',
              'Chromium',
              'Not/A)Brand',
              'Brave',
              'Microsoft Edge',
              'HeadlessChrome',
              'Opera',
              'YaBrowser',
              'Samsung Internet',
              'DuckDuckGo',
            )
            .map(brand),
          fc.anything(),
        ),
      ),
      fc.anything(),
    ),
  }) as fc.Arbitrary<ClientHints>,
  fc.anything() as fc.Arbitrary<ClientHints>,
);

const touchArb = fc.oneof(
  fc.constantFrom(-1, 0, 1, 2, 5, 10, Number.NaN),
  fc.integer(),
  fc.anything(),
) as fc.Arbitrary<number>;
const sideArb = fc.oneof(
  fc.constantFrom(undefined, 0, 390, 599, 600, 601, 800, Number.NaN),
  fc.integer({ min: -1, max: 3000 }),
  fc.anything(),
) as fc.Arbitrary<number | undefined>;

const inputs = (ua: fc.Arbitrary<string>) =>
  fc.record({ ua, hints: hintsArb, touch: touchArb, side: sideArb }).map((r) => r as Input);

describe('quickDevice(), quickOs(), quickBrowser() (property)', () => {
  it.each([
    ['random strings', fc.string({ maxLength: 200 })],
    ['strings of its own grammar', grammar],
    ['mutations of its grammar', mutated(grammar)],
    ['mutations of real user agents', mutated(real)],
  ])('agree with the full classifier wherever they answer: %s', (_, ua) => {
    fc.assert(
      fc.property(inputs(ua), (input) => {
        expect(differences(input)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});
