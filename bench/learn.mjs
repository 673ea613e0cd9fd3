// Benchmark of predicted purchase intent, both ends:
// - `p13n learn` on a synthetic store with planted effects (bench/gen-store.mjs, beacon page-view
//   records, 1,000,000 by default: about 450 MB in a temp dir removed afterwards), through the built
//   command (dist/cli.mjs: DuckDB read, labels, the regression with its penalty search; then again with
//   the boosted-tree alternative), reported as time per million records; and a check that it gives back
//   the planted effects' signs and beats the base rate on the held-out week;
// - `predicted_purchase` in Chromium: the path personalize.js runs (stored profile and page facts →
//   attributes → the model), built with the shopper bundle's options, timed per evaluation for a trained
//   regression (20 terms) and for the same plus 50 boosted trees, against a budget of 0.1 ms.
//
//   node build.mjs && node bench/learn.mjs [--rows 1000000] [--print]
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';
import { generateStore, TRUTH } from './gen-store.mjs';
import { shared } from '../build.mjs';

/** Page views per visitor in gen-store.mjs, about: to ask for a number of records. */
const ROWS_PER_VISITOR = 5.4;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BUDGET_MS_PER_EVALUATION = 0.1;

async function cli() {
  const file = new URL('../dist/cli.mjs', import.meta.url);
  if (!existsSync(file)) execFileSync(process.execPath, ['build.mjs', '--quiet'], { cwd: ROOT, stdio: 'inherit' });
  return (await import(file.href)).main;
}

export async function trainBench({ rows = 1_000_000, seed = 7 } = {}) {
  const main = await cli();
  const dir = mkdtempSync(join(tmpdir(), 'p13n-bench-learn-'));
  try {
    const file = join(dir, 'store.ndjson');
    const store = generateStore({ file, visitors: Math.round(rows / ROWS_PER_VISITOR), seed });
    const timed = async (args) => {
      let stdout = '';
      let stderr = '';
      const io = { stdout: { write: (t) => (stdout += t) }, stderr: { write: (t) => (stderr += t) }, cwd: dir };
      const cpu = process.cpuUsage();
      const started = performance.now();
      const code = await main(['learn', file, ...args], io);
      if (code !== 0) throw new Error(`p13n learn exited ${code}: ${stderr}`);
      const used = process.cpuUsage(cpu);
      // CPU time too: on a shared machine the wall clock mostly measures the neighbours.
      return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, stdout };
    };
    const regression = await timed(['--no-trees', '--out', join(dir, 'model.json')]);
    const withTrees = await timed(['--out', join(dir, 'model2.json')]);
    const model = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    return { store, bytes: statSync(file).size, regression, withTrees, model, checks: checkModel(model) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The planted effects' signs, and the held-out log loss against the base rate's. */
function checkModel(model) {
  const term = (name) => model.f.find((t) => t.a === name);
  const level = (name, value) => term(name).c[value] ?? 0;
  const signs = {
    email: level('channel', 'email') - level('channel', 'direct') > 0 === TRUTH.channel.Email > 0,
    logged_in: level('logged_in', 'true') - level('logged_in', 'false') > 0 === TRUTH.logged_in > 0,
    mobile: level('device', 'mobile') - level('device', 'desktop') > 0 === TRUTH.device.mobile > 0,
    cart_value: term('cart_value').l > 0 === TRUTH.cart_value > 0,
    'interest.running': term('interest.running').l > 0 === TRUTH['interest.running'] > 0,
  };
  const m = model.card.metrics;
  return { signs, beatsBase: m.logloss < m.logloss_base, metrics: m };
}

/** Microseconds per evaluation of predicted_purchase in Chromium, per model. */
export async function browserBench({ evaluations = 200_000 } = {}) {
  const fixture = JSON.parse(readFileSync(new URL('../test/browser/fixtures/model.json', import.meta.url), 'utf8'));
  const models = { 'regression (20 terms)': { ...fixture, t: undefined }, 'regression + 50 trees': fixture };
  const bundle = await build({
    ...shared,
    entryPoints: [],
    stdin: {
      contents: `import { toAttributes } from './src/core/attributes/from-profile.ts';
        import { newProfile } from './src/core/profile/model.ts';
        window.benchModel = (model, n) => {
          const facts = { source: null, device: { device: 'mobile', bot: false, os: 'ios', browser: 'safari' },
            location: { country: 'NO', timezone: 'Europe/Oslo', language: 'nb', hemisphere: 'north' },
            time: { hour: 20, weekday: 3, month: 11, day: '2026-11-18' }, path: '/', pageType: 'home', loggedIn: null };
          const now = Date.parse('2026-11-18T19:00:00Z');
          const profiles = Array.from({ length: 64 }, (_, i) => ({ ...newProfile('v', now - i * 864e5), visits: 1 + (i % 9),
            pageviews: 3 + i, visitPageviews: 1 + (i % 7), cartValue: (i % 4) * 35, cartItems: i % 4,
            interest: { running: i % 5, hiking: i % 3 }, source: { channel: i % 2 ? 'Email' : 'Direct', source: 'x',
            medium: 'y', campaign: null, content: null, term: null, referrerType: i % 2 ? 'email' : 'direct', referrerHost: null } }));
          const attrs = profiles.map((profile) => toAttributes({ profile, facts, tags: null, consent: true, now, model }));
          let sum = 0;
          for (let i = 0; i < 2000; i++) sum += attrs[i & 63].predicted_purchase; // warm up
          const started = performance.now();
          for (let i = 0; i < n; i++) sum += attrs[i & 63].predicted_purchase;
          return { ms: performance.now() - started, sum };
        };`,
      resolveDir: ROOT,
      loader: 'ts',
    },
    format: 'iife',
    write: false,
    sourcemap: false,
    metafile: false,
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><title>bench</title>');
    await page.addScriptTag({ content: bundle.outputFiles[0].text });
    const out = {};
    for (const [name, model] of Object.entries(models)) {
      const runs = [];
      for (let r = 0; r < 5; r++)
        runs.push(await page.evaluate(([m, n]) => window.benchModel(m, n), [model, evaluations]));
      const best = Math.min(...runs.map((run) => run.ms));
      out[name] = { usPerEvaluation: (best * 1000) / evaluations, bytes: JSON.stringify(model).length };
    }
    return out;
  } finally {
    await browser.close();
  }
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** The `npm run bench` part. */
export async function run(options = {}) {
  const rows = options.learnRows ?? (options.quick ? 200_000 : 1_000_000);
  const train = await trainBench({ rows });
  const perMillion = (ms) => (ms / train.store.rows) * 1e6;
  const eval_ = await browserBench({ evaluations: options.quick ? 50_000 : 200_000 });
  const signs = Object.entries(train.checks.signs);
  const m = train.checks.metrics;
  const worst = Math.max(...Object.values(eval_).map((e) => e.usPerEvaluation));
  return {
    title: 'p13n learn and predicted_purchase',
    summary: [
      [
        `\`p13n learn\` per million page-view records (${train.store.rows.toLocaleString('en-US')} records)`,
        `${seconds(perMillion(train.regression.ms))} wall, ${seconds(perMillion(train.regression.cpuMs))} CPU (regression); ${seconds(perMillion(train.withTrees.ms))} wall with the tree alternative`,
        `planted signs ${signs.filter(([, ok]) => ok).length}/${signs.length}; log loss ${m.logloss} vs base ${m.logloss_base}`,
        train.checks.beatsBase && signs.every(([, ok]) => ok) ? 'effects recovered' : 'MISSED THE TRUTH',
      ],
      [
        'predicted_purchase, one evaluation in Chromium',
        Object.entries(eval_)
          .map(([name, e]) => `${e.usPerEvaluation.toFixed(2)} µs (${name})`)
          .join('; '),
        `budget ${BUDGET_MS_PER_EVALUATION * 1000} µs`,
        `${(BUDGET_MS_PER_EVALUATION * 1000) / worst >= 1 ? `${((BUDGET_MS_PER_EVALUATION * 1000) / worst).toFixed(0)}× under` : 'OVER BUDGET'}`,
      ],
    ],
    head: ['measure', 'value'],
    rows: [
      [
        'records, visitors, orders',
        `${train.store.rows.toLocaleString('en-US')}, ${train.store.visitors.toLocaleString('en-US')}, ${train.store.orders.toLocaleString('en-US')} (${(train.bytes / 2 ** 20).toFixed(0)} MB NDJSON)`,
      ],
      [
        'learn, regression only',
        `${seconds(train.regression.ms)} (${seconds(perMillion(train.regression.ms))} per million records)`,
      ],
      [
        'learn, with the tree alternative',
        `${seconds(train.withTrees.ms)} (${seconds(perMillion(train.withTrees.ms))} per million records)`,
      ],
      ['held-out AUC, log loss (base rate)', `${m.auc}, ${m.logloss} (${m.logloss_base})`],
      ['planted signs recovered', signs.map(([name, ok]) => `${name} ${ok ? 'yes' : 'NO'}`).join(', ')],
      ...Object.entries(eval_).map(([name, e]) => [
        `one evaluation in Chromium, ${name}`,
        `${e.usPerEvaluation.toFixed(3)} µs (model ${e.bytes.toLocaleString('en-US')} bytes)`,
      ]),
    ],
    notes: [
      "Training time includes reading the NDJSON with DuckDB and labelling page views by orders; the regression searches four penalties on at most 200,000 rows, then fits all training rows. CPU time counts DuckDB's threads too.",
      'Browser: best of 5 runs of repeated reads of predicted_purchase (the getter computes it on each read, as on a page), after a warm-up.',
    ],
  };
}

const invokedDirectly = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const i = process.argv.indexOf('--rows');
  const result = await run({ learnRows: i > 0 ? Number(process.argv[i + 1]) : undefined });
  for (const row of result.summary) console.log(row.join(' | '));
  if (process.argv.includes('--print')) for (const row of result.rows) console.log(row.join(': '));
}
