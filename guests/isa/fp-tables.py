#!/usr/bin/env python3
"""Expected values of the F and D table checks (rv64f-tables.h, rv64d-tables.h), computed with an
independent reference model: exact rational arithmetic (fractions.Fraction) rounded to binary32 /
binary64 as the RISC-V unprivileged spec (ch. "F" and "D", IEEE 754-2008) states it:
  - 5 rounding modes (RNE RTZ RDN RUP RMM), tininess detected after rounding, UF only when the
    result is also inexact, OF implies NX, overflow gives inf or the largest finite number by mode;
  - every NaN result is the canonical NaN, NV on signalling NaN inputs (and on invalid operations);
  - single operands are NaN-boxed: a register whose upper 32 bits are not all ones reads as the
    canonical NaN (a quiet NaN: no NV);
  - FMIN/FMAX are IEEE 754-2019 minimumNumber/maximumNumber (-0 < +0, one NaN -> the other operand,
    NV on any sNaN), FEQ is quiet, FLT/FLE signal on any NaN;
  - FCVT to integers saturate (NaN -> the largest value) with NV and no NX; FCVT.W[U] sign-extend
    their 32-bit result; FCVT from W[U] reads the low 32 bits of the integer register;
  - the FMA family rounds once; inf * 0 + c sets NV even when c is a quiet NaN.
QEMU 7.2 (test/qemu/isa-qemu.test.ts) validates the tables; nothing here was taken from it.

Usage: python3 fp-tables.py   (rewrites rv64f-tables.h and rv64d-tables.h next to this file; the
operands come from a fixed seed, so the output is reproducible)."""

import math
import os
import random
from fractions import Fraction

RNE, RTZ, RDN, RUP, RMM = 0, 1, 2, 3, 4
RM_NAMES = ["rne", "rtz", "rdn", "rup", "rmm"]
NV, DZ, OF, UF, NX = 16, 8, 4, 2, 1
MASK64 = (1 << 64) - 1


class Fmt:
    def __init__(self, name, p, ebits):
        self.name = name
        self.p = p
        self.ebits = ebits
        self.bias = (1 << (ebits - 1)) - 1
        self.emin = 1 - self.bias
        self.emax = self.bias
        self.width = p + ebits
        self.mask = (1 << self.width) - 1
        self.sign_bit = 1 << (self.width - 1)
        self.exp_mask = ((1 << ebits) - 1) << (p - 1)
        self.frac_mask = (1 << (p - 1)) - 1
        self.qnan_bit = 1 << (p - 2)
        self.canonical = self.exp_mask | self.qnan_bit
        self.inf = self.exp_mask
        self.max_finite = self.exp_mask - 1

    def box(self, bits):
        """Register image of a value of this format (singles are NaN-boxed)."""
        return bits if self.width == 64 else (0xFFFFFFFF00000000 | bits)

    def unbox(self, reg):
        """Value bits read from a 64-bit register (improper boxes read as the canonical NaN)."""
        if self.width == 64:
            return reg
        return reg & 0xFFFFFFFF if (reg >> 32) == 0xFFFFFFFF else self.canonical


S = Fmt("s", 24, 8)
D = Fmt("d", 53, 11)


# ---- decoding ----

def is_nan(f, b):
    return (b & f.exp_mask) == f.exp_mask and (b & f.frac_mask) != 0


def is_snan(f, b):
    return is_nan(f, b) and not (b & f.qnan_bit)


def is_inf(f, b):
    return (b & ~f.sign_bit & f.mask) == f.inf


def sign(f, b):
    return 1 if b & f.sign_bit else 0


def magnitude(f, b):
    """Exact magnitude of a finite value."""
    e = (b & f.exp_mask) >> (f.p - 1)
    m = b & f.frac_mask
    if e == 0:
        return Fraction(m) * Fraction(2) ** (f.emin - f.p + 1)
    return Fraction(m | (1 << (f.p - 1))) * Fraction(2) ** (e - f.bias - f.p + 1)


def value(f, b):
    v = magnitude(f, b)
    return -v if sign(f, b) else v


# ---- rounding ----

def floor_log2(v):
    """floor(log2(v)) for a positive Fraction."""
    e = v.numerator.bit_length() - v.denominator.bit_length()
    if Fraction(2) ** e > v:
        e -= 1
    if Fraction(2) ** (e + 1) <= v:
        e += 1
    return e


def round_int(x, rm, neg):
    """Round a non-negative Fraction to an integer magnitude; `neg` is the sign of the value."""
    fl = math.floor(x)
    fr = x - fl
    if fr == 0:
        return fl
    if rm == RNE:
        return fl + 1 if fr > Fraction(1, 2) or (fr == Fraction(1, 2) and fl % 2 == 1) else fl
    if rm == RTZ:
        return fl
    if rm == RDN:
        return fl + 1 if neg else fl
    if rm == RUP:
        return fl if neg else fl + 1
    return fl + 1 if fr >= Fraction(1, 2) else fl  # RMM


def round_float(f, neg, v, rm):
    """Round the exact magnitude v > 0 with sign `neg`; returns (bits, flags)."""
    assert v > 0
    sbit = f.sign_bit if neg else 0
    e = floor_log2(v)
    # tininess after rounding: round to p bits with an unbounded exponent range
    q = e - (f.p - 1)
    n = round_int(v / Fraction(2) ** q, rm, neg)
    tiny = n * Fraction(2) ** q < Fraction(2) ** f.emin
    q = max(e, f.emin) - (f.p - 1)
    n = round_int(v / Fraction(2) ** q, rm, neg)
    inexact = n * Fraction(2) ** q != v
    flags = (NX if inexact else 0) | (UF if tiny and inexact else 0)
    if n == 1 << f.p:
        n >>= 1
        q += 1
    if n and q + f.p - 1 > f.emax:
        to_max = rm == RTZ or (rm == RDN and not neg) or (rm == RUP and neg)
        return sbit | (f.max_finite if to_max else f.inf), OF | NX
    if n < (1 << (f.p - 1)):
        return sbit | n, flags  # subnormal or zero
    biased = q + f.p - 1 + f.bias
    return sbit | (biased << (f.p - 1)) | (n - (1 << (f.p - 1))), flags


def round_value(f, x, rm, zero_sign=0):
    """Round a signed exact Fraction; an exact zero gets `zero_sign`."""
    if x == 0:
        return (f.sign_bit if zero_sign else 0), 0
    return round_float(f, x < 0, abs(x), rm)


def exact_zero_sign(rm):
    """Sign of an exact zero sum of operands of opposite signs (or of x - x)."""
    return 1 if rm == RDN else 0


# ---- operations: inputs are register images, outputs (result image, flags) ----

def nan_result(f, flags):
    return f.box(f.canonical), flags


def snan_flag(f, *bs):
    return NV if any(is_snan(f, b) for b in bs) else 0


def op_add(f, ra, rb, rm, negb=False):
    a, b = f.unbox(ra), f.unbox(rb)
    if negb and not is_nan(f, b):
        b ^= f.sign_bit
    if is_nan(f, a) or is_nan(f, b):
        return nan_result(f, snan_flag(f, a, b))
    if is_inf(f, a) and is_inf(f, b):
        if sign(f, a) != sign(f, b):
            return nan_result(f, NV)
        return f.box(a), 0
    if is_inf(f, a):
        return f.box(a), 0
    if is_inf(f, b):
        return f.box(b), 0
    x = value(f, a) + value(f, b)
    if x == 0:
        if magnitude(f, a) == 0 and magnitude(f, b) == 0 and sign(f, a) == sign(f, b):
            zs = sign(f, a)
        else:
            zs = exact_zero_sign(rm)
        return f.box(f.sign_bit if zs else 0), 0
    bits, fl = round_value(f, x, rm)
    return f.box(bits), fl


def op_mul(f, ra, rb, rm):
    a, b = f.unbox(ra), f.unbox(rb)
    if is_nan(f, a) or is_nan(f, b):
        return nan_result(f, snan_flag(f, a, b))
    s = sign(f, a) ^ sign(f, b)
    sbit = f.sign_bit if s else 0
    if (is_inf(f, a) and magnitude_or_inf_zero(f, b)) or (is_inf(f, b) and magnitude_or_inf_zero(f, a)):
        return nan_result(f, NV)
    if is_inf(f, a) or is_inf(f, b):
        return f.box(sbit | f.inf), 0
    x = magnitude(f, a) * magnitude(f, b)
    if x == 0:
        return f.box(sbit), 0
    bits, fl = round_float(f, s == 1, x, rm)
    return f.box(bits), fl


def magnitude_or_inf_zero(f, b):
    return not is_inf(f, b) and not is_nan(f, b) and magnitude(f, b) == 0


def op_div(f, ra, rb, rm):
    a, b = f.unbox(ra), f.unbox(rb)
    if is_nan(f, a) or is_nan(f, b):
        return nan_result(f, snan_flag(f, a, b))
    s = sign(f, a) ^ sign(f, b)
    sbit = f.sign_bit if s else 0
    if is_inf(f, a) and is_inf(f, b):
        return nan_result(f, NV)
    if is_inf(f, a):
        return f.box(sbit | f.inf), 0
    if is_inf(f, b):
        return f.box(sbit), 0
    ma, mb = magnitude(f, a), magnitude(f, b)
    if mb == 0:
        if ma == 0:
            return nan_result(f, NV)
        return f.box(sbit | f.inf), DZ
    if ma == 0:
        return f.box(sbit), 0
    bits, fl = round_float(f, s == 1, ma / mb, rm)
    return f.box(bits), fl


def exact_sqrt(v):
    """A Fraction that rounds like sqrt(v) at any precision below ~200 bits (see below)."""
    # v is dyadic; sqrt(v) = sqrt(num * den) / den. With r = isqrt(M), M = num*den*4^k, the root
    # lies in [r, r + 1) / (den * 2^k); when inexact it lies strictly inside, and no rounding
    # boundary of a 24/53-bit format (a coarser dyadic) falls strictly inside that interval, so
    # its midpoint rounds the same way.
    k = 200
    M = v.numerator * v.denominator * 4 ** k
    r = math.isqrt(M)
    den = v.denominator * 2 ** k
    if r * r == M:
        return Fraction(r, den)
    return Fraction(2 * r + 1, 2 * den)


def op_sqrt(f, ra, rm):
    a = f.unbox(ra)
    if is_nan(f, a):
        return nan_result(f, snan_flag(f, a))
    if is_inf(f, a):
        return (nan_result(f, NV) if sign(f, a) else (f.box(a), 0))
    m = magnitude(f, a)
    if m == 0:
        return f.box(a), 0
    if sign(f, a):
        return nan_result(f, NV)
    bits, fl = round_float(f, False, exact_sqrt(m), rm)
    return f.box(bits), fl


def op_fma(f, ra, rb, rc, rm, negprod, negc):
    a, b, c = f.unbox(ra), f.unbox(rb), f.unbox(rc)
    flags = snan_flag(f, a, b, c)
    infzero = (is_inf(f, a) and magnitude_or_inf_zero(f, b)) or (is_inf(f, b) and magnitude_or_inf_zero(f, a))
    if infzero:
        return nan_result(f, NV)
    if is_nan(f, a) or is_nan(f, b) or is_nan(f, c):
        return nan_result(f, flags)
    sp = sign(f, a) ^ sign(f, b) ^ (1 if negprod else 0)
    sc = sign(f, c) ^ (1 if negc else 0)
    if is_inf(f, a) or is_inf(f, b):
        if is_inf(f, c) and sc != sp:
            return nan_result(f, NV)
        return f.box((f.sign_bit if sp else 0) | f.inf), 0
    if is_inf(f, c):
        return f.box((f.sign_bit if sc else 0) | f.inf), 0
    prod = magnitude(f, a) * magnitude(f, b)
    mc = magnitude(f, c)
    x = (-prod if sp else prod) + (-mc if sc else mc)
    if x == 0:
        if prod == 0 and mc == 0 and sp == sc:
            zs = sp
        else:
            zs = exact_zero_sign(rm)
        return f.box(f.sign_bit if zs else 0), 0
    bits, fl = round_value(f, x, rm)
    return f.box(bits), fl


def op_minmax(f, ra, rb, is_max):
    a, b = f.unbox(ra), f.unbox(rb)
    flags = snan_flag(f, a, b)
    if is_nan(f, a) and is_nan(f, b):
        return nan_result(f, flags)
    if is_nan(f, a):
        return f.box(b), flags
    if is_nan(f, b):
        return f.box(a), flags
    def key(x):
        if is_inf(f, x):
            return (Fraction(-1 if sign(f, x) else 1) * Fraction(10) ** 400, 0)
        return (value(f, x), -1 if sign(f, x) else 0)  # -0 below +0
    pick = (max if is_max else min)([a, b], key=key)
    return f.box(pick), flags


def cmp_key(f, x):
    if is_inf(f, x):
        return Fraction(-1 if sign(f, x) else 1) * Fraction(10) ** 400
    return value(f, x)


def op_cmp(f, ra, rb, kind):
    a, b = f.unbox(ra), f.unbox(rb)
    if is_nan(f, a) or is_nan(f, b):
        if kind == "eq":
            return 0, snan_flag(f, a, b)
        return 0, NV
    x, y = cmp_key(f, a), cmp_key(f, b)
    r = {"eq": x == y, "lt": x < y, "le": x <= y}[kind]
    return (1 if r else 0), 0


def op_class(f, ra):
    a = f.unbox(ra)
    s = sign(f, a)
    if is_inf(f, a):
        return (1 << 0) if s else (1 << 7), 0
    if is_nan(f, a):
        return (1 << 8) if is_snan(f, a) else (1 << 9), 0
    e = a & f.exp_mask
    m = a & f.frac_mask
    if e == 0 and m == 0:
        return (1 << 3) if s else (1 << 4), 0
    if e == 0:
        return (1 << 2) if s else (1 << 5), 0
    return (1 << 1) if s else (1 << 6), 0


def op_sgnj(f, ra, rb, kind):
    a, b = f.unbox(ra), f.unbox(rb)
    sb = b & f.sign_bit
    if kind == "n":
        sb ^= f.sign_bit
    elif kind == "x":
        sb ^= a & f.sign_bit
    return f.box((a & ~f.sign_bit & f.mask) | sb), 0


INT_TYPES = {  # name: (bits, signed)
    "w": (32, True), "wu": (32, False), "l": (64, True), "lu": (64, False),
}


def sext(x, bits):
    x &= (1 << bits) - 1
    return x - (1 << bits) if x >> (bits - 1) else x


def op_f2i(f, ra, rm, it):
    bits, signed = INT_TYPES[it]
    lo, hi = (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if signed else (0, (1 << bits) - 1)
    a = f.unbox(ra)
    def result(r):
        return sext(r, bits) & MASK64 if bits == 32 else r & MASK64
    if is_nan(f, a):
        return result(hi), NV
    if is_inf(f, a):
        return result(lo if sign(f, a) else hi), NV
    m = magnitude(f, a)
    neg = sign(f, a) == 1
    n = round_int(m, rm, neg)
    r = -n if neg else n
    if r < lo:
        return result(lo), NV
    if r > hi:
        return result(hi), NV
    return result(r), (NX if n != m else 0)


def op_i2f(f, rx, rm, it):
    bits, signed = INT_TYPES[it]
    x = rx & ((1 << bits) - 1)
    if signed:
        x = sext(x, bits)
    if x == 0:
        return f.box(0), 0
    b, fl = round_value(f, Fraction(x), rm)
    return f.box(b), fl


def op_cvt_ff(src, dst, ra, rm):
    a = src.unbox(ra)
    if is_nan(src, a):
        return nan_result(dst, snan_flag(src, a))
    sbit = dst.sign_bit if sign(src, a) else 0
    if is_inf(src, a):
        return dst.box(sbit | dst.inf), 0
    m = magnitude(src, a)
    if m == 0:
        return dst.box(sbit), 0
    b, fl = round_float(dst, sign(src, a) == 1, m, rm)
    return dst.box(b), fl


# ---- operands ----

def bits_of(f, neg, m, e):
    """Value (m with p bits, 1 <= m < 2, as integer with p-1 fraction bits) * 2^e, normal."""
    return (f.sign_bit if neg else 0) | ((e + f.bias) << (f.p - 1)) | (m & f.frac_mask)


def specials(f):
    h = f.p - 1
    one = f.bias << h
    v = [
        0, f.sign_bit,                                  # +-0
        1, f.sign_bit | 1,                              # +-min subnormal
        f.frac_mask, f.sign_bit | f.frac_mask,          # +-max subnormal
        1 << h, f.sign_bit | (1 << h),                  # +-min normal
        one, f.sign_bit | one,                          # +-1
        one | (1 << (h - 1)),                           # 1.5
        f.sign_bit | (one + (1 << h)) | 1,              # -(2 + ulp)
        one | 1,                                        # 1 + ulp
        one - 1,                                        # 1 - ulp/2
        f.max_finite, f.sign_bit | f.max_finite,        # +-max
        f.inf, f.sign_bit | f.inf,                      # +-inf
        f.canonical,                                    # canonical qNaN
        f.sign_bit | f.canonical | 0x12345,             # negative qNaN with payload
        f.exp_mask | 1,                                 # sNaN (payload 1)
        f.sign_bit | f.exp_mask | 0x2345,               # negative sNaN with payload
    ]
    return [f.box(b) for b in v]


# A few register images that are not NaN-boxed singles (read as the canonical NaN)
UNBOXED = [0x000000003F800000, 0xFFFFFFFE3F800000, 0x7FFFFFFF7F800000]


def random_operand(f, rng, near=None):
    """Edge-biased random value: any exponent, exponents near the subnormal/overflow ends, or
    close to `near` (for cancellation and halfway cases)."""
    r = rng.random()
    neg = rng.random() < 0.5
    if near is not None and r < 0.3:
        b = f.unbox(near)
        if not is_nan(f, b) and not is_inf(f, b):
            return f.box((b + rng.randint(-3, 3)) & f.mask & ~f.sign_bit | (f.sign_bit if neg else 0))
    if r < 0.15:
        return rng.choice(specials(f))
    m = rng.getrandbits(f.p - 1)
    if rng.random() < 0.3:
        m = rng.choice([0, f.frac_mask, 1 << (f.p - 2), 1, f.frac_mask - 1, rng.getrandbits(4)])
    if r < 0.35:
        e = rng.randint(f.emin - 1, f.emin + f.p + 2)   # subnormals and small normals
    elif r < 0.5:
        e = rng.randint(f.emax - 2, f.emax)            # near overflow
    elif r < 0.75:
        e = rng.randint(-4, 4)
    else:
        e = rng.randint(f.emin, f.emax)
    if e < f.emin:
        return f.box((f.sign_bit if neg else 0) | m)     # subnormal (or zero)
    return f.box(bits_of(f, neg, m, e))


def int_operands(bits, signed, rng):
    base = [0, 1, 2, 3, 7, (1 << 24) - 1, 1 << 24, (1 << 24) + 1, (1 << 24) + 3, (1 << 53) + 1,
            (1 << 53) + 3, (1 << 31) - 1, 1 << 31, (1 << 32) - 1, (1 << 63) - 1, 1 << 63, MASK64,
            MASK64 - 1, (1 << 64) - (1 << 31), 0xFFFFFFFF80000001, 0x123456789ABCDEF0, 0x7FFFFFC0,
            0x7FFFFFBF, 0xFFFFFF80, 0xFFFFFF7F, 0x7FFFFFFFFFFFFE00, 0x7FFFFFFFFFFFFBFF]
    out = list(base)
    for _ in range(12):
        out.append(rng.getrandbits(64))
        out.append(rng.getrandbits(rng.randint(1, 64)))
    if bits == 32:
        # garbage in the upper 32 bits must be ignored
        out += [0xDEADBEEF00000005, 0x0000000180000000, 0xFFFFFFFF00000001, 0x12345678FFFFFFFF]
    return out


def int_boundary_floats(f, rng):
    """Floats at and around every integer-conversion boundary and halfway cases."""
    out = []
    vals = [Fraction(x) for x in (0, 1, -1, 2, -2)]
    vals += [Fraction(k, 2) for k in (1, -1, 3, -3, 5, -5, 7, -7)]
    vals += [Fraction(1, 4), Fraction(-1, 4), Fraction(3, 4), Fraction(-3, 4)]
    for p2 in (31, 32, 63, 64):
        for d in (-2, -1, 0, 1):
            vals.append(Fraction(2 ** p2 + d))
            vals.append(Fraction(-(2 ** p2) + d))
        vals.append(Fraction(2 ** p2) - Fraction(1, 2))
        vals.append(-Fraction(2 ** p2) - Fraction(1, 2))
    for x in vals:
        for rm in (RNE, RTZ, RUP):
            if x == 0:
                out.append(f.box(0))
                continue
            b, _ = round_value(f, x, rm)
            out.append(f.box(b))
            out.append(f.box(b + 1))
            if b & ~f.sign_bit & f.mask:
                out.append(f.box(b - 1))
    out += specials(f)
    seen = set()
    res = []
    for b in out:
        if b not in seen:
            seen.add(b)
            res.append(b)
    return res


# ---- table emission ----

class Writer:
    """Emits table-driven checks: one .dword row a, b, c, expected, meta (rm | flags << 8) per
    check; row i of a table is check first + i."""

    def __init__(self, f, first):
        self.f = f
        self.next = first
        self.code = []
        self.data = []
        self.rm_rotor = 0

    def table(self, macro, op, comment, rows):
        name = "tab_" + op.replace(".", "_")
        first = self.next
        last = first + len(rows) - 1
        self.code.append(f"  {macro}({first}, {op}, {name}, {len(rows)})  /* checks {first}..{last}: {comment} */")
        self.data.append(f"{name}:  /* {op}: a, b, c, expected, rm | fflags << 8  (check number) */")
        for i, (a, b, c, exp, rm, fl) in enumerate(rows):
            self.data.append(
                f"  .dword 0x{a:x}, 0x{b:x}, 0x{c:x}, 0x{exp & MASK64:x}, 0x{rm | (fl << 8):x}  /* {first + i} */")
        self.next = last + 1

    def rows_rm(self, operands, fn):
        """Rows for an operation with a rounding mode: one row per mode when the modes disagree,
        otherwise one row in a rotating mode."""
        rows = []
        for ops in operands:
            res = [fn(*ops, rm) for rm in range(5)]
            a, b, c = (list(ops) + [0, 0, 0])[:3]
            if all(r == res[0] for r in res):
                rm = self.rm_rotor
                self.rm_rotor = (self.rm_rotor + 1) % 5
                rows.append((a, b, c, res[rm][0], rm, res[rm][1]))
            else:
                for rm in range(5):
                    rows.append((a, b, c, res[rm][0], rm, res[rm][1]))
        return rows

    def rows_norm(self, operands, fn):
        rows = []
        for ops in operands:
            r, fl = fn(*ops)
            a, b, c = (list(ops) + [0, 0, 0])[:3]
            rows.append((a, b, c, r, 0, fl))
        return rows


def dedup(seq):
    seen = set()
    out = []
    for x in seq:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


def special_cases(f, rng):
    """Hand-picked operand pairs/triples that hit rounding corner cases."""
    h = f.p - 1
    one = f.bias << h
    two = (f.bias + 1) << h
    pairs = [
        # halfway cases of addition (ties to even both ways, RMM away), both signs
        (f.box(one), f.box(((f.bias - f.p) << h))),                   # 1 + ulp/2
        (f.box(one | 1), f.box(((f.bias - f.p) << h))),               # (1 + ulp) + ulp/2
        (f.box(f.sign_bit | one), f.box(f.sign_bit | ((f.bias - f.p) << h))),
        (f.box(one), f.box(((f.bias - f.p) << h) | 1)),               # just above halfway
        (f.box(one), f.box(f.sign_bit | ((f.bias - f.p - 1) << h))),  # 1 - ulp/4: below
        # overflow at the top: max + half an ulp (ties to even -> inf), max + max
        (f.box(f.max_finite), f.box((f.bias + f.bias - f.p) << h)),
        (f.box(f.max_finite), f.box(f.max_finite)),
        (f.box(f.sign_bit | f.max_finite), f.box(f.sign_bit | f.max_finite)),
        # exact cancellation: +0 in every mode but RDN (-0)
        (f.box(one | 12345), f.box(f.sign_bit | one | 12345)),
        (f.box(1), f.box(f.sign_bit | 1)),
        # subnormal + subnormal = normal, min normal - min subnormal
        (f.box(f.frac_mask), f.box(1)),
        (f.box(1 << h), f.box(f.sign_bit | 1)),
        (f.box(two), f.box(f.sign_bit | one)),
    ]
    return pairs


def gen_arith(w, f, rng):
    sp = specials(f)
    fs = f.name
    # binary: all pairs of specials (and unboxed images for singles), then corner and random cases
    pairs = [(a, b) for a in sp for b in sp]
    if f is S:
        pairs += [(u, sp[8]) for u in UNBOXED] + [(sp[8], u) for u in UNBOXED]
    pairs += special_cases(f, rng)
    rand_pairs = []
    for _ in range(80):
        a = random_operand(f, rng)
        rand_pairs.append((a, random_operand(f, rng, near=a)))
    allp = dedup(pairs + rand_pairs)
    w.table("FP_TABLE_FF_RM", f"fadd.{fs}", "all special pairs, halfway, overflow, cancellation, random",
            w.rows_rm(allp, lambda a, b, rm: op_add(f, a, b, rm)))
    w.table("FP_TABLE_FF_RM", f"fsub.{fs}", "same operands",
            w.rows_rm(allp, lambda a, b, rm: op_add(f, a, b, rm, negb=True)))
    # multiplication: specials plus products that land at the subnormal / overflow boundaries
    mpairs = [(a, b) for a in sp for b in sp]
    if f is S:
        mpairs += [(u, sp[8]) for u in UNBOXED]
        # (1 - 2^-24) * 2^-126: tiny after rounding (UF in RNE, result min normal)
        mpairs += [(f.box(0x3F7FFFFF), f.box(0x00800000)),
                   # 18631 * 2^-15 * 1801 * 2^-136 = (1 - 2^-25) * 2^-126: not tiny after rounding
                   # in RNE/RUP/RMM (no UF), tiny in RTZ/RDN
                   (f.box(bits_of(S, False, 18631 << (23 - 14), -1)), f.box(bits_of(S, False, 1801 << (23 - 10), -126)))]
    else:
        mpairs += [(f.box(0x3FEFFFFFFFFFFFFF), f.box(0x0010000000000000))]
    for _ in range(70):
        a = random_operand(f, rng)
        b = random_operand(f, rng)
        mpairs.append((a, b))
        # products near the subnormal range and near 1 * min normal
        ea = rng.randint(f.emin // 2 - 4, f.emin // 2 + 4)
        mpairs.append((f.box(bits_of(f, rng.random() < 0.5, rng.getrandbits(h := f.p - 1), ea)),
                       f.box(bits_of(f, rng.random() < 0.5, rng.getrandbits(h), f.emin - ea + rng.randint(-3, 1)))))
    mpairs = dedup(mpairs)
    w.table("FP_TABLE_FF_RM", f"fmul.{fs}", "special pairs, subnormal/overflow boundaries, random",
            w.rows_rm(mpairs, lambda a, b, rm: op_mul(f, a, b, rm)))
    dpairs = [(a, b) for a in sp for b in sp]
    for _ in range(100):
        dpairs.append((random_operand(f, rng), random_operand(f, rng)))
    dpairs = dedup(dpairs)
    w.table("FP_TABLE_FF_RM", f"fdiv.{fs}", "special pairs (x/0 DZ, 0/0 and inf/inf NV), random",
            w.rows_rm(dpairs, lambda a, b, rm: op_div(f, a, b, rm)))
    sq = list(sp) + [f.box(bits_of(f, False, 0, e)) for e in (2, 3, -3, f.emin, f.emax)]
    sq += [f.box(x) for x in (2, 4, 0x123)]
    if f is S:
        sq += UNBOXED
    for _ in range(120):
        sq.append(f.box(f.unbox(random_operand(f, rng)) & ~f.sign_bit & f.mask))
    sq = dedup(sq)
    w.table("FP_TABLE_F_RM", f"fsqrt.{fs}", "specials (sqrt(-0) = -0, sqrt(<0) NV), exact squares, random",
            w.rows_rm([(a,) for a in sq], lambda a, rm: op_sqrt(f, a, rm)))
    # FMA family: a subset of specials cubed plus the inf*0+qNaN rule, cancellation, random
    sub = [sp[i] for i in (0, 1, 2, 9, 14, 16, 18, 21)]
    triples = [(a, b, c) for a in sub for b in sub for c in sub]
    triples += [(sp[16], sp[0], sp[18]), (sp[0], sp[17], sp[18]), (sp[16], sp[0], sp[19]), (sp[16], sp[1], sp[20])]
    for _ in range(100):
        a = random_operand(f, rng)
        b = random_operand(f, rng)
        p_bits, _ = op_mul(f, a, b, RNE)
        c = random_operand(f, rng, near=p_bits ^ (f.sign_bit if rng.random() < 0.5 else 0))
        triples.append((a, b, c))
    triples = dedup(triples)
    for op, negp, negc, what in (("fmadd", False, False, "a*b+c"), ("fmsub", False, True, "a*b-c"),
                                 ("fnmsub", True, False, "-(a*b)+c"), ("fnmadd", True, True, "-(a*b)-c")):
        w.table("FP_TABLE_FFF_RM", f"{op}.{fs}", f"{what}, one rounding; inf*0+qNaN sets NV",
                w.rows_rm(triples, lambda a, b, c, rm, negp=negp, negc=negc: op_fma(f, a, b, c, rm, negp, negc)))
    # no rounding mode
    npairs = [(a, b) for a in sp for b in sp]
    if f is S:
        npairs += [(u, sp[8]) for u in UNBOXED] + [(sp[9], u) for u in UNBOXED] + [(UNBOXED[0], UNBOXED[1])]
    for k in ("", "n", "x"):
        w.table("FP_TABLE_FF", f"fsgnj{k}.{fs}", "raw sign bits, NaN payloads kept",
                w.rows_norm(npairs, lambda a, b, k=k: op_sgnj(f, a, b, k)))
    w.table("FP_TABLE_FF", f"fmin.{fs}", "-0 < +0, one NaN -> the other, sNaN sets NV",
            w.rows_norm(npairs, lambda a, b: op_minmax(f, a, b, False)))
    w.table("FP_TABLE_FF", f"fmax.{fs}", "same operands",
            w.rows_norm(npairs, lambda a, b: op_minmax(f, a, b, True)))
    for k, what in (("eq", "quiet: NV only on sNaN"), ("lt", "signalling: NV on any NaN"), ("le", "signalling")):
        w.table("FP_TABLE_XFF", f"f{k}.{fs}", what, w.rows_norm(npairs, lambda a, b, k=k: op_cmp(f, a, b, k)))
    cls = sp + (UNBOXED if f is S else []) + [f.box(0x12345), f.box(f.sign_bit | 0x12345)]
    w.table("FP_TABLE_XF", f"fclass.{fs}", "all ten classes", w.rows_norm([(a,) for a in cls], lambda a: op_class(f, a)))
    # conversions to integers
    fl = int_boundary_floats(f, rng)
    if f is S:
        fl += UNBOXED
    for _ in range(60):
        fl.append(random_operand(f, rng))
    fl = dedup(fl)
    for it in ("w", "wu", "l", "lu"):
        w.table("FP_TABLE_XF_RM", f"fcvt.{it}.{fs}", "boundaries of the integer type, halfway, saturation",
                w.rows_rm([(a,) for a in fl], lambda a, rm, it=it: op_f2i(f, a, rm, it)))
    # conversions from integers
    for it in ("w", "wu", "l", "lu"):
        bits, signed = INT_TYPES[it]
        xs = [(x,) for x in dedup(int_operands(bits, signed, rng))]
        if f is D and bits == 32:
            # exact: binutils 2.40 takes no rm operand for these (it encodes rm = 0)
            w.table("FP_TABLE_FX", f"fcvt.{fs}.{it}", "exact, 32-bit sources ignore the upper half",
                    w.rows_norm(xs, lambda x, it=it: exact(op_i2f, f, x, it)))
            continue
        w.table("FP_TABLE_FX_RM", f"fcvt.{fs}.{it}", "exact and rounded, 32-bit sources ignore the upper half",
                w.rows_rm(xs, lambda x, rm, it=it: op_i2f(f, x, rm, it)))


def exact(fn, f, a, extra):
    """An operation that never rounds: the same result in every mode (checked)."""
    if f is None:
        res = [fn(f, a, rm) for rm in range(5)]
    else:
        res = [fn(f, a, rm, extra) for rm in range(5)]
    assert all(r == res[0] for r in res)
    return res[0]


def gen_cvt_sd(w, rng):
    # fcvt.s.d: rounding of doubles to singles: halfway, overflow, underflow (tininess after
    # rounding: (1 - 2^-25) * 2^-126 is not tiny in RNE), NaNs
    ds = specials(D)
    vals = list(ds)
    for e in (S.emin - 1, S.emin, S.emin - 24, S.emin - 23, S.emin - 25, S.emax, S.emax + 1, 0):
        for m in (0, 1 << 28, (1 << 29) - 1 << 23, (1 << 52) - 1, (1 << 28) | 1, 1 << 29 | 1 << 28, (1 << 52) - (1 << 28)):
            for neg in (False, True):
                vals.append(bits_of(D, neg, m, e))
    vals.append(bits_of(D, False, ((1 << 52) - 1) & ~((1 << 27) - 1) | 1 << 27, S.emin - 1))  # (1-2^-25)*2^-126
    for _ in range(150):
        vals.append(bits_of(D, rng.random() < 0.5, rng.getrandbits(52), rng.randint(S.emin - 30, S.emax + 3)))
    vals = dedup(vals)
    w.table("FP_TABLE_F_RM", "fcvt.s.d", "rounding, overflow, tininess after rounding, NaNs",
            w.rows_rm([(a,) for a in vals], lambda a, rm: op_cvt_ff(D, S, a, rm)))
    sv = specials(S) + UNBOXED + [S.box(rng.getrandbits(32)) for _ in range(40)]
    w.table("FP_TABLE_F", "fcvt.d.s", "exact; sNaN NV, canonical NaN, unboxed input",
            w.rows_norm([(a,) for a in dedup(sv)], lambda a: exact(lambda f, a, _x: op_cvt_ff(S, D, a, _x), None, a, None)))


HEADER = """/* Generated by fp-tables.py (do not edit): table-driven {what} checks, expected values from an
   independent exact-arithmetic model, validated on QEMU 7.2. Included by {prog}.S; the macros are
   in fp.h. Row i of a table is check first + i; grep for the number in this file. */
"""


def write(path, w, what, prog):
    with open(path, "w") as out:
        out.write(HEADER.format(what=what, prog=prog))
        out.write("\n".join(w.code) + "\n\n")
        out.write("  .pushsection .data, \"aw\", @progbits\n  .balign 8\n")
        out.write("\n".join(w.data) + "\n")
        out.write("  .popsection\n")
    return w.next


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    rng = random.Random(0x5EED_F10A7)
    w = Writer(S, 1000)
    gen_arith(w, S, rng)
    n = write(os.path.join(here, "rv64f-tables.h"), w, "F", "rv64f")
    print(f"rv64f-tables.h: checks 1000..{n - 1}")
    rng = random.Random(0x5EED_D0B1E)
    w = Writer(D, 1000)
    gen_arith(w, D, rng)
    gen_cvt_sd(w, rng)
    n = write(os.path.join(here, "rv64d-tables.h"), w, "D", "rv64d")
    print(f"rv64d-tables.h: checks 1000..{n - 1}")


if __name__ == "__main__":
    main()
