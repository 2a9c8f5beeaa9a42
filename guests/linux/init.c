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
 *   - power-off through reboot(LINUX_REBOOT_CMD_POWER_OFF) (SBI SRST or the syscon finisher).
 * Every line starts with "rvisor-init: " and is written with a single write() so that kernel
 * messages cannot split it.
 */
#include "nolibc.h"

#define RVISOR_WAIT_MS 200
#define SLEEPS 5
#define SLEEP_NS 20000000LL

static char line[256];
static unsigned len;

static void put(const char *s)
{
	while (*s && len < sizeof(line) - 1)
		line[len++] = *s++;
}

static void put_u(unsigned long long v, int min_digits)
{
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = '0' + v % 10;
		v /= 10;
	} while (v || n < min_digits);
	while (n && len < sizeof(line) - 1)
		line[len++] = tmp[--n];
}

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

static void end(void)
{
	line[len++] = '\n';
	write(1, line, len);
}

static void say(const char *s)
{
	begin();
	put(s);
	end();
}

/* nolibc 6.1 has neither clock_gettime() nor nanosleep(): call the kernel directly. */
static long long now_ns(void)
{
	struct timespec ts;
	long r = my_syscall2(__NR_clock_gettime, CLOCK_MONOTONIC, &ts);

	if (r < 0)
		return r;
	return (long long)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static long sleep_ns(long long ns)
{
	struct timespec req = { .tv_sec = ns / 1000000000, .tv_nsec = ns % 1000000000 };

	return my_syscall2(__NR_nanosleep, &req, NULL);
}

static int wait_ms(char **envp)
{
	static const char key[] = "rvisor_wait_ms=";

	for (; envp && *envp; envp++) {
		const char *e = *envp;
		unsigned i = 0;
		int v = 0;

		while (key[i] && e[i] == key[i])
			i++;
		if (key[i])
			continue;
		for (e += i; *e >= '0' && *e <= '9'; e++)
			v = v * 10 + (*e - '0');
		return v;
	}
	return RVISOR_WAIT_MS;
}

int main(int argc, char **argv, char **envp)
{
	long long t0, t1, t;
	int i, ms;
	(void)argc;
	(void)argv;

	say("hello from /init");

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

	say("powering off");
	reboot(LINUX_REBOOT_CMD_POWER_OFF);
	begin();
	put("reboot(POWER_OFF) returned, errno ");
	put_u(errno, 1);
	end();
	return 1; /* init exits: the kernel panics, which is at least visible */
}
