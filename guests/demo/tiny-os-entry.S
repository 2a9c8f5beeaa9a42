/* tiny-os's trap vector and its switch into and out of user mode (see tiny-os.c).
   start.S's trap entry keeps the interrupted context on the current stack, which is enough for
   the kernel's own traps but not for a user process: its registers must land in its struct proc
   so that another process can run before it resumes. So the OS installs this vector instead:
     - stvec is vectored: exceptions and the timer go to os_trap_entry, the supervisor software
       interrupt through vec_ssi, which counts that it came through vector 1.
     - sscratch holds the running process's register array while U-mode runs and 0 while the
       kernel runs: `csrrw sp, sscratch, sp` tells the two apart and gives the user path a
       place to save to without touching a user register first.
     - run_user(regs) saves the kernel's callee-saved registers, loads the process's and srets;
       a trap from U saves the process and returns from run_user() to the scheduler, which reads
       scause and stval itself.
   Register array (struct proc's first member): regs[i] = xi, regs[0] = the user pc. */

#include "caller-frame.h"

  .text
  .option norelax

/* Vectored mode: base + 4 * cause for interrupts. Each entry must be one 4-byte jump. */
  .balign 64
  .globl os_vectors
os_vectors:
  .option push
  .option norvc
  j os_trap_entry          /* 0: every exception */
  j vec_ssi                /* 1: supervisor software interrupt */
  .rept 14
  j os_trap_entry          /* 5: timer, 9: external, the rest reserved */
  .endr
  .option pop

/* Only ever taken in S-mode (tiny-os enables SSIE just around its self-test), so sp is the
   kernel's stack. */
vec_ssi:
  addi sp, sp, -16
  sd t0, 0(sp)
  sd t1, 8(sp)
  la t0, ssi_vectored
  lw t1, 0(t0)
  addi t1, t1, 1
  sw t1, 0(t0)
  ld t1, 8(sp)
  ld t0, 0(sp)
  addi sp, sp, 16
  /* fall through */

  .globl os_trap_entry
os_trap_entry:
  csrrw sp, sscratch, sp
  bnez sp, from_user
  csrrw sp, sscratch, sp   /* from S: sp back, sscratch back to 0 */
  SAVE_CALLER_SAVED
  csrr a0, scause
  csrr a1, sepc
  csrr a2, stval
  call kernel_trap         /* returns the pc to resume at */
  csrw sepc, a0
  RESTORE_CALLER_SAVED
  sret

/* From U: sp = the process's register array, sscratch = its sp. */
from_user:
  sd x1, 1*8(sp)
  sd x3, 3*8(sp)
  sd x4, 4*8(sp)
  sd x5, 5*8(sp)
  sd x6, 6*8(sp)
  sd x7, 7*8(sp)
  sd x8, 8*8(sp)
  sd x9, 9*8(sp)
  sd x10, 10*8(sp)
  sd x11, 11*8(sp)
  sd x12, 12*8(sp)
  sd x13, 13*8(sp)
  sd x14, 14*8(sp)
  sd x15, 15*8(sp)
  sd x16, 16*8(sp)
  sd x17, 17*8(sp)
  sd x18, 18*8(sp)
  sd x19, 19*8(sp)
  sd x20, 20*8(sp)
  sd x21, 21*8(sp)
  sd x22, 22*8(sp)
  sd x23, 23*8(sp)
  sd x24, 24*8(sp)
  sd x25, 25*8(sp)
  sd x26, 26*8(sp)
  sd x27, 27*8(sp)
  sd x28, 28*8(sp)
  sd x29, 29*8(sp)
  sd x30, 30*8(sp)
  sd x31, 31*8(sp)
  csrr t0, sscratch
  sd t0, 2*8(sp)
  csrw sscratch, zero      /* the kernel runs now */
  csrr t0, sepc
  sd t0, 0*8(sp)
  la t0, kernel_context
  ld ra, 0*8(t0)
  ld sp, 1*8(t0)
  ld gp, 2*8(t0)
  ld tp, 3*8(t0)
  ld s0, 4*8(t0)
  ld s1, 5*8(t0)
  ld s2, 6*8(t0)
  ld s3, 7*8(t0)
  ld s4, 8*8(t0)
  ld s5, 9*8(t0)
  ld s6, 10*8(t0)
  ld s7, 11*8(t0)
  ld s8, 12*8(t0)
  ld s9, 13*8(t0)
  ld s10, 14*8(t0)
  ld s11, 15*8(t0)
  ret                      /* from run_user() */

/* void run_user(uint64_t regs[32]): sstatus.SPP and satp are already set by the caller. */
  .globl run_user
run_user:
  la t0, kernel_context
  sd ra, 0*8(t0)
  sd sp, 1*8(t0)
  sd gp, 2*8(t0)
  sd tp, 3*8(t0)
  sd s0, 4*8(t0)
  sd s1, 5*8(t0)
  sd s2, 6*8(t0)
  sd s3, 7*8(t0)
  sd s4, 8*8(t0)
  sd s5, 9*8(t0)
  sd s6, 10*8(t0)
  sd s7, 11*8(t0)
  sd s8, 12*8(t0)
  sd s9, 13*8(t0)
  sd s10, 14*8(t0)
  sd s11, 15*8(t0)
  csrw sscratch, a0
  ld t0, 0*8(a0)
  csrw sepc, t0
  ld x1, 1*8(a0)
  ld x2, 2*8(a0)
  ld x3, 3*8(a0)
  ld x4, 4*8(a0)
  ld x5, 5*8(a0)
  ld x6, 6*8(a0)
  ld x7, 7*8(a0)
  ld x8, 8*8(a0)
  ld x9, 9*8(a0)
  ld x11, 11*8(a0)
  ld x12, 12*8(a0)
  ld x13, 13*8(a0)
  ld x14, 14*8(a0)
  ld x15, 15*8(a0)
  ld x16, 16*8(a0)
  ld x17, 17*8(a0)
  ld x18, 18*8(a0)
  ld x19, 19*8(a0)
  ld x20, 20*8(a0)
  ld x21, 21*8(a0)
  ld x22, 22*8(a0)
  ld x23, 23*8(a0)
  ld x24, 24*8(a0)
  ld x25, 25*8(a0)
  ld x26, 26*8(a0)
  ld x27, 27*8(a0)
  ld x28, 28*8(a0)
  ld x29, 29*8(a0)
  ld x30, 30*8(a0)
  ld x31, 31*8(a0)
  ld x10, 10*8(a0)
  sret

/* Kernel loads that may fault: kernel_trap() resumes a page fault at one of these labels at
   the next instruction with kfault set (the loaded register then holds the address, unused).
   Never compressed, so that "next" is always +4. */
  .option push
  .option norvc
  .globl kprobe_lw, kprobe_lw_insn, kprobe_lbu, kprobe_lbu_insn
kprobe_lw:
kprobe_lw_insn:
  lwu a0, 0(a0)
  ret
kprobe_lbu:
kprobe_lbu_insn:
  lbu a0, 0(a0)
  ret
  .option pop

  .bss
  .balign 8
kernel_context:
  .zero 16 * 8
