/*
 * /bin/virtio-test: the guest side of rvisor's virtio tests (issue 11). /init runs it only when
 * the kernel command line has `rvisor_test=<name>` (see init.c), with the kernel's environment
 * (the `rvisor_*=` words). Static, no libc (the kernel's tools/include/nolibc), rv64imac like
 * /init, so it runs on harts with and without F/D. One test per boot:
 *
 *   blk         mount /dev/vda (a whole-disk ext2 image) on /mnt; print /mnt/hello.txt line by
 *               line; if /mnt/big.bin exists, its length and FNV-1a hash (a multi-block read);
 *               write /mnt/guest.txt (GUEST_TXT) and /mnt/guest.bin (GUEST_BIN_SIZE bytes of
 *               pattern_byte()), fsync, sync, unmount.
 *   hwrng       read 64 bytes from /dev/hwrng (virtio-rng behind the hw_random core), in hex.
 *   udp-server  echo UDP datagrams on port rvisor_port (default 7777) until a "bye" datagram
 *               (echoed too), or until nothing has arrived for rvisor_timeout_ms (60 s). After
 *               "bye" it goes on echoing until LINGER_MS pass without a datagram: an echo lost on
 *               the way (QEMU's socket netdev drops one now and then) is answered when the
 *               client resends, instead of the client waiting for a server that powered off.
 *   udp-client  to rvisor_peer:rvisor_port: one warm-up exchange (ARP, the server still booting:
 *               retried every 200 ms for up to rvisor_timeout_ms), then rvisor_count (default
 *               20) timed datagrams of 64 bytes, each timed with CLOCK_MONOTONIC from send to
 *               echo (resent after 1 s without one), then "bye". Prints min/avg/max RTT in µs.
 *   console     write CONSOLE_LINE to the first virtio console port (/dev/hvc1: hvc0 is the SBI
 *               console) and read one line back within rvisor_timeout_ms, printing it.
 *
 * The network address comes from the kernel (`ip=10.0.2.1:::255.255.255.0::eth0:off`, IP_PNP).
 * Every line starts with "rvisor-test: <test>: " and is written with a single write(); the last
 * one is "PASS" or "FAIL: <why>", and the exit status is 0 only after PASS. /init powers off.
 */
#include "nolibc.h"
#include <linux/in.h>

/* Not in the UAPI headers (libc's <sys/socket.h> has them); the generic values, riscv's too. */
#define AF_INET 2
#define SOCK_DGRAM 2

#define GUEST_TXT "written by the rvisor Linux guest\n"
#define GUEST_BIN_SIZE (96 * 1024 + 100) /* not a whole number of blocks */
#define CONSOLE_LINE "hello from the guest on a virtio console\n"
#define UDP_SIZE 64
#define DEFAULT_PORT 7777
#define DEFAULT_COUNT 20
#define DEFAULT_TIMEOUT_MS 60000
#define RESEND_MS 1000
#define WARMUP_RETRY_MS 200
#define LINGER_MS (2 * RESEND_MS) /* the client resends "bye" every RESEND_MS */

static const char *test = "?";
#include "line.h"

static void begin(void)
{
	len = 0;
	put("rvisor-test: ");
	put(test);
	put(": ");
}

/* "FAIL: <what>: errno N" for a negative syscall result (or errno when r is -1); returns 1. */
static int fail(const char *what, long r)
{
	begin();
	put("FAIL: ");
	put(what);
	if (r < 0) {
		put(": errno ");
		put_u(r == -1 ? errno : -r, 1);
	}
	end();
	return 1;
}

static int pass(void)
{
	say("PASS");
	return 0;
}

static unsigned long env_u(char **envp, const char *key, unsigned long dflt)
{
	const char *e = getenv_value(envp, key);
	unsigned long v = 0;

	if (!e || *e < '0' || *e > '9')
		return dflt;
	for (; *e >= '0' && *e <= '9'; e++)
		v = v * 10 + (*e - '0');
	return v;
}

/* 64-bit FNV-1a, continued from h (start with FNV_OFFSET). */
#define FNV_OFFSET 0xcbf29ce484222325ULL
static unsigned long long fnv1a(unsigned long long h, const unsigned char *p, unsigned long n)
{
	while (n--) {
		h ^= *p++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* guest.bin's content: byte i is pattern_byte(i) (test/helpers/ext2.ts has the same formula). */
static unsigned char pattern_byte(unsigned long i)
{
	return (unsigned char)((i * 7 + (i >> 8)) ^ 0x5a);
}

static int write_all(int fd, const void *buf, unsigned long n)
{
	const char *p = buf;

	while (n) {
		ssize_t w = write(fd, p, n);

		if (w <= 0)
			return -1;
		p += w;
		n -= w;
	}
	return 0;
}

/* ---- blk */

static int print_hello(void)
{
	static char buf[2048];
	unsigned have = 0, start = 0, i;
	int fd = open("/mnt/hello.txt", O_RDONLY);

	if (fd < 0)
		return fail("open /mnt/hello.txt", -1);
	for (;;) {
		ssize_t n = read(fd, buf + have, sizeof(buf) - have);

		if (n < 0)
			return fail("read /mnt/hello.txt", -1);
		if (n == 0)
			break;
		have += n;
		if (have == sizeof(buf))
			break;
	}
	close(fd);
	for (i = 0; i < have; i++)
		if (buf[i] == '\n') {
			begin();
			put("hello.txt: ");
			put_n(buf + start, i - start);
			end();
			start = i + 1;
		}
	if (start < have) {
		begin();
		put("hello.txt: ");
		put_n(buf + start, have - start);
		put(" [no newline at end]");
		end();
	}
	begin();
	put("hello.txt: ");
	put_u(have, 1);
	put(" bytes");
	end();
	return 0;
}

static int hash_big(void)
{
	static unsigned char buf[16384];
	unsigned long long h = FNV_OFFSET, total = 0;
	int fd = open("/mnt/big.bin", O_RDONLY);

	if (fd < 0)
		return errno == ENOENT ? 0 : fail("open /mnt/big.bin", -1);
	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));

		if (n < 0)
			return fail("read /mnt/big.bin", -1);
		if (n == 0)
			break;
		h = fnv1a(h, buf, n);
		total += n;
	}
	close(fd);
	begin();
	put("big.bin: ");
	put_u(total, 1);
	put(" bytes, fnv1a ");
	put_hex(h, 16);
	end();
	return 0;
}

static int write_file(const char *path, const void *data, unsigned long n)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		return fail(path, -1);
	if (write_all(fd, data, n) < 0)
		return fail(path, -1);
	if (fsync(fd) < 0)
		return fail(path, -1);
	close(fd);
	return 0;
}

static int test_blk(void)
{
	static unsigned char bin[GUEST_BIN_SIZE];
	unsigned long i;
	long r;

	mkdir("/mnt", 0755);
	if (mount("/dev/vda", "/mnt", "ext2", 0, NULL) < 0)
		return fail("mount /dev/vda on /mnt (ext2)", -1);
	say("mounted /dev/vda on /mnt");
	if (print_hello() || hash_big())
		return 1;
	if (write_file("/mnt/guest.txt", GUEST_TXT, sizeof(GUEST_TXT) - 1))
		return 1;
	for (i = 0; i < GUEST_BIN_SIZE; i++)
		bin[i] = pattern_byte(i);
	if (write_file("/mnt/guest.bin", bin, GUEST_BIN_SIZE))
		return 1;
	begin();
	put("wrote guest.txt (");
	put_u(sizeof(GUEST_TXT) - 1, 1);
	put(" bytes) and guest.bin (");
	put_u(GUEST_BIN_SIZE, 1);
	put(" bytes, fnv1a ");
	put_hex(fnv1a(FNV_OFFSET, bin, GUEST_BIN_SIZE), 16);
	put(")");
	end();
	my_syscall0(__NR_sync);
	r = umount2("/mnt", 0);
	if (r < 0)
		return fail("umount /mnt", -1);
	say("unmounted /mnt");
	return pass();
}

/* ---- hwrng */

static int test_hwrng(void)
{
	unsigned char b[64];
	unsigned have = 0, i, same = 1;
	int fd = open("/dev/hwrng", O_RDONLY);

	if (fd < 0)
		return fail("open /dev/hwrng", -1);
	while (have < sizeof(b)) {
		ssize_t n = read(fd, b + have, sizeof(b) - have);

		if (n <= 0)
			return fail("read /dev/hwrng", n < 0 ? -1 : 0);
		have += n;
	}
	close(fd);
	begin();
	put("64 bytes: ");
	for (i = 0; i < sizeof(b); i++) {
		put_hex(b[i], 2);
		same &= b[i] == b[0];
	}
	end();
	if (same)
		return fail("all 64 bytes are equal", 0);
	return pass();
}

/* ---- udp */

static unsigned short be16(unsigned v)
{
	return (unsigned short)(((v & 0xff) << 8) | ((v >> 8) & 0xff));
}

/* Dotted quad to network byte order; 0 if malformed. */
static unsigned parse_ipv4(const char *s)
{
	unsigned a = 0, part = 0, parts = 0, digits = 0;

	for (;; s++) {
		if (*s >= '0' && *s <= '9' && digits < 3) {
			part = part * 10 + (*s - '0');
			digits++;
		} else if ((*s == '.' || !*s || *s == ' ') && digits && part < 256) {
			a |= part << (8 * parts++);
			part = digits = 0;
			if (*s != '.')
				break;
		} else {
			return 0;
		}
	}
	return parts == 4 ? a : 0;
}

static void put_addr(const struct sockaddr_in *sa)
{
	unsigned a = sa->sin_addr.s_addr, i;

	for (i = 0; i < 4; i++) {
		if (i)
			put(".");
		put_u((a >> (8 * i)) & 0xff, 1);
	}
	put(":");
	put_u(be16(sa->sin_port), 1);
}

static int udp_socket(void)
{
	return my_syscall3(__NR_socket, AF_INET, SOCK_DGRAM, 0);
}

/* Waits up to ms for a datagram or an error (ICMP unreachable) on the socket: 0 on timeout. */
static int readable(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, ms) > 0 && p.revents;
}

static void sleep_until(long long deadline_ns)
{
	long long ns = deadline_ns - now_ns();
	struct timespec req = { .tv_sec = ns / 1000000000, .tv_nsec = ns % 1000000000 };

	if (ns > 0)
		my_syscall2(__NR_nanosleep, &req, NULL);
}

static int test_udp_server(char **envp)
{
	struct sockaddr_in me = { .sin_family = AF_INET, .sin_port = be16(env_u(envp, "rvisor_port=", DEFAULT_PORT)) };
	int timeout = env_u(envp, "rvisor_timeout_ms=", DEFAULT_TIMEOUT_MS);
	unsigned long echoed = 0;
	int fd = udp_socket();
	long r;

	if (fd < 0)
		return fail("socket", fd);
	r = my_syscall3(__NR_bind, fd, &me, sizeof(me));
	if (r < 0)
		return fail("bind", r);
	begin();
	put("listening on ");
	put_addr(&me);
	end();
	for (;;) {
		struct sockaddr_in from;
		int fromlen = sizeof(from);
		char buf[2048];

		if (!readable(fd, timeout)) {
			begin();
			put("FAIL: nothing for ");
			put_u(timeout, 1);
			put(" ms after ");
			put_u(echoed, 1);
			put(" echoes");
			end();
			return 1;
		}
		r = my_syscall6(__NR_recvfrom, fd, buf, sizeof(buf), 0, &from, &fromlen);
		if (r < 0)
			return fail("recvfrom", r);
		if (my_syscall6(__NR_sendto, fd, buf, r, 0, &from, sizeof(from)) != r)
			return fail("sendto", -1);
		if (r >= 3 && buf[0] == 'b' && buf[1] == 'y' && buf[2] == 'e') {
			begin();
			put("echoed ");
			put_u(echoed, 1);
			put(" datagrams and bye from ");
			put_addr(&from);
			end();
			break;
		}
		echoed++;
	}
	while (readable(fd, LINGER_MS)) {
		struct sockaddr_in from;
		int fromlen = sizeof(from);
		char buf[2048];

		r = my_syscall6(__NR_recvfrom, fd, buf, sizeof(buf), 0, &from, &fromlen);
		if (r < 0)
			return fail("recvfrom", r);
		my_syscall6(__NR_sendto, fd, buf, r, 0, &from, sizeof(from));
	}
	return pass();
}

/* One exchange: sends `len` bytes tagged `seq`, waits for the echo of that tag (resending every
 * resend_ms, tries times at most). Returns the round trip of the last send in ns, or -1. */
static long long exchange(int fd, char *msg, unsigned n, unsigned seq, int resend_ms, unsigned tries, unsigned *resent)
{
	char buf[2048];
	unsigned t;

	msg[0] = 'd';
	msg[1] = seq & 0xff;
	msg[2] = (seq >> 8) & 0xff;
	msg[3] = (seq >> 16) & 0xff;
	for (t = 0; t < tries; t++) {
		long long sent = now_ns(), deadline = sent + resend_ms * 1000000LL, left;

		if (t)
			++*resent;
		/* before the server is up (ICMP port unreachable: ECONNREFUSED) or reachable
		 * (EHOSTUNREACH after a failed ARP), errors only mean "try again" */
		if (my_syscall3(__NR_write, fd, msg, n) != n) {
			sleep_until(deadline);
			continue;
		}
		while ((left = deadline - now_ns()) > 0 && readable(fd, (left + 999999) / 1000000)) {
			long r = my_syscall3(__NR_read, fd, buf, sizeof(buf));

			if (r == n && buf[0] == 'd' && buf[1] == msg[1] && buf[2] == msg[2] && buf[3] == msg[3])
				return now_ns() - sent;
		}
	}
	return -1;
}

static int test_udp_client(char **envp)
{
	const char *peer = getenv_value(envp, "rvisor_peer=");
	struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = be16(env_u(envp, "rvisor_port=", DEFAULT_PORT)) };
	unsigned long count = env_u(envp, "rvisor_count=", DEFAULT_COUNT);
	unsigned long timeout = env_u(envp, "rvisor_timeout_ms=", DEFAULT_TIMEOUT_MS);
	long long rtt, min = -1, max = 0, sum = 0, t0;
	unsigned resent = 0, warmup = 0, seq;
	char msg[UDP_SIZE];
	int fd = udp_socket();
	long r;

	to.sin_addr.s_addr = peer ? parse_ipv4(peer) : 0;
	if (!to.sin_addr.s_addr)
		return fail("no rvisor_peer=a.b.c.d on the command line", 0);
	if (fd < 0)
		return fail("socket", fd);
	r = my_syscall3(__NR_connect, fd, &to, sizeof(to));
	if (r < 0)
		return fail("connect", r);
	for (seq = 0; seq < sizeof(msg); seq++)
		msg[seq] = 'a' + seq % 26;

	t0 = now_ns();
	rtt = exchange(fd, msg, sizeof(msg), 0, WARMUP_RETRY_MS, timeout / WARMUP_RETRY_MS, &warmup);
	if (rtt < 0)
		return fail("no echo to the warm-up datagram", 0);
	begin();
	put("warm-up echoed after ");
	put_u((now_ns() - t0) / 1000, 1);
	put(" us (");
	put_u(warmup, 1);
	put(" resent)");
	end();

	for (seq = 1; seq <= count; seq++) {
		rtt = exchange(fd, msg, sizeof(msg), seq, RESEND_MS, 5, &resent);
		if (rtt < 0) {
			begin();
			put("FAIL: no echo to datagram ");
			put_u(seq, 1);
			end();
			return 1;
		}
		sum += rtt;
		if (min < 0 || rtt < min)
			min = rtt;
		if (rtt > max)
			max = rtt;
	}
	begin();
	put_u(count, 1);
	put(" datagrams of ");
	put_u(sizeof(msg), 1);
	put(" bytes to ");
	put_addr(&to);
	put(", ");
	put_u(resent, 1);
	put(" resent: rtt min ");
	put_u(min / 1000, 1);
	put(" us avg ");
	put_u(sum / count / 1000, 1);
	put(" us max ");
	put_u(max / 1000, 1);
	put(" us");
	end();

	msg[0] = 'b';
	msg[1] = 'y';
	msg[2] = 'e';
	/* a late echo of an earlier datagram may come first: read all the window brings */
	for (seq = 0; seq < 5; seq++) {
		long long deadline = now_ns() + RESEND_MS * 1000000LL, left;
		char buf[2048];

		my_syscall3(__NR_write, fd, msg, 3);
		while ((left = deadline - now_ns()) > 0 && readable(fd, (left + 999999) / 1000000))
			if (my_syscall3(__NR_read, fd, buf, sizeof(buf)) == 3 && buf[0] == 'b')
				return pass();
	}
	return fail("no echo to bye", 0);
}

/* ---- console */

static int test_console(char **envp)
{
	int timeout = env_u(envp, "rvisor_timeout_ms=", DEFAULT_TIMEOUT_MS);
	char buf[200];
	int n = 0, fd = open("/dev/hvc1", O_RDWR | O_NOCTTY);

	if (fd < 0)
		return fail("open /dev/hvc1", -1);
	if (write_all(fd, CONSOLE_LINE, sizeof(CONSOLE_LINE) - 1) < 0)
		return fail("write /dev/hvc1", -1);
	ioctl(fd, TCSBRK, (void *)1); /* tcdrain */
	say("wrote a line to /dev/hvc1");
	if (readable(fd, timeout))
		n = read(fd, buf, sizeof(buf) - 1);
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		n--;
	if (n <= 0)
		return fail("no line from /dev/hvc1", n < 0 ? -1 : 0);
	begin();
	put("read from /dev/hvc1: ");
	put_n(buf, n);
	end();
	return pass();
}

int main(int argc, char **argv, char **envp)
{
	if (argc < 2)
		return fail("usage: virtio-test blk|hwrng|udp-server|udp-client|console", 0);
	test = argv[1];
	/* device nodes for vda, hwrng and hvc1; /dev/console stays open as fds 0-2 */
	if (mount("devtmpfs", "/dev", "devtmpfs", 0, NULL) < 0)
		return fail("mount devtmpfs on /dev", -1);
	if (!strcmp(test, "blk"))
		return test_blk();
	if (!strcmp(test, "hwrng"))
		return test_hwrng();
	if (!strcmp(test, "udp-server"))
		return test_udp_server(envp);
	if (!strcmp(test, "udp-client"))
		return test_udp_client(envp);
	if (!strcmp(test, "console"))
		return test_console(envp);
	return fail("unknown test", 0);
}
