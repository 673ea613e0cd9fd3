# Expected scores for cases.json, computed independently of the TypeScript evaluator (Python floats).
import json, math
def level(v):
    if v is None: return None
    if isinstance(v, bool): return 'true' if v else 'false'
    if isinstance(v, (int, float)):
        if isinstance(v, float) and v.is_integer(): return str(int(v))
        return str(v)
    return str(v).lower()
def read(attrs, name):
    if '.' in name:
        ns, key = name.split('.', 1)
        v = (attrs.get(ns) or {}).get(key)
        return 0 if v is None else v
    return attrs.get(name)
def num(v):
    return v if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) else None
def leaf(node, attrs):
    while not isinstance(node, (int, float)):
        a, test, yes, no = node
        v = read(attrs, a)
        if isinstance(test, list):
            x = level(v); ok = x is not None and x in test
        else:
            x = num(v); ok = x is not None and x < test
        node = yes if ok else no
    return node
def score(model, attrs):
    z = model['b']
    for t in model.get('f', []):
        v = read(attrs, t['a'])
        if 'l' in t:
            x = num(v)
            z += t.get('m', 0) if x is None else t['l'] * math.log1p(max(0, x))
        else:
            x = level(v)
            z += t.get('m', 0) if x is None else t['c'].get(x, t.get('o', 0))
    for tree in model.get('t', []):
        z += leaf(tree, attrs)
    return 1 / (1 + math.exp(-z))

lr = {"v": 1, "b": -3.1, "f": [
  {"a": "visit_pageviews", "l": 0.62},
  {"a": "cart_value", "l": 0.35, "m": -0.2},
  {"a": "channel", "c": {"email": 0.9, "direct": 0.1, "organic search": 0.3}, "o": -0.25, "m": -0.4},
  {"a": "new_visitor", "c": {"true": -0.5, "false": 0.2}},
  {"a": "hour", "c": {"20": 0.4, "21": 0.45}, "o": -0.05},
  {"a": "interest.running", "l": 0.8},
  {"a": "days_since_last_visit", "l": -0.3, "m": 0.15}]}
trees = {"v": 1, "b": -2.5, "t": [
  ["cart_value", 1, -0.6, ["visit_pageviews", 4, 0.2, 0.9]],
  ["device", ["mobile", "tablet"], -0.3, 0.25],
  ["interest.running", 0.5, 0, 0.7]]}
both = dict(lr); both["t"] = trees["t"]
cases = []
def add(name, model, attrs):
    cases.append({"name": name, "model": model, "attributes": attrs, "score": score(model, attrs)})
add("a first visit from email, nothing in the cart", lr, {"visit_pageviews": 1, "cart_value": 0, "channel": "Email", "new_visitor": True, "hour": 20, "interest": {}, "days_since_last_visit": None})
add("a returning visitor with a cart, from a channel the model calls other", lr, {"visit_pageviews": 7, "cart_value": 129.5, "channel": "Paid Social", "new_visitor": False, "hour": 9, "interest": {"running": 3}, "days_since_last_visit": 12})
add("every attribute unknown: each term adds its m", lr, {})
add("a negative amount counts as 0", lr, {"visit_pageviews": 2, "cart_value": -50, "channel": "Direct", "new_visitor": False, "hour": 21, "interest": {"running": 1}, "days_since_last_visit": 0})
add("text where a number belongs is missing", lr, {"visit_pageviews": "7", "cart_value": True, "channel": "Direct"})
add("a level named like an Object.prototype member is just another level", lr, {"channel": "constructor", "new_visitor": False})
add("trees: no cart, a long visit on a phone", trees, {"cart_value": 0, "visit_pageviews": 6, "device": "mobile", "interest": {"running": 2}})
add("trees: a cart on a desktop; missing values take the no branch", trees, {"cart_value": 80, "device": None})
add("terms and trees add up", both, {"visit_pageviews": 3, "cart_value": 40, "channel": "email", "new_visitor": True, "hour": 20, "device": "desktop", "interest": {"running": 1}, "days_since_last_visit": 3})
json.dump({"about": "Shared vectors for the model evaluator (src/core/model/score.ts): model, attributes, expected score, computed independently (test/unit/core/model/gen_cases.py). Another implementation of the format (docs/model.md) can be checked against them.", "cases": cases}, open('cases.json', 'w'), indent=1)
print(len(cases))
