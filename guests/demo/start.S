/* Start-up and trap entry of the demo guests, assembled twice:
     start-m.o (default)   firmware mode: entered in M-mode at 0x8000_0000 (QEMU -bios none, rvisor
                           firmware mode); harts other than 0 park; traps go through mtvec.
     start-s.o (-DS_MODE)  kernel mode: entered in S-mode with a0 = hart id, a1 = device-tree address
                           (RISC-V Linux boot protocol, as OpenSBI and rvisor's kernel mode do);
                           traps go through stvec.
   Both zero the BSS, call main(hartid, dtb) and hand its result to demo_exit (0 = pass).
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

  .section .text.init, "ax", @progbits
  .globl _start
_start:
  .option push
  .option norelax
  la gp, __global_pointer$
  .option pop
#ifndef S_MODE
  csrr a0, mhartid
  bnez a0, park
  li a1, 0               /* no device tree is passed on to an M-mode guest's main */
#endif
  la sp, __stack_top
  la t0, trap_entry
  csrw XTVEC, t0
  la t0, __bss_start
  la t1, __bss_end
1:
  bgeu t0, t1, 2f
  sd zero, 0(t0)
  addi t0, t0, 8
  j 1b
2:
  call main
  call demo_exit
3:
  j 3b

#ifndef S_MODE
/* The workloads are single-hart: any other hart waits here with its interrupts off (wfi may
   still return, hence the loop). */
park:
  csrw mie, zero
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
