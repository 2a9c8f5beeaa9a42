/*
 * exec-child: the program fork-exec runs. Prints its arguments (not argv[0], which differs between
 * a Linux guest and qemu-riscv64), one variable of its environment and the FP state exec gave it
 * (rounding to nearest, no flags raised), then exits with status 3.
 */
#include <fenv.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	const char *g = getenv("RVISOR_GREETING");
	double v = argc > 2 ? strtod(argv[2], NULL) : 0;
	int i;

	printf("exec-child: %d arguments after argv[0]\n", argc - 1);
	for (i = 1; i < argc; i++)
		printf("exec-child: argv[%d] = \"%s\"\n", i, argv[i]);
	printf("exec-child: RVISOR_GREETING = %s\n", g ? g : "(unset)");
	printf("exec-child: rounding %s, flags 0x%x, 1/3 = %a, argv[2] * 1.5 = %.17g\n",
	       fegetround() == FE_TONEAREST ? "to nearest" : "other", fetestexcept(FE_ALL_EXCEPT), 1.0 / 3.0,
	       v * 1.5);
	return 3;
}
