# Reference values for test/unit/tools/report/stats.test.ts, computed with mpmath (arbitrary precision),
# independently of jStat: scipy and statsmodels are not installed on the project's machine and pip
# cannot reach PyPI, so the t and normal distributions are mpmath's (betainc, erfc) and the
# Welch / Fieller / Katz formulas are written out here from their textbook definitions.
#   python3 test/unit/tools/report/reference/stats.py
from mpmath import mp, mpf, sqrt, log, exp, erfc, betainc, findroot
mp.dps = 30

def phi(z): return erfc(-z / sqrt(2)) / 2
def p_norm(z): return 2 * (1 - phi(abs(z)))
def t_cdf(x, df):  # Student t CDF through the regularized incomplete beta
    xt = df / (df + x * x)
    tail = betainc(df / 2, mpf(1) / 2, 0, xt, regularized=True) / 2
    return 1 - tail if x > 0 else tail
def p_t(t, df): return 2 * (1 - t_cdf(abs(t), df))
def t_inv(p, df): return findroot(lambda x: t_cdf(x, df) - p, 2)
Z = findroot(lambda z: phi(z) - mpf('0.975'), 2)

def katz(xt, nt, xc, nc):
    k = mpf('0.5') if xt == 0 or xc == 0 else 0
    xt, nt, xc, nc = xt + k, nt + k, xc + k, nc + k
    se = sqrt(1 / xt - 1 / nt + 1 / xc - 1 / nc)
    l = log((xt / nt) / (xc / nc))
    return dict(low=exp(l - Z * se) - 1, high=exp(l + Z * se) - 1, p=p_norm(l / se))

def welch_fieller(t, c):
    (nt, st, sst), (nc, sc, ssc) = t, c
    mt, mc = mpf(st) / nt, mpf(sc) / nc
    a = (sst - mpf(st) ** 2 / nt) / (nt - 1) / nt
    b = (ssc - mpf(sc) ** 2 / nc) / (nc - 1) / nc
    df = (a + b) ** 2 / (a * a / (nt - 1) + b * b / (nc - 1))
    p = p_t((mt - mc) / sqrt(a + b), df)
    q = t_inv(mpf('0.975'), df)
    A = mc * mc - q * q * b
    out = dict(uplift=mt / mc - 1, df=df, p=p)
    if A > 0:
        half = sqrt(mt * mt * mc * mc - A * (mt * mt - q * q * a))
        out.update(low=max(0, (mt * mc - half) / A) - 1, high=(mt * mc + half) / A - 1)
    else:
        out.update(unbounded=True)
    # The old figures (delta method on the log ratio + Welch z) for the README's example.
    se = sqrt(a / mt ** 2 + b / mc ** 2)
    out.update(delta_low=exp(log(mt / mc) - Z * se) - 1, delta_high=exp(log(mt / mc) + Z * se) - 1, z_p=p_norm((mt - mc) / sqrt(a + b)))
    return out

def show(name, d): print(name, {k: mp.nstr(v, 12) if not isinstance(v, bool) else v for k, v in d.items()})

show('rates 130/1000 vs 100/1000', katz(130, 1000, 100, 1000))
show('rates 0/500 vs 12/500', katz(0, 500, 12, 500))
show('rates 2/4 vs 1/4', katz(2, 4, 1, 4))
show('means [20,10,0,0] vs [10,0,0,0]', welch_fieller((4, 30, 500), (4, 10, 100)))
# Heavy tail: 2,000 visitors per arm; treatment 88 orders of $80; control 80 orders of $80 and one of $100,000.
show('means heavy tail', welch_fieller((2000, 88 * 80, 88 * 6400), (2000, 80 * 80 + 100000, 80 * 6400 + 100000 ** 2)))
# A clear effect with bounded interval: treatment 300 orders of $50 in 5,000; control 200 of $50 in 5,000.
show('means clear', welch_fieller((5000, 300 * 50, 300 * 2500), (5000, 200 * 50, 200 * 2500)))
# Three arms, each against the control (120/2000): b 150/2000, c 90/2000.
show('3 arms b', katz(150, 2000, 120, 2000))
show('3 arms c', katz(90, 2000, 120, 2000))
