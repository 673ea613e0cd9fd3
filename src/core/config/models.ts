/**
 * The config's `models`: `{ "purchase": MODEL }`, the model `predicted_purchase` evaluates (written by
 * `p13n learn --into`). One key per predicted attribute, so which model an attribute uses is never in
 * doubt; `purchase` is the only one today. A model that fails its check is left out whole, with one
 * problem naming it (core/model/parse.ts), and `predicted_purchase` is null. Pure.
 */
import { parseModel } from '../model/parse.js';
import type { Model } from '../model/types.js';

type Report = (path: string, message: string, hint?: string) => void;

/** Model name → the attribute that reads it. */
export const MODEL_ATTRIBUTES = { purchase: 'predicted_purchase' } as const;

export type Models = { readonly [K in keyof typeof MODEL_ATTRIBUTES]?: Model };

export function parseModels(value: unknown, error: Report): Models | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    error('models', 'must be { "purchase": a model }, as p13n learn --into writes it');
    return undefined;
  }
  const models: { -readonly [K in keyof Models]: Models[K] } = {};
  for (const [name, json] of Object.entries(value)) {
    if (name !== 'purchase') {
      error(
        `models.${name}`,
        `unknown model '${name}' is left out: "purchase" (read by predicted_purchase) is the one there is`,
      );
      continue;
    }
    const parsed = parseModel(json, name);
    if (parsed.model) models.purchase = parsed.model;
    for (const problem of parsed.problems)
      error(
        `models.${name}${problem.path ? `.${problem.path}` : ''}`,
        `${problem.message} (predicted_purchase is null)`,
      );
  }
  return models;
}
