// `p13n learn` on a public purchase-intent dataset, next to scikit-learn's logistic regression on the
// same columns, encoding and split: the UCI Online Shoppers Purchasing Intention Dataset (Sakar et al.
// 2018, CC BY 4.0; bench/data/online_shoppers_intention.md).
//
//   node build.mjs && node bench/uci.mjs [--print]
//
// A feature table's columns must be attribute names, so the dataset's columns are given the nearest
// ones (the mapping is below, and printed); the sessions have no time, only a month, and are in month
// order, so learn holds out the last 20% (late November and December). scikit-learn runs from Debian's
// python3-sklearn (`apt-get install -y python3-sklearn`); without it the comparison is left out.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DATA = new URL('./data/online_shoppers_intention.csv.gz', import.meta.url);
const MONTHS = { Jan: 1, Feb: 2, Mar: 3, Apr: 4, May: 5, June: 6, Jul: 7, Aug: 8, Sep: 9, Oct: 10, Nov: 11, Dec: 12 };

/** The dataset's column → the attribute standing in for it, and how. */
export const MAPPING = [
  ['Month', 'month', (r) => MONTHS[r.Month]],
  [
    'VisitorType',
    'new_visitor',
    (r) => (r.VisitorType === 'New_Visitor' ? 'true' : r.VisitorType === 'Returning_Visitor' ? 'false' : ''),
  ],
  [
    'Administrative + Informational + ProductRelated',
    'visit_pageviews',
    (r) => +r.Administrative + +r.Informational + +r.ProductRelated,
  ],
  ['Administrative', 'events.administrative_pages', (r) => r.Administrative],
  ['Informational', 'events.informational_pages', (r) => r.Informational],
  ['ProductRelated', 'events.product_pages', (r) => r.ProductRelated],
  ['Administrative_Duration (s)', 'events.administrative_seconds', (r) => r.Administrative_Duration],
  ['Informational_Duration (s)', 'events.informational_seconds', (r) => r.Informational_Duration],
  ['ProductRelated_Duration (s)', 'events.product_seconds', (r) => r.ProductRelated_Duration],
  ['BounceRates × 100', 'events.bounce_rate', (r) => r.BounceRates * 100],
  ['ExitRates × 100', 'events.exit_rate', (r) => r.ExitRates * 100],
  ['PageValues', 'events.page_value', (r) => r.PageValues],
  ['SpecialDay × 10', 'events.special_day', (r) => r.SpecialDay * 10],
  ['OperatingSystems (a code)', 'os', (r) => `os${r.OperatingSystems}`],
  ['Region (a code)', 'country', (r) => `R${r.Region}`],
  ['TrafficType (a code)', 'channel', (r) => `t${r.TrafficType}`],
];
// Left out: Browser (no model may read the browser) and Weekend (no honest weekday).

function readCsv(text) {
  const [head, ...lines] = text.replace(/\r/g, '').trim().split('\n');
  const names = head.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((value, i) => [names[i], value])));
}

function python() {
  for (const candidate of ['/usr/bin/python3', 'python3']) {
    try {
      execFileSync(candidate, ['-c', 'import sklearn'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // next
    }
  }
  return null;
}

export async function uciBench() {
  const cli = new URL('../dist/cli.mjs', import.meta.url);
  if (!existsSync(cli)) execFileSync(process.execPath, ['build.mjs', '--quiet'], { cwd: ROOT, stdio: 'inherit' });
  const { main } = await import(cli.href);
  const dir = mkdtempSync(join(tmpdir(), 'p13n-bench-uci-'));
  try {
    const raw = gunzipSync(readFileSync(DATA)).toString('utf8');
    const rows = readCsv(raw);
    const table = join(dir, 'table.csv');
    writeFileSync(
      table,
      `${[...MAPPING.map(([, name]) => name), 'converted'].join(',')}\n${rows
        .map((r) => [...MAPPING.map(([, , value]) => value(r)), r.Revenue.toUpperCase() === 'TRUE' ? 1 : 0].join(','))
        .join('\n')}\n`,
    );
    writeFileSync(join(dir, 'raw.csv'), raw.replace(/\r/g, ''));
    let stdout = '';
    let stderr = '';
    const io = { stdout: { write: (t) => (stdout += t) }, stderr: { write: (t) => (stderr += t) }, cwd: dir };
    const started = performance.now();
    const code = await main(['learn', '--table', table, '--out', join(dir, 'model.json')], io);
    const ms = performance.now() - started;
    if (code !== 0) throw new Error(`p13n learn exited ${code}: ${stderr}`);
    const model = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    const lambda = Number(/Penalty λ = ([\d.e-]+)/.exec(stdout)[1]);
    const interpreter = python();
    let sklearn = null;
    if (interpreter) {
      // The same columns the model kept (learn leaves out a level feature another one determines).
      const used = new Set(model.f.map((term) => term.a));
      const names = MAPPING.map(([, name]) => name).filter((name) => used.has(name));
      const lines = readFileSync(table, 'utf8').trim().split('\n');
      const header = lines[0].split(',');
      const keep = [...names, 'converted'].map((name) => header.indexOf(name));
      writeFileSync(
        join(dir, 'same.csv'),
        `${lines.map((line) => keep.map((i) => line.split(',')[i]).join(',')).join('\n')}\n`,
      );
      sklearn = JSON.parse(
        execFileSync(
          interpreter,
          [join(ROOT, 'bench/uci-sklearn.py'), join(dir, 'same.csv'), String(lambda), join(dir, 'raw.csv')],
          {
            encoding: 'utf8',
          },
        ),
      );
    }
    return { rows: rows.length, ms, stdout, stderr, model, lambda, sklearn };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run() {
  const result = await uciBench();
  const m = result.model.card.metrics;
  const s = result.sklearn;
  const trees =
    /Boosted trees .*?(does better|does not do clearly better): held-out log loss ([\d.]+).*?AUC ([\d.]+)/.exec(
      result.stdout,
    );
  return {
    title: 'p13n learn on the UCI Online Shoppers Purchasing Intention Dataset',
    summary: [
      [
        `held-out AUC, UCI online shoppers (${result.rows.toLocaleString('en-US')} sessions, last 20% held out)`,
        `${m.auc.toFixed(4)} (log loss ${m.logloss} vs base rate ${m.logloss_base})`,
        s
          ? `scikit-learn LogisticRegression, same columns and penalty: ${s.same_penalty.auc.toFixed(4)}`
          : 'scikit-learn not installed',
        s ? `${(m.auc - s.same_penalty.auc >= 0 ? '+' : '') + (m.auc - s.same_penalty.auc).toFixed(4)}` : '—',
      ],
    ],
    head: ['model', 'held-out AUC', 'held-out log loss'],
    rows: [
      ['p13n learn (L2 logistic regression, L-BFGS)', m.auc.toFixed(4), String(m.logloss)],
      ...(s
        ? [
            [
              `scikit-learn LogisticRegression, same ${s.columns} columns, C = ${s.same_penalty.C.toPrecision(3)} (learn's λ = ${result.lambda})`,
              s.same_penalty.auc.toFixed(4),
              s.same_penalty.logloss.toFixed(4),
            ],
            [
              'scikit-learn LogisticRegression, same columns, C = 1',
              s.default_C1.auc.toFixed(4),
              s.default_C1.logloss.toFixed(4),
            ],
            [
              "scikit-learn LogisticRegression, the dataset's own 17 columns (one-hot codes), C = 1",
              s.all_17_columns.auc.toFixed(4),
              s.all_17_columns.logloss.toFixed(4),
            ],
          ]
        : []),
      ...(trees ? [[`p13n learn's boosted trees (${trees[1]})`, trees[3], trees[2]]] : []),
      ['base rate (training part)', '0.5000', String(m.logloss_base)],
    ],
    notes: [
      `Columns as attributes: ${MAPPING.map(([from, to]) => `${from} → ${to}`).join('; ')}. Left out: Browser (no model may read it) and Weekend.`,
      `learn trained in ${(result.ms / 1000).toFixed(1)} s; strongest effects: ${result.model.card.effects.slice(0, 3).join('; ')}.`,
    ],
  };
}

const invokedDirectly = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const result = await run();
  for (const row of result.summary) console.log(row.join(' | '));
  for (const row of result.rows) console.log(row.join(' | '));
  if (process.argv.includes('--print')) for (const note of result.notes) console.log(note);
}
