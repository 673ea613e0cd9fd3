/**
 * Device class, OS and browser from the user agent (ua-parser-js 1.x, MIT: https://github.com/faisalman/ua-parser-js;
 * 2.x is AGPL, do not upgrade), refined by User-Agent Client Hints and touch support; `bot` from the
 * maintained isbot pattern list (https://github.com/omrilotan/isbot, Unlicense). Pure, never throws.
 *
 * Classes: `mobile` and `tablet` (ua-parser's own), `desktop` (no device type: computers), and `other`
 * for browsers that are not a general-purpose phone, tablet or computer: smart TVs and sticks,
 * consoles (handhelds too), watches, XR headsets, cars, and e-ink readers (Kindle's "experimental
 * browser" is a tablet to ua-parser, but no one shops on it like on a tablet).
 */
import UAParser from 'ua-parser-js';
import { brandNames, isBot, MAX_UA } from './bot.js';
import type { ClientHints } from './context.js';
import type { DeviceClass, DeviceFacts } from './types.js';
import { defineLazy } from '../lazy.js';
import { refineDevice } from './device-overrides.js';

const OTHER_TYPES = ['smarttv', 'console', 'wearable', 'embedded', 'xr'];

/** TVs and e-readers ua-parser 1.x leaves without a type (Panasonic Viera, HbbTV sets, Kindle e-ink). */
const OTHER_UA = /\b(smart-?tv|hbbtv|viera|netcast|roku|crkey|googletv|android tv|aft[a-z]{1,3}\b)|kindle\/\d/i;

/** In-app browsers ua-parser 1.x calls "Chrome WebView" or "WebKit", and renames. */
const IN_APP: readonly (readonly [RegExp, string])[] = [
  [/FBAN\/Messenger|FB_IAB\/Orca-Android/, 'messenger'],
  // Facebook's in-app browser since 2025 (https://github.com/ua-parser/uap-core/issues/665); on iOS
  // ua-parser 1.x takes it for Safari. (crawler-user-agents lists it as a link-preview bot: it is not.)
  [/\bMetaIAB Facebook\b/, 'facebook'],
  [/\bBarcelona \d/, 'threads'], // Threads' in-app browser goes by its code name
  [/musical_ly|\btrill_\d|\bTikTok\b/, 'tiktok'],
  [/\[Pinterest\//, 'pinterest'],
  [/\bGSA\/\d/, 'google'], // the Google app
];

const BROWSER_NAMES: Readonly<Record<string, string>> = {
  'mobile safari': 'safari',
  'mobile firefox': 'firefox',
  'mobile chrome': 'chrome',
  'chrome headless': 'chrome',
  'opera touch': 'opera',
  'opera mobi': 'opera',
  'opera gx': 'opera',
  'opera coast': 'opera',
  'opera tablet': 'opera',
  gsa: 'google',
  ucbrowser: 'uc browser',
  'samsung browser': 'samsung internet',
  'edge webview': 'edge',
};

/** Client-hint brands that name a Chromium browser whose user agent says only "Chrome". */
const BRANDS: readonly (readonly [RegExp, string])[] = [
  [/^brave$/i, 'brave'],
  [/edge/i, 'edge'],
  [/^opera/i, 'opera'],
  [/yandex|yabrowser/i, 'yandex'],
  [/samsung/i, 'samsung internet'],
  [/duckduckgo/i, 'duckduckgo'],
];

const LINUX_DISTROS =
  /^(linux|ubuntu|kubuntu|xubuntu|lubuntu|debian|fedora|arch|mint|gentoo|suse|opensuse|slackware|mandriva|centos|red ?hat|raspbian|deepin|manjaro|elementary os|sabayon|linspire|zenwalk|mageia)$/;

function osName(name: string | undefined, ua: string): string | null {
  if (/\bKAIOS\//i.test(ua)) return 'kaios'; // ua-parser 1.x calls KaiOS phones Android
  if (!name) return null;
  const n = name.toLowerCase();
  if (n === 'mac os') return 'macos';
  if (n === 'chromium os' || n === 'chrome os') return 'chromeos';
  return LINUX_DISTROS.test(n) ? 'linux' : n;
}

function browserName(name: string | undefined, ua: string, hints: ClientHints | null): string | null {
  for (const [pattern, app] of IN_APP) if (pattern.test(ua)) return app;
  if (!name) return null;
  const n = BROWSER_NAMES[name.toLowerCase()] ?? name.toLowerCase();
  if ((n === 'chrome' || n === 'chromium') && hints) {
    // Brave and others send Chrome's exact user agent; only the brand list tells them apart.
    for (const brand of brandNames(hints)) {
      const hit = BRANDS.find(([pattern]) => pattern.test(brand));
      if (hit) return hit[1];
    }
  }
  return n;
}

export function classifyDevice(
  ua: string,
  hints: ClientHints | null,
  maxTouchPoints: number,
  screenShortSide?: number,
): DeviceFacts {
  // Every page needs `bot`; the parse behind device, os and browser waits until one is read (../lazy.ts).
  return Object.defineProperties(
    { bot: isBot(ua, hints) },
    Object.getOwnPropertyDescriptors(uaFacts(ua, hints, maxTouchPoints, screenShortSide)),
  ) as DeviceFacts;
}

/** Device class, OS and browser, each parsed when first read: the `ua` chunk of the shopper's script. */
export function uaFacts(
  ua: string,
  hints: ClientHints | null,
  maxTouchPoints: number,
  screenShortSide?: number,
): Omit<DeviceFacts, 'bot'> {
  const agent = typeof ua === 'string' ? ua.slice(0, MAX_UA) : '';
  const ch = hints && typeof hints === 'object' && Array.isArray(hints.brands) ? hints : null;
  const touch = typeof maxTouchPoints === 'number' ? maxTouchPoints : -1; // -1: unknown, never "no touch"
  const facts = {} as { -readonly [K in keyof DeviceFacts]: DeviceFacts[K] };
  // One parser, asked only for what is read: a rule on `browser` needs no device scan, and the device
  // regexes (scanned to the end for every desktop) are ua-parser's slowest part.
  let parser: UAParser | undefined;
  const ask = <T>(read: (ua: UAParser) => T, fallback: T): T => {
    try {
      // Pure on purpose: given the page's own user agent (or none), ua-parser 1.x reads the live
      // navigator (userAgentData, standalone, maxTouchPoints). It decides that once, in the constructor,
      // so a placeholder there and the real string via setUA keep it to the string we pass.
      parser ??= new UAParser(' ').setUA(agent);
      return read(parser);
    } catch {
      return fallback;
    }
  };
  let kind: Pick<DeviceFacts, 'device' | 'os'> | undefined;
  const classified = () =>
    (kind ??= deviceAndOs(
      agent,
      ch,
      touch,
      screenShortSide,
      ask((ua) => ua.getOS().name, undefined),
      ask((ua) => ua.getDevice().type, undefined),
    ));
  defineLazy(facts, 'device', () => classified().device);
  defineLazy(facts, 'os', () => classified().os);
  return defineLazy(facts, 'browser', () =>
    browserName(
      ask((ua) => ua.getBrowser().name, undefined),
      agent,
      ch,
    ),
  );
}

function deviceAndOs(
  agent: string,
  ch: ClientHints | null,
  touch: number,
  shortSide: number | undefined,
  osParsed: string | undefined,
  type: string | undefined,
): Pick<DeviceFacts, 'device' | 'os'> {
  let os = osName(osParsed, agent);
  let device: DeviceClass;

  if (type && OTHER_TYPES.includes(type)) device = 'other';
  else if (OTHER_UA.test(agent)) device = 'other';
  else if (type === 'mobile' || type === 'tablet') device = type;
  else if (os === 'macos' && touch > 1) {
    // iPadOS Safari asks for desktop sites with a Mac user agent; only touch gives it away.
    device = 'tablet';
    os = 'ios';
  } else if (os === 'android') {
    // Android's convention: phones say "Mobile", tablets do not (Opera Mini says neither).
    device = /mobile|opera mini/i.test(agent) || ch?.mobile === true ? 'mobile' : 'tablet';
  } else if (ch?.mobile === true && (os === null || os === 'linux')) {
    // Chrome for Android in desktop mode sends a Linux user agent, but still `mobile: true`.
    device = 'mobile';
    if (/android/i.test(ch.platform)) os = 'android';
  } else if (os === 'linux' && touch > 1) {
    // Android tablets ask for desktop sites by default (Chrome on large screens,
    // https://developer.chrome.com/blog/desktop; Samsung Internet for long) and then send an
    // "X11; Linux x86_64" user agent; a Linux computer with a touchscreen is far rarer.
    device = 'tablet';
    os = 'android';
  } else device = 'desktop';

  if (os === null && ch && typeof ch.platform === 'string' && ch.platform) os = osName(ch.platform, agent);
  return { device: refineDevice(agent, device, os, touch, shortSide), os };
}
