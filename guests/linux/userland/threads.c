/*
 * threads: two pthreads that take turns under a mutex and a condition variable (a strict
 * ping-pong, so the order is fixed), each with its own thread-local counter and its own FP
 * accumulation (FP registers are per thread: the kernel switches them), joined by main, which
 * prints what happened.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define TURNS 8

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int turn; /* whose turn: 0 or 1 */
static char log_buf[256];
static __thread int mine;

struct worker {
	int id;
	double acc;
	int tls_seen;
};

static void *work(void *arg)
{
	struct worker *w = arg;
	double x = w->id ? 0.1 : 1.0 / 3.0;
	int i;

	for (i = 0; i < TURNS; i++) {
		pthread_mutex_lock(&lock);
		while (turn != w->id)
			pthread_cond_wait(&cond, &lock);
		mine++;
		/* Long-latency FP work between switches: the other thread's values must not leak in. */
		w->acc = w->acc * 1.0000001 + x;
		x = x * x + 0.25;
		snprintf(log_buf + strlen(log_buf), sizeof log_buf - strlen(log_buf), "%c%d ", "AB"[w->id], i);
		turn = !w->id;
		pthread_cond_broadcast(&cond);
		pthread_mutex_unlock(&lock);
	}
	w->tls_seen = mine;
	return (void *)(long)(100 + w->id);
}

int main(void)
{
	struct worker w[2] = { { .id = 0 }, { .id = 1 } };
	pthread_t t[2];
	int i;

	for (i = 0; i < 2; i++)
		if (pthread_create(&t[i], NULL, work, &w[i]) != 0) {
			printf("pthread_create failed\n");
			return 1;
		}
	for (i = 0; i < 2; i++) {
		void *ret;

		pthread_join(t[i], &ret);
		printf("thread %c: returned %ld, thread-local counter %d, acc %.17g %a\n", "AB"[i], (long)ret,
		       w[i].tls_seen, w[i].acc, w[i].acc);
	}
	printf("main: thread-local counter %d\n", mine);
	printf("order: %s\n", log_buf);
	return 0;
}
