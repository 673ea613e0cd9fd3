#!/usr/bin/env node
// `npm run bench`: the figures that back "it costs the page nothing", from one run, printed as one
// summary table (then the detail of each part) and written to bench/RESULTS.md with the machine and
// the date. Not part of `npm test`; CI-safe: about 10 minutes on a 2-core machine, plus about 7 for the
// hero-LCP part (`--quick`: about 3, plus 2).
//
// Each part is a module whose `run(options)` resolves to
//   { summary: [[measure, p13n, comparison, difference]], title, head, rows, tables?, notes? }
// and runs on its own; add one to PARTS to include it. `--loads N` sets the page loads per row
// (default 30, the minimum the throttled goals ask for); `--report-events N` the records of the report's part (default 10 M,
// 200 k with --quick); `--learn-rows N` the page-view records p13n learn trains on (default 1 M, 200 k
// with --quick); `--runs N` the Lighthouse runs per page and variant (default 5) and the hero-LCP
// part's shoppers per page (default 7); `--visitors N` the throttled visitors per variant (default 10,
// two loads each); `--quick` a smoke run of every part in a few minutes (figures too few to quote);
// `--only lighthouse,throttled` some parts: their sections of RESULTS.md are replaced, the others kept
// (bench/results.mjs), each with the line naming the run it comes from.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, type as osType, release } from 'node:os';
import { mergeResults, renderPart } from './results.mjs';

const ALL_PARTS = [
  './size.mjs',
  './load.mjs',
  './eval.mjs',
  './report.mjs',
  './learn.mjs',
  './uci.mjs',
  './lighthouse.mjs',
  './throttled.mjs',
  './lcp.mjs',
];
const partName = (part) => part.replace(/^\.\/|\.mjs$/g, '');

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
  lcpRuns: flag('runs', quick ? 2 : 7),
  visitors: flag('visitors', quick ? 2 : 10),
  reportEvents: flag('report-events', quick ? 200_000 : 10_000_000),
  learnRows: flag('learn-rows', quick ? 200_000 : 1_000_000),
  ...(quick ? { profiledLoads: 3, pages: ['home'] } : {}),
};
const only = process.argv.includes('--only')
  ? String(process.argv[process.argv.indexOf('--only') + 1]).split(',')
  : null;
const PARTS = only ? ALL_PARTS.filter((part) => only.some((name) => part === `./${name}.mjs`)) : ALL_PARTS;
const unknown = (only ?? []).filter((name) => !ALL_PARTS.includes(`./${name}.mjs`));
if (unknown.length)
  throw new Error(`--only: no part named ${unknown.join(', ')} (parts: ${ALL_PARTS.map(partName).join(', ')})`);

const started = Date.now();
const loadBefore = loadavg()[0];
const cores = cpus().length;
const machine = `${cpus()[0]?.model ?? 'unknown CPU'} (${cores} cores), ${(totalmem() / 2 ** 30).toFixed(1)} GB, ${osType()} ${release()}, Node ${process.version}`;
const command = `\`npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}\``;
const date = new Date(started).toISOString().slice(0, 10);
const busyNote = (before, after) =>
  Math.max(before, after) > cores * 0.75
    ? ` **The machine was busy** (load average ${before.toFixed(1)} before, ${after.toFixed(1)} after, on ${cores} cores): times are inflated by CPU contention; compare rows of this run with each other, not with other runs.`
    : '';
const fresh = [];
for (const part of PARTS) {
  const t = Date.now();
  const partLoad = loadavg()[0];
  process.stderr.write(`bench: ${part} … `);
  const result = await (await import(part)).run(options);
  const seconds = ((Date.now() - t) / 1000).toFixed(0);
  process.stderr.write(`${seconds} s\n`);
  const after = loadavg()[0];
  const provenance = `${date}, ${machine}; ${command}${quick ? ' (a smoke run: too few runs to quote)' : ''}; this part took ${seconds} s; load average ${partLoad.toFixed(1)} → ${after.toFixed(1)}.${busyNote(partLoad, after)}`;
  fresh.push({
    name: partName(part),
    text: renderPart(partName(part), result, provenance),
    summary: result.summary ?? [],
  });
}
const loadAfter = loadavg()[0];

const file = new URL('./RESULTS.md', import.meta.url);
const header = `Each section names the run it comes from; \`npm run bench -- --only NAME\` replaces that section and keeps the others. Latest run: ${date}, ${machine}; ${command} took ${((Date.now() - started) / 1000).toFixed(0)} s; load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}.${busyNote(loadBefore, loadAfter)}`;
const report = mergeResults(existsSync(file) ? readFileSync(file, 'utf8') : null, fresh, {
  header,
  order: ALL_PARTS.map(partName),
  complete: PARTS.length === ALL_PARTS.length,
});
process.stdout.write(report);
writeFileSync(file, report);
