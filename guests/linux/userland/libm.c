/*
 * libm: glibc's sin, cos, exp, log, pow and sqrt over a fixed table of inputs (small, large,
 * subnormal, near the functions' special points), each result printed with %.17g and %a.
 * glibc computes them with plain double arithmetic (fadd/fmul/fmadd, fsqrt, conversions), so
 * any difference from qemu-riscv64 on the same binary is an F/D bug of the emulator.
 */
#include <math.h>
#include <stdio.h>

static const double inputs[] = {
	0.0, -0.0, 1e-310, 1e-20, 0.5, 1.0, 1.5, 2.0, 3.14159265358979311600, 10.0, 100.5,
	-7.25, 1e5, 1e22, 709.78, -745.0, 0x1.fffffffffffffp+1023, INFINITY, -INFINITY, NAN,
};

static void row(const char *name, double x, double r)
{
	printf("%-4s(%-24a) = %-24.17g %a\n", name, x, r, r);
}

int main(void)
{
	unsigned i, n = sizeof inputs / sizeof inputs[0];
	double sum = 0;

	for (i = 0; i < n; i++) {
		double x = inputs[i];

		row("sin", x, sin(x));
		row("cos", x, cos(x));
		row("exp", x, exp(x));
		row("log", x, log(x));
		row("sqrt", x, sqrt(x));
	}
	for (i = 0; i < n; i++) {
		double x = inputs[i], y = inputs[(i * 7 + 3) % n];

		printf("pow (%-24a, %-24a) = %-24.17g %a\n", x, y, pow(x, y), pow(x, y));
	}
	printf("pow (%-24a, %-24a) = %-24.17g %a\n", 2.0, 0.5, pow(2.0, 0.5), pow(2.0, 0.5));
	printf("pow (%-24a, %-24a) = %-24.17g %a\n", -8.0, 1.0 / 3, pow(-8.0, 1.0 / 3), pow(-8.0, 1.0 / 3));
	printf("pow (%-24a, %-24a) = %-24.17g %a\n", -2.0, 3.0, pow(-2.0, 3.0), pow(-2.0, 3.0));
	/* A running sum over many arguments: one line that covers far more than the table. */
	for (i = 1; i <= 5000; i++) {
		double x = i * 0.0137;

		sum += sin(x) * exp(-x / 64) + log(x) * sqrt(x) - pow(x, 0.3);
	}
	printf("sum over 5000 arguments = %.17g %a\n", sum, sum);
	return 0;
}
