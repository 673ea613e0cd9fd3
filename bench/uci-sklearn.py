"""scikit-learn's logistic regression on the same table, columns, encoding and split as `p13n learn`.

Called by bench/uci.mjs: python3 bench/uci-sklearn.py TABLE.csv LAMBDA > result.json
- the split: the first 80% of rows train, the rest are held out (the table has no time column);
- numbers: ln(1 + max(0, x)), standardized on the training rows; levels: one column per level seen in
  at least max(30, 0.05% of training rows) training rows (the 40 most frequent), one for "other", one
  for missing (learn's encode.ts);
- the penalty: learn's mean log loss + lambda/2 |w|^2 is scikit-learn's C = 1 / (lambda * n_train).
Also, for context: scikit-learn's default C = 1 on the same columns, and on the dataset's own 17
columns (one-hot for its categorical codes), the form the literature reports.
"""
import csv
import json
import math
import sys

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score, log_loss

NUMBER_PREFIXES = ('events.', 'interest.')
NUMBERS = {'visits', 'pageviews', 'visit_pageviews', 'days_since_last_visit', 'cart_value', 'cart_items', 'orders', 'total_spent'}


def main(path, lam, raw_path=None):
    with open(path, newline='') as f:
        rows = list(csv.DictReader(f))
    n = len(rows)
    cut = int(n * 0.8)
    train, test = rows[:cut], rows[cut:]
    y = np.array([int(r['converted']) for r in rows])
    columns = [c for c in rows[0] if c != 'converted']
    min_rows = max(30, math.ceil(cut * 0.0005))
    blocks = []
    for c in columns:
        if c in NUMBERS or c.startswith(NUMBER_PREFIXES):
            x = np.array([math.log1p(max(0.0, float(r[c]))) for r in rows])
            mean, sd = x[:cut].mean(), x[:cut].std()
            blocks.append(((x - mean) / (sd or 1)).reshape(-1, 1))
        else:
            values = [r[c].strip().lower() or None for r in rows]
            counts = {}
            for v in values[:cut]:
                if v is not None:
                    counts[v] = counts.get(v, 0) + 1
            kept = [v for v, k in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if k >= min_rows][:40]
            index = {v: i for i, v in enumerate(kept)}
            block = np.zeros((n, len(kept) + 2))
            for i, v in enumerate(values):
                block[i, len(kept) + 1 if v is None else index.get(v, len(kept))] = 1
            blocks.append(block)
    X = np.hstack(blocks)
    result = {'rows': n, 'train': cut, 'columns': X.shape[1]}
    for name, C in (('same_penalty', 1 / (lam * cut)), ('default_C1', 1.0)):
        model = LogisticRegression(C=C, max_iter=20000, tol=1e-10).fit(X[:cut], y[:cut])
        p = model.predict_proba(X[cut:])[:, 1]
        result[name] = {'C': C, 'auc': roc_auc_score(y[cut:], p), 'logloss': log_loss(y[cut:], p)}
    if raw_path:
        with open(raw_path, newline='') as f:
            raw = list(csv.DictReader(f))
        categorical = ['Month', 'OperatingSystems', 'Browser', 'Region', 'TrafficType', 'VisitorType', 'Weekend']
        numeric = [c for c in raw[0] if c not in categorical + ['Revenue']]
        Xn = np.array([[float(r[c]) for c in numeric] for r in raw])
        Xn = (Xn - Xn[:cut].mean(0)) / np.where(Xn[:cut].std(0) == 0, 1, Xn[:cut].std(0))
        cats = []
        for c in categorical:
            levels = sorted({r[c] for r in raw[:cut]})
            cats.append(np.array([[1.0 if r[c] == v else 0.0 for v in levels] for r in raw]))
        Xr = np.hstack([Xn] + cats)
        yr = np.array([1 if r['Revenue'].strip().upper() == 'TRUE' else 0 for r in raw])
        model = LogisticRegression(C=1.0, max_iter=20000).fit(Xr[:cut], yr[:cut])
        p = model.predict_proba(Xr[cut:])[:, 1]
        result['all_17_columns'] = {'auc': roc_auc_score(yr[cut:], p), 'logloss': log_loss(yr[cut:], p)}
    json.dump(result, sys.stdout)


if __name__ == '__main__':
    main(sys.argv[1], float(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else None)
