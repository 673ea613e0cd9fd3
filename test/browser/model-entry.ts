/**
 * What the browser test of `predicted_purchase` loads into a page, built with the shopper bundle's own
 * options (build.mjs `shared`: minified, the same targets): the path from a stored profile and the
 * page's facts to the score, exactly as personalize.js runs it.
 */
import { toAttributes, type AttributeInput } from '../../src/core/attributes/from-profile.js';

declare global {
  interface Window {
    predictedFor?: (inputs: readonly AttributeInput[]) => unknown[];
  }
}

window.predictedFor = (inputs) => inputs.map((input) => toAttributes(input).predicted_purchase);
