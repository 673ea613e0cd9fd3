/**
 * Whether decisions say why, in words (`Decision.reason`, for the debug panel and `p13n.decisions()`).
 * The inline decider is built without them (`__P13N_REASONS__` false, build.mjs): its decisions are
 * adopted and explained by the full script, and the words are a fifth of its deciding code.
 */
declare const __P13N_REASONS__: boolean | undefined;

export const REASONS = typeof __P13N_REASONS__ === 'undefined' || __P13N_REASONS__;
