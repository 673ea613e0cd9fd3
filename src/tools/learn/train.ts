/**
 * Training, end to end on a table (table.ts): a time-ordered split (the model is checked on visits
 * that came after every visit it learned from, as it will be used), the penalty chosen on the last
 * part of the training rows, the regression fitted, and every held-out figure computed with the
 * exported model through `score()`, the code shoppers run, so the card describes what ships.
 */
import { score } from '../../core/model/score.js';
import type { Model, ModelCard, ModelSpan } from '../../core/model/types.js';
import { design, fitEncoding, type Encoding } from './encode.js';
import { effects, type Effect } from './effects.js';
import { fitLogistic, toModel } from './logistic.js';
import { calibration, metrics, quantiles, rowLoss, type Metrics } from './metrics.js';
import { readerAt, subset, type Table } from './table.js';
import { fitTrees, TREE_DEFAULTS } from './trees.js';

const DAY = 86_400_000;

export interface TrainOptions {
  /** What a positive is, for the card: `visit`, `7d`. */
  readonly label: string;
  readonly source: 'beacon' | 'ga4' | 'table';
  /** Days at the end held out (when the data spans three times as many); else the last 20% of rows. */
  readonly holdoutDays: number;
  /** Also fit the boosted trees, and offer them when they win clearly. */
  readonly trees: boolean;
  /** Today (YYYY-MM-DD), for the card. */
  readonly today: string;
}

export interface Alternative {
  readonly model: Model;
  readonly metrics: Metrics;
  /** Bytes of the model's JSON, and of the regression's. */
  readonly bytes: number;
  readonly regressionBytes: number;
  /** Mean log-loss improvement per held-out row over the regression, and its standard error. */
  readonly gain: number;
  readonly se: number;
  readonly clearlyBetter: boolean;
}

export interface Trained {
  readonly model: Model;
  /** Level features left out because another determines them here: [left out, by]. */
  readonly redundant: ReadonlyArray<readonly [string, string]>;
  readonly metrics: Metrics;
  readonly effects: readonly Effect[];
  readonly lambda: number;
  readonly split: string;
  readonly trees: Alternative | null;
}

export class TrainingError extends Error {}

const day = (ms: number) => (ms === ms ? new Date(ms).toISOString().slice(0, 10) : undefined);

function span(table: Table): ModelSpan {
  let positives = 0;
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < table.n; i++) {
    positives += table.y[i]!;
    if (table.ts[i]! < from) from = table.ts[i]!;
    if (table.ts[i]! > to) to = table.ts[i]!;
  }
  const dates = Number.isFinite(from) ? { from: day(from)!, to: day(to)! } : {};
  return { ...dates, rows: table.n, positives };
}

/** Rows in time order (input order where the time is unknown), then cut into training and held-out. */
export function splitByTime(table: Table, holdoutDays: number): { train: Int32Array; test: Int32Array; how: string } {
  const order = Int32Array.from({ length: table.n }, (_, i) => i);
  const timed = table.n > 0 && table.ts.every((t) => t === t);
  if (timed) order.sort((a, b) => table.ts[a]! - table.ts[b]! || a - b);
  let cut = Math.floor(table.n * 0.8);
  let how = timed ? 'the last 20% of rows by time held out' : 'no time column: the last 20% of rows held out';
  if (timed) {
    const first = table.ts[order[0]!]!;
    const last = table.ts[order[order.length - 1]!]!;
    if (last - first >= 3 * holdoutDays * DAY) {
      const start = last - holdoutDays * DAY;
      cut = order.findIndex((i) => table.ts[i]! > start);
      how = `the last ${holdoutDays} days held out`;
    }
  }
  return { train: order.slice(0, cut), test: order.slice(cut), how };
}

const LAMBDAS = [1e-2, 1e-3, 1e-4, 1e-5];
/** Rows the penalty is chosen on, at most (then the fit on all training rows). */
const SELECTION_ROWS = 200_000;

function meanLoss(weights: Float64Array, table: Table, encoding: Encoding): number {
  const model = toModel(weights, encoding);
  let loss = 0;
  for (let i = 0; i < table.n; i++) loss += rowLoss(score(model, readerAt(table, i)), table.y[i]!);
  return loss / table.n;
}

function choosePenalty(train: Table, encoding: Encoding): number {
  const from = Math.max(0, train.n - SELECTION_ROWS);
  const cut = from + Math.floor((train.n - from) * 0.8);
  const fit = subset(
    train,
    Int32Array.from({ length: cut - from }, (_, i) => from + i),
  );
  const check = subset(
    train,
    Int32Array.from({ length: train.n - cut }, (_, i) => cut + i),
  );
  const rows = design(fit, encoding);
  let best = { lambda: LAMBDAS[0]!, loss: Number.POSITIVE_INFINITY };
  let weights: Float64Array | undefined;
  for (const lambda of LAMBDAS) {
    weights = fitLogistic(rows, fit.y, encoding, lambda, weights);
    const loss = meanLoss(weights, check, encoding);
    if (loss < best.loss) best = { lambda, loss };
  }
  return best.lambda;
}

export function train(table: Table, options: TrainOptions): Trained {
  const split = splitByTime(table, options.holdoutDays);
  const trainPart = subset(table, split.train);
  const testPart = subset(table, split.test);
  const trainSpan = span(trainPart);
  const testSpan = span(testPart);
  const need = 20;
  if (trainSpan.positives < need || trainSpan.rows - trainSpan.positives < need)
    throw new TrainingError(
      `too few rows to learn from: the training part has ${trainSpan.positives} converted and ${trainSpan.rows - trainSpan.positives} not converted (at least ${need} of each are needed)`,
    );
  if (testSpan.positives === 0 || testSpan.positives === testSpan.rows)
    throw new TrainingError(
      `the held-out part (${split.how}) has ${testSpan.rows} rows and ${testSpan.positives} converted: nothing to check the model on`,
    );

  const minRows = Math.max(30, Math.ceil(trainPart.n * 0.0005));
  const encoding = fitEncoding(trainPart, { minRows });
  if (encoding.width === 0)
    throw new TrainingError(
      'no column of the input varies: a model needs at least one feature that differs between rows',
    );
  const lambda = choosePenalty(trainPart, encoding);
  const weights = fitLogistic(design(trainPart, encoding), trainPart.y, encoding, lambda);
  const regression = toModel(weights, encoding);

  const base = trainSpan.positives / trainSpan.rows;
  const scores = (model: Model) =>
    Float64Array.from({ length: testPart.n }, (_, i) => score(model, readerAt(testPart, i)));
  const held = scores(regression);
  const figures = metrics(held, testPart.y, base);
  const fitted = Float64Array.from({ length: trainPart.n }, (_, i) => score(regression, readerAt(trainPart, i)));
  const found = effects(regression, trainPart, base, fitted);
  const card: ModelCard = {
    trained: options.today,
    label: options.label,
    source: options.source,
    train: trainSpan,
    test: testSpan,
    metrics: roundAll(figures),
    calibration: calibration(held, testPart.y).map(([p, o, n]) => [round(p), round(o), n]),
    quantiles: quantiles(held).map(round),
    effects: found.map((effect) => effect.words),
  };
  const model: Model = { ...regression, card };

  let trees: Alternative | null = null;
  if (options.trees) {
    const boosted = fitTrees(
      trainPart,
      Int32Array.from({ length: trainPart.n }, (_, i) => i),
      encoding,
      {
        ...TREE_DEFAULTS,
        minLeaf: Math.max(TREE_DEFAULTS.minLeaf, minRows),
      },
    );
    const treeScores = scores(boosted);
    const treeFigures = metrics(treeScores, testPart.y, base);
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < testPart.n; i++) {
      const d = rowLoss(held[i]!, testPart.y[i]!) - rowLoss(treeScores[i]!, testPart.y[i]!);
      sum += d;
      squares += d * d;
    }
    const gain = sum / testPart.n;
    const se = Math.sqrt(Math.max(0, squares / testPart.n - gain * gain) / testPart.n);
    const treeCard: ModelCard = {
      ...card,
      metrics: roundAll(treeFigures),
      calibration: calibration(treeScores, testPart.y).map(([p, o, n]) => [round(p), round(o), n]),
      quantiles: quantiles(treeScores).map(round),
      effects: [],
    };
    const withCard: Model = { ...boosted, card: treeCard };
    trees = {
      model: withCard,
      metrics: treeFigures,
      bytes: JSON.stringify(boosted).length,
      regressionBytes: JSON.stringify(regression).length,
      gain,
      se,
      // Clear: at least 1% less log loss than the regression, and more than twice its standard error.
      clearlyBetter: gain > 2 * se && gain >= 0.01 * figures.logloss,
    };
  }
  return { model, redundant: encoding.redundant, metrics: figures, effects: found, lambda, split: split.how, trees };
}

const round = (x: number) => Number(x.toPrecision(4));
const roundAll = (m: Metrics): Metrics => ({
  auc: round(m.auc),
  logloss: round(m.logloss),
  logloss_base: round(m.logloss_base),
  brier: round(m.brier),
  brier_base: round(m.brier_base),
});
