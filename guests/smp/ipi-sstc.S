/*
 * ipi-sstc.elf (firmware mode, 2 harts): IPIs through the CLINT to a hart that keeps writing
 * stimecmp (Sstc). Hart 1 enables STCE, MSIE and MIE and loops on `csrw stimecmp`, so the core
 * keeps updating STIP in the same word of its vCPU block where the hypervisor raises MSIP. Hart 0
 * sends IPI_COUNT IPIs (msip[1] = 1), each time waiting (with pause) for hart 1's handler to
 * clear msip and count an acknowledgement. An IPI whose MSIP got lost between the two writers (parallel mode:
 * the hypervisor thread and hart 1's thread) is never acknowledged: hart 0 then fails at once
 * through the test finisher with the number of the IPI; all acknowledged, it passes.
 */
#define CLINT_MSIP1 0x2000004
#define FINISHER 0x100000
#define IPI_COUNT 1000
/* Rounds of hart 0's wait for one acknowledgement: tens of milliseconds on hart threads, whose
 * round trips through the hypervisor thread take tens of microseconds each. */
#define ACK_WAIT 2000000

	.section .text.init
	.globl _start
_start:
	bnez	a0, hart1
	la	t0, ready
1:	lw	t1, 0(t0)
	beqz	t1, 1b
	li	s0, 0			/* IPIs sent */
	li	s2, IPI_COUNT
	la	s3, acks
	li	s4, CLINT_MSIP1
send:	lw	t2, 0(s3)
	li	t3, 1
	sw	t3, 0(s4)
	li	t4, ACK_WAIT
wait:	lw	t5, 0(s3)
	bne	t5, t2, acked
	.4byte	0x0100000f		/* pause: pause-loop exiting lets hart 1 run on a shared physical hart */
	addi	t4, t4, -1
	bnez	t4, wait
	/* Never acknowledged: fail with the IPI's number (1-based). */
	addi	t0, s0, 1
	slli	t0, t0, 16
	ori	t0, t0, 0x333
	li	t1, 0x3000
	or	t0, t0, t1
	j	finish
acked:	addi	s0, s0, 1
	blt	s0, s2, send
	li	t0, 0x5555
finish:	li	t1, FINISHER
	sw	t0, 0(t1)
2:	j	2b

hart1:	li	t1, 1
	bne	a0, t1, park
	la	t0, handler
	csrw	mtvec, t0
	slli	t0, t1, 63		/* menvcfg.STCE */
	csrs	0x30a, t0
	li	t0, 8			/* mie.MSIE */
	csrs	mie, t0
	csrsi	mstatus, 8		/* mstatus.MIE */
	la	t0, ready
	sw	t1, 0(t0)
	li	t6, -1
3:	csrw	0x14d, t6		/* stimecmp = never */
	csrw	0x14d, t6
	j	3b

	.balign 4
handler:
	li	t0, CLINT_MSIP1
	sw	zero, 0(t0)
	la	t0, acks
	li	t2, 1
	amoadd.w zero, t2, (t0)
	mret

park:	wfi
	j	park

	.section .data
	.balign 64
ready:	.word 0
	.balign 64
acks:	.word 0
