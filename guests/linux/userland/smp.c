/*
 * smp: one pthread per CPU this process may run on (sched_getaffinity: in the guest, every online
 * CPU), each pinned to its CPU (pthread_setaffinity_np) and checking with sched_getcpu() that it
 * runs there, before and after its work. After a barrier all of them at once add 1 INCREMENTS
 * times to a shared counter with an atomic add (amoadd) and to a second one under a spinlock
 * taken with compare-and-swap (lr/sc); main joins them and prints what happened. The output
 * depends only on which CPUs there are, never on timing:
 *   cpus 4: cpu0 cpu1 cpu2 cpu3 ran pinned
 *   atomic counter 400000 of 400000, locked counter 400000 of 400000
 * Exit status 0 if every thread ran on its CPU and both counters are right, 1 otherwise.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>

#define INCREMENTS 100000

static unsigned long atomic_counter;
static unsigned long locked_counter;
static int lock;
static pthread_barrier_t start;

struct worker {
	pthread_t thread;
	int cpu;  /* the CPU it is pinned to */
	int err;  /* pthread_setaffinity_np's error */
	int seen[2]; /* sched_getcpu() before and after the work */
};

static void spin_lock(void)
{
	int unlocked = 0;

	while (!__atomic_compare_exchange_n(&lock, &unlocked, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
		unlocked = 0;
		while (__atomic_load_n(&lock, __ATOMIC_RELAXED))
			;
	}
}

static void spin_unlock(void)
{
	__atomic_store_n(&lock, 0, __ATOMIC_RELEASE);
}

static void *work(void *arg)
{
	struct worker *w = arg;
	cpu_set_t one;
	int i;

	CPU_ZERO(&one);
	CPU_SET(w->cpu, &one);
	w->err = pthread_setaffinity_np(pthread_self(), sizeof one, &one);
	w->seen[0] = sched_getcpu();
	pthread_barrier_wait(&start);
	for (i = 0; i < INCREMENTS; i++) {
		__atomic_fetch_add(&atomic_counter, 1, __ATOMIC_RELAXED);
		spin_lock();
		locked_counter++;
		spin_unlock();
	}
	w->seen[1] = sched_getcpu();
	return NULL;
}

int main(void)
{
	static struct worker w[CPU_SETSIZE];
	cpu_set_t all;
	int n = 0, cpu, i, ok = 1;
	unsigned long want;

	if (sched_getaffinity(0, sizeof all, &all) != 0) {
		printf("sched_getaffinity failed\n");
		return 1;
	}
	for (cpu = 0; cpu < CPU_SETSIZE; cpu++)
		if (CPU_ISSET(cpu, &all))
			w[n++].cpu = cpu;
	pthread_barrier_init(&start, NULL, n);
	for (i = 0; i < n; i++)
		if (pthread_create(&w[i].thread, NULL, work, &w[i]) != 0) {
			printf("pthread_create failed for cpu%d\n", w[i].cpu);
			return 1;
		}
	for (i = 0; i < n; i++)
		pthread_join(w[i].thread, NULL);

	printf("cpus %d:", n);
	for (i = 0; i < n; i++) {
		printf(" cpu%d", w[i].cpu);
		if (w[i].err)
			printf(" (pinning failed: %s)", strerror(w[i].err));
		else if (w[i].seen[0] != w[i].cpu || w[i].seen[1] != w[i].cpu)
			printf(" (ran on cpu%d and cpu%d)", w[i].seen[0], w[i].seen[1]);
		else
			continue;
		ok = 0;
	}
	printf(ok ? " ran pinned\n" : "\n");
	want = (unsigned long)n * INCREMENTS;
	printf("atomic counter %lu of %lu, locked counter %lu of %lu\n", atomic_counter, want, locked_counter, want);
	return ok && atomic_counter == want && locked_counter == want ? 0 : 1;
}
