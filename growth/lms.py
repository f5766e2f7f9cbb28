"""LMS z-scores, WHO's restricted computation beyond ±3 SD, R-compatible rounding and flags.

Sources: WHO Multicentre Growth Reference Study Group, *WHO Child Growth Standards: Methods and
development* (2006), chapter 7 ("Computation of centiles and z-scores"); the same formulas as the
WHO ``anthro`` R package 1.1.x (``R/z-score-helper.R``), written as whole-array numpy operations.
All functions take and return float64 arrays of one shape; NaN in gives NaN out.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


def lms_z(y: FloatArray, l: FloatArray, m: FloatArray, s: FloatArray, l_is_one: bool) -> FloatArray:  # noqa: E741
    """Plain LMS z-score ``((y / M) ** L - 1) / (S * L)`` (WHO 2006 ch. 7, eq. for Z_ind).

    ``l_is_one`` skips the power where every L is 1 (length/height- and head
    circumference-for-age); ``x ** 1 == x`` exactly, so the result is bit-identical.
    """
    if l_is_one:
        return (y / m - 1.0) / s
    return (np.power(y / m, l) - 1.0) / (s * l)


def restrict_beyond_3sd(
    z: FloatArray,
    y: FloatArray,
    l: FloatArray,  # noqa: E741
    m: FloatArray,
    s: FloatArray,
) -> FloatArray:
    """Apply WHO's restricted computation to the rows with |z| > 3 (in place; returns ``z``).

    WHO 2006 ch. 7: beyond ±3 SD the LMS skewness model is not trusted, so the distance is
    measured in units of the 2-to-3 SD interval: ``z = 3 + (y - SD3pos) / (SD3pos - SD2pos)``
    above and ``z = -3 + (y - SD3neg) / (SD2neg - SD3neg)`` below, with
    ``SDk = M * (1 + L * S * k) ** (1 / L)``. Used for weight-for-age, weight-for-length/height,
    BMI-for-age and arm circumference-for-age (anthro ``compute_zscore_adjusted``).
    """
    beyond = np.flatnonzero(np.abs(z) > 3.0)
    if beyond.size == 0:
        return z
    yb, lb, mb, sb, zb = y[beyond], l[beyond], m[beyond], s[beyond], z[beyond]
    # Only the side the row is on is needed: SD3 and SD2 above, SD-3 and SD-2 below. Writing
    # the below case as -3 + (y - SD-3) / -(SD-3 - SD-2) gives the same doubles as WHO's form.
    sign = np.where(zb > 0.0, 1.0, -1.0)
    inv_l = 1.0 / lb
    ls = lb * sb
    sd3 = mb * np.power(1.0 + ls * (3.0 * sign), inv_l)
    sd2 = mb * np.power(1.0 + ls * (2.0 * sign), inv_l)
    z[beyond] = 3.0 * sign + (yb - sd3) / ((sd3 - sd2) * sign)
    return z


def _libm_pow(x: float, y: float) -> float:
    """C ``pow`` as R's ``^`` calls it (glibc, correctly rounded in practice); NaN for a domain
    error, +-inf on overflow."""
    try:
        return math.pow(x, y)
    except ValueError:
        return math.nan
    except OverflowError:
        return math.copysign(math.inf, x)


def _z_libm(y: float, l: float, m: float, s: float, restricted: bool) -> float:  # noqa: E741
    """One z with libm ``pow``, in anthro's order of operations (``compute_zscore_adjusted``)."""
    z = (_libm_pow(y / m, l) - 1.0) / (s * l)
    if restricted and abs(z) > 3.0:
        k = 3.0 if z > 0.0 else -3.0
        sd3 = m * _libm_pow(1.0 + l * s * k, 1.0 / l)
        sd2 = m * _libm_pow(1.0 + l * s * (k - math.copysign(1.0, k)), 1.0 / l)
        z = k + (y - sd3) / ((sd3 - sd2) * math.copysign(1.0, k))
    return z


def redo_near_half(
    z: FloatArray,
    y: FloatArray,
    l: FloatArray,  # noqa: E741
    m: FloatArray,
    s: FloatArray,
    restricted: bool,
    digits: int = 2,
) -> FloatArray:
    """Recompute with libm ``pow`` the z-scores that lie next to a rounding half (in place).

    numpy's vectorised ``power`` (the SIMD loops numpy dispatches on AVX-512 machines) is off
    by one ulp from the C library's ``pow`` for ~5 % of arguments. Anywhere else that is
    invisible, but where z is within a few ulps of x.xx5 it flips the 2-decimal value against
    anthro, which uses C ``pow`` (R ``^``, ``src/main/arithmetic.c``): e.g. weight
    19.53373178272378 kg at 104.7 cm, boys, is WFH z 1.7649999999999966 (1.76) with C ``pow``
    and 1.7650000000000001 (1.77) with numpy's. The few rows within 1e-9 of a half are redone
    one by one.
    """
    x10 = z * 10.0**digits
    near = np.flatnonzero(np.abs(x10 - np.rint(x10)) > 0.5 - 1e-7)
    for i in near:
        z[i] = _z_libm(float(y[i]), float(l[i]), float(m[i]), float(s[i]), restricted)
    return z


def round_r(x: FloatArray, digits: int = 2) -> FloatArray:
    """Round like R >= 4.0 ``round(x, digits)``, which anthro applies to every published z-score.

    R (``src/nmath/fround.c``) works on |x| and keeps the sign: of the two neighbours with
    ``digits`` decimals it returns the one nearer to x *in double arithmetic*, and only on an
    exact tie the one with an even last digit. Halves that are not exact in binary therefore go
    by their true value: 1.005 (stored as 1.00499999999999989...) gives 1.0 and -1.005 gives
    -1.0, while the exact binary tie 0.125 gives 0.12 and 0.375 gives 0.38. Python's ``round``
    agrees on most values but decides on the exact decimal expansion; ``floor(x * 100 + 0.5)``
    breaks when ``x * 100`` itself rounds up to ``.5`` (1.115 -> 1.12 instead of 1.11).

    Fast path: away from a half, the nearest neighbour is ``rint(x * 10**digits)``; the few
    values within 1e-9 of a half (in units of the last digit) are decided by R's own rule.
    """
    pow10 = 10.0**digits
    x10 = x * pow10
    r10 = np.rint(x10)
    out = r10 / pow10
    near = np.flatnonzero(np.abs(x10 - r10) > 0.5 - 1e-9)
    if near.size:
        out[near] = _round_r_exact(x[near], pow10)
    return out


def _round_r_exact(x: FloatArray, pow10: float) -> FloatArray:
    """R's ``fround`` decision for values next to a half (see `round_r`)."""
    ax = np.abs(x)
    i10 = np.floor(ax * pow10)
    xd = i10 / pow10
    xu = np.ceil(ax * pow10) / pow10
    du = xu - ax
    dd = ax - xd
    up = (du < dd) | ((du == dd) & (np.fmod(i10, 2.0) == 1.0))
    return np.copysign(np.where(up, xu, xd), x)


def flag(z: FloatArray, low: float, high: float) -> FloatArray:
    """1.0 where the (rounded) z is below ``low`` or above ``high``, 0.0 otherwise, NaN for NaN."""
    out = ((z < low) | (z > high)).astype(np.float64)
    out[np.isnan(z)] = np.nan
    return out
