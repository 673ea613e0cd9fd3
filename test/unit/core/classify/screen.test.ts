// The screen's short side, read at the edge and carried through classify() to the device class.
import { describe, expect, it } from 'vitest';
import { classify } from '../../../../src/core/classify/index.js';
import { readPageContext } from '../../../../src/edge/page/context.js';

const BQ =
  'Mozilla/5.0 Linux; U; Android 6.0.1; en-us; BQru-7083 Build/JOP24G AppleWebKit/534.30 KHTML, like Gecko Version/4.0 Chrome/43.0.2357.65 Mobile Safari/534.30';
const options = { now: Date.now(), internalHosts: [], loggedIn: null };

function windowWith(screen: unknown): Window {
  const nav = { userAgent: BQ, maxTouchPoints: 5, language: 'ru-RU' };
  return {
    navigator: nav,
    screen,
    location: { href: 'https://shop.example/' },
    document: { referrer: '', title: '' },
  } as unknown as Window;
}

describe('screenShortSide', () => {
  it('reads the short side in CSS px, landscape or portrait, and classify() uses it', () => {
    const landscape = readPageContext(windowWith({ width: 1024, height: 600 }), null);
    expect(landscape.screenShortSide).toBe(600);
    expect(readPageContext(windowWith({ width: 768, height: 1024 }), null).screenShortSide).toBe(768);
    expect(classify(landscape, options).device.device).toBe('tablet');
  });

  it('is undefined, and changes nothing, when the screen is missing, empty or hostile', () => {
    const hostile = {
      get width(): number {
        throw new Error('no');
      },
      height: 600,
    };
    for (const screen of [undefined, { width: 0, height: 0 }, { width: 'x', height: 600 }, hostile]) {
      const page = readPageContext(windowWith(screen), null);
      expect(page.screenShortSide).toBeUndefined();
      expect(classify(page, options).device.device).toBe('mobile');
    }
  });
});
