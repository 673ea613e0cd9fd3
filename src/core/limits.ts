/**
 * How much work a config may ask of the shopper's main thread. Every limit is far above what a store
 * needs (the demo config: 9 segments, 60 characters per expression, chains 2 deep) and low enough
 * that the worst config the limits allow compiles in a few milliseconds, so no config, whatever it
 * holds, can freeze the page before its first decision. Past a limit the config keeps working up to
 * it, and one problem names the limit and where it was hit. docs/limits.md and the JSON
 * Schema state the same numbers (a test checks both).
 */

/**
 * Characters of config text, checked before it is parsed: JSON.parse alone took 33 s on a 100 MB config
 * of long segment names (V8, this machine). 256 KB is ~40× the demo config, HTML content included.
 */
export const MAX_CONFIG_LENGTH = 262_144;

/** Characters in one expression (a segment's, or a rule's `when`). */
export const MAX_EXPRESSION_LENGTH = 1_000;

/** Characters of all expressions of a config together: the lexer's and parser's total work. */
export const MAX_TOTAL_EXPRESSION_LENGTH = 100_000;

/** Parentheses and NOTs nested in one expression: the parser is recursive. */
export const MAX_NESTING = 64;

/** Segments in a config. */
export const MAX_SEGMENTS = 500;

/** Segments using segments using segments…: the longest chain, counting the segment itself. */
export const MAX_SEGMENT_DEPTH = 32;

/** Rules of all slots together. */
export const MAX_RULES = 1_000;

/** Characters in a segment's name ("Did you mean" compares names, so long ones cost). */
export const MAX_NAME_LENGTH = 64;

/** Config problems the console shows on a page; the rest are counted in one line (the validator lists all). */
export const MAX_REPORTED_PROBLEMS = 20;

/**
 * A purchase-intent model (`models.purchase`): what `p13n learn` writes is far below each limit (about
 * 20 terms, 40 levels at most per term, 50 trees of depth 3), and at the limits one evaluation is a few
 * hundred additions: well under 0.1 ms on a slow phone. Past one, the model is refused (never cut: a
 * model missing some of its terms would give wrong scores) and `predicted_purchase` is null.
 */
export const MAX_MODEL_TERMS = 100;

/** Levels of one term (countries, channels, hours of the day…). */
export const MAX_MODEL_LEVELS = 64;

/** Trees of a boosted-tree model. */
export const MAX_MODEL_TREES = 50;

/** Splits from a tree's root to its deepest leaf. */
export const MAX_TREE_DEPTH = 3;

/** Numbers in one model: weights, thresholds and leaves together. */
export const MAX_MODEL_NUMBERS = 2_000;

/** Largest weight or leaf, in log-odds (e^50 is beyond any real effect): the sum stays finite. */
export const MAX_MODEL_WEIGHT = 50;
