// The report under changing weights, and what nightly allocation buys: simulated tests with a known
// truth (bench/bandit-sim.ts: a variant 10% better than the control every day, 1,000 visitors a day
// for 28 days, the store's conversion rate falling from 6% to 2%), run through the report's own
// analyze() and allocate(). Three designs: fixed 50/50; weights changed mid-test (50/50, 20/80,
// 10/90); `p13n report --allocate` every night (Thompson sampling, 10% floor). Per design: the bias
// of the report's estimate and of the naive pooled one, the coverage of its 95% intervals, and the
// share of visitors on the better variant by week. Prints Markdown for bench/RESULTS.md, between its
// `<!-- part:bandit … -->` markers (a section outside markers is dropped when `npm run bench` rewrites
// the file):
//
//   node bench/bandit.mjs [--runs 1000]
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const arg = process.argv.indexOf('--runs');
const runs = arg > 0 ? Number(process.argv[arg + 1]) : 1000;

const dir = mkdtempSync(join(tmpdir(), 'p13n-bandit-'));
try {
  const outfile = join(dir, 'sim.mjs');
  await build({
    entryPoints: [new URL('./bandit-sim.ts', import.meta.url).pathname],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'error',
  });
  const { DEFAULT_SCENARIO: scenario, midTestChanges, simulate } = await import(pathToFileURL(outfile).href);
  const designs = [
    ['fixed 50/50', () => 50],
    ['changed mid-test: 50/50, 20/80, 10/90', midTestChanges(scenario.days)],
    ['--allocate every night', 'bandit'],
  ];
  const pct = (x, digits = 1) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(digits)}`;
  const rows = [];
  const shares = [];
  for (const [name, schedule] of designs) {
    const started = Date.now();
    const f = simulate(runs, scenario, schedule, 1);
    process.stderr.write(`${name}: ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
    rows.push(
      `| ${name} | ${f.meanPeriods.toFixed(1)} | ${pct(f.bias.conversion, 2)} ± ${(f.error.conversion * 100).toFixed(2)} pts | ${pct(f.bias.naive, 1)} pts | ${(f.bias.difference * 1e4).toFixed(2)} ± ${(f.error.difference * 1e4).toFixed(2)} | ${(f.coverage.conversion * 100).toFixed(1)}% | ${pct(f.bias.revenue, 2)} ± ${(f.error.revenue * 100).toFixed(2)} pts | ${(f.coverage.revenue * 100).toFixed(1)}% |`,
    );
    const week = (w) => f.shareByDay.slice(w * 7, w * 7 + 7).reduce((a, b) => a + b, 0) / 7;
    shares.push(
      `| ${name} | ${[0, 1, 2, 3].map((w) => `${(week(w) * 100).toFixed(0)}%`).join(' | ')} | ${((f.shareByDay.reduce((a, b) => a + b, 0) / f.shareByDay.length) * 100).toFixed(1)}% |`,
    );
  }
  console.log(`${runs} simulated tests per design; ${scenario.visitorsPerDay} visitors a day for ${scenario.days} days; the control converts ${scenario.start * 100}% on day 1, falling evenly to ${scenario.end * 100}% on day ${scenario.days}; the variant converts 10% more every day (orders: exponential, mean 80, in both). Truth: uplift +10.0% in conversion and in revenue per visitor.

| design | periods of weights | conversion uplift: bias of the report (± sim. error) | bias if periods are pooled | rate difference: bias × 10⁴ (± sim. error) | 95% interval holds the truth | revenue/visitor uplift: bias | 95% interval holds the truth |
|---|---|---|---|---|---|---|---|
${rows.join('\n')}

Share of visitors on the better variant:

| design | week 1 | week 2 | week 3 | week 4 | all 28 days |
|---|---|---|---|---|---|
${shares.join('\n')}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
