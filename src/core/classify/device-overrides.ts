/**
 * Corrections to ua-parser-js 1.x's device class on the long tail, measured on Matomo device-detector's
 * real-world fixtures (bench/ACCURACY.md): Android TV sets, sticks and set-top boxes (which send a phone's
 * or a tablet's user agent), Android on laptops, cheap tablets that send "Mobile", and Windows apps
 * ua-parser takes for phones. Touch is the strong signal: every phone and tablet has a touchscreen,
 * a TV none; the patterns only settle what touch cannot.
 */
import type { DeviceClass } from './types.js';
import { TV_BROWSER } from './bot.js';

export { TV_BROWSER };

/** Tablets that say so in their model name or app token (Yandex's `/apad`), whatever else they claim. */
const TABLET = /\/apad\b|\btablet\b|\btab[ _-]?\d|\b(?:mi|leke |smart)pad\b|\bmid[-_ ]?\d|\bslate \d/i;

/** Android builds that run on computers (Chromebooks, Android-x86 on laptops): no touch, a keyboard. */
const COMPUTER =
  /chromebook|\b(?:inspiron|latitude|vostro|elitebook|thinkpad|travelmate|lifebook|satellite|aspire|easynote|nuc\d)/i;

/**
 * TV sets and boxes: a model that starts with the screen size in inches (`43LF1210`, `H32F8000CG`,
 * `LE-39ZTHS25`), panel words, box names, and the TV platforms of old (MIPS, Opera TV's OMI, ViziOS).
 */
const TV =
  /; ?(?:[a-z]{0,5}[-_]?)?(?:24|28|32|39|40|42|43|48|49|50|55|58|60|65|70|75|77|85|86|98)[a-z]{1,5}[-_]?\d|\b(?:q?led|uhd|fhd)(?:\b|\d)|tv\b|[-_ ]box\b|\bstb\b|\ba95x|\bt95|linux mips|brightsign|viziOS|\bomi\//i;

/** In-car browsers: Android Automotive (Polestar), car tablets. */
const CAR = /\b(?:polestar|carpad)\b|android automotive/i;

/**
 * Phones whose screen is 600 CSS px or more on its short side: foldables unfolded (Galaxy Z Fold, Pixel
 * Fold, Mate X, Find N, Magic V, X Fold, MIX Fold are about 690-840 px wide open) and Chrome's reduced
 * user agent (`Android 10; K`), which names no model and so cannot tell a foldable from a tablet.
 */
const NOT_BY_SCREEN = /; K\)|\bSM-F9\d\d|\bpixel fold|\bmate x|\bfind n\d?\b|\bmagic v|\bx fold|\bmix fold/i;

/** Android's sw600dp convention: a tablet is 600 dp (CSS px) or more on its short side. */
export const TABLET_SHORT_SIDE = 600;

export function refineDevice(
  agent: string,
  device: DeviceClass,
  os: string | null,
  touch: number,
  shortSide?: number,
): DeviceClass {
  if (device === 'other' || TV_BROWSER.test(agent) || CAR.test(agent)) return 'other';
  if (/\bWindows NT \d|\bWindows\/\d/.test(agent) && !/Windows Phone|IEMobile|WPDesktop/.test(agent))
    return device === 'tablet' ? device : 'desktop';
  if (touch === 0 && TV.test(agent) && !/Macintosh|CrOS/.test(agent)) return 'other';
  if (os !== 'android' && !/\bAndroid\b/.test(agent)) return device;
  if (COMPUTER.test(agent)) return 'desktop';
  // A tablet's user agent (no "Mobile") without touch is a TV or a box. Phones without touch are left
  // alone: they are desktop tools emulating one.
  if (touch === 0 && device === 'tablet') return 'other';
  if (device !== 'mobile') return device;
  if (TABLET.test(agent)) return 'tablet';
  // No-name tablets that send "Mobile" (`BQru-7083`, `PMT5718_4G`): only a device database knows the
  // model, but the screen tells. The largest phones are 430-440 px on the short side (iPhone Pro Max,
  // Galaxy Ultra), the smallest 7" tablets 600 px. Unknown (undefined, 0, NaN) changes nothing.
  const tabletScreen = typeof shortSide === 'number' && shortSide >= TABLET_SHORT_SIDE;
  return tabletScreen && touch !== 0 && !NOT_BY_SCREEN.test(agent) ? 'tablet' : device;
}
