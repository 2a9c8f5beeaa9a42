/*
 * SMP throughput guest (npm run bench:smp): every hart of a firmware-mode VM runs the same
 * register-only integer loop (SPIN_ITERATIONS rounds of xorshift64, 8 instructions each), so
 * that guest instructions per second on N harts show how well the hypervisor spreads vCPUs over
 * physical harts and host threads. The last hart to finish writes the SiFive test finisher.
 * Every hart starts at _start (firmware boot), a0 = mhartid.
 */
#define FINISHER 0x100000
#define FINISHER_PASS 0x5555
#ifndef SPIN_ITERATIONS
#define SPIN_ITERATIONS 12500000
#endif

	.section .text.init
	.globl _start
_start:
	la	t0, checked_in
	li	t1, 1
	amoadd.w zero, t1, (t0)
	li	t2, SPIN_ITERATIONS
	addi	t3, a0, 1234
1:	slli	t4, t3, 13
	xor	t3, t3, t4
	srli	t4, t3, 7
	xor	t3, t3, t4
	slli	t4, t3, 17
	xor	t3, t3, t4
	addi	t2, t2, -1
	bnez	t2, 1b
	/* The hart that brings `done` up to `checked_in` is the last: every hart started long ago. */
	la	t0, done
	amoadd.w t5, t1, (t0)
	addi	t5, t5, 1
	la	t0, checked_in
	lw	t6, 0(t0)
	bne	t5, t6, park
	li	t0, FINISHER
	li	t1, FINISHER_PASS
	sw	t1, 0(t0)
park:	wfi
	j	park

	.section .data
	.balign 4
checked_in:	.word 0
done:		.word 0
