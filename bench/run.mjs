#!/usr/bin/env node
// `npm run bench`: the figures that back "it costs the page nothing", from one run, printed as one
// summary table (then the detail of each part) and written to bench/RESULTS.md with the machine and
// the date. Not part of `npm test`; CI-safe: about 10 minutes on a 2-core machine (`--quick`: about 3).
//
// Each part is a module whose `run(options)` resolves to
//   { summary: [[measure, p13n, comparison, difference]], title, head, rows, notes? }
// and runs on its own; add one to PARTS to include it. `--loads N` sets the page loads per row
// (default 30, the issue's minimum); `--report-events N` the records of the report's part (default 10 M,
// 200 k with --quick); `--learn-rows N` the page-view records p13n learn trains on (default 1 M, 200 k with --quick); `--runs N` the Lighthouse runs per page and variant (default 5);
// `--visitors N` the throttled visitors per variant (default 10, two loads each); `--quick` a smoke
// run of every part in a few minutes (figures too few to quote); `--only lighthouse,throttled` some parts.
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, type as osType, release } from 'node:os';

const ALL_PARTS = [
  './size.mjs',
  './load.mjs',
  './eval.mjs',
  './report.mjs',
  './learn.mjs',
  './uci.mjs',
  './lighthouse.mjs',
  './throttled.mjs',
];

const flag = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} takes a whole number ≥ 1, not '${process.argv[i + 1]}'`);
  return value;
};
const quick = process.argv.includes('--quick');
const options = {
  loads: flag('loads', quick ? 6 : 30),
  runs: flag('runs', quick ? 1 : 5),
  visitors: flag('visitors', quick ? 2 : 10),
  reportEvents: flag('report-events', quick ? 200_000 : 10_000_000),
  learnRows: flag('learn-rows', quick ? 200_000 : 1_000_000),
  ...(quick ? { profiledLoads: 3, pages: ['home'] } : {}),
};
const only = process.argv.includes('--only')
  ? String(process.argv[process.argv.indexOf('--only') + 1]).split(',')
  : null;
const PARTS = only ? ALL_PARTS.filter((part) => only.some((name) => part === `./${name}.mjs`)) : ALL_PARTS;

const table = (head, rows) =>
  [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');

const started = Date.now();
const loadBefore = loadavg()[0];
const results = [];
for (const part of PARTS) {
  const t = Date.now();
  process.stderr.write(`bench: ${part} … `);
  const result = await (await import(part)).run(options);
  process.stderr.write(`${((Date.now() - t) / 1000).toFixed(0)} s\n`);
  results.push(result);
}
const loadAfter = loadavg()[0];
const cores = cpus().length;

const machine = `${cpus()[0]?.model ?? 'unknown CPU'} (${cores} cores), ${(totalmem() / 2 ** 30).toFixed(1)} GB, ${osType()} ${release()}, Node ${process.version}`;
const busy =
  Math.max(loadBefore, loadAfter) > cores * 0.75
    ? `\n\n**The machine was busy** (load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after, on ${cores} cores): times are inflated by CPU contention; compare rows of this run with each other, not with other runs.`
    : '';
const report = [
  '# Benchmark results',
  '',
  `${new Date(started).toISOString().slice(0, 10)}, ${machine}; \`npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}\`${quick ? ' (a smoke run: too few runs to quote)' : ''} took ${((Date.now() - started) / 1000).toFixed(0)} s; load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}.${busy}`,
  '',
  table(
    ['measure', 'p13n', 'comparison', 'difference'],
    results.flatMap((r) => r.summary ?? []),
  ),
  ...results.flatMap((r) => [
    '',
    `## ${r.title}`,
    '',
    table(r.head, r.rows),
    ...(r.notes?.length ? ['', ...r.notes.map((n) => `- ${n}`)] : []),
  ]),
  '',
].join('\n');

process.stdout.write(`${report}\n`);
writeFileSync(new URL('./RESULTS.md', import.meta.url), report);
