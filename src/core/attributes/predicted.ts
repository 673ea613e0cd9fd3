/**
 * `predicted_purchase`: the config's purchase model (`models.purchase`) evaluated on the visitor's
 * other attributes, exactly as `p13n learn` read them in training (core/model/score.ts). Pure.
 */
import { score } from '../model/score.js';
import type { Model, Read } from '../model/types.js';
import type { Attributes } from '../types.js';

const own = (object: unknown, key: string): unknown =>
  typeof object === 'object' && object !== null && Object.prototype.hasOwnProperty.call(object, key)
    ? (object as Record<string, unknown>)[key]
    : undefined;

/**
 * How a model reads attributes: a plain name as the attribute holds it, `interest.KEY` and
 * `events.KEY` as 0 when absent (as expressions read them). A predicted attribute reads as missing,
 * so evaluating one can never evaluate itself (parseModel refuses such a model first).
 */
export const readerOf =
  (attrs: Attributes): Read =>
  (name) => {
    if (name.startsWith('predicted_')) return null;
    const dot = name.indexOf('.');
    if (dot < 0) return own(attrs, name);
    const value = own(own(attrs, name.slice(0, dot)), name.slice(dot + 1));
    return value === undefined || value === null ? 0 : value;
  };

/** The visitor's purchase probability, 0-1; null without a model. */
export const predictedPurchase = (model: Model | null | undefined, attrs: Attributes): number | null =>
  model ? score(model, readerOf(attrs)) : null;
