// @vitest-environment node
// Pure code: no DOM globals needed (documents come from happy-dom's Window where a test needs one).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEVICES } from '../../../../src/core/attributes/registry.js';
import { classifyDevice } from '../../../../src/core/classify/device.js';
import type { ClientHints } from '../../../../src/edge/page/context.js';
import userAgents from './fixtures/user-agents.json';

interface Case {
  ua: string;
  hints?: ClientHints;
  touch?: number;
  device?: string;
  bot: boolean;
  os?: string;
  browser?: string;
}

const IPAD_DESKTOP_MODE =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';
const ANDROID_REDUCED =
  'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';
const hints = (mobile: boolean, platform: string, ...brands: string[]): ClientHints => ({
  mobile,
  platform,
  brands: brands.map((brand) => ({ brand, version: '126' })),
});

describe('classifyDevice()', () => {
  describe('real-world user agents (fixtures/user-agents.json)', () => {
    it.each((userAgents as Case[]).map((c) => [c.ua.slice(0, 110), c] as const))('%s', (_, c) => {
      // What the device reports unless the case says: phones and tablets have touchscreens, the rest none.
      const facts = classifyDevice(
        c.ua,
        c.hints ?? null,
        c.touch ?? (c.device === 'mobile' || c.device === 'tablet' ? 5 : 0),
      );
      const expected = {
        bot: c.bot,
        ...(c.device ? { device: c.device } : {}),
        ...(c.os ? { os: c.os } : {}),
        ...(c.browser ? { browser: c.browser } : {}),
      };
      expect(facts).toMatchObject(expected);
    });
  });

  it('calls an iPad that asks for desktop sites a tablet: a Mac user agent with touch', () => {
    expect(classifyDevice(IPAD_DESKTOP_MODE, null, 5)).toEqual({
      device: 'tablet',
      bot: false,
      os: 'ios',
      browser: 'safari',
    });
    expect(classifyDevice(IPAD_DESKTOP_MODE, null, 0)).toMatchObject({ device: 'desktop', os: 'macos' });
  });

  it('never lets a client hint contradict an explicit user agent', () => {
    const iphone =
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
    expect(classifyDevice(iphone, hints(false, 'macOS'), 5).device).toBe('mobile');
    expect(classifyDevice(ANDROID_REDUCED, hints(false, 'Android'), 5).device).toBe('mobile');
    const windows =
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
    expect(classifyDevice(windows, hints(true, 'Windows'), 10).device).toBe('desktop');
  });

  it('trusts hints.mobile where the user agent is ambiguous (Chrome for Android in desktop mode)', () => {
    const linux =
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
    expect(classifyDevice(linux, hints(true, 'Android', 'Google Chrome'), 5)).toMatchObject({
      device: 'mobile',
      os: 'android',
    });
    expect(classifyDevice(linux, hints(false, 'Linux', 'Google Chrome'), 0)).toMatchObject({
      device: 'desktop',
      os: 'linux',
    });
  });

  it("names Chromium browsers that hide behind Chrome's user agent by their client-hint brand", () => {
    expect(classifyDevice(ANDROID_REDUCED, hints(true, 'Android', 'Not/A)Brand', 'Chromium', 'Brave'), 5).browser).toBe(
      'brave',
    );
    expect(classifyDevice(ANDROID_REDUCED, null, 5).browser).toBe('chrome');
  });

  it('flags headless Chrome by its user agent or its client-hint brand', () => {
    const chrome =
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
    expect(classifyDevice(chrome, hints(false, 'Windows', 'HeadlessChrome'), 0).bot).toBe(true);
    expect(classifyDevice(chrome, hints(false, 'Windows', 'Google Chrome'), 0).bot).toBe(false);
  });

  // Held-out cases from bench/accuracy.mjs (user-agents rows whose navigator.platform is "Linux armv81").
  it('calls a Linux user agent with touch an Android tablet asking for the desktop site', () => {
    const samsungDesktopMode =
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/30.0 Chrome/143.0.0.0 Safari/537.36';
    const chromeDesktopMode =
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/153.0.0.0 Safari/537.36';
    expect(classifyDevice(samsungDesktopMode, null, 5)).toEqual({
      device: 'tablet',
      bot: false,
      os: 'android',
      browser: 'samsung internet',
    });
    expect(classifyDevice(chromeDesktopMode, null, 10)).toMatchObject({ device: 'tablet', os: 'android' });
    // No touch: a Linux computer. A phone in desktop mode still says mobile in its client hints.
    expect(classifyDevice(chromeDesktopMode, null, 0)).toMatchObject({ device: 'desktop', os: 'linux' });
    expect(classifyDevice(chromeDesktopMode, hints(true, 'Android', 'Google Chrome'), 5)).toMatchObject({
      device: 'mobile',
      os: 'android',
    });
  });

  it('names Facebook\'s 2025 in-app browser ("MetaIAB Facebook"), a shopper and no bot', () => {
    // https://github.com/shalanah/inapp-spy/issues/57 and https://github.com/ua-parser/uap-core/issues/665
    const ios =
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_6_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/22G100 Safari/604.1 MetaIAB Facebook';
    const android =
      'Mozilla/5.0 (Linux; Android 15; SM-S928B Build/AP3A.240905.015.A2; ) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/142.0.7444.74 Mobile Safari/537.36 MetaIAB Facebook';
    expect(classifyDevice(ios, null, 5)).toEqual({ device: 'mobile', bot: false, os: 'ios', browser: 'facebook' });
    expect(classifyDevice(android, null, 5)).toEqual({
      device: 'mobile',
      bot: false,
      os: 'android',
      browser: 'facebook',
    });
  });

  it('falls back to the client-hint platform for the OS when the user agent has none', () => {
    expect(classifyDevice('', hints(false, 'Windows'), 0)).toMatchObject({ os: 'windows', device: 'desktop' });
  });

  it('never throws, on any input', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), (ua, h, touch) => {
        const facts = classifyDevice(ua as string, h as ClientHints, touch as number);
        expect(DEVICES).toContain(facts.device);
        expect(typeof facts.bot).toBe('boolean');
      }),
      { numRuns: 200 },
    );
    expect(classifyDevice(`Mozilla/5.0 (iPhone; ${'x'.repeat(100_000)})`, null, 0).device).toBeDefined();
    expect(() =>
      classifyDevice('Mozilla/5.0', { mobile: true, platform: 7, brands: [{ brand: null }] } as never, 0),
    ).not.toThrow();
  });
});

describe('classifyDevice() on the long tail (real cases from Matomo device-detector fixtures)', () => {
  it.each([
    [
      'an Android TV set sending a tablet user agent, without touch',
      'Mozilla/5.0 (Linux; Android 9; 43LU8010T Build/PPR2.180905.006.A1; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/66.0.3359.158 Safari/537.36',
      0,
      'other',
    ],
    [
      'an Android TV set sending "Mobile", by its inch-sized model',
      'Mozilla/5.0 (Linux; arm; Android 9; 43GUS65 Build/PPR2.180905.006.A1; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/104.0.5112.102 Mobile Safari/537.36',
      0,
      'other',
    ],
    [
      'an HbbTV set (which isbot takes for a crawler)',
      'Opera/9.80 (Linux mips; U; NETRANGEMMH; Sharp; HbbTV/1.1.1; CE-HTML/1.0; LE542E; FT; LC:deu; CC:che;; en) Presto/2.9.167 Version/11.50',
      0,
      'other',
    ],
    [
      'a car running Android Automotive',
      'Dalvik/2.1.0 (Linux; U; Android 10; Polestar Build/QA1A.210116.001)',
      5,
      'other',
    ],
    [
      'Android on a laptop',
      'Mozilla/5.0 (Linux; Android 7.1.1; Latitude 7390) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/102.0.5005.78 Safari/537.36',
      0,
      'desktop',
    ],
    [
      'a Windows app ua-parser takes for a phone',
      'Mozilla/5.0 (Windows NT 10.0.16299.64; osmeta 10.3.3308) AppleWebKit/602.1.1 (KHTML, like Gecko) Version/9.0 Safari/602.1.1 osmeta/10.3.3308 Build/3308 [FBAN/FBW;FBAV/140.0.0.232.179;FBBV/83145113;FBDV/WindowsDevice;FBMD/80VF;FBSN/Windows;FBSV/10.0.16299.64;FBSS/1;FBCR/;FBID/desktop;FBLC/en_US;FBOP/45;FBRV/0]',
      0,
      'desktop',
    ],
    [
      'a cheap tablet sending "Mobile", by Yandex\'s /apad token',
      'Mozilla/5.0 (Linux; arm_64; Android 12; Strong Tablet P15000 Pro) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.6261.2335 YaSearchBrowser/24.40/apad BroPP/1.0 SA/3 Mobile Safari/537.36',
      5,
      'tablet',
    ],
  ])('calls %s %4$s', (_what, ua, touch, device) => {
    expect(classifyDevice(ua as string, null, touch as number)).toMatchObject({ device, bot: false });
  });

  it('leaves a phone without touch a phone (desktop tools emulating one), and an unknown touch count alone', () => {
    expect(classifyDevice(ANDROID_REDUCED, null, 0).device).toBe('mobile');
    const tablet =
      'Mozilla/5.0 (Linux; Android 13; SM-X200) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0.0.0 Safari/537.36';
    expect(classifyDevice(tablet, null, -1).device).toBe('tablet');
    expect(classifyDevice(tablet, null, 0).device).toBe('other');
  });
});

describe("classifyDevice() with the screen's short side (PageContext.screenShortSide, CSS px)", () => {
  // Real no-name tablets that send "Mobile" (Matomo device-detector fixtures), with their panels:
  // BQ 7083 is a 7" 1024×600 tablet at density 1 (600 px short side), Tesla Gravity 9.7 a 2048×1536 at 2 (768).
  const BQ =
    'Mozilla/5.0 Linux; U; Android 6.0.1; en-us; BQru-7083 Build/JOP24G AppleWebKit/534.30 KHTML, like Gecko Version/4.0 Chrome/43.0.2357.65 Mobile Safari/534.30';
  const TESLA =
    'Mozilla/5.0 (Linux; U; Android 4.2.2; TESLA Gravity 9.7 SHD Build/JDQ39) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/67.0.3396.87 Mobile Safari/537.36';
  // Phones: Galaxy S24 Ultra (384 px), Pixel 8 Pro (448 px), Galaxy Z Fold5 unfolded (about 690 px).
  const ULTRA =
    'Mozilla/5.0 (Linux; Android 14; SM-S928B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36';
  const PIXEL =
    'Mozilla/5.0 (Linux; Android 14; Pixel 8 Pro) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36';
  const FOLD =
    'Mozilla/5.0 (Linux; Android 14; SM-F946B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36';

  it.each([
    [BQ, 600],
    [TESLA, 768],
  ])('calls a no-name tablet that sends "Mobile" a tablet by its screen (%s, %i px)', (ua, side) => {
    expect(classifyDevice(ua, null, 5).device).toBe('mobile');
    expect(classifyDevice(ua, null, 5, side).device).toBe('tablet');
    expect(classifyDevice(ua, null, -1, side).device).toBe('tablet');
  });

  it("keeps phones phones: large phones, a foldable unfolded, and Chrome's reduced user agent that names no model", () => {
    expect(classifyDevice(ULTRA, null, 5, 384).device).toBe('mobile');
    expect(classifyDevice(PIXEL, null, 5, 448).device).toBe('mobile');
    expect(classifyDevice(BQ, null, 5, 599).device).toBe('mobile');
    expect(classifyDevice(FOLD, null, 5, 690).device).toBe('mobile');
    expect(classifyDevice(ANDROID_REDUCED, null, 5, 708).device).toBe('mobile');
  });

  it('changes nothing when the screen is unknown or the device is no Android phone', () => {
    for (const side of [undefined, 0, Number.NaN, -1]) expect(classifyDevice(BQ, null, 5, side).device).toBe('mobile');
    // Without touch a "Mobile" UA is a desktop tool emulating a phone, whatever its window.
    expect(classifyDevice(BQ, null, 0, 1080).device).toBe('mobile');
    const iphone =
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
    expect(classifyDevice(iphone, null, 5, 430).device).toBe('mobile');
    const windows =
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
    expect(classifyDevice(windows, null, 0, 1080).device).toBe('desktop');
  });
});
