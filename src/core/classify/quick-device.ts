/**
 * An exact-or-unsure matcher for the inline early decider, which cannot carry ua-parser-js or isbot:
 * it recognises a few strict user-agent shapes (common browsers and in-app browsers on iPhone, iPad,
 * Android, Windows, macOS, Linux and ChromeOS) and answers `bot` and `device` (and, in separate
 * exports, `os` and `browser`) only for those, with exactly the full classifier's answer
 * (device.ts, bot.ts). Anything else is unsure: null (`bot`, `device`) or undefined (`os`, `browser`),
 * and decisions that need it wait for the full script. Proved differentially in
 * test/unit/classify/quick-device.test.ts; coverage and bytes: `node bench/quick-device.mjs`.
 */
import type { ClientHints } from './context.js';
import type { DeviceClass } from './types.js';

export interface QuickDevice {
  readonly bot: boolean | null;
  readonly device: DeviceClass | null;
}

// Group numbers in SHAPE.
const APPLE = 1; // iPhone | iPad
const WINDOWS = 2;
const MAC = 3;
const CROS = 4;
const LINUX = 5; // X11 Linux
const MODEL = 6; // Android: K | Samsung | Pixel

export const SHAPE =
  /^(?!.{501}|.*(?:24x7|\/1\.0;))Mozilla\/5\.0 \((?:(iPhone|iPad); CPU (?:iPhone )?OS \d[\d_]* like Mac OS X\) AppleWebKit\/\d[\d.]* \(KHTML, like Gecko\)(?: (?:Version|CriOS|FxiOS|EdgiOS|EdgA|GSA|OPR|SamsungBrowser|Chrome|Safari|Mobile)\/\d+[A-Z]?[\d.]*| Mobile)*(?: Instagram \d[\d.]* \(\1\d[\d,]*; i(?:Pad)?OS \d[\d_]*; [a-z]{2}_[A-Z]{2}; [a-z]{2}; scale=\d[\d.]*; \d+x\d+; \d+(?:; IABMV\/1)?\)| \[FBAN\/FBIOS(?:;FB(?:AV|BV|DV|MD|SN|SV|SS|CR|ID|LC|OP|RV)\/(?:\1[\d,]*|i(?:Pad)?OS|phone|tablet|[a-z]{2}_[A-Z]{2}|[\d.]*))*\]| \[Pinterest\/iOS\])?|(?:(Windows) NT \d[\d.]*(?:; Win64; x64)?|(Macintosh); Intel Mac OS X \d[\d_.]*|X11; (?:(CrOS) (?:x86_64|aarch64) \d[\d.]*|(?:Ubuntu; )?(Linux) x86_64))(?:; rv:\d[\d.]*\) Gecko\/\d[\d.]* Firefox\/\d[\d.]*|\) AppleWebKit\/\d[\d.]* \(KHTML, like Gecko\)(?: (?:Version|Edg|OPR|SamsungBrowser|(?:Headless)?Chrome|Safari)\/\d[\d.]*)*)|Linux; Android \d[\d.]*; (K|(?:SAMSUNG )?SM-[ASGMNEF]\d+[A-Z]?\d?|Pixel \d+a?(?: Pro)?)(?: Build\/[A-Z][PQK]\w\w(?:\.\d+)+)?(?:; wv)?\) AppleWebKit\/\d[\d.]* \(KHTML, like Gecko\)(?: (?:Version|CriOS|FxiOS|EdgiOS|EdgA|GSA|OPR|SamsungBrowser|Chrome|Safari|Mobile)\/\d+[A-Z]?[\d.]*| Mobile)*(?: \[FB_IAB\/FB4A;FBAV\/\d[\d.]*;(?:IABMV\/1;)?\]| \[Pinterest\/Android\]| Instagram \d[\d.]* Android \([\d/]+; \d+dpi; \d+x\d+; samsung; \6; (?:[a-z]{0,2}\d)+[a-z]{0,2}; (?:qcom|s5e\d+|mt\d+); [a-z]{2}_[A-Z]{2}; \d+\))?)$/;

const shape = (ua: string): RegExpExecArray | null => (typeof ua === 'string' ? SHAPE.exec(ua) : null);

const touchOf = (maxTouchPoints: number): number => (typeof maxTouchPoints === 'number' ? maxTouchPoints : -1);

export function quickDevice(
  ua: string,
  hints: ClientHints | null,
  maxTouchPoints: number,
  screenShortSide?: number,
): QuickDevice {
  const m = shape(ua);
  return {
    bot:
      hints?.brands?.some?.((b) => typeof b?.brand === 'string' && /headless/i.test(b.brand)) ||
      (m ? /Headless/.test(ua) : null),
    device: m && deviceOf(m, ua, hints, touchOf(maxTouchPoints), screenShortSide),
  };
}

function deviceOf(
  m: RegExpExecArray,
  ua: string,
  hints: ClientHints | null,
  touch: number,
  side: number | undefined,
): DeviceClass | null {
  if (m[MAC]) return touch > 1 ? 'tablet' : 'desktop';
  if (m[WINDOWS] || m[CROS]) return 'desktop';
  if (m[LINUX]) return hints?.mobile === true || touch > 1 ? null : 'desktop';
  if (touch === 0) return null;
  if (m[APPLE]) return m[APPLE] === 'iPad' ? 'tablet' : 'mobile';
  if (/ Mobile Safari/.test(ua))
    return typeof side === 'number' && side >= 600 && !/; K\)|SM-F9/.test(ua) ? 'tablet' : 'mobile';
  return m[MODEL] === 'K' && !/Mobile/.test(ua) && /Safari/.test(ua) ? 'tablet' : null;
}

export function quickOs(ua: string, hints: ClientHints | null, maxTouchPoints: number): string | null | undefined {
  const m = shape(ua);
  const touch = touchOf(maxTouchPoints);
  return !m
    ? undefined
    : m[APPLE]
      ? 'ios'
      : m[WINDOWS]
        ? 'windows'
        : m[MAC]
          ? touch > 1
            ? 'ios'
            : 'macos'
          : m[CROS]
            ? 'chromeos'
            : !m[LINUX]
              ? 'android'
              : hints?.mobile !== true && touch < 2
                ? 'linux'
                : undefined;
}

/** ua-parser's order among the names the shapes allow, after the in-app browsers device.ts checks first. */
const BROWSERS: readonly (readonly [RegExp, string])[] = [
  [/\[Pin/, 'pinterest'],
  [/GSA/, 'google'],
  [/CriOS/, 'chrome'],
  [/Edg/, 'edge'],
  [/OPR/, 'opera'],
  [/FxiOS/, 'firefox'],
  [/SamsungB/, 'samsung internet'],
  [/fban\/fbios(?!.+fbav)|fb_iab\/fb4a(?!.+fbav)|;fbav\/[\w.]+;/i, 'facebook'],
  [/Instagram/, 'instagram'],
  [/Headless/, 'chrome'],
  [/ wv\).+Chrome\//, 'chrome webview'],
  [/droid.+ Version\/[\w.]+\b.+Safari/, 'android browser'],
  [/Chrome/, 'chrome'],
  [/Firefox/, 'firefox'],
  [/Safari/, 'safari'],
  [/K/, 'webkit'],
];

export function quickBrowser(ua: string, hints: ClientHints | null): string | null | undefined {
  if (!shape(ua)) return undefined;
  const name = BROWSERS.find(([pattern]) => pattern.test(ua))![1];
  // Brave, Edge, Opera… may send Chrome's exact user agent: the brand list tells them apart.
  return name === 'chrome' && hints?.brands?.some?.((b) => /brave|edge|opera|ya|samsung|duck/i.test(b?.brand))
    ? undefined
    : name;
}
