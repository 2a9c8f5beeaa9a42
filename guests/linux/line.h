/*
 * What /init (init.c) and /bin/virtio-test (virtio-test.c) share, both built with the kernel's
 * nolibc: one output line assembled in a buffer and written with a single write() (so that a
 * line never mixes with another process's), decimal and hex numbers, the kernel command line's
 * `name=value` words (which the kernel passes to /init in its environment) and the monotonic
 * clock (nolibc 6.1 has no clock_gettime()).
 *
 * Each program defines begin(), which starts a line with its own prefix. Everything is static
 * inline: a program that does not use a piece does not get (or warn about) it.
 */
#ifndef RVISOR_LINE_H
#define RVISOR_LINE_H

static char line[600];
static unsigned len;

/* Starts a line: the program's prefix ("rvisor-init: ", "rvisor-test: <test>: "). */
static void begin(void);

static inline void put(const char *s)
{
	while (*s && len < sizeof(line) - 1)
		line[len++] = *s++;
}

static inline void put_n(const char *s, unsigned n)
{
	while (n-- && len < sizeof(line) - 1)
		line[len++] = *s++;
}

/* v in decimal, at least min_digits digits (zero-padded). */
static inline void put_u(unsigned long long v, int min_digits)
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

static inline void put_hex(unsigned long long v, int digits)
{
	while (digits-- && len < sizeof(line) - 1)
		line[len++] = "0123456789abcdef"[(v >> (4 * digits)) & 15];
}

static inline void end(void)
{
	line[len++] = '\n';
	write(1, line, len);
}

static inline void say(const char *s)
{
	begin();
	put(s);
	end();
}

/* The value of `key` (e.g. "rvisor_port=") in the environment, or NULL. */
static inline const char *getenv_value(char **envp, const char *key)
{
	for (; envp && *envp; envp++) {
		const char *e = *envp;
		unsigned i = 0;

		while (key[i] && e[i] == key[i])
			i++;
		if (!key[i])
			return e + i;
	}
	return NULL;
}

/* CLOCK_MONOTONIC in nanoseconds, or the negative error. */
static inline long long now_ns(void)
{
	struct timespec ts;
	long r = my_syscall2(__NR_clock_gettime, CLOCK_MONOTONIC, &ts);

	if (r < 0)
		return r;
	return (long long)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

#endif
