/**
 * `p13n learn`: a purchase-intent model from the store's own data, on the owner's machine (or, for the
 * heavy part, in their BigQuery), written as a few hundred bytes of numbers the shopper's script
 * evaluates (`predicted_purchase`). Nothing leaves the machine. See docs/model.md.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseModel } from '../../core/model/parse.js';
import type { Model } from '../../core/model/types.js';
import { DuckDbUnavailable } from '../report/duckdb.js';
import { describeNotes, formatTrained, printable } from '../learn/format.js';
import { installModel } from '../learn/install.js';
import { formatOf, readInput, type Input } from '../learn/read.js';
import { scoreTable } from '../learn/score-table.js';
import { ga4TrainingSql } from '../learn/sql/ga4.js';
import { horizonName, parseHorizon, type Horizon } from '../learn/sql/horizon.js';
import { train, TrainingError } from '../learn/train.js';
import type { CliIo, Command } from './main.js';

const USAGE = `usage: p13n learn FILE… [options]              beacon records with page views (collect: ["pageviews"])
       p13n learn --table TRAIN.csv [options]     a feature table: attribute columns and converted (0/1)
       p13n learn --ga4 FILE… [options]           GA4's BigQuery export rows (NDJSON or Parquet)
       p13n learn --ga4-sql PROJECT.DATASET [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--timezone ZONE]
       p13n learn --rows RESULT.json [options]    that query's result (bq query --format=json)
       p13n learn --model MODEL.json --score TABLE.csv   the table with a predicted_purchase column
       p13n learn --model MODEL.json --into CONFIG       put a model file into a config
  --out MODEL.json      write the model
  --into CONFIG         put it under the config's models.purchase (read by predicted_purchase)
  --horizon visit|Nd    converted: a purchase later in the same visit (default), or within N days (7d)
  --holdout-days N      days at the end held out to check the model (default 7)
  --timezone ZONE       GA4 only: the zone of hour, weekday and month (default UTC)
  --no-channel          GA4 only: exports before July 2024 have no session channel
  --no-trees            do not try the boosted-tree alternative
`;

interface Options {
  files: string[];
  kind: Input['kind'];
  sql: string | null;
  from?: string;
  to?: string;
  timezone?: string;
  channel: boolean;
  horizon: Horizon;
  holdoutDays: number;
  trees: boolean;
  out?: string;
  into?: string;
  model?: string;
  score: boolean;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATASET = /^[A-Za-z0-9][\w:.-]*\.\w+$/;

function parseArgs(args: readonly string[]): Options | string {
  const options: Options = {
    files: [],
    kind: 'beacon',
    sql: null,
    channel: true,
    horizon: { kind: 'visit' },
    holdoutDays: 7,
    trees: true,
    score: false,
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = () => (i + 1 < args.length ? args[++i]! : '');
    if (arg === '--ga4') options.kind = 'ga4';
    else if (arg === '--rows') options.kind = 'rows';
    else if (arg === '--table') options.kind = 'table';
    else if (arg === '--ga4-sql') options.sql = value();
    else if (arg === '--from') options.from = value();
    else if (arg === '--to') options.to = value();
    else if (arg === '--timezone') options.timezone = value();
    else if (arg === '--no-channel') options.channel = false;
    else if (arg === '--no-trees') options.trees = false;
    else if (arg === '--out') options.out = value();
    else if (arg === '--into') options.into = value();
    else if (arg === '--model') options.model = value();
    else if (arg === '--score') options.score = true;
    else if (arg === '--horizon') {
      const text = value();
      const horizon = parseHorizon(text);
      if (!horizon) return `--horizon takes "visit" or a number of days such as 7d (1d to 90d), not '${text}'`;
      options.horizon = horizon;
    } else if (arg === '--holdout-days') {
      const days = Number(value());
      if (!Number.isInteger(days) || days < 1 || days > 90)
        return '--holdout-days takes a whole number of days from 1 to 90';
      options.holdoutDays = days;
    } else if (arg.startsWith('--')) return `unknown option ${arg}`;
    else options.files.push(arg);
  }
  if (options.timezone !== undefined && !/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/.test(options.timezone))
    return `--timezone takes an IANA zone such as Europe/Oslo, not '${options.timezone}'`;
  if (options.sql !== null) {
    if (!DATASET.test(options.sql))
      return `--ga4-sql needs PROJECT.DATASET (the dataset GA4 exports to, e.g. my-project.analytics_123456789), not '${options.sql}'`;
    const bad = [options.from, options.to].find((d) => d !== undefined && !DATE.test(d));
    if (bad !== undefined) return `--from and --to take a date as YYYY-MM-DD, not '${bad}'`;
    if (options.files.length) return 'with --ga4-sql, give no files: the query runs in BigQuery';
    return options;
  }
  if (options.from || options.to) return '--from and --to go with --ga4-sql';
  if (options.model !== undefined) {
    if (!options.score && options.into === undefined)
      return 'with --model, say what to do: --score TABLE.csv or --into CONFIG';
    if (options.score && options.files.length === 0) return '--score needs a table: --score TABLE.csv';
    return options;
  }
  if (options.score) return '--score needs a model: --model MODEL.json --score TABLE.csv';
  if (options.files.length === 0) return '';
  return options;
}

const SOURCE_WORDS: Record<Input['kind'], string> = {
  beacon: 'beacon records',
  ga4: 'GA4 export rows',
  rows: 'BigQuery result rows',
  table: 'a feature table',
};

export const run: Command = async (args, io) => {
  const options = parseArgs(args);
  if (typeof options === 'string') {
    io.stderr.write(options ? `p13n learn: ${options}\n${USAGE}` : USAGE);
    return 2;
  }
  if (options.sql !== null) {
    const source = { kind: 'bigquery' as const, dataset: options.sql, from: options.from, to: options.to };
    const query = ga4TrainingSql(source, {
      horizon: options.horizon,
      timezone: options.timezone,
      channel: options.channel,
    });
    io.stdout.write(`${query};\n`);
    return 0;
  }
  const missing = options.files.find((file) => !/[*?[]/.test(file) && !existsSync(resolve(io.cwd, file)));
  if (missing !== undefined) {
    io.stderr.write(`p13n learn: cannot read ${missing}: no such file\n`);
    return 1;
  }
  const files = options.files.map((file) => resolve(io.cwd, file));
  try {
    if (options.model !== undefined) return await useModel(options, files, io);
    return await learn(options, files, io);
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    const what =
      error instanceof TrainingError || error instanceof DuckDbUnavailable
        ? ''
        : `cannot read ${options.files.join(', ')}: `;
    io.stderr.write(`p13n learn: ${what}${printable(message)}\n`);
    return 1;
  }
};

async function readModel(file: string, io: CliIo): Promise<Model | null> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(resolve(io.cwd, file), 'utf8'));
  } catch (error) {
    io.stderr.write(`p13n learn: cannot read the model ${file}: ${printable((error as Error).message)}\n`);
    return null;
  }
  // A config with the model inside it works too.
  const inner = (json as { models?: { purchase?: unknown } } | null)?.models?.purchase;
  const parsed = parseModel(inner ?? json);
  if (!parsed.model)
    io.stderr.write(
      `p13n learn: ${file} is not a model this script can use:\n${parsed.problems.map((p) => `  ${p.path ? `${p.path}: ` : ''}${printable(p.message)}\n`).join('')}`,
    );
  return parsed.model;
}

async function useModel(options: Options, files: readonly string[], io: CliIo): Promise<number> {
  const model = await readModel(options.model!, io);
  if (!model) return 1;
  if (options.score) {
    const rows = await scoreTable(model, files, (text) => io.stdout.write(text));
    io.stderr.write(`p13n learn: scored ${rows.toLocaleString('en-US')} rows\n`);
  }
  if (options.into !== undefined) return install(model, options.into, io);
  return 0;
}

async function install(model: Model, into: string, io: CliIo): Promise<number> {
  const result = await installModel(resolve(io.cwd, into), model);
  if (!result.ok) {
    io.stderr.write(`p13n learn: cannot put the model into ${into}: ${printable(result.reason)}\n`);
    for (const problem of result.problems.filter((p) => p.severity === 'error'))
      io.stderr.write(`  ${problem.path}: ${printable(problem.message)}\n`);
    return 1;
  }
  io.stdout.write(
    `${into}: models.purchase ${result.replaced ? 'replaced' : 'added'} (${result.bytes.toLocaleString('en-US')} bytes); rules can read predicted_purchase, e.g. "predicted_purchase >= 0.3"\n`,
  );
  return 0;
}

async function learn(options: Options, files: readonly string[], io: CliIo): Promise<number> {
  const formats = new Set(files.map(formatOf));
  if (formats.size > 1) {
    io.stderr.write(`p13n learn: the files mix formats (${[...formats].join(', ')}): one format at a time\n`);
    return 2;
  }
  const format = [...formats][0]!;
  let input: Input;
  if (options.kind === 'beacon') input = { kind: 'beacon', files, format };
  else if (options.kind === 'ga4') {
    if (format === 'csv') throw new Error('GA4 rows are read from NDJSON or Parquet, not CSV');
    input = { kind: 'ga4', files, format };
  } else input = { kind: options.kind, files };
  const { table, notes } = await readInput(input, options.horizon, {
    timezone: options.timezone,
    channel: options.channel,
  });
  for (const line of describeNotes(notes)) io.stderr.write(`p13n learn: ${line}\n`);
  if (table.n === 0) {
    const hint =
      input.kind === 'beacon'
        ? ' (page-view records are sent with "collect": ["pageviews"] and an "endpoint" in the config)'
        : '';
    io.stderr.write(`p13n learn: no rows to learn from in ${options.files.join(', ')}${hint}\n`);
    return 1;
  }
  const label =
    options.horizon.kind === 'visit'
      ? 'a purchase later in the same visit'
      : `a purchase within ${options.horizon.days} day${options.horizon.days === 1 ? '' : 's'}`;
  const trained = train(table, {
    label: horizonName(options.horizon),
    source: input.kind === 'rows' ? 'ga4' : input.kind,
    holdoutDays: options.holdoutDays,
    trees: options.trees,
    today: new Date().toISOString().slice(0, 10),
  });
  const header = `p13n learn: ${table.n.toLocaleString('en-US')} page views from ${SOURCE_WORDS[input.kind]}; converted means ${label}.`;
  io.stdout.write(formatTrained(trained, header));
  const written: string[] = [];
  if (options.out !== undefined) {
    await writeFile(resolve(io.cwd, options.out), `${JSON.stringify(trained.model, null, 2)}\n`);
    written.push(`Wrote ${options.out} (${JSON.stringify(trained.model).length.toLocaleString('en-US')} bytes).`);
    if (trained.trees?.clearlyBetter) {
      const treesFile = options.out.replace(/(\.json)?$/i, '.trees.json');
      await writeFile(resolve(io.cwd, treesFile), `${JSON.stringify(trained.trees.model, null, 2)}\n`);
      written.push(
        `Wrote the boosted trees to ${treesFile}. To use them instead: npx p13n learn --model ${treesFile} --into CONFIG`,
      );
    }
  } else if (trained.trees?.clearlyBetter)
    written.push('Add --out MODEL.json to also write the boosted trees, for you to choose.');
  if (written.length) io.stdout.write(`\n${written.join('\n')}\n`);
  if (options.into !== undefined) return install(trained.model, options.into, io);
  if (options.out === undefined) io.stdout.write('\n(no --out or --into: the model was not written)\n');
  return 0;
}
