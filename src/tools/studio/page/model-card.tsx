/**
 * The purchase model's card (`models.purchase`, written by `p13n learn`): what it was trained on and
 * when, how it did on the held-out part against the base rate, its calibration, its strongest effects
 * in words, and segments by band ("the 20% most likely to buy") to add in one click. The thresholds
 * are the held-out scores' own quantiles, from the card.
 */
import { parseModel } from '../../../core/model/parse.js';
import type { Model } from '../../../core/model/types.js';
import { freshName, isObject, type Edit, type Json } from './edit.js';

const percent = (x: number, digits = 1) => `${(x * 100).toFixed(digits)}%`;
const change = (model: number, base: number) =>
  `${model <= base ? '−' : '+'}${Math.abs((1 - model / base) * 100).toFixed(1)}%`;

/** Shares of the most likely buyers offered as segments, and the quantile index of each threshold. */
export const BANDS = [
  { top: 0.1, quantile: 8 },
  { top: 0.2, quantile: 7 },
  { top: 0.3, quantile: 6 },
  { top: 0.5, quantile: 4 },
] as const;

export const bandSegmentName = (top: number) => `likely_buyers_top_${Math.round(top * 100)}`;

export function ModelCard({ config, edit }: { readonly config: Json; readonly edit: Edit }) {
  const json = isObject(config.models) ? config.models.purchase : undefined;
  if (json === undefined) return null;
  const parsed = parseModel(json);
  if (!parsed.model)
    return (
      <section class="panel model-card" aria-label="Purchase model">
        <h2>Purchase model</h2>
        <p class="panel__help">
          This model cannot be used: predicted_purchase is null until it is fixed or trained again.
        </p>
        <ul>
          {parsed.problems.map((p) => (
            <li key={p.path}>{p.message}</li>
          ))}
        </ul>
      </section>
    );
  const model: Model = parsed.model;
  const card = model.card ?? {};
  const m = card.metrics;
  const segments: Json = isObject(config.segments) ? config.segments : {};
  const kind = model.t?.length
    ? `${model.t.length} boosted trees${model.f?.length ? ` and ${model.f.length} terms` : ''}`
    : `logistic regression on ${model.f?.length ?? 0} attributes`;
  const source = { ga4: 'GA4 export rows', beacon: 'beacon page views', table: 'a feature table' }[card.source ?? ''];
  const label =
    card.label === undefined || card.label === 'visit'
      ? 'a purchase later in the same visit'
      : `a purchase within ${card.label === '1d' ? '1 day' : card.label.replace('d', ' days')}`;
  const about = `${kind}, ${JSON.stringify(model).length.toLocaleString('en-US')} bytes in the config${card.trained ? `, trained ${card.trained}` : ''}${source ? ` from ${source}` : ''}. Converted means ${label}.`;
  const span = (s: typeof card.train) =>
    s
      ? `${s.from ? `${s.from} to ${s.to}: ` : ''}${s.rows.toLocaleString('en-US')} page views, ${percent(s.positives / s.rows, 2)} converted`
      : 'unknown';
  return (
    <section class="panel model-card" aria-label="Purchase model">
      <h2>Purchase model</h2>
      <p class="panel__help">
        Rules read it as <code>predicted_purchase</code> (0 to 1). {about}
      </p>
      <dl class="model-card__facts">
        <dt>trained on</dt>
        <dd>{span(card.train)}</dd>
        <dt>checked on</dt>
        <dd>{span(card.test)}</dd>
        {m && (
          <>
            <dt>AUC</dt>
            <dd>{m.auc.toFixed(3)} (0.5 is chance)</dd>
            <dt>log loss</dt>
            <dd>
              {m.logloss.toFixed(4)} against {m.logloss_base.toFixed(4)} for the base rate (
              {change(m.logloss, m.logloss_base)})
            </dd>
            <dt>Brier score</dt>
            <dd>
              {m.brier.toFixed(4)} against {m.brier_base.toFixed(4)} ({change(m.brier, m.brier_base)})
            </dd>
          </>
        )}
      </dl>
      {card.calibration && card.calibration.length > 0 && (
        <table class="model-card__calibration" aria-label="calibration">
          <caption>Held-out page views in ten groups by score</caption>
          <thead>
            <tr>
              <th scope="col">group</th>
              <th scope="col">predicted</th>
              <th scope="col">observed</th>
              <th scope="col">rows</th>
            </tr>
          </thead>
          <tbody>
            {card.calibration.map(([p, o, n], i) => (
              <tr key={i}>
                <td>{i + 1}</td>
                <td>{percent(p, 2)}</td>
                <td>{percent(o, 2)}</td>
                <td>{n.toLocaleString('en-US')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {card.effects && card.effects.length > 0 && (
        <>
          <h3>Strongest effects</h3>
          <ul class="model-card__effects">
            {card.effects.map((effect) => (
              <li key={effect}>{effect}</li>
            ))}
          </ul>
        </>
      )}
      {card.quantiles && card.quantiles.length === 9 && (
        <>
          <h3>Segments by band</h3>
          <ul class="model-card__bands">
            {BANDS.map(({ top, quantile }) => {
              const expression = `predicted_purchase >= ${card.quantiles![quantile]}`;
              const existing = Object.keys(segments).find((name) => segments[name] === expression);
              return (
                <li key={top}>
                  the {percent(top, 0)} most likely to buy: <code>{expression}</code>{' '}
                  {existing ? (
                    <span class="model-card__have">segment {existing}</span>
                  ) : (
                    <button
                      type="button"
                      aria-label={`add a segment for the ${percent(top, 0)} most likely to buy`}
                      onClick={() =>
                        edit((draft) => {
                          if (!isObject(draft.segments)) draft.segments = {};
                          draft.segments[freshName(Object.keys(draft.segments), bandSegmentName(top))] = expression;
                        })
                      }
                    >
                      Add segment
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
