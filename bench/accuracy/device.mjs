// Device, OS and browser against `user-agents` (intoli, BSD-2-Clause): 10,000 real browser profiles
// weighted by the traffic they were seen in. Two truths:
// - `deviceCategory`, the dataset's own label. It is ua-parser-js 1.x's device.type (desktop when none;
//   node_modules/user-agents/src/update-data.ts), the library we use too: agreement, not independence.
// - navigator.platform and screen size, which the browser reports apart from its user agent: the
//   independent truth (below). Rows whose platform names another OS family than the user agent (an
//   iPhone UA on "Linux x86_64", a Mac UA on "Win32": emulation or spoofing, mostly automation) have no
//   trustworthy truth; they are left out and counted.
import { readJson, row, weightedRow } from './load.mjs';

const CLASSES = ['mobile', 'tablet', 'desktop'];

/** OS family a user agent claims, to spot rows whose platform says otherwise. */
const claimedFamily = (ua) =>
  /iPhone|iPad|iPod/.test(ua)
    ? 'ios'
    : /Macintosh/.test(ua)
      ? 'mac'
      : /Windows/.test(ua)
        ? 'windows'
        : /Android|Linux|X11|CrOS/.test(ua)
          ? 'linux'
          : null;
const PLATFORM_FAMILY = { iPhone: 'ios', iPad: 'ios', MacIntel: 'mac', Win32: 'windows' };

/** Device class from navigator.platform + screen, or null when the platform cannot tell. */
export function platformTruth({ platform, screenWidth: w, screenHeight: h, userAgent, vendor }) {
  const family = PLATFORM_FAMILY[platform] ?? (platform.startsWith('Linux') ? 'linux' : null);
  if (family !== claimedFamily(userAgent)) return null;
  // Every iOS browser is WebKit and says so in navigator.vendor; another vendor is emulation.
  const apple = vendor === 'Apple Computer, Inc.';
  if (family === 'ios' && !apple) return null;
  if (platform === 'iPhone') return 'mobile';
  if (platform === 'iPad') return 'tablet';
  if (platform === 'Win32') return 'desktop';
  // iPadOS asks for desktop sites as "MacIntel" with a Mac user agent; iPads report portrait screens,
  // Macs landscape ones (a Chrome or Firefox vendor on a portrait "MacIntel" is a rotated monitor).
  if (platform === 'MacIntel') return h > w && apple ? 'tablet' : 'desktop';
  // Android on ARM: tablets are 600 CSS px or more on the short side (Android's sw600dp convention).
  if (/^Linux (arm|aarch64)/.test(platform)) return Math.min(w, h) >= 600 ? 'tablet' : 'mobile';
  if (platform === 'Linux x86_64') return /Android|Mobile/.test(userAgent) ? null : 'desktop';
  return null;
}

/** OS the platform implies; Linux x86_64 may be Linux or ChromeOS. */
function osTruth(profile, device) {
  const p = profile.platform;
  if (device === null) return null;
  if (p === 'iPhone' || p === 'iPad' || (p === 'MacIntel' && device === 'tablet')) return ['ios'];
  if (p === 'MacIntel') return ['macos'];
  if (p === 'Win32') return ['windows'];
  if (/^Linux (arm|aarch64)/.test(p)) return ['android'];
  if (p === 'Linux x86_64') return ['linux', 'chromeos'];
  return null;
}

// navigator.vendor names the engine: "Google Inc." Blink, "Apple Computer, Inc." WebKit, "" Gecko.
// Every browser on iOS is WebKit; in-app browsers on Android are Chrome's WebView (Blink).
const ENGINE_OF_VENDOR = { 'Google Inc.': 'blink', 'Apple Computer, Inc.': 'webkit', '': 'gecko' };
const BLINK = new Set([
  'chrome',
  'chromium',
  'edge',
  'opera',
  'samsung internet',
  'brave',
  'yandex',
  'vivaldi',
  'uc browser',
  'silk',
  'whale',
  'duckduckgo',
  'huawei browser',
  'miui browser',
  'chrome webview',
  'facebook',
  'instagram',
  'messenger',
  'threads',
  'tiktok',
  'pinterest',
  'google',
  'snapchat',
  'line',
  'avast secure browser',
  'avg secure browser',
  'qqbrowser',
  'android browser' /* the WebView: Chromium since Android 4.4 */,
  'heytap',
  'oppo browser',
  'vivo browser',
  'mi browser',
  'kakaotalk',
  'naver',
]);

function engineOf(facts) {
  if (facts.os === 'ios' || (facts.os === 'macos' && facts.browser === 'duckduckgo')) return 'webkit';
  if (facts.browser === 'firefox') return 'gecko';
  if (facts.browser === 'safari') return 'webkit';
  return BLINK.has(facts.browser) ? 'blink' : null;
}

export function measureDevices({ classifyDevice }) {
  const profiles = readJson('node_modules/user-agents/dist/user-agents.json');
  const rows = [];
  const misses = { label: [], platform: [], os: [], browser: [] };
  const label = [];
  const platform = [];
  const os = [];
  const engine = [];
  const screened = [];
  let excluded = 0;
  for (const p of profiles) {
    const truth = platformTruth(p);
    // What the browser would report as navigator.maxTouchPoints: 5 on phones and tablets, 0 on computers.
    const touch = truth === 'mobile' || truth === 'tablet' ? 5 : 0;
    const facts = classifyDevice(p.userAgent, null, touch);
    label.push({ want: p.deviceCategory, ok: facts.device === p.deviceCategory, weight: p.weight });
    if (facts.device !== p.deviceCategory)
      misses.label.push({ ua: p.userAgent, want: p.deviceCategory, got: facts.device, weight: p.weight });
    if (truth === null) {
      excluded++;
    } else {
      platform.push({ want: truth, ok: facts.device === truth, weight: p.weight });
      // The screen a browser would report too (PageContext.screenShortSide). The Linux-arm truth comes from
      // the same 600 px rule, so this row cannot show a gain there: it checks that nothing else breaks.
      const withScreen = classifyDevice(p.userAgent, null, touch, Math.min(p.screenWidth, p.screenHeight));
      screened.push({ want: truth, ok: withScreen.device === truth, weight: p.weight });
      if (facts.device !== truth)
        misses.platform.push({
          ua: p.userAgent,
          want: `${truth} (${p.platform} ${p.screenWidth}×${p.screenHeight})`,
          got: facts.device,
          weight: p.weight,
        });
    }
    const oses = osTruth(p, truth);
    if (oses) {
      const ok = oses.includes(facts.os);
      os.push({ ok, weight: p.weight });
      if (!ok) misses.os.push({ ua: p.userAgent, want: oses.join('|'), got: facts.os, weight: p.weight });
    }
    const wantEngine = ENGINE_OF_VENDOR[p.vendor];
    if (wantEngine && truth !== null) {
      const ok = engineOf(facts) === wantEngine;
      engine.push({ ok, weight: p.weight });
      if (!ok) misses.browser.push({ ua: p.userAgent, want: wantEngine, got: facts.browser, weight: p.weight });
    }
  }
  for (const [items, measure] of [
    [platform, 'device vs platform+screen'],
    [label, 'device vs dataset label (ua-parser)'],
  ]) {
    rows.push(row('user-agents', measure, items.length, items.filter((i) => i.ok).length));
    rows.push(weightedRow('user-agents', `${measure}, traffic-weighted`, items));
    for (const c of CLASSES) {
      const some = items.filter((i) => i.want === c);
      const weighted = weightedRow('', '', some).pct;
      rows.push(
        row('user-agents', `  ${c}`, some.length, some.filter((i) => i.ok).length, {
          note: `${weighted.toFixed(1)}% traffic-weighted`,
        }),
      );
    }
  }
  rows.push(
    row(
      'user-agents',
      'device vs platform+screen, classifier given the screen too',
      screened.length,
      screened.filter((i) => i.ok).length,
      { note: 'circular for Android tablets (truth uses the same 600 px rule)' },
    ),
  );
  for (const c of CLASSES) {
    const some = screened.filter((i) => i.want === c);
    rows.push(row('user-agents', `  ${c}`, some.length, some.filter((i) => i.ok).length, { note: 'given the screen' }));
  }
  rows.push(row('user-agents', 'os vs platform', os.length, os.filter((i) => i.ok).length));
  rows.push(weightedRow('user-agents', 'os vs platform, traffic-weighted', os));
  rows.push(row('user-agents', 'browser engine vs navigator.vendor', engine.length, engine.filter((i) => i.ok).length));
  rows.push(weightedRow('user-agents', 'browser engine vs navigator.vendor, traffic-weighted', engine));
  return { rows, misses, excluded };
}
