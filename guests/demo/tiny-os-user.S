/* The user programs of tiny-os (tiny-os.c): one blob, user_blob_start to user_blob_end, that
   the kernel copies into each process's own text page at TEXT_VA (and into its NX and XO test
   pages). Everything in it is reached pc-relative (lla) or at a fixed user address, so it runs
   wherever it is copied; assembly rather than C so that each fault test is exactly the
   instruction it names and the strings travel with the code. A process starts at one of the
   user_* entry points with sp at the top of its stack page. */
#include "tiny-os.h"

  .section .text.tinyos_user, "ax", @progbits
  .option norelax
  .balign 16
  .globl user_blob_start, user_blob_end

.macro SYS n
  li a7, \n
  ecall
.endm

/* write(label, label_len): the lengths are assembly-time constants, hence strings first. */
.macro PUTS label
  lla a0, \label
  li a1, \label\()_len
  SYS SYS_WRITE
.endm

.macro STR label, text
\label: .ascii "\text"
  .set \label\()_len, . - \label
.endm

user_blob_start:
  STR msg_hello, "hello from user mode"
  STR msg_mine, "my data page and my demand-mapped page kept my pid across the yield"
  STR msg_xo, "called execute-only code: it returned 42"
  STR msg_ctr, "cycle, time and instret readable with scounteren = 7"
  STR msg_awake, "awake"
  STR msg_bad, "x"
  .balign 4

/* Phase 1, three of these at once: private memory at the same VAs, demand paging, yield. */
  .globl user_coop
user_coop:
  SYS SYS_GETPID
  mv s0, a0
  PUTS msg_hello
  li s1, DATA_VA
  sd s0, 0(s1)
  li s2, LAZY_VA + 0x230
  ld t0, 0(s2)             /* first touch: load page fault, the kernel maps a zeroed page */
  bnez t0, user_fail
  sd s0, 0(s2)
  SYS SYS_YIELD
  ld t0, 0(s1)
  bne t0, s0, user_fail
  ld t0, 0(s2)
  bne t0, s0, user_fail
  PUTS msg_mine
  SYS SYS_YIELD
  li a0, 0
  SYS SYS_EXIT

user_fail:
  li a0, 1
  SYS SYS_EXIT

/* After an instruction that must kill the process: surviving it is an error. */
user_survived:
  li a0, 99
  SYS SYS_EXIT

/* Accessed/dirty: the kernel prints the PTE's A and D before, after a load, after a store. */
  .globl user_ad
user_ad:
  SYS SYS_PTE
  li s0, AD_VA
  ld t0, 0(s0)
  SYS SYS_PTE
  sd t0, 8(s0)
  SYS SYS_PTE
  li a0, 0
  SYS SYS_EXIT

  .globl user_ro_store
user_ro_store:
  li s0, RO_VA
  ld t0, 0(s0)
  li t1, RO_PATTERN
  bne t0, t1, user_fail
  sd t1, 8(s0)             /* store page fault: killed */
  j user_survived

/* A page made read-only after a store filled the TLB: the kernel's sfence.vma va, asid must
   take the writable translation away. */
  .globl user_mprotect
user_mprotect:
  li s0, DATA_VA
  li s1, 0x1234
  sd s1, 0(s0)
  mv a0, s0
  li a1, 0
  SYS SYS_MPROTECT
  ld t0, 0(s0)
  bne t0, s1, user_fail
  sd s1, 8(s0)             /* store page fault: killed */
  j user_survived

  .globl user_nx
user_nx:
  lla t0, user_nx_landing
  li t1, NX_VA - TEXT_VA
  add t0, t0, t1
  jr t0                    /* instruction page fault at the NX copy: killed */
  .globl user_nx_landing
user_nx_landing:
  j user_survived

  .globl user_xo
user_xo:
  lla t0, user_xo_fn
  li t1, XO_VA - TEXT_VA
  add s0, t0, t1
  jalr s0
  li t0, 42
  bne a0, t0, user_fail
  PUTS msg_xo
  lw t0, 0(s0)             /* MXR is clear: load page fault, killed */
  j user_survived
  .balign 4
  .globl user_xo_fn
user_xo_fn:
  li a0, 42
  ret

  .globl user_csr
user_csr:
  csrr a0, sstatus         /* illegal instruction in U: killed */
  j user_survived

  .globl user_sret
user_sret:
  sret                     /* illegal instruction in U: killed */
  j user_survived

  .globl user_kernel_page
user_kernel_page:
  li t0, 0x80200000
  ld t0, 0(t0)             /* a kernel page (U = 0): load page fault, killed */
  j user_survived

/* Counters with scounteren = 7, then without (the kernel skips each faulting read), then
   system calls the kernel must refuse. */
  .globl user_counters
user_counters:
  rdcycle s0
  rdtime s1
  rdinstret s2
  rdinstret t2
  bleu t2, s2, user_fail   /* instret counts the instructions in between */
  rdtime t1
  bltu t1, s1, user_fail
  rdcycle t0
  bltu t0, s0, user_fail
  PUTS msg_ctr
  SYS SYS_NOCTR
  rdcycle a0               /* each: illegal instruction, reported and skipped */
  rdtime a0
  rdinstret a0
  li a0, 0x80200000        /* write() from a kernel address: refused */
  li a1, 4
  SYS SYS_WRITE
  li t0, -1
  bne a0, t0, user_fail
  li a0, LAZY_VA + 0x80000 /* write() from an unmapped user page: the copy faults, refused */
  li a1, msg_bad_len
  SYS SYS_WRITE
  li t0, -1
  bne a0, t0, user_fail
  SYS 99                   /* no such system call */
  li t0, -1
  bne a0, t0, user_fail
  li a0, 0
  SYS SYS_EXIT

  .globl user_sleeper
user_sleeper:
  li a0, 2
  SYS SYS_SLEEP
  PUTS msg_awake
  li a0, 2
  SYS SYS_SLEEP
  PUTS msg_awake
  li a0, 0
  SYS SYS_EXIT

/* CPU-bound: never yields, only the timer gets the CPU back. */
  .globl user_spinner
user_spinner:
  addi t0, t0, 1
  j user_spinner

user_blob_end:
