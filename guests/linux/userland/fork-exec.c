/*
 * fork-exec: fork, exec a second static program (exec-child, found next to this one) with
 * arguments and an environment, wait for it, and report how it ended; then a child that exits
 * with a status, and one killed by a signal. FP state must survive fork (the child inherits
 * f-registers and fcsr) and exec must reset it.
 *
 * Under qemu-riscv64 (the oracle) the host kernel cannot run a RISC-V ELF: set
 * RVISOR_EXEC_WRAPPER=/usr/bin/qemu-riscv64 and the program is exec'd through it.
 */
#include <fenv.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void report(const char *what, int status)
{
	if (WIFEXITED(status))
		printf("%s: exited with status %d\n", what, WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		printf("%s: killed by signal %d\n", what, WTERMSIG(status));
	else
		printf("%s: status 0x%x\n", what, status);
}

int main(int argc, char **argv)
{
	volatile double x = 1.0 / 3.0;
	char child[512];
	const char *slash = strrchr(argv[0], '/');
	const char *wrapper = getenv("RVISOR_EXEC_WRAPPER");
	int status;
	pid_t pid;

	(void)argc;
	snprintf(child, sizeof child, "%.*sexec-child", slash ? (int)(slash - argv[0] + 1) : 0, argv[0]);

	fesetround(FE_UPWARD);
	printf("parent: x = %a, rounding upward before fork\n", x);
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		perror("fork");
		return 1;
	}
	if (pid == 0) {
		char *envp[] = { "RVISOR_GREETING=hello from the parent", NULL };
		char *args[] = { wrapper ? (char *)wrapper : child, child, "first arg", "2.5", NULL };

		/* The child still rounds upward: fcsr is part of the state fork copies. */
		printf("child before exec: rounding %s, x * 3 = %a\n", fegetround() == FE_UPWARD ? "upward" : "other",
		       x * 3.0);
		fflush(stdout);
		execve(args[0], wrapper ? args : args + 1, envp);
		perror("execve");
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid) {
		perror("waitpid");
		return 1;
	}
	report("exec-child", status);

	pid = fork();
	if (pid == 0)
		_exit(7);
	waitpid(pid, &status, 0);
	report("child calling _exit(7)", status);

	pid = fork();
	if (pid == 0) {
		raise(SIGTERM);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	report("child raising SIGTERM", status);

	printf("parent: x = %a, still rounding %s\n", x, fegetround() == FE_UPWARD ? "upward" : "other");
	return 0;
}
