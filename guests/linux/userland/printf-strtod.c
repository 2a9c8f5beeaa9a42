/*
 * printf-strtod: glibc's binary <-> decimal conversions over a table of doubles (normal,
 * subnormal, extreme exponents, signed zeros, infinities, NaN). For each value: %.17g, %a, %e
 * and a round trip strtod(printf("%.17g")) and strtod(printf("%a")) that must give back the
 * same bits. Then the rounding modes (printf honours fesetround), strtod on hard decimal inputs
 * and the exception flags a few operations raise. Every line is deterministic: compare it with
 * qemu-riscv64 running the same static binary.
 */
#include <fenv.h>
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t bits(double d)
{
	uint64_t u;

	memcpy(&u, &d, sizeof u);
	return u;
}

static double from_bits(uint64_t u)
{
	double d;

	memcpy(&d, &u, sizeof d);
	return d;
}

static const uint64_t table[] = {
	0x0000000000000000, /* +0 */
	0x8000000000000000, /* -0 */
	0x3ff0000000000000, /* 1 */
	0xbff0000000000000, /* -1 */
	0x3fb999999999999a, /* 0.1 */
	0x3fd5555555555555, /* 1/3 */
	0x400921fb54442d18, /* pi */
	0x4005bf0a8b145769, /* e */
	0x3ff0000000000001, /* 1 + ulp */
	0x3fefffffffffffff, /* 1 - ulp/2 */
	0x4340000000000000, /* 2^53 */
	0x4340000000000001, /* 2^53 + 2 */
	0x7fefffffffffffff, /* DBL_MAX */
	0x0010000000000000, /* DBL_MIN */
	0x000fffffffffffff, /* largest subnormal */
	0x0000000000000001, /* smallest subnormal */
	0x8000000000000001, /* -smallest subnormal */
	0x0008000000000000, /* DBL_MIN / 2 */
	0x7e37e43c8800759c, /* 1e300 */
	0x01a56e1fc2f8f359, /* 1e-300 */
	0x44b52d02c7e14af6, /* 1e23 */
	0x3e45798ee2308c3a, /* 1e-8 */
	0x41dfffffffc00000, /* 2^31 - 1 */
	0xc3e0000000000000, /* -2^63 */
	0x7ff0000000000000, /* +inf */
	0xfff0000000000000, /* -inf */
	0x7ff8000000000000, /* qNaN */
};

static void round_trips(void)
{
	char s17[64], sa[64];
	unsigned i, bad = 0;

	for (i = 0; i < sizeof table / sizeof table[0]; i++) {
		double d = from_bits(table[i]);
		uint64_t b17, ba;

		snprintf(s17, sizeof s17, "%.17g", d);
		snprintf(sa, sizeof sa, "%a", d);
		b17 = bits(strtod(s17, NULL));
		ba = bits(strtod(sa, NULL));
		printf("%2u %016" PRIx64 " %%.17g %-24s %%a %-24s %%e %.6e %%.3f %.3f rt %s %s\n", i, table[i], s17,
		       sa, d, fabs(d) < 1e30 ? d : 0.0, isnan(d) || b17 == table[i] ? "ok" : "BAD",
		       isnan(d) || ba == table[i] ? "ok" : "BAD");
		bad += !isnan(d) && (b17 != table[i] || ba != table[i]);
	}
	printf("round trips: %u values, %u bad\n", i, bad);
}

/* A pseudo-random walk over all exponents: %.17g must round-trip every double. */
static void random_round_trips(void)
{
	uint64_t x = 0x9e3779b97f4a7c15, hash = 0xcbf29ce484222325;
	unsigned i, bad = 0;
	char s[64];

	for (i = 0; i < 2000; i++) {
		uint64_t b;
		double d;
		unsigned k;

		x ^= x >> 12;
		x ^= x << 25;
		x ^= x >> 27;
		b = x * 0x2545f4914f6cdd1d;
		if (((b >> 52) & 0x7ff) == 0x7ff)
			b &= ~(1ull << 62); /* no inf/NaN */
		d = from_bits(b);
		snprintf(s, sizeof s, "%.17g", d);
		bad += bits(strtod(s, NULL)) != b;
		for (k = 0; s[k]; k++)
			hash = (hash ^ (unsigned char)s[k]) * 0x100000001b3;
	}
	printf("random %%.17g round trips: %u values, %u bad, text hash %016" PRIx64 "\n", i, bad, hash);
}

static void rounding_modes(void)
{
	static const struct { int mode; const char *name; } modes[] = {
		{ FE_TONEAREST, "nearest" }, { FE_UPWARD, "upward" },
		{ FE_DOWNWARD, "downward" }, { FE_TOWARDZERO, "toward zero" },
	};
	volatile double one = 1.0, three = 3.0, tiny = 1e-300;
	unsigned i;

	for (i = 0; i < 4; i++) {
		double q, r;

		fesetround(modes[i].mode);
		q = one / three;
		r = -one / three;
		printf("round %-11s 1/3 %a -1/3 %a %%.2f(2.675) %.2f %%.0f(2.5) %.0f %%.0f(-2.5) %.0f tiny*tiny %a\n",
		       modes[i].name, q, r, 2.675, 2.5, -2.5, tiny * tiny);
	}
	fesetround(FE_TONEAREST);
}

static void hard_strtod(void)
{
	static const char *const inputs[] = {
		"2.2250738585072011e-308", /* just below DBL_MIN: rounds up to it */
		"2.2250738585072012e-308",
		"4.9406564584124654e-324",
		"2.4703282292062328e-324", /* just above half the smallest subnormal: rounds up */
		"2.4703282292062327e-324", /* just below: rounds to 0 */
		"1.7976931348623157e308",
		"1.7976931348623159e308", /* overflows */
		"9007199254740993",        /* 2^53 + 1: ties to even */
		"0.1e1",
		"0x1.fffffffffffff8p1023",
		"0x1p-1074",
		"-0x1.8p-1075",
		"123456789012345678901234567890e-50",
		"inf",
		"-nan",
	};
	unsigned i;

	for (i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
		double d;

		feclearexcept(FE_ALL_EXCEPT);
		d = strtod(inputs[i], NULL);
		printf("strtod %-38s -> %016" PRIx64 " %.17g\n", inputs[i], bits(d), d);
	}
}

static void flags(void)
{
	volatile double zero = 0.0, one = 1.0, big = DBL_MAX, small = DBL_MIN, three = 3.0;
	volatile double r;

#define FLAGS(expr)                                                                     \
	do {                                                                              \
		feclearexcept(FE_ALL_EXCEPT);                                             \
		r = (expr);                                                               \
		int f = fetestexcept(FE_ALL_EXCEPT);                                      \
		printf("flags %-14s = %016" PRIx64 " %-24a%s%s%s%s%s%s\n", #expr, bits(r), r,      \
		       f & FE_INVALID ? " invalid" : "", f & FE_DIVBYZERO ? " divbyzero" : "",   \
		       f & FE_OVERFLOW ? " overflow" : "", f & FE_UNDERFLOW ? " underflow" : "",  \
		       f & FE_INEXACT ? " inexact" : "", f ? "" : " none");                       \
	} while (0)
	FLAGS(one / three);
	FLAGS(one / zero);
	FLAGS(zero / zero);
	FLAGS(big * three);
	FLAGS(small / three);
	FLAGS(sqrt(-one));
	FLAGS(one + zero);
#undef FLAGS
}

int main(void)
{
	round_trips();
	random_round_trips();
	rounding_modes();
	hard_strtod();
	flags();
	return 0;
}
