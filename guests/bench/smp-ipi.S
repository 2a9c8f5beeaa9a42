/*
 * IPI round trip guest (npm run bench:smp): harts 0 and 1 of a firmware-mode VM play ping-pong
 * with IPI_ROUNDS inter-processor interrupts each way through the CLINT's msip registers (full
 * virtualization: every msip store is an MMIO exit the hypervisor turns into the other hart's
 * MSIP line). Each waits in wfi with mie.MSIE set and mstatus.MIE clear, so the interrupt ends
 * the wfi without a trap; it clears its own msip and answers. Other harts park. Hart 0 writes
 * the SiFive test finisher after the last round: guest and host time per round trip follow.
 */
#define CLINT_MSIP 0x2000000
#define FINISHER 0x100000
#define FINISHER_PASS 0x5555
#define MIE_MSIE 8
#ifndef IPI_ROUNDS
#define IPI_ROUNDS 2000
#endif

	.section .text.init
	.globl _start
_start:
	li	t0, MIE_MSIE
	csrw	mie, t0
	li	s0, CLINT_MSIP
	li	t1, 1
	beqz	a0, ping
	bne	a0, t1, park
pong:	/* hart 1: answer every IPI with one to hart 0 */
	wfi
	lw	t3, 4(s0)
	beqz	t3, pong
	sw	zero, 4(s0)
	sw	t1, 0(s0)
	j	pong
ping:	/* hart 0 */
	li	s1, IPI_ROUNDS
1:	sw	t1, 4(s0)
2:	wfi
	lw	t3, 0(s0)
	beqz	t3, 2b
	sw	zero, 0(s0)
	addi	s1, s1, -1
	bnez	s1, 1b
	li	t0, FINISHER
	li	t1, FINISHER_PASS
	sw	t1, 0(t0)
park:	wfi
	j	park
