// @vitest-environment node
// The bundle's ua-parser-js is cut at build time (scripts/slim-ua-parser.mjs): same answers required.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { slimUaParser } from '../../../scripts/slim-ua-parser.mjs';
import userAgents from '../core/classify/fixtures/user-agents.json';

type Parser = new (ua: string) => { getBrowser(): object; getOS(): object; getDevice(): object; getCPU(): object };

const original = readFileSync(createRequire(import.meta.url).resolve('ua-parser-js'), 'utf8');

/** Loads a ua-parser-js source as CommonJS, without a window (as in the bundle, given the UA). */
function load(source: string): Parser {
  const module = { exports: {} as Parser };
  new Function('module', 'exports', 'window', source)(module, module.exports, undefined);
  return module.exports;
}

// More than the fixtures: every kind of device the device table knows, plus oddities.
const EXTRA = [
  'Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Linux; Android 12; SM-T870 Build/SP1A.210812.016; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/100 Mobile Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; Xbox; Xbox One) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0 Safari/537.36 Edge/18.19041',
  'Mozilla/5.0 (PlayStation; PlayStation 5/2.26) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.0 Safari/605.1.15',
  'Mozilla/5.0 (SMART-TV; Linux; Tizen 6.0) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/4.0 Chrome/76 TV Safari/537.36',
  'Mozilla/5.0 (Linux; Android 11; Quest 2) AppleWebKit/537.36 (KHTML, like Gecko) OculusBrowser/23.0 SamsungBrowser/4.0 Chrome/104 VR Safari/537.36',
  'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; PPC Mac OS X 10_5_8) AppleWebKit/534.50.2 (KHTML, like Gecko) Version/5.0.6 Safari/533.22.3',
  'Opera/9.80 (J2ME/MIDP; Opera Mini/9.80 (S60; SymbOS; Opera Mobi/23.348; U; en) Presto/2.5.25 Version/10.54',
  'Mozilla/5.0 (Linux; U; Android 4.0.3; en-us; KFTT Build/IML74K) AppleWebKit/537.36 (KHTML, like Gecko) Silk/3.68 like Chrome/39.0.2171.93 Safari/537.36',
  '',
  'curl/8.4.0',
];

describe('slimUaParser()', () => {
  const full = load(original);
  const slim = load(slimUaParser(original));

  it.each([...(userAgents as { ua: string }[]).map((c) => c.ua), ...EXTRA])(
    'gives the same browser, OS and device: %s',
    (ua) => {
      const [a, b] = [new full(ua), new slim(ua)];
      expect(b.getBrowser()).toEqual(a.getBrowser());
      expect(b.getOS()).toEqual(a.getOS());
      expect(b.getDevice()).toEqual(a.getDevice());
    },
  );

  it('drops only what the script never reads (the CPU table)', () => {
    const ua = (userAgents as { ua: string }[])[0]!.ua.replace('iPhone;', 'iPhone; x86_64;');
    expect(new full(ua).getCPU()).toEqual({ architecture: 'amd64' });
    expect(new slim(ua).getCPU()).toEqual({ architecture: undefined });
  });

  it('fails loudly when ua-parser-js is not 1.x or its source moved', () => {
    expect(() => slimUaParser(original.replace(/LIBVERSION\s*=\s*'1\./, "LIBVERSION = '2."))).toThrow(/must be 1\.x/);
    expect(() => slimUaParser(original.replace('engine : [[', 'engines : [['))).toThrow(/engine table/);
    expect(() => slimUaParser(original.replace('// jQuery/Zepto specific', '// jQuery specific'))).toThrow(
      /jQuery hook/,
    );
  });
});
