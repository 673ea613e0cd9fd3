/**
 * What `p13n learn` prints: the data and the split, the held-out figures against the base rate, the
 * calibration table, the strongest effects in words, the bands as segments, and the boosted-tree
 * alternative when there is one. Plain text; nothing from the data reaches the terminal with a
 * control character in it.
 */
import type { Model } from '../../core/model/types.js';
import type { TableNotes } from './table.js';
import type { Trained } from './train.js';

/** Control and bidirectional-override characters from the data never reach a terminal. */
export const printable = (text: string) =>
  text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, '?');

const count = (n: number) => n.toLocaleString('en-US');
const percent = (x: number, digits = 1) => `${(x * 100).toFixed(digits)}%`;
const change = (model: number, base: number) =>
  `${model <= base ? '−' : '+'}${Math.abs((1 - model / base) * 100).toFixed(1)}%`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function describeNotes(notes: TableNotes): string[] {
  const lines: string[] = [];
  if (notes.ignored.length)
    lines.push(`ignored columns (not attributes a model may read): ${notes.ignored.map(printable).join(', ')}`);
  if (notes.unlabelled) lines.push(`left out ${count(notes.unlabelled)} rows whose "converted" is neither 0 nor 1`);
  for (const [attribute, values] of notes.foreign) {
    const list = [...values].slice(0, 8).map(printable).join(', ');
    lines.push(
      `${attribute}: ${values.size} value${values.size === 1 ? '' : 's'} a browser never reports (${list}${values.size > 8 ? ', …' : ''}): their weights will never be used`,
    );
  }
  return lines;
}

/** `predicted_purchase >= 0.0612` for the top share of held-out visitors, from the card's quantiles. */
export function bandExpression(model: Model, top: number): string | null {
  const q = model.card?.quantiles;
  const index = 9 - Math.round(top * 10);
  if (!q || index < 0 || index >= q.length) return null;
  return `predicted_purchase >= ${q[index]}`;
}

export function formatTrained(trained: Trained, header: string): string {
  const { model, metrics: m } = trained;
  const card = model.card!;
  const lines = [header, `Split: ${trained.split}.`];
  const span = (s: NonNullable<typeof card.train>) =>
    `${s.from ? `${s.from} – ${s.to}, ` : ''}${count(s.rows)} rows, ${count(s.positives)} converted (${percent(s.positives / s.rows, 2)})`;
  lines.push(`  training:  ${span(card.train!)}`, `  held out:  ${span(card.test!)}`);
  for (const [name, by] of trained.redundant) lines.push(`${name} is left out: in this data it follows from ${by}.`);
  lines.push(`Penalty λ = ${trained.lambda} (chosen on the training part's last 20%).`, '');
  lines.push(
    'Held-out figures        model    base rate',
    `  AUC                   ${m.auc.toFixed(3)}    0.500`,
    `  log loss              ${m.logloss.toFixed(4)}   ${m.logloss_base.toFixed(4)}   (${change(m.logloss, m.logloss_base)})`,
    `  Brier score           ${m.brier.toFixed(4)}   ${m.brier_base.toFixed(4)}   (${change(m.brier, m.brier_base)})`,
    '',
    'Calibration: held-out rows in ten groups by score',
    '  group       rows  predicted  observed',
    ...(card.calibration ?? []).map(
      ([p, o, n], i) =>
        `  ${String(i + 1).padStart(5)}  ${count(n).padStart(9)}  ${percent(p, 2).padStart(9)}  ${percent(o, 2).padStart(8)}`,
    ),
    '',
  );
  if (trained.effects.length) {
    lines.push('Strongest effects:');
    for (const effect of trained.effects) lines.push(`  - ${printable(effect.words)}`);
  } else lines.push('No single attribute changes the odds by 10% or more clearly beyond chance.');
  const bands = [0.1, 0.2, 0.5].map((top) => [top, bandExpression(model, top)] as const).filter(([, e]) => e);
  if (bands.length) {
    lines.push('', 'Segments by band (held-out scores):');
    for (const [top, expression] of bands) lines.push(`  the ${percent(top, 0)} most likely to buy:  ${expression}`);
  }
  if (trained.trees) {
    const t = trained.trees;
    const verdict = t.clearlyBetter ? 'does better' : 'does not do clearly better';
    lines.push(
      '',
      `Boosted trees (${model.f?.length ?? 0} terms against ${t.model.t?.length ?? 0} trees of depth 3 at most) ${verdict}: held-out log loss ${t.metrics.logloss.toFixed(4)} (${change(t.metrics.logloss, m.logloss)} against the regression, standard error ${percent(t.se / m.logloss)}), AUC ${t.metrics.auc.toFixed(3)}; ${kb(t.bytes)} in the config against ${kb(t.regressionBytes)}, and no effects in words.`,
    );
  }
  return `${lines.join('\n')}\n`;
}
