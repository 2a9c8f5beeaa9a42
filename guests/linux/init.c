/*
 * rvisor's /init for the Linux 6.1 guest: a tiny static program with no libc, built against the
 * kernel's own tools/include/nolibc (see build.sh). It exercises what a hypervisor must get right
 * under a real kernel, then powers the machine off:
 *   - console output from user space (interrupt-driven on ttyS0, SBI putchar on hvc0);
 *   - the clock and the timer: clock_gettime(CLOCK_MONOTONIC) and five 20 ms nanosleeps, each
 *     with the elapsed time measured around it;
 *   - console input: one line read from fd 0, waiting at most RVISOR_WAIT_MS (200 ms by default;
 *     `rvisor_wait_ms=N` on the kernel command line overrides it, the kernel hands unknown
 *     `name=value` words to /init as environment);
 *   - the glibc userland (the C files in userland/, static, rv64gc/lp64d, as /bin/<name>): if
 *     the kernel reports F and D in AT_HWCAP, each program runs in turn (fork, execve, wait) with
 *     its stdout and stderr on a pipe; every line it prints is passed on as
 *     "rvisor-user: <name>: <line>", then its exit status as "rvisor-init: <name>: exit status N".
 *     Without F/D (an rv64imac hart) glibc would die at its first FP instruction: /init says that
 *     it skips them. `rvisor_userland=skip` on the command line skips them as well;
 *   - power-off through reboot(LINUX_REBOOT_CMD_POWER_OFF) (SBI SRST or the syscon finisher).
 * With `rvisor_test=<name>` on the command line /init does none of the above but the banner: it
 * runs /bin/virtio-test <name> (virtio-test.c: blk, hwrng, udp-server, udp-client, console) with
 * the console as its stdout and the kernel's environment, reports its exit status and powers off.
 * Every line starts with "rvisor-init: " (or "rvisor-user: ") and is written with a single write()
 * so that kernel messages cannot split it.
 */
#include "nolibc.h"

#define RVISOR_WAIT_MS 200
#define SLEEPS 5
#define SLEEP_NS 20000000LL

/* The glibc programs /init runs, in this order (exec-child is run by fork-exec). */
static const char *const userland[] = { "printf-strtod", "libm", "setjmp", "fork-exec", "threads", "smp" };
#define USERLAND_COUNT (sizeof(userland) / sizeof(userland[0]))

/* AT_HWCAP bits (arch/riscv/include/uapi/asm/hwcap.h): one per single-letter extension. */
#define AT_HWCAP 16
#define HWCAP_ISA(letter) (1UL << ((letter) - 'A'))

#include "line.h"

/* A duration in nanoseconds as seconds with 9 decimals. */
static void put_s(long long ns)
{
	if (ns < 0) {
		put("-");
		ns = -ns;
	}
	put_u(ns / 1000000000, 1);
	put(".");
	put_u(ns % 1000000000, 9);
}

/* A duration in nanoseconds as milliseconds with 3 decimals. */
static void put_ms(long long ns)
{
	if (ns < 0) {
		put("-");
		ns = -ns;
	}
	put_u(ns / 1000000, 1);
	put(".");
	put_u(ns / 1000 % 1000, 3);
}

static void begin(void)
{
	len = 0;
	put("rvisor-init: ");
}

/* How a child ended, as waitpid() reported it: ": exit status N" or ": killed by signal N". */
static void put_status(int status)
{
	if (WIFEXITED(status)) {
		put(": exit status ");
		put_u(WEXITSTATUS(status), 1);
	} else {
		put(": killed by signal ");
		put_u(status & 0x7f, 1);
	}
}

/* nolibc 6.1 has no nanosleep(): call the kernel directly. */
static long sleep_ns(long long ns)
{
	struct timespec req = { .tv_sec = ns / 1000000000, .tv_nsec = ns % 1000000000 };

	return my_syscall2(__NR_nanosleep, &req, NULL);
}

static int wait_ms(char **envp)
{
	const char *e = getenv_value(envp, "rvisor_wait_ms=");
	int v = 0;

	if (!e)
		return RVISOR_WAIT_MS;
	for (; *e >= '0' && *e <= '9'; e++)
		v = v * 10 + (*e - '0');
	return v;
}

/* The auxiliary vector follows the environment's terminating NULL on the initial stack. */
static unsigned long auxv_value(char **envp, unsigned long type)
{
	unsigned long *av;

	while (*envp)
		envp++;
	for (av = (unsigned long *)(envp + 1); av[0]; av += 2)
		if (av[0] == type)
			return av[1];
	return 0;
}

/* One line of a user program's output, prefixed, with a single write(). */
static void pass_on(const char *name, const char *s, unsigned n, int complete)
{
	len = 0;
	put("rvisor-user: ");
	put(name);
	put(": ");
	while (n-- && len < sizeof(line) - 1)
		line[len++] = *s++;
	if (!complete)
		put(" [no newline at end]");
	line[len++] = '\n';
	write(1, line, len);
}

/* Runs /bin/<name> with its stdout and stderr on a pipe; returns 0 if it exited with status 0. */
static int run_user(const char *name)
{
	static char out[400];
	char path[64] = "/bin/";
	char *argv[] = { path, NULL };
	char *envp[] = { NULL };
	unsigned have = 0, i;
	int fds[2], status = 0;
	long r;
	pid_t pid;

	for (i = 0; name[i] && 5 + i < sizeof(path) - 1; i++)
		path[5 + i] = name[i];
	path[5 + i] = 0;
	r = my_syscall2(__NR_pipe2, fds, 0);
	if (r < 0) {
		begin();
		put(name);
		put(": pipe2 failed: errno ");
		put_u(-r, 1);
		end();
		return 1;
	}
	pid = fork();
	if (pid == 0) {
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		close(fds[0]);
		close(fds[1]);
		execve(path, argv, envp);
		exit(127);
	}
	close(fds[1]);
	if (pid < 0) {
		close(fds[0]);
		begin();
		put(name);
		put(": fork failed: errno ");
		put_u(errno, 1);
		end();
		return 1;
	}
	for (;;) {
		ssize_t n = read(fds[0], out + have, sizeof(out) - have);
		unsigned start = 0;

		if (n <= 0)
			break;
		have += n;
		for (i = 0; i < have; i++)
			if (out[i] == '\n') {
				pass_on(name, out + start, i - start, 1);
				start = i + 1;
			}
		if (start == 0 && have == sizeof(out)) { /* a very long line: pass it on in pieces */
			pass_on(name, out, have, 0);
			start = have;
		}
		for (i = start; i < have; i++)
			out[i - start] = out[i];
		have -= start;
	}
	if (have)
		pass_on(name, out, have, 0);
	close(fds[0]);
	waitpid(pid, &status, 0);
	begin();
	put(name);
	put_status(status);
	end();
	return !WIFEXITED(status) || WEXITSTATUS(status) != 0;
}

static void run_userland(char **envp)
{
	unsigned long hwcap = auxv_value(envp, AT_HWCAP);
	const char *knob = getenv_value(envp, "rvisor_userland=");
	unsigned i, failed = 0;
	char c;

	begin();
	put("userland: AT_HWCAP ");
	for (c = 'a'; c <= 'z'; c++)
		if (hwcap & HWCAP_ISA(c - 'a' + 'A'))
			line[len++] = c;
	if (knob && knob[0] == 's') {
		put(", skipped (rvisor_userland=skip)");
		end();
		return;
	}
	if (!(hwcap & HWCAP_ISA('F')) || !(hwcap & HWCAP_ISA('D'))) {
		put(" has no F and D: skipping the glibc programs (rv64gc)");
		end();
		return;
	}
	put(": running ");
	put_u(USERLAND_COUNT, 1);
	put(" glibc programs");
	end();
	for (i = 0; i < USERLAND_COUNT; i++)
		failed += run_user(userland[i]);
	begin();
	put("userland: done, ");
	put_u(failed, 1);
	put(" of ");
	put_u(USERLAND_COUNT, 1);
	put(" failed");
	end();
}

/* Runs /bin/virtio-test <name>, which writes straight to the console, and waits for it. */
static void run_virtio_test(const char *name, char **envp)
{
	static char path[] = "/bin/virtio-test";
	char *argv[] = { path, (char *)name, NULL };
	int status = 0;
	pid_t pid = fork();

	if (pid == 0) {
		execve(path, argv, envp);
		exit(127);
	}
	begin();
	put("virtio-test ");
	put(name);
	if (pid < 0) {
		put(": fork failed: errno ");
		put_u(errno, 1);
	} else if (waitpid(pid, &status, 0) < 0) {
		put(": waitpid failed: errno ");
		put_u(errno, 1);
	} else {
		put_status(status);
	}
	end();
}

static int power_off(void)
{
	say("powering off");
	/* tcdrain(): write() only queues output for the tty (interrupt driven on ttyS0), and
	 * power-off does not wait for it; several kilobytes of user output may still be queued. */
	ioctl(1, TCSBRK, (void *)1);
	reboot(LINUX_REBOOT_CMD_POWER_OFF);
	begin();
	put("reboot(POWER_OFF) returned, errno ");
	put_u(errno, 1);
	end();
	return 1; /* init exits: the kernel panics, which is at least visible */
}

int main(int argc, char **argv, char **envp)
{
	const char *test;
	long long t0, t1, t;
	int i, ms;
	(void)argc;
	(void)argv;

	say("hello from /init");

	test = getenv_value(envp, "rvisor_test=");
	if (test) {
		run_virtio_test(test, envp);
		return power_off();
	}

	t0 = now_ns();
	begin();
	if (t0 < 0) {
		put("clock_gettime failed: errno ");
		put_u(-t0, 1);
	} else {
		put("monotonic clock ");
		put_s(t0);
		put(" s");
	}
	end();

	for (i = 1; i <= SLEEPS; i++) {
		long r;

		t = now_ns();
		r = sleep_ns(SLEEP_NS);
		t1 = now_ns();
		begin();
		put("sleep ");
		put_u(i, 1);
		put("/");
		put_u(SLEEPS, 1);
		put(": asked ");
		put_ms(SLEEP_NS);
		put(" ms, took ");
		put_ms(t1 - t);
		put(" ms");
		if (r < 0) {
			put(", nanosleep errno ");
			put_u(-r, 1);
		}
		end();
	}
	begin();
	put("slept ");
	put_u(SLEEPS, 1);
	put(" times in ");
	put_ms(now_ns() - t0);
	put(" ms");
	end();

	ms = wait_ms(envp);
	{
		struct pollfd pfd = { .fd = 0, .events = POLLIN };
		char buf[200];
		int n = 0;

		if (poll(&pfd, 1, ms) > 0 && (pfd.revents & POLLIN))
			n = read(0, buf, sizeof(buf) - 1);
		while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
			n--;
		begin();
		if (n > 0) {
			buf[n] = 0;
			put("read: ");
			put(buf);
		} else {
			put("no input (waited ");
			put_u(ms, 1);
			put(" ms)");
		}
		end();
	}

	run_userland(envp);

	return power_off();
}
