// esbuild plugin: drops the parts of ua-parser-js 1.x the shopper's bundle never uses.
//
// `classify/device.ts` reads `browser.name`, `os.name` and `device.type` only. ua-parser's source is
// one UMD file, so nothing tree-shakes; this removes, by exact anchors in its source:
//   - the `cpu` and `engine` regex tables (getCPU()/getEngine() then find nothing; ≈0.4 KB gzip);
//   - the jQuery/Zepto hook, which on a store with jQuery parses the user agent a second time at
//     load and writes `$.ua` into the theme's jQuery (a side effect we do not want anyway).
// The browser, os and device tables stay whole: device type depends on every device rule, since
// the first matching rule wins. If ua-parser's source no longer has these anchors (a new release
// moved things), the build fails here instead of shipping a half-cut parser;
// test/unit/scripts/slim-ua-parser.test.ts checks the cut parser gives the same answers.
import { readFile } from 'node:fs/promises';

export const UA_PARSER_FILE = /[\\/]ua-parser-js[\\/]src[\\/]ua-parser\.js$/;

function cut(source, start, end, replacement, what) {
  const from = source.indexOf(start);
  const to = source.indexOf(end, from + 1);
  if (from < 0 || to < 0 || source.indexOf(start, from + 1) >= 0) {
    throw new Error(
      `slim-ua-parser: cannot find ${what} in ua-parser-js (its source changed): update scripts/slim-ua-parser.mjs`,
    );
  }
  return source.slice(0, from) + replacement + source.slice(to);
}

/** The cut source. Throws when ua-parser-js is not 1.x or its layout changed. */
export function slimUaParser(source) {
  if (!/LIBVERSION\s*=\s*'1\./.test(source)) throw new Error('slim-ua-parser: ua-parser-js must be 1.x (2.x is AGPL)');
  let out = cut(source, '\n        cpu : [[', '\n        device : [[', '\n        cpu : [],', 'the cpu table');
  out = cut(out, '\n        engine : [[', '\n        os : [[', '\n        engine : [],', 'the engine table');
  out = cut(out, '\n    // jQuery/Zepto specific (optional)', '\n})(typeof window', '\n', 'the jQuery hook');
  return out;
}

export const slimUaParserPlugin = {
  name: 'slim-ua-parser',
  setup(build) {
    build.onLoad({ filter: UA_PARSER_FILE }, async (args) => ({
      contents: slimUaParser(await readFile(args.path, 'utf8')),
      loader: 'js',
    }));
  },
};
