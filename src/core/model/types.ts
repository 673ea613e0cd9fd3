/**
 * A purchase-intent model as the config carries it (`models.purchase`, written by `p13n learn`; the
 * format is documented in docs/model.md and schema/p13n.schema.json). Short keys: the model travels
 * inside the config to every shopper, and the early decider inlines it into the page's <head>.
 *
 * The log-odds of a purchase are `b` plus one number per term plus one leaf per tree; the score is
 * the logistic of that sum. A missing value (null, undefined, NaN) never throws and never guesses: it
 * adds the term's `m` (learned from the rows where the value was missing; 0 when training never saw
 * it missing). `interest.KEY` and `events.KEY` read 0 when the key is absent, as in expressions.
 */

/** A number, entered as ln(1 + max(0, x)) times `l`. */
export interface LogTerm {
  /** The attribute: `visits`, `cart_value`, `interest.running`, … (see features.ts). */
  readonly a: string;
  readonly l: number;
  readonly m?: number;
}

/** A value from a set: its weight in `c`, by its text in lower case (`true`, `email`, `14`); `o` for any other. */
export interface LevelTerm {
  readonly a: string;
  readonly c: Readonly<Record<string, number>>;
  readonly o?: number;
  readonly m?: number;
}

export type Term = LogTerm | LevelTerm;

/**
 * A regression tree: a leaf is its log-odds; a split is `[attribute, test, yes, no]`. A number test
 * asks `value < test`; a list asks whether the value's lower-case text is in it. A missing value
 * takes `no`.
 */
export type TreeNode = number | readonly [string, number | readonly string[], TreeNode, TreeNode];

/** What the tools show about a model (the studio's model card); the shopper's script never reads it. */
export interface ModelCard {
  /** Day the model was trained (YYYY-MM-DD). */
  readonly trained?: string;
  /** What a positive is: `visit` (a purchase later in the same visit) or a horizon such as `7d`. */
  readonly label?: string;
  /** `beacon`, `ga4` or `table`. */
  readonly source?: string;
  /** The part it was fitted on and the later part it was checked on, by date. */
  readonly train?: ModelSpan;
  readonly test?: ModelSpan;
  /** On the held-out part: the model's figures, and those of always predicting the base rate. */
  readonly metrics?: {
    readonly auc: number;
    readonly logloss: number;
    readonly logloss_base: number;
    readonly brier: number;
    readonly brier_base: number;
  };
  /** Held-out rows in ten groups by score: [mean predicted, observed rate, rows]. */
  readonly calibration?: readonly (readonly [number, number, number])[];
  /** The score at 10%, 20%, … 90% of the held-out rows: `>= quantiles[7]` is the top 20%. */
  readonly quantiles?: readonly number[];
  /** The strongest effects, in words. */
  readonly effects?: readonly string[];
}

export interface ModelSpan {
  readonly from?: string;
  readonly to?: string;
  readonly rows: number;
  readonly positives: number;
}

export interface Model {
  readonly v: 1;
  /** Intercept, in log-odds. */
  readonly b: number;
  readonly f?: readonly Term[];
  readonly t?: readonly TreeNode[];
  readonly card?: ModelCard;
}

/** What a model reads: an attribute by name (`visits`, `interest.running`). */
export type Read = (attribute: string) => unknown;
