/**
 * A quick device matcher for the inline early decider, which decides before the first paint and cannot
 * carry ua-parser-js (10 KB) or isbot (1.6 KB). It knows a few strict user-agent shapes — the browsers
 * and in-app browsers most shoppers use on iPhone, iPad, Android, Windows, macOS, Linux and ChromeOS —
 * and for those answers exactly what the full classifier (device.ts, bot.ts) answers. Anything else is
 * unsure: `null` for `bot` and `device`, `undefined` for `os` and `browser` (whose full answer may be
 * null), and a decision that needs an unsure fact waits for the full script.
 *
 * Exact by construction, and checked differentially (test/unit/core/classify/quick-device.test.ts: the
 * accuracy sets, near misses, random strings, strings of SHAPE's own grammar and mutations of those,
 * with assorted client hints, touch points and screens). That test runs in `npm test`, so a change to
 * device.ts, device-overrides.ts, bot.ts, ua-parser-js or isbot that this matcher no longer mirrors is
 * caught there (a deep run: QUICK_DEVICE_RUNS=100000).
 *
 * Answered, as a share of each set (`node bench/quick-device.mjs`, 2026-12): bot / device / os / browser
 *   user-agents, 10,000 real browsers, traffic-weighted   93.8 / 81.8 / 93.7 / 93.8 %
 *     (device: rows whose platform is not the user agent's, emulation mostly, come with no touch)
 *   device-detector's long tail, 800                         0.9 % each
 *   crawler-user-agents, 2,118                               0.1 % each (human, as isbot says too)
 *   in-app browsers, the classifier's 24 fixtures           45.8 % each (67.3 % weighted by app)
 *   a typical shopper mix: iPhone 40 %, Android phone 20 %,  94.1 % each
 *     desktop Chrome 25 %, in-app browsers 15 % (98.8, 97.4, 100, 67.3 % of each)
 * Bytes (the same command; esbuild minified IIFE, gzip -9): bot + device 1,228 (962 of them without the
 * in-app browsers); os +76 and browser +295, separate exports that a bundle reading neither drops.
 */
import type { ClientHints } from './context.js';
import type { DeviceClass } from './types.js';

/** Each field is exactly `classifyDevice()`'s answer, or `null`: unsure. */
export interface QuickDevice {
  readonly bot: boolean | null;
  readonly device: DeviceClass | null;
}

/**
 * The user agents the matcher vouches for, whole: platform and every token spelled out, so that no
 * part of the string means a crawler to isbot or a device to ua-parser's device table.
 * - Refused up front: the few non-words isbot matches anywhere (`24x7`, `…/1.0;`), and more than the
 *   500 characters ua-parser reads.
 * - iPhone and iPad: WebKit, then tokens in any order (Safari's `Version`, the iOS build `Mobile/15E148`
 *   with its one letter, `CriOS`, `FxiOS`, `EdgiOS`, the Google app's `GSA`…), then at most one in-app
 *   browser's suffix: Instagram's, Facebook's or Messenger's (their fields in any order), Pinterest's.
 *   Their free text is kept to numbers, two-letter locales and fixed words; `\1` makes an iPad's suffix
 *   name an iPad (an iPad's user agent that names an iPhone is a phone to ua-parser).
 * - Computers: Windows, macOS, ChromeOS, Linux; Firefox's own form, or WebKit with Chrome's, Edge's,
 *   Opera's, Safari's or Samsung Internet's tokens (and HeadlessChrome: a bot).
 * - Android: Chrome's reduced user agent (`K`), Samsung phones (`SM-`, without the tablets' P, T, X
 *   and the watches' L, R) and Pixels, with a build and the WebView mark (`wv`); the same tokens as
 *   iOS; Facebook's or Pinterest's suffix, or Instagram's on a Samsung phone (`\6`: the same model; a
 *   device code name has at most two letters in a row, so it spells no crawler).
 */
const HEAD = String.raw`^(?!.{501}|.*(?:24[Xx]7|\/1\.0;))Mozilla\/5\.0 \(`;
const IOS = String.raw`(?<apple>iPhone|iPad); CPU (?:iPhone )?OS \d[\d_]* like Mac OS X\) AppleWebKit\/\d[\d.]* \(KHTML, like Gecko\)(?: (?:Version|CriOS|FxiOS|EdgiOS|EdgA|GSA|OPR|SamsungBrowser|Chrome|Safari|Mobile)\/\d+[A-Z]?[\d.]*| Mobile)*(?: Instagram \d[\d.]* \(\k<apple>\d[\d,]*; i(?:Pad)?OS \d[\d_]*; [a-z]{2}_[A-Z]{2}; [a-z]{2}; scale=\d[\d.]*; \d+x\d+; \d+(?:; IABMV\/1)?\)| \[FBAN\/(?:FBIOS|MessengerForiOS)(?:;FB(?:AV|BV|DV|MD|SN|SV|SS|CR|ID|LC|OP|RV)\/(?:\k<apple>[\d,]*|i(?:Pad)?OS|phone|tablet|[a-z]{2}_[A-Z]{2}|[\d.]*))*\]| \[Pinterest\/iOS\])?`;
const COMPUTER = String.raw`(?:(?<windows>Windows) NT \d[\d.]*(?:; Win64; x64)?|(?<mac>Macintosh); Intel Mac OS X \d[\d_.]*|X11; (?:(?<cros>CrOS) (?:x86_64|aarch64) \d[\d.]*|(?:Ubuntu; )?(?<linux>Linux) x86_64))(?:; rv:\d[\d.]*\) Gecko\/\d[\d.]* Firefox\/\d[\d.]*|\) AppleWebKit\/\d[\d.]* \(KHTML, like Gecko\)(?: (?:Version|Edg|OPR|SamsungBrowser|(?:Headless)?Chrome|Safari)\/\d[\d.]*)*)`;
const ANDROID = String.raw`Linux; Android \d[\d.]*; (?<model>K|(?:SAMSUNG )?SM-[ASGMNEF]\d+[A-Z]?\d?|Pixel \d+a?(?: Pro)?)(?: Build\/[A-Z][PQK]\w\w(?:\.\d+)+)?(?:; wv)?\) AppleWebKit\/\d[\d.]* \(KHTML, like Gecko\)(?: (?:Version|CriOS|FxiOS|EdgiOS|EdgA|GSA|OPR|SamsungBrowser|Chrome|Safari|Mobile)\/\d+[A-Z]?[\d.]*| Mobile)*(?: \[FB_IAB\/FB4A;FBAV\/\d[\d.]*;(?:IABMV\/1;)?\]| \[Pinterest\/Android\]| Instagram \d[\d.]* Android \([\d/]+; \d+dpi; \d+x\d+; samsung; \k<model>; (?:[a-z]{0,2}\d)+[a-z]{0,2}; (?:qcom|s5e\d+|mt\d+); [a-z]{2}_[A-Z]{2}; \d+\))?`;

/**
 * Every accepted user agent, whole (the tests generate strings from it). A function, so that a bundle
 * that never reads it (the inline decider) does not build it at load.
 */
export const shapePattern = (): RegExp => new RegExp(`${HEAD}(?:${IOS}|${COMPUTER}|${ANDROID})$`);

/**
 * The same, one platform at a time: they part at the character after `Mozilla/5.0 (` (i, W M X, L),
 * and compiling a regular expression costs the page more than running it (SHAPE whole: 3-6 ms at
 * its first use on a fast machine; a third of it each). Compiled on first use.
 */
const PLATFORMS: Readonly<Record<string, string>> = { i: IOS, W: COMPUTER, M: COMPUTER, X: COMPUTER, L: ANDROID };
const compiled = new Map<string, RegExp>();

function shape(ua: string): RegExpExecArray | null {
  if (typeof ua !== 'string') return null;
  const part = PLATFORMS[ua.charAt(13)];
  if (!part) return null;
  let pattern = compiled.get(part);
  if (!pattern) compiled.set(part, (pattern = new RegExp(`${HEAD}${part}$`)));
  return pattern.exec(ua);
}

/** As device.ts reads it: anything but a number is unknown (-1), never "no touchscreen". */
const touchOf = (maxTouchPoints: number): number => (typeof maxTouchPoints === 'number' ? maxTouchPoints : -1);

/** `bot` and `device` (the same arguments as `classifyDevice()`). */
export function quickDevice(
  ua: string,
  hints: ClientHints | null,
  maxTouchPoints: number,
  screenShortSide?: number,
): QuickDevice {
  const m = shape(ua);
  return {
    // A HeadlessChrome brand makes any user agent a bot; no word of SHAPE but HeadlessChrome's is one.
    bot:
      hints?.brands?.some?.((b) => typeof b?.brand === 'string' && /headless/i.test(b.brand)) ||
      (m ? /Headless/.test(ua) : null),
    device: m && deviceOf(m, ua, hints, touchOf(maxTouchPoints), screenShortSide),
  };
}

/** device.ts's and device-overrides.ts's rules, as far as SHAPE's user agents reach them. */
function deviceOf(
  m: RegExpExecArray,
  ua: string,
  hints: ClientHints | null,
  touch: number,
  side: number | undefined,
): DeviceClass | null {
  // iPadOS asks for desktop sites with a Mac's user agent: only touch gives it away.
  if (m.groups?.mac) return touch > 1 ? 'tablet' : 'desktop';
  if (m.groups?.windows || m.groups?.cros) return 'desktop';
  // Chrome for Android in desktop mode (hints.mobile) and Android tablets asking for desktop sites
  // (touch) send this too; the full classifier's answer then depends on more than the matcher keeps.
  if (m.groups?.linux) return hints?.mobile === true || touch > 1 ? null : 'desktop';
  // A phone's or a tablet's user agent without a touchscreen is emulation or a TV box.
  if (touch === 0) return null;
  if (m.groups?.apple) return m.groups?.apple === 'iPad' ? 'tablet' : 'mobile';
  // Android phones: a tablet when the screen's short side says so (600 px), except foldables and
  // Chrome's reduced user agent, which can be either (device-overrides.ts).
  if (/ Mobile Safari/.test(ua))
    return typeof side === 'number' && side >= 600 && !/; K\)|\bSM-F9\d\d/i.test(ua) ? 'tablet' : 'mobile';
  // Android tablets say no "Mobile" (a Samsung or a Pixel without it is still a phone to ua-parser).
  return m.groups?.model === 'K' && !/Mobile/.test(ua) && /Safari/.test(ua) ? 'tablet' : null;
}

/** `os` as `classifyDevice()` names it, or undefined: unsure. */
export function quickOs(ua: string, hints: ClientHints | null, maxTouchPoints: number): string | null | undefined {
  const m = shape(ua);
  const touch = touchOf(maxTouchPoints);
  if (!m) return undefined;
  if (m.groups?.apple) return 'ios';
  if (m.groups?.windows) return 'windows';
  if (m.groups?.mac) return touch > 1 ? 'ios' : 'macos';
  if (m.groups?.cros) return 'chromeos';
  if (m.groups?.linux) return hints?.mobile === true || touch > 1 ? undefined : 'linux';
  return 'android';
}

/**
 * ua-parser's order among the browser names SHAPE allows, after the in-app browsers device.ts checks
 * first (Messenger, Pinterest, the Google app). Some entry always matches: Firefox's form names Firefox,
 * every other form has "KHTML".
 */
const BROWSERS: readonly (readonly [RegExp, string])[] = [
  [/FBAN\/M/, 'messenger'],
  [/\[Pin/, 'pinterest'],
  [/GSA\//, 'google'],
  [/CriOS\//, 'chrome'],
  [/Edg/, 'edge'],
  [/OPR\//, 'opera'],
  [/FxiOS/, 'firefox'],
  [/SamsungB/, 'samsung internet'],
  [/fban\/fbios(?!.+fbav)|fb_iab\/fb4a(?!.+fbav)|;fbav\/[\w.]+;/i, 'facebook'],
  [/Instagram/, 'instagram'],
  [/Headless/, 'chrome'],
  [/ wv\).+Chrome\//, 'chrome webview'],
  [/droid.+ Version\/[\w.]+\b.+Safari/, 'android browser'],
  [/Chrome\//, 'chrome'],
  [/Firefox/, 'firefox'],
  [/Safari/, 'safari'],
  [/K/, 'webkit'],
];

/** `browser` as `classifyDevice()` names it, or undefined: unsure. */
export function quickBrowser(ua: string, hints: ClientHints | null): string | null | undefined {
  if (!shape(ua)) return undefined;
  const name = BROWSERS.find(([pattern]) => pattern.test(ua))![1];
  // Brave, Edge, Opera… may send Chrome's exact user agent, and then only a brand tells them apart:
  // any brand that may name one of them (device.ts's list, widened) leaves the name unsure.
  return name === 'chrome' && hints?.brands?.some?.((b) => /brave|edge|opera|ya|samsung|duck/i.test(b?.brand))
    ? undefined
    : name;
}
