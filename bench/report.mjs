// Benchmark of `p13n report`: generates beacon records with a known true uplift (bench/gen-events.mjs,
// 10,000,000 by default, about 3.3 GB, into a temp dir removed afterwards), runs the built command on
// them (dist/cli.mjs, the production path: SQL in embedded DuckDB), then DuckDB's own time for the
// bare aggregation on the same file (first exposure per visitor and test, purchases after it, per
// variant: no validation, no segments, no statistics), and checks the report finds what the data hold:
//
//   node build.mjs && node bench/report.mjs [--events 10000000] [--uplift 0.10] [--print]
//
// `--events 1000000` makes a quick run (`npm run bench -- --report-events 1000000` for the whole bench).
// Goals: under a third of the old time per record (5.2 µs, so < 1.73 µs/record) and no more
// than 3× the bare query. Exits 1 when the report misses the truth or the budget.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateEvents } from './gen-events.mjs';

/** The old reader's cost per record (190,000 records/s), and the goal: a third of it. */
export const OLD_US_PER_RECORD = 5.2;
export const BUDGET_US_PER_RECORD = OLD_US_PER_RECORD / 3;

const bareQuery = (file) => `
WITH r AS (SELECT * FROM read_json('${file}', format = 'newline_delimited',
  columns = {type: 'VARCHAR', ts: 'DOUBLE', visitor: 'VARCHAR', test: 'VARCHAR', variant: 'VARCHAR', value: 'DOUBLE', assignments: 'MAP(VARCHAR, VARCHAR)'})),
e AS (SELECT test, visitor, arg_min(variant, ts) AS variant, min(ts) AS ts FROM r WHERE type = 'exposure' GROUP BY test, visitor),
c AS (SELECT visitor, ts, value, unnest(map_keys(assignments)) AS test, unnest(map_values(assignments)) AS variant FROM r WHERE type = 'conversion'),
b AS (SELECT e.test, e.visitor, count(*) AS orders, sum(c.value) AS revenue FROM e JOIN c ON c.visitor = e.visitor AND c.test = e.test AND c.variant = e.variant AND c.ts >= e.ts GROUP BY ALL)
SELECT e.test, e.variant, count(*) AS visitors, count(b.orders) AS converters, sum(b.revenue) AS revenue FROM e LEFT JOIN b USING (test, visitor) GROUP BY ALL`;

export async function runReportBench({ events = 10_000_000, uplift = 0.1, seed = 42 } = {}) {
  const cli = new URL('../dist/cli.mjs', import.meta.url);
  if (!existsSync(cli))
    execFileSync(process.execPath, ['build.mjs', '--quiet'], { cwd: new URL('..', import.meta.url), stdio: 'inherit' });
  const { main } = await import(cli.href);
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const dir = mkdtempSync(join(tmpdir(), 'p13n-bench-'));
  const file = join(dir, 'events.ndjson');
  try {
    const truth = generateEvents({ file, events, uplift, seed });
    const bytes = statSync(file).size;
    let stdout = '';
    let stderr = '';
    const io = { stdout: { write: (t) => (stdout += t) }, stderr: { write: (t) => (stderr += t) }, cwd: dir };
    let started = performance.now();
    const code = await main(['report', file], io);
    const ms = performance.now() - started;
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    started = performance.now();
    await db.runAndReadAll(bareQuery(file));
    const bareMs = performance.now() - started;
    return { truth, bytes, ms, bareMs, code, stdout, stderr, checks: checkReport(stdout, uplift) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const usPerRecord = (ms, events) => (ms * 1000) / events;

const pct = (x) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
const describeInterval = (r) => (r ? `${pct(r.uplift)} [${pct(r.low)}, ${pct(r.high)}]` : 'nothing');

/** The part of `npm run bench` (bench/run.mjs): summary rows and a detail table. `reportEvents` sets the size. */
export async function run(options = {}) {
  const uplift = 0.1;
  const { truth, bytes, ms, bareMs, code, checks } = await runReportBench({
    uplift,
    events: options.reportEvents ?? 10_000_000,
  });
  const events = truth.events.toLocaleString('en-US');
  const per = usPerRecord(ms, truth.events);
  return {
    summary: [
      [
        `\`p13n report\` on ${events} events`,
        `${(ms / 1000).toFixed(2)} s (${per.toFixed(2)} µs/record)`,
        `budget ${BUDGET_US_PER_RECORD.toFixed(2)} µs/record (old reader ${OLD_US_PER_RECORD})`,
        `${Math.round(truth.events / (ms / 1000)).toLocaleString('en-US')} events/s`,
      ],
      [
        `bare DuckDB aggregation, same file`,
        `${(bareMs / 1000).toFixed(2)} s`,
        'report ≤ 3× this',
        `report is ${(ms / bareMs).toFixed(2)}×`,
      ],
    ],
    title: `A/B report: ${events} generated beacon records (${(bytes / 1e6).toFixed(0)} MB, ${truth.visitors.toLocaleString('en-US')} visitors), bench/gen-events.mjs`,
    head: ['check', 'truth', 'report says', 'result'],
    rows: [
      ['exit code', '0', String(code), code === 0 ? 'ok' : 'FAILED'],
      [
        'hero test, welcome-back vs control',
        `${pct(uplift)} uplift`,
        describeInterval(checks.hero),
        checks.heroFound ? 'found (truth inside the 95% interval, which excludes 0)' : 'NOT found',
      ],
      ['A/A test', 'no difference', describeInterval(checks.aa), checks.aaQuiet ? 'no false winner' : 'FALSE WINNER'],
      [
        'broken split',
        'sample ratio mismatch',
        checks.srmFlagged ? 'mismatch flagged' : 'silent',
        checks.srmFlagged ? 'ok' : 'MISSED',
      ],
      [
        'healthy splits',
        'no mismatch',
        checks.srmQuietElsewhere ? 'silent' : 'mismatch flagged',
        checks.srmQuietElsewhere ? 'ok' : 'FALSE ALARM',
      ],
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
  const allRow = (test, variant) =>
    block(test)
      .split('\n')
      .find((line) => line.includes(` ${variant} `) && line.includes('['));
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
    srmQuietElsewhere:
      !block('hero-welcome-back-test@1').includes('MISMATCH') && !block('featured-aa-test@1').includes('MISMATCH'),
  };
}

const invokedDirectly = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const args = process.argv.slice(2);
  const option = (name, fallback) =>
    args.includes(`--${name}`) ? Number(args[args.indexOf(`--${name}`) + 1]) : fallback;
  const uplift = option('uplift', 0.1);
  const result = await runReportBench({ events: option('events', 10_000_000), uplift });
  const { truth, bytes, ms, bareMs, checks } = result;
  if (args.includes('--print')) console.log(result.stdout);
  const per = usPerRecord(ms, truth.events);
  console.log(
    `p13n report: ${truth.events.toLocaleString('en-US')} events (${(bytes / 1e6).toFixed(0)} MB, ${truth.visitors.toLocaleString('en-US')} visitors) in ${(ms / 1000).toFixed(2)} s = ${per.toFixed(2)} µs/record, ${Math.round(truth.events / (ms / 1000)).toLocaleString('en-US')} events/s (goal < ${BUDGET_US_PER_RECORD.toFixed(2)} µs/record)`,
  );
  console.log(
    `  bare DuckDB aggregation on the same file: ${(bareMs / 1000).toFixed(2)} s; the report takes ${(ms / bareMs).toFixed(2)}× that (goal ≤ 3×)`,
  );
  console.log(
    `  true uplift ${pct(uplift)}; reported ${describeInterval(checks.hero)}: ${checks.heroFound ? 'found (truth inside the 95% interval, which excludes 0)' : 'NOT found'}`,
  );
  console.log(`  A/A test: ${describeInterval(checks.aa)}: ${checks.aaQuiet ? 'no false winner' : 'FALSE WINNER'}`);
  console.log(
    `  broken test: ${checks.srmFlagged ? 'sample ratio mismatch flagged' : 'mismatch MISSED'}; healthy tests: ${checks.srmQuietElsewhere ? 'no false alarm' : 'FALSE ALARM'}`,
  );
  const ok =
    result.code === 0 &&
    checks.heroFound &&
    checks.aaQuiet &&
    checks.srmFlagged &&
    checks.srmQuietElsewhere &&
    per < BUDGET_US_PER_RECORD &&
    ms <= 3 * bareMs;
  process.exitCode = ok ? 0 : 1;
}
