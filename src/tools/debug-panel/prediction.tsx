/**
 * The visitor's `predicted_purchase` and the three attributes that move it most, each against not
 * knowing it (core/model/score.ts contributions()), from the config's model as `p13n.inspect()`
 * gives it. Shown only when the config has a model.
 */
import { readerOf } from '../../core/attributes/predicted.js';
import { contributions, score } from '../../core/model/score.js';
import type { Inspection } from '../../app/inspect.js';

/** `cart_value 89`, `channel Email`, `interest.running 0`. */
function shown(name: string, value: unknown): string {
  const text =
    value === null || value === undefined
      ? 'unknown'
      : typeof value === 'number'
        ? String(Number(value.toPrecision(4)))
        : String(value);
  return `${name} ${text.length > 40 ? `${text.slice(0, 39)}…` : text}`;
}

export function PredictionView({ snapshot }: { snapshot: Inspection }) {
  const model = snapshot.model;
  if (!model || !snapshot.attributes) return null;
  const read = readerOf(snapshot.attributes);
  const p = score(model, read);
  const top = contributions(model, read).slice(0, 3);
  const trained = model.card?.trained ? ` · model of ${model.card.trained}` : '';
  return (
    <section class="prediction" aria-label="predicted purchase">
      <p>
        <span class="label">predicted_purchase</span> <strong>{(p * 100).toFixed(1)}%</strong>
        <span class="sub">{trained}</span>
      </p>
      <ul aria-label="top contributions">
        {top.map(([name, delta]) => (
          <li key={name} title={`${delta >= 0 ? '+' : ''}${delta.toFixed(3)} in log-odds against not knowing ${name}`}>
            <code>{shown(name, read(name))}</code>{' '}
            <span class={delta >= 0 ? 'up' : 'down'}>
              {delta >= 0 ? 'raises' : 'lowers'} the odds ×{Math.exp(delta).toFixed(2)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
