/* Start-up and trap entry of the demo guests, assembled twice:
     start-m.o (default)   firmware mode: entered in M-mode at 0x8000_0000 (QEMU -bios none, rvisor
                           firmware mode); harts other than 0 park; traps go through mtvec.
     start-s.o (-DS_MODE)  kernel mode: entered in S-mode with a0 = hart id, a1 = device-tree address
                           (RISC-V Linux boot protocol, as OpenSBI and rvisor's kernel mode do);
                           traps go through stvec.
   Both zero the BSS, call main(hartid, dtb) and hand its result to demo_exit (0 = pass).

   With -DSMP (guests/smp) every hart below SMP_MAX_HARTS runs, each on its own 16 KiB stack
   (hart h's stack ends at __stack_top - h * 16 KiB; the link must reserve STACK_BYTES =
   SMP_MAX_HARTS * 16 KiB, see demo.ld) and with tp = its hart id, which the trap entry
   leaves alone, so C code and trap handlers know which hart they are on. Harts at or above
   SMP_MAX_HARTS park.
     M-mode  all harts arrive at _start together: hart 0 zeroes the BSS and then sets bss_ready
             (in .data, so not zeroed under the others' feet); the others wait for it. Every hart
             calls main(hartid, dtb) with the device tree the platform passed in a1; hart 0's
             result goes to demo_exit, another hart that returns parks.
     S-mode  the boot hart (any hart id) comes through _start as above; the harts it starts with
             SBI HSM hart_start(hartid, _start_hart, opaque) come through _start_hart and call
             hart_main(hartid, opaque), parking if it returns.
   The trap entry saves the caller-saved registers and calls
     uintptr_t trap_handler(uintptr_t cause, uintptr_t epc, uintptr_t tval)
   which returns the pc to resume at (C saves the rest). */

#ifdef S_MODE
#define XTVEC   stvec
#define XCAUSE  scause
#define XEPC    sepc
#define XTVAL   stval
#define XRET    sret
#else
#define XTVEC   mtvec
#define XCAUSE  mcause
#define XEPC    mepc
#define XTVAL   mtval
#define XRET    mret
#endif

#include "caller-frame.h"

#ifdef SMP
#define SMP_STACK_SHIFT 14 /* 16 KiB per hart */

/* Hart a0's stack, tp and trap vector; a hart id the stacks do not cover parks. */
.macro HART_SETUP
  li t0, SMP_MAX_HARTS
  bgeu a0, t0, park
  mv tp, a0
  la sp, __stack_top
  slli t0, a0, SMP_STACK_SHIFT
  sub sp, sp, t0
  la t0, trap_entry
  csrw XTVEC, t0
.endm
#endif

  .section .text.init, "ax", @progbits
  .globl _start
_start:
  .option push
  .option norelax
  la gp, __global_pointer$
  .option pop
#ifdef SMP
#ifndef S_MODE
  csrr a0, mhartid
#endif
  HART_SETUP
#ifndef S_MODE
  bnez a0, wait_for_bss
#endif
#else
#ifndef S_MODE
  csrr a0, mhartid
  bnez a0, park
  li a1, 0               /* no device tree is passed on to an M-mode guest's main */
#endif
  la sp, __stack_top
  la t0, trap_entry
  csrw XTVEC, t0
#endif
  la t0, __bss_start
  la t1, __bss_end
1:
  bgeu t0, t1, 2f
  sd zero, 0(t0)
  addi t0, t0, 8
  j 1b
2:
#if defined(SMP) && !defined(S_MODE)
  fence w,w              /* the zeroed BSS before the flag that lets the other harts use it */
  la t0, bss_ready
  li t1, 1
  sw t1, 0(t0)
#endif
  call main
  call demo_exit
3:
  j 3b

#if defined(SMP) && !defined(S_MODE)
wait_for_bss:
  la t0, bss_ready
5:
  lw t1, 0(t0)
  beqz t1, 5b
  fence r,rw
  call main
  j park

  .section .data
  .balign 4
bss_ready:
  .word 0
  .previous
#endif

#ifdef SMP
#ifdef S_MODE
/* Where SBI HSM hart_start sends a hart: a0 = its hart id, a1 = the caller's opaque value. */
  .globl _start_hart
_start_hart:
  .option push
  .option norelax
  la gp, __global_pointer$
  .option pop
  HART_SETUP
  call hart_main
  j park
#endif
#endif

#if !defined(S_MODE) || defined(SMP)
/* The workloads are single-hart: any other hart waits here with its interrupts off (wfi may
   still return, hence the loop). With SMP, a hart whose work is done waits here. */
park:
#ifdef S_MODE
  csrw sie, zero
#else
  csrw mie, zero
#endif
4:
  wfi
  j 4b
#endif

  .align 2
trap_entry:
  SAVE_CALLER_SAVED
  csrr a0, XCAUSE
  csrr a1, XEPC
  csrr a2, XTVAL
  call trap_handler
  csrw XEPC, a0
  RESTORE_CALLER_SAVED
  XRET
