#!/usr/bin/env node
// The quick device matcher (src/core/classify/quick-device.ts): how often it answers, and its bytes.
//   node bench/quick-device.mjs
// Coverage is the share of each set where a field is answered (not "unsure"); every answer equals the
// full classifier's (test/unit/core/classify/quick-device.test.ts runs the same sets differentially).
// The sets and the touch/screen values that go with each user agent are the accuracy bench's
// (bench/accuracy/*.mjs), plus a "typical shopper mix" built from them (see SHOPPER_MIX).
// `datasets()` is shared with the differential test.
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { platformTruth } from './accuracy/device.mjs';
import { readJson, ROOT } from './accuracy/load.mjs';

/** What maxTouchPoints a device-detector fixture's device reports (as bench/accuracy/matomo.mjs). */
const TOUCH = new Set(['smartphone', 'phablet', 'feature phone', 'tablet', 'wearable', 'car browser', 'smart display']);

/** In-app browsers among the classifier's own real-world fixtures, and each app's share of in-app visits. */
const APPS = [
  ['facebook', /FBAN|FB_IAB|MetaIAB/, 0.35],
  ['instagram', /Instagram/, 0.35],
  ['tiktok', /musical_ly|trill_/, 0.15],
  ['pinterest', /Pinterest/, 0.05],
  ['other', /GSA\/|Snapchat|LinkedInApp|Twitter for|MicroMessenger|Line\/|Barcelona/, 0.1],
];

/**
 * A store's visits, roughly: about three in four on phones (iPhones ahead of Android phones), one in
 * six of the phone visits inside a social app's browser, the rest on computers. Assumed shares, not
 * measured ones: the per-group coverage is printed too, to weigh differently.
 */
const SHOPPER_MIX = { iphone: 0.4, 'android phone': 0.2, 'desktop chrome': 0.25, 'in-app': 0.15 };

/**
 * The sets, as { name, cases: [{ ua, hints, touch, side, weight, group? }] }: touch and screen are what
 * such a device reports (bench/accuracy/device.mjs: 5 touch points on phones and tablets, none on
 * computers; the screen's short side where the set records it).
 */
export function datasets() {
  const profiles = readJson('node_modules/user-agents/dist/user-agents.json').map((p) => {
    const truth = platformTruth(p);
    const ua = p.userAgent;
    const group =
      truth === 'mobile' && /iPhone/.test(ua)
        ? 'iphone'
        : truth === 'mobile' && /Android/.test(ua)
          ? 'android phone'
          : truth === 'desktop' && /Chrome\//.test(ua) && !/Edg|OPR|YaBrowser|Samsung/.test(ua)
            ? 'desktop chrome'
            : undefined;
    const touch = truth === 'mobile' || truth === 'tablet' ? 5 : 0;
    return { ua, hints: null, touch, side: Math.min(p.screenWidth, p.screenHeight), weight: p.weight, group };
  });
  const matomo = readJson('bench/data/matomo-devices.json').rows.map((r) => ({
    ua: r.ua,
    hints: null,
    touch: TOUCH.has(r.type) ? 5 : 0,
    side: undefined,
    weight: 1,
  }));
  const crawlers = readJson('node_modules/crawler-user-agents/crawler-user-agents.json').flatMap((entry) =>
    (entry.instances ?? []).map((ua) => ({ ua, hints: null, touch: 0, side: undefined, weight: 1 })),
  );
  const fixtures = readJson('test/unit/core/classify/fixtures/user-agents.json').map((c) => ({
    ua: c.ua,
    hints: c.hints ?? null,
    touch: c.touch ?? (c.device === 'mobile' || c.device === 'tablet' ? 5 : 0),
    side: undefined,
    weight: 1,
  }));
  const inApp = fixtures.filter((c) => c.touch === 5 && APPS.some(([, pattern]) => pattern.test(c.ua)));
  for (const [, pattern, share] of APPS) {
    const rows = inApp.filter((c) => pattern.test(c.ua) && !c.group);
    for (const c of rows) Object.assign(c, { group: 'in-app', weight: share / rows.length });
  }
  return [
    { name: 'user-agents', cases: profiles, weighted: true },
    { name: 'device-detector', cases: matomo },
    { name: 'crawler-user-agents', cases: crawlers },
    { name: 'classifier fixtures', cases: fixtures.filter((c) => !c.group) },
    { name: 'in-app fixtures', cases: inApp },
  ];
}

/** The full classifier and the quick matcher, bundled straight from src/ (as bench/accuracy/load.mjs). */
async function load() {
  const entry = `export { classifyDevice } from './src/core/classify/device.ts';
export { quickDevice, quickOs, quickBrowser } from './src/core/classify/quick-device.ts';`;
  const result = await build({
    stdin: { contents: entry, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'warning',
  });
  const dir = mkdtempSync(join(tmpdir(), 'p13n-quick-'));
  try {
    const file = join(dir, 'quick.mjs');
    writeFileSync(file, result.outputFiles[0].text);
    return await import(pathToFileURL(file).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Drops the in-app browsers' suffixes from SHAPE's source: how much they cost. Each suffix group starts
 * at one of these anchors and is the group that anchor opens.
 */
function withoutInApp(source) {
  let out = source;
  for (const anchor of ['(?: Instagram ', '(?: \\[FB_IAB']) {
    const from = out.indexOf(anchor);
    if (from < 0) throw new Error(`bench/quick-device.mjs: no ${anchor} in SHAPE any more`);
    let depth = 0;
    let to = from;
    for (; to < out.length; to++) {
      if (out[to] === '\\') to++;
      else if (out[to] === '(') depth++;
      else if (out[to] === ')' && --depth === 0) break;
    }
    out = out.slice(0, from) + out.slice(to + 2); // the group and its `?`
  }
  return out;
}

/** Gzip and brotli bytes of the quick matcher alone, as an inline script carries it (esbuild, minified). */
async function bytes(names, { inApp = true } = {}) {
  const contents = `import { ${names.join(', ')} } from './src/core/classify/quick-device.ts'; window.q = [${names.join(', ')}];`;
  const file = join(ROOT, 'src/core/classify/quick-device.ts');
  const result = await build({
    stdin: { contents, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    legalComments: 'none',
    write: false,
    logLevel: 'error',
    plugins: [
      {
        name: 'without-in-app',
        setup(b) {
          b.onLoad({ filter: /quick-device\.ts$/ }, () => {
            const source = readFileSync(file, 'utf8');
            return { contents: inApp ? source : withoutInApp(source), loader: 'ts' };
          });
        },
      },
    ],
  });
  const code = result.outputFiles[0].contents;
  return {
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

const FIELDS = ['bot', 'device', 'os', 'browser'];

export async function run() {
  const { quickDevice, quickOs, quickBrowser } = await load();
  const answered = (c) => {
    const { bot, device } = quickDevice(c.ua, c.hints, c.touch, c.side);
    return {
      bot: bot !== null,
      device: device !== null,
      os: quickOs(c.ua, c.hints, c.touch) !== undefined,
      browser: quickBrowser(c.ua, c.hints) !== undefined,
    };
  };
  const share = (cases, field, weigh) => {
    const total = cases.reduce((sum, c) => sum + (weigh ? c.weight : 1), 0);
    const hit = cases.reduce((sum, c) => sum + (answered(c)[field] ? (weigh ? c.weight : 1) : 0), 0);
    return total ? (100 * hit) / total : NaN;
  };
  const line = (label, n, values) =>
    console.log(
      `${label.padEnd(40)} ${String(n).padStart(6)}  ${values.map((v) => `${v.toFixed(1).padStart(6)}%`).join(' ')}`,
    );
  console.log(
    `${'answered (share of cases)'.padEnd(40)} ${'cases'.padStart(6)}  ${FIELDS.map((f) => f.padStart(7)).join(' ')}`,
  );
  const sets = datasets();
  for (const { name, cases, weighted } of sets) {
    line(
      name,
      cases.length,
      FIELDS.map((f) => share(cases, f, false)),
    );
    if (weighted)
      line(
        `${name}, traffic-weighted`,
        cases.length,
        FIELDS.map((f) => share(cases, f, true)),
      );
  }
  const grouped = sets.flatMap((s) => s.cases).filter((c) => c.group);
  const mix = FIELDS.map(() => 0);
  for (const [group, weight] of Object.entries(SHOPPER_MIX)) {
    const cases = grouped.filter((c) => c.group === group);
    const values = FIELDS.map((f) => share(cases, f, true));
    line(`  ${group} (${Math.round(weight * 100)}% of the mix)`, cases.length, values);
    values.forEach((v, i) => {
      mix[i] += weight * v;
    });
  }
  line('typical shopper mix', grouped.length, mix);

  const base = await bytes(['quickDevice']);
  const os = await bytes(['quickDevice', 'quickOs']);
  const browser = await bytes(['quickDevice', 'quickBrowser']);
  const all = await bytes(['quickDevice', 'quickOs', 'quickBrowser']);
  const core = await bytes(['quickDevice'], { inApp: false });
  const size = (kind) =>
    `bot + device ${base[kind]} (${core[kind]} without the in-app browsers); ` +
    `os +${os[kind] - base[kind]}, browser +${browser[kind] - base[kind]}, both +${all[kind] - base[kind]}`;
  console.log('\nbytes, esbuild minified IIFE (es2020), alone:');
  console.log(`  gzip -9    ${size('gzip')}`);
  console.log(`  brotli 11  ${size('brotli')}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
