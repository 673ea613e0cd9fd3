// @vitest-environment node
// The quick matcher answers a field only when it is sure, and then exactly as the full classifier
// (classifyDevice: ua-parser-js, isbot and our overrides). Checked differentially over the accuracy
// sets, random strings, strings of its own grammar and mutations of those, each with assorted client
// hints, touch points and screens. A deep run: QUICK_DEVICE_RUNS=100000 npx vitest run <this file>.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { datasets } from '../../../../bench/quick-device.mjs';
import type { ClientHints } from '../../../../src/core/classify/context.js';
import { classifyDevice } from '../../../../src/core/classify/device.js';
import { quickBrowser, quickDevice, quickOs, shapePattern } from '../../../../src/core/classify/quick-device.js';

interface Input {
  ua: string;
  hints: ClientHints | null;
  touch: number;
  side?: number;
}

const FIELDS = ['bot', 'device', 'os', 'browser'] as const;
const UNSURE = { bot: null, device: null, os: undefined, browser: undefined };

function quick({ ua, hints, touch, side }: Input) {
  return { ...quickDevice(ua, hints, touch, side), os: quickOs(ua, hints, touch), browser: quickBrowser(ua, hints) };
}

/** Every field the quick matcher answers where the full classifier says otherwise. */
function differences(input: Input): string[] {
  const answers = quick(input);
  const answered = FIELDS.filter((field) => answers[field] !== UNSURE[field]);
  if (answered.length === 0) return [];
  const { ua, hints, touch, side } = input;
  const full = classifyDevice(ua, hints, touch, side);
  return answered
    .filter((field) => answers[field] !== full[field])
    .map((field) => `${field}: quick ${answers[field]}, full ${full[field]} for ${JSON.stringify(input)}`);
}

const brand = (name: string) => ({ brand: name, version: '126' });
const chrome = (mobile: boolean, platform: string, ...extra: string[]): ClientHints => ({
  mobile,
  platform,
  brands: [brand('Not/A)Brand'), brand('Chromium'), ...extra.map(brand)],
});
const HINTS: (ClientHints | null)[] = [
  null,
  chrome(true, 'Android', 'Google Chrome'),
  chrome(false, 'Windows', 'Brave'),
  chrome(true, 'Linux', 'HeadlessChrome'),
  chrome(false, 'macOS', 'Microsoft Edge'),
];

const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const IPAD_FACEBOOK =
  'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/470.0.0.40.109;FBBV/613869367;FBDV/iPad13,18;FBMD/iPad;FBSN/iPadOS;FBSV/17.5;FBSS/2;FBID/tablet;FBLC/en_US;FBOP/5;FBRV/0]';
const ANDROID_CHROME =
  'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';
const ANDROID_TABLET =
  'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const SAMSUNG_INSTAGRAM =
  'Mozilla/5.0 (Linux; Android 13; SM-A536B Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/126.0.6478.71 Mobile Safari/537.36 Instagram 337.0.0.35.102 Android (33/13; 450dpi; 1080x2177; samsung; SM-A536B; a53x; s5e8825; en_GB; 614413781)';
const FOLD =
  'Mozilla/5.0 (Linux; Android 14; SM-F946B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';
const MAC_SAFARI =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';
const LINUX_CHROME =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const HEADLESS =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.6478.126 Safari/537.36';

describe('quickDevice(), quickOs(), quickBrowser()', () => {
  it('answer the common shapes', () => {
    expect(quick({ ua: IPHONE, hints: null, touch: 5 })).toEqual({
      bot: false,
      device: 'mobile',
      os: 'ios',
      browser: 'safari',
    });
    expect(quick({ ua: IPAD_FACEBOOK, hints: null, touch: 5 })).toEqual({
      bot: false,
      device: 'tablet',
      os: 'ios',
      browser: 'facebook',
    });
    expect(quick({ ua: SAMSUNG_INSTAGRAM, hints: null, touch: 5, side: 412 })).toEqual({
      bot: false,
      device: 'mobile',
      os: 'android',
      browser: 'instagram',
    });
    expect(quick({ ua: ANDROID_CHROME, hints: chrome(true, 'Android', 'Google Chrome'), touch: 5 })).toEqual({
      bot: false,
      device: 'mobile',
      os: 'android',
      browser: 'chrome',
    });
  });

  it('follows the full classifier on screens, touch and hints', () => {
    // A phone with a tablet's screen is a tablet, but a foldable or Chrome's reduced user agent is not.
    expect(quickDevice(SAMSUNG_INSTAGRAM, null, 5, 800).device).toBe('tablet');
    expect(quickDevice(FOLD, null, 5, 800).device).toBe('mobile');
    expect(quickDevice(ANDROID_CHROME, null, 5, 800).device).toBe('mobile');
    expect(quickDevice(ANDROID_TABLET, null, 5).device).toBe('tablet');
    // iPadOS asks for desktop sites with a Mac's user agent.
    expect([quickDevice(MAC_SAFARI, null, 5).device, quickOs(MAC_SAFARI, null, 5)]).toEqual(['tablet', 'ios']);
    expect([quickDevice(MAC_SAFARI, null, 0).device, quickOs(MAC_SAFARI, null, 0)]).toEqual(['desktop', 'macos']);
    expect(quickDevice(LINUX_CHROME, chrome(false, 'Linux', 'Google Chrome'), 0).device).toBe('desktop');
    expect(quickBrowser(LINUX_CHROME, chrome(false, 'Linux', 'Google Chrome'))).toBe('chrome');
  });

  it('is unsure where the full classifier needs more than it keeps', () => {
    // Chrome for Android in desktop mode, and an Android tablet asking for desktop sites.
    expect(quickDevice(LINUX_CHROME, chrome(true, 'Android', 'Google Chrome'), 5).device).toBeNull();
    expect(quickOs(LINUX_CHROME, null, 5)).toBeUndefined();
    // A phone's user agent without a touchscreen: emulation or a TV box.
    expect(quickDevice(ANDROID_CHROME, null, 0)).toEqual({ bot: false, device: null });
    // Brave sends Chrome's user agent.
    expect(quickBrowser(LINUX_CHROME, chrome(false, 'Linux', 'Brave'))).toBeUndefined();
    // Anything else: crawlers, other browsers, other devices.
    expect(quickDevice('curl/8.7.1', null, 0)).toEqual({ bot: null, device: null });
    expect(quickDevice(`${IPHONE} Googlebot/2.1`, null, 5)).toEqual({ bot: null, device: null });
    expect(quickDevice(IPHONE.replace('17_5', '17_5; 24x7'), null, 5).bot).toBeNull();
  });

  it('calls headless Chrome a bot, by its user agent or by a client-hint brand', () => {
    expect(quickDevice(HEADLESS, null, 0).bot).toBe(true);
    expect(quickDevice(LINUX_CHROME, chrome(false, 'Linux', 'HeadlessChrome'), 0).bot).toBe(true);
    expect(quickDevice('anything', chrome(false, 'Linux', 'HeadlessChrome'), 0).bot).toBe(true);
  });

  it('agree with the full classifier on near misses, with any touch, screen and hints', () => {
    const nearMisses = [
      IPHONE.replace('Version/17.5', 'Version/24X7'), // isbot matches 24x7 anywhere, in any case
      IPAD_FACEBOOK.replace('FBDV/iPad13,18', 'FBDV/iPhone13,2'), // ua-parser: an iPad naming an iPhone is a phone
      FOLD.replace('SM-F946B', 'SM-F91B'), // not a foldable to device-overrides.ts: SM-F9 and two digits
      ANDROID_CHROME.replace('K)', 'K Build/UP1A.231005.007)'), // Chrome's reduced user agent, but not "; K)"
      ANDROID_CHROME.replace('K)', 'Pixel 2 Build/OPR1.170623.027)'), // an "OPR" that is no Opera
      ANDROID_CHROME.replace('Mobile Safari', 'Mobile/15E148 Safari'), // Mobile, but not "Mobile Safari"
      ANDROID_TABLET.replace('K)', 'Pixel 8 Pro)'), // no "Mobile": a tablet to ua-parser, but a Pixel
      IPHONE.replace('Version/17.5 Mobile/15E148 Safari/604.1', 'GSA/323.0.647062479 Mobile/15E148'),
      IPHONE.replace('Version', 'SamsungBrowser'),
      LINUX_CHROME.replace('Chrome/126.0.0.0', 'Chrome/126.0.0.0 Mobile'),
      MAC_SAFARI.replace('Version/17.5 Safari', 'Chrome/126.0.0.0 Safari'),
      SAMSUNG_INSTAGRAM.replace('; SM-A536B; a53x', '; SM-A546B; a53x'), // Instagram's model is the platform's
    ];
    const found = nearMisses.flatMap((ua) =>
      [0, 5, -1].flatMap((touch) =>
        [undefined, 400, 800].flatMap((side) => HINTS.flatMap((hints) => differences({ ua, hints, touch, side }))),
      ),
    );
    expect(found).toEqual([]);
  });

  it('agree with the full classifier wherever they answer, on every accuracy set', () => {
    const seen = new Set<string>();
    const found: string[] = [];
    let turn = 0;
    for (const { cases } of datasets() as { cases: Input[] }[]) {
      for (const c of cases) {
        for (const variant of [c, { ...c, side: undefined }, { ...c, touch: 5, side: 800 }, { ...c, touch: 0 }]) {
          // Hints in turn (the property tests below mix them with everything); the set's own first.
          const input = { ...variant, hints: c.hints ?? HINTS[turn++ % HINTS.length]! };
          // The user-agents set repeats strings: each distinct input is checked once.
          const key = JSON.stringify(input);
          if (seen.has(key)) continue;
          seen.add(key);
          found.push(...differences(input));
        }
      }
    }
    expect(found.slice(0, 20)).toEqual([]);
  });
});

// ---- property tests ----

const RUNS = Number(process.env.QUICK_DEVICE_RUNS) || 2000;

/**
 * Strings of the matcher's own grammar. fast-check generates no lookarounds or back-references: the
 * lookahead goes, and each back-reference becomes a marker, then what its group matched.
 */
const grammar = fc
  .stringMatching(
    new RegExp(
      shapePattern()
        .source.replace(/^\^\(\?!.*?\)\)/, '^')
        .replace(/\\k<apple>/g, '§')
        .replace(/\\k<model>/g, '¤')
        // fast-check's grammar knows no named groups: plain groups match the same.
        .replace(/\(\?<\w+>/g, '('),
    ),
    { size: 'small' },
  )
  .map((ua) => {
    const m = /\((iPhone|iPad);|Android [\d.]*; ([^;)]*?)(?: Build|;|\))/.exec(ua);
    return ua.replaceAll('§', m?.[1] ?? '').replaceAll('¤', m?.[2] ?? '');
  });

const real = fc.constantFrom(
  ...new Set((datasets() as { cases: Input[] }[]).flatMap(({ cases }) => cases.map((c) => c.ua))),
);

/** Pieces that change some classifier's answer, or nearly match what the matcher allows. */
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
  'SM-F91B',
  'samsung ',
  'sc1',
  '; K)',
  ' Build/UP1A.231005.007',
  'OPR1',
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

/** Up to three edits: a piece or a few random characters in, a few characters out. */
const mutated = (source: fc.Arbitrary<string>) =>
  fc
    .tuple(
      source,
      fc.array(
        fc.tuple(fc.nat(), fc.nat({ max: 6 }), fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 3 }))),
        { minLength: 1, maxLength: 3 },
      ),
    )
    .map(([ua, edits]) =>
      edits.reduce((s, [at, cut, insert]) => {
        const i = at % (s.length + 1);
        return s.slice(0, i) + insert + s.slice(i + cut);
      }, ua),
    );

/** Real hints, plausible ones, and hostile values (the hints come from a page global). */
const hintsArb = fc.oneof(
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
  }),
  fc.anything(),
) as fc.Arbitrary<ClientHints | null>;

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

const inputs = (ua: fc.Arbitrary<string>): fc.Arbitrary<Input> =>
  fc.record({ ua, hints: hintsArb, touch: touchArb, side: sideArb });

describe('quickDevice(), quickOs(), quickBrowser() (property)', () => {
  it.each([
    ['random strings', fc.string({ maxLength: 200 })],
    ['strings of its own grammar', grammar],
    ['mutations of its grammar', mutated(grammar)],
    ['mutations of real user agents', mutated(real)],
  ])(
    'agree with the full classifier wherever they answer: %s',
    (_, ua) => {
      fc.assert(
        fc.property(inputs(ua), (input) => {
          expect(differences(input)).toEqual([]);
        }),
        { numRuns: RUNS },
      );
    },
    Math.max(30_000, RUNS * 5),
  );
});
