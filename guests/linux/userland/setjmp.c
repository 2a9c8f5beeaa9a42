/*
 * setjmp: setjmp/longjmp through several frames, with callee-saved integer and FP registers
 * live across the jump (glibc's __sigsetjmp saves fs0-fs11 with fsd), sigsetjmp/siglongjmp
 * with a blocked-signal mask restored, and a longjmp out of a signal handler.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static jmp_buf env;
static sigjmp_buf senv;
static volatile int depth_reached;

static void __attribute__((noinline)) dive(int depth, double f)
{
	volatile double local = f * depth;

	depth_reached = depth;
	if (depth > 100) /* never: a way out that is not a jump keeps -Winfinite-recursion quiet */
		return;
	if (depth < 5)
		dive(depth + 1, f + 0.25);
	longjmp(env, (int)local);
}

static void on_usr1(int sig)
{
	(void)sig;
	siglongjmp(senv, 42);
}

int main(void)
{
	volatile double a = 1.5, b = -2.25;
	double keep = a * 0.1; /* not changed after setjmp: in a callee-saved FP register or on the stack */
	volatile int rounds = 0;
	sigset_t set, old;
	int r;

	r = setjmp(env);
	printf("setjmp returned %d (round %d)\n", r, rounds);
	if (rounds++ < 3)
		dive(1, a + b * rounds);
	printf("after longjmp: depth %d, a %a, b %a, keep %a, keep * 3 %a\n", depth_reached, a, b, keep, keep * 3);

	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	r = sigsetjmp(senv, 1);
	if (r == 0) {
		signal(SIGUSR1, on_usr1);
		sigprocmask(SIG_BLOCK, &set, NULL);
		raise(SIGUSR1);
		printf("raise returned (unexpected)\n");
	} else {
		sigprocmask(SIG_BLOCK, NULL, &old);
		/* The mask saved by sigsetjmp comes back: neither signal is blocked any more. */
		printf("siglongjmp from a signal handler returned %d; SIGUSR2 blocked %d, SIGUSR1 blocked %d\n", r,
		       sigismember(&old, SIGUSR2), sigismember(&old, SIGUSR1));
	}
	return 0;
}
