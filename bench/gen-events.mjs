// Synthetic beacon records (README "A/B tests and events") with a KNOWN truth, for the report's
// benchmark and for trying `npx p13n report` without a store:
//
//   node bench/gen-events.mjs [FILE] [--events 1000000] [--uplift 0.10] [--seed 42]
//
// Three tests run side by side on the same visitors:
// - hero-welcome-back-test@1 (segment `returning`, control/welcome-back 50/50): the treatment's true
//   conversion rate is the control's × (1 + uplift); order values are the same, so revenue per visitor
//   rises by the same factor. The report should find it.
// - featured-aa-test@1 (everyone, 50/50, identical variants): an A/A test, no true difference.
// - banner-broken-test@1 (everyone, 50/50): 4% of the treatment's visitors never send their exposure
//   (a variant that breaks the beacon): a sample ratio mismatch the report must flag.
import { openSync, writeSync, closeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** mulberry32: small, fast, seedable; plenty for simulation. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const TRUTH = {
  baseRate: 0.04,
  /** Order value: log-normal with this median and spread (mean ≈ median × e^(σ²/2) ≈ $80). */
  orderMedian: 66,
  orderSigma: 0.6,
  lostExposures: 0.04,
};

const T0 = Date.parse('2026-11-02T00:00:00Z');
const DAY = 86_400_000;

export function generateEvents({ file, events = 1_000_000, uplift = 0.1, seed = 42 }) {
  const rand = random(seed);
  const hex = () =>
    Math.floor(rand() * 4294967296)
      .toString(16)
      .padStart(8, '0');
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const orderValue = () => Math.round(TRUTH.orderMedian * Math.exp(TRUTH.orderSigma * normal()) * 100) / 100;
  const fd = openSync(file, 'w');
  let buffer = [];
  let written = 0;
  const out = (record) => {
    buffer.push(JSON.stringify(record));
    written++;
    if (buffer.length >= 10_000) flush();
  };
  const flush = () => {
    if (buffer.length) writeSync(fd, `${buffer.join('\n')}\n`);
    buffer = [];
  };
  const truth = { visitors: 0, hero: { control: 0, 'welcome-back': 0 } };

  while (written < events) {
    const visitor = hex() + hex() + hex() + hex();
    truth.visitors++;
    const segments = ['returning', rand() < 0.6 ? 'mobile' : 'desktop', ...(rand() < 0.2 ? ['from_email'] : [])];
    const start = T0 + Math.floor(rand() * 14 * DAY);
    const pageviews = 1 + Math.floor(rand() * 4);
    const exposure = (test, rule, slot, when, variant, variants, ts) => ({
      type: 'exposure',
      v: 1,
      ts,
      visitor,
      test,
      rule,
      version: 1,
      variant,
      control: variants[0],
      weights: Object.fromEntries(variants.map((v) => [v, 50])),
      traffic: 100,
      slot,
      when,
      segments,
    });
    const assignments = {};
    const tests = [];
    const hero = rand() < 0.5 ? 'control' : 'welcome-back';
    truth.hero[hero]++;
    assignments['hero-welcome-back-test@1'] = hero;
    tests.push([
      'hero-welcome-back-test@1',
      'hero-welcome-back-test',
      'hero',
      'returning',
      hero,
      ['control', 'welcome-back'],
    ]);
    if (rand() < 0.5) {
      const v = rand() < 0.5 ? 'control' : 'copy';
      assignments['featured-aa-test@1'] = v;
      tests.push(['featured-aa-test@1', 'featured-aa-test', 'featured', null, v, ['control', 'copy']]);
    }
    if (rand() < 0.3) {
      const v = rand() < 0.5 ? 'control' : 'new-banner';
      assignments['banner-broken-test@1'] = v;
      const lost = v === 'new-banner' && rand() < TRUTH.lostExposures;
      if (!lost)
        tests.push([
          'banner-broken-test@1',
          'banner-broken-test',
          'collection-banner',
          null,
          v,
          ['control', 'new-banner'],
        ]);
    }
    for (let page = 0; page < pageviews; page++) {
      const ts = start + page * 60_000;
      for (const [test, rule, slot, when, variant, variants] of tests)
        out(exposure(test, rule, slot, when, variant, variants, ts));
    }
    const rate = TRUTH.baseRate * (hero === 'welcome-back' ? 1 + uplift : 1);
    if (rand() < rate) {
      const orders = rand() < 0.1 ? 2 : 1;
      for (let i = 0; i < orders; i++) {
        const transaction = `T${hex()}`;
        const record = {
          type: 'conversion',
          v: 1,
          ts: start + (pageviews + i) * 60_000,
          visitor,
          event: 'purchase',
          value: orderValue(),
          currency: 'USD',
          transaction_id: transaction,
          assignments,
        };
        out(record);
        if (rand() < 0.05) out(record); // a reloaded thank-you page: the report must count it once
      }
    }
  }
  flush();
  closeSync(fd);
  return { events: written, ...truth };
}

const invokedDirectly = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i === -1 ? fallback : Number(args[i + 1]);
  };
  const file =
    args.find((arg, i) => !arg.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--'))) ?? 'events.ndjson';
  const uplift = option('uplift', 0.1);
  const result = generateEvents({ file, events: option('events', 1_000_000), uplift, seed: option('seed', 42) });
  console.log(
    `${file}: ${result.events.toLocaleString('en-US')} records, ${result.visitors.toLocaleString('en-US')} visitors; true uplift of welcome-back over control: +${(uplift * 100).toFixed(1)}% (conversion rate and revenue per visitor)`,
  );
}
