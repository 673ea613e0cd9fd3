// Benchmark of `p13n report`: generates 1,000,000 beacon records with a known true uplift
// (bench/gen-events.mjs), runs the built command on them (dist/cli.mjs, the production path), and
// prints the time, the throughput and whether the report finds what the data hold:
//
//   node build.mjs && node bench/report.mjs [--events 1000000] [--uplift 0.10] [--print]
//
// Budget: 1 million events in under 10 seconds on the project's 2-core machine. `--print` shows the
// report itself. Exits 1 when over budget or when the report misses the truth. Other benchmarks may
// import `runReportBench()` and print its figures.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateEvents } from './gen-events.mjs';

export const BUDGET_MS = 10_000;

export async function runReportBench({ events = 1_000_000, uplift = 0.1, seed = 42 } = {}) {
  const cli = new URL('../dist/cli.mjs', import.meta.url);
  if (!existsSync(cli)) execFileSync(process.execPath, ['build.mjs', '--quiet'], { cwd: new URL('..', import.meta.url), stdio: 'inherit' });
  const { main } = await import(cli.href);
  const dir = mkdtempSync(join(tmpdir(), 'p13n-bench-'));
  const file = join(dir, 'events.ndjson');
  try {
    const truth = generateEvents({ file, events, uplift, seed });
    const bytes = statSync(file).size;
    let stdout = '';
    let stderr = '';
    const io = { stdout: { write: (t) => (stdout += t) }, stderr: { write: (t) => (stderr += t) }, cwd: dir };
    const started = performance.now();
    const code = await main(['report', file], io);
    const ms = performance.now() - started;
    return { truth, bytes, ms, code, stdout, stderr, checks: checkReport(stdout, uplift) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const pct = (x) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
const describeInterval = (r) => (r ? `${pct(r.uplift)} [${pct(r.low)}, ${pct(r.high)}]` : 'nothing');

/** The part of `npm run bench` (bench/run.mjs): one summary row and a detail table. */
export async function run() {
  const uplift = 0.1;
  const { truth, bytes, ms, code, checks } = await runReportBench({ uplift });
  const events = truth.events.toLocaleString('en-US');
  return {
    summary: [[`\`p13n report\` on ${events} events`, `${(ms / 1000).toFixed(2)} s`, `budget ${BUDGET_MS / 1000} s`, `${Math.round(truth.events / (ms / 1000)).toLocaleString('en-US')} events/s`]],
    title: `A/B report: ${events} generated beacon records (${(bytes / 1e6).toFixed(0)} MB, ${truth.visitors.toLocaleString('en-US')} visitors), bench/gen-events.mjs`,
    head: ['check', 'truth', 'report says', 'result'],
    rows: [
      ['exit code', '0', String(code), code === 0 ? 'ok' : 'FAILED'],
      ['hero test, welcome-back vs control', `${pct(uplift)} uplift`, describeInterval(checks.hero), checks.heroFound ? 'found (truth inside the 95% interval, which excludes 0)' : 'NOT found'],
      ['A/A test', 'no difference', describeInterval(checks.aa), checks.aaQuiet ? 'no false winner' : 'FALSE WINNER'],
      ['broken split', 'sample ratio mismatch', checks.srmFlagged ? 'mismatch flagged' : 'silent', checks.srmFlagged ? 'ok' : 'MISSED'],
      ['healthy splits', 'no mismatch', checks.srmQuietElsewhere ? 'silent' : 'mismatch flagged', checks.srmQuietElsewhere ? 'ok' : 'FALSE ALARM'],
    ],
  };
}

/** Reads the printed report back: what it says about each of the generator's three tests. */
export function checkReport(stdout, uplift) {
  const block = (test) => {
    const start = stdout.indexOf(`== ${test}`);
    const end = stdout.indexOf('\n== ', start + 1);
    return start === -1 ? '' : stdout.slice(start, end === -1 ? undefined : end);
  };
  // The first row of a variant with an interval is its "(all)" row: segment slices follow it.
  const allRow = (test, variant) => block(test).split('\n').find((line) => line.includes(` ${variant} `) && line.includes('['));
  const interval = (row) => {
    const match = /([+−-][\d.]+)% \[([+−-][\d.]+)%, ([+−-][\d.]+)%\]/.exec(row ?? '');
    const num = (s) => Number(s.replace('−', '-')) / 100;
    return match ? { uplift: num(match[1]), low: num(match[2]), high: num(match[3]) } : null;
  };
  const hero = interval(allRow('hero-welcome-back-test@1', 'welcome-back'));
  const aa = interval(allRow('featured-aa-test@1', 'copy'));
  return {
    hero,
    /** The true uplift lies in the 95% interval, and the interval excludes zero (the effect is found). */
    heroFound: !!hero && hero.low <= uplift && uplift <= hero.high && hero.low > 0,
    aa,
    /** The A/A test's interval contains zero (no false winner). */
    aaQuiet: !!aa && aa.low <= 0 && 0 <= aa.high,
    srmFlagged: block('banner-broken-test@1').includes('SAMPLE RATIO MISMATCH'),
    srmQuietElsewhere: !block('hero-welcome-back-test@1').includes('MISMATCH') && !block('featured-aa-test@1').includes('MISMATCH'),
  };
}

const invokedDirectly = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => (args.includes(`--${name}`) ? Number(args[args.indexOf(`--${name}`) + 1]) : fallback);
  const uplift = option('uplift', 0.1);
  const result = await runReportBench({ events: option('events', 1_000_000), uplift });
  const { truth, bytes, ms, checks } = result;
  if (args.includes('--print')) console.log(result.stdout);
  console.log(`p13n report: ${truth.events.toLocaleString('en-US')} events (${(bytes / 1e6).toFixed(0)} MB, ${truth.visitors.toLocaleString('en-US')} visitors) in ${(ms / 1000).toFixed(2)} s = ${Math.round(truth.events / (ms / 1000)).toLocaleString('en-US')} events/s (budget ${BUDGET_MS / 1000} s)`);
  console.log(`  true uplift ${pct(uplift)}; reported ${describeInterval(checks.hero)}: ${checks.heroFound ? 'found (truth inside the 95% interval, which excludes 0)' : 'NOT found'}`);
  console.log(`  A/A test: ${describeInterval(checks.aa)}: ${checks.aaQuiet ? 'no false winner' : 'FALSE WINNER'}`);
  console.log(`  broken test: ${checks.srmFlagged ? 'sample ratio mismatch flagged' : 'mismatch MISSED'}; healthy tests: ${checks.srmQuietElsewhere ? 'no false alarm' : 'FALSE ALARM'}`);
  const ok = result.code === 0 && ms < BUDGET_MS && checks.heroFound && checks.aaQuiet && checks.srmFlagged && checks.srmQuietElsewhere;
  process.exitCode = ok ? 0 : 1;
}
