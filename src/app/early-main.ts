/**
 * Entry of the inline early decider (app/early.ts). Nothing may escape into the store's page: a
 * failure leaves every slot to personalize.js, with one console line.
 */
import { decideEarly } from './early.js';

try {
  decideEarly(window);
} catch (error) {
  console.warn(`[p13n] the early decider stepped aside: ${String(error)}`);
}
