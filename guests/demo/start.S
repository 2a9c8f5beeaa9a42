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

#define FRAME (16 * 8)

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
  addi sp, sp, -FRAME
  sd ra, 0*8(sp)
  sd t0, 1*8(sp)
  sd t1, 2*8(sp)
  sd t2, 3*8(sp)
  sd a0, 4*8(sp)
  sd a1, 5*8(sp)
  sd a2, 6*8(sp)
  sd a3, 7*8(sp)
  sd a4, 8*8(sp)
  sd a5, 9*8(sp)
  sd a6, 10*8(sp)
  sd a7, 11*8(sp)
  sd t3, 12*8(sp)
  sd t4, 13*8(sp)
  sd t5, 14*8(sp)
  sd t6, 15*8(sp)
  csrr a0, XCAUSE
  csrr a1, XEPC
  csrr a2, XTVAL
  call trap_handler
  csrw XEPC, a0
  ld ra, 0*8(sp)
  ld t0, 1*8(sp)
  ld t1, 2*8(sp)
  ld t2, 3*8(sp)
  ld a0, 4*8(sp)
  ld a1, 5*8(sp)
  ld a2, 6*8(sp)
  ld a3, 7*8(sp)
  ld a4, 8*8(sp)
  ld a5, 9*8(sp)
  ld a6, 10*8(sp)
  ld a7, 11*8(sp)
  ld t3, 12*8(sp)
  ld t4, 13*8(sp)
  ld t5, 14*8(sp)
  ld t6, 15*8(sp)
  addi sp, sp, FRAME
  XRET
