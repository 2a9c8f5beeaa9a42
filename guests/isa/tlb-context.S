/* rvisor ISA test: TLB entries are never used in a translation context other than the one they
   were filled in. The core tags each TLB entry with its context (fetch: the privilege; loads and
   stores: the effective privilege after MPRV/MPP, SUM and MXR) instead of flushing on every
   trap, xRET and mstatus write; each check below fills an entry in one context, switches
   context the way a guest does, and expects the access the new context forbids to fault:
     101-102  an M->M trap with MPRV = 1 sets MPP = M: the handler's loads are untranslated
              (rvisor only: QEMU 7.2 goes on translating them as S, with the S entry it had)
     103-105  M (bare) after S filled a page through Sv39
     106-107  U after S filled a supervisor page
     108      S sets and clears SUM itself through sstatus
     109      sret to U into the same 1 KiB code chunk of an S-only page: the fetch faults
     110-111  MXR set, then cleared from M: a U load from an execute-only page, then a fault
     113-114  U filled a U page; S without SUM faults on it
     115      U fetched from a U page; S may not, even with SUM
     112      MPRV with MPP = U, then MPP = S by a plain mstatus write: the U page faults
     116      S fills a page, sret to U, and U's very next load of it faults
   The checks hold on any core that flushes instead, and on QEMU but for 101-102. */
#include "test.h"
#include "sv39.h"

TEST_BEGIN
  ZERO_BSS
  li a1, 0x80000000; PTE_SET(pt_root, 2, a1, PTE_RWXAD)
  la a1, pt_l1; PTE_SET(pt_root, 1, a1, PTE_V)
  la a1, pt_l0; PTE_SET(pt_l1, 0, a1, PTE_V)
  la a1, dpage0; PTE_SET(pt_l0, 0, a1, PTE_RWAD)              /* S rw */
  la a1, dpage3; PTE_SET(pt_l0, 3, a1, PTE_RWAD | PTE_U)      /* U rw */
  la a1, dpage2; PTE_SET(pt_l0, 2, a1, PTE_V | PTE_X | PTE_A | PTE_U) /* U execute-only */
  la a1, vm_p; PTE_SET(pt_l0, 9, a1, PTE_V | PTE_R | PTE_X | PTE_A | PTE_U)
  MARK(dpage0, 0x1111); MARK(dpage3, 0x4444); MARK(dpage2, 0x3333)
  SATP_SV39(pt_root)
  li t6, MSTATUS_SUM | MSTATUS_MXR | MSTATUS_MPRV; csrc mstatus, t6

  /* 101: M->M trap with MPRV=1 changes MPP from S to M: the handler's loads are bare, and must
     not hit the entry the S-translated load filled a moment before (own handlers, no trec). */
  SKIP_UNLESS_RVISOR(7f)
  TEST(101)
  la t0, h1; csrw mtvec, t0
  li t6, MSTATUS_MPP; csrc mstatus, t6; li t6, MSTATUS_MPP_S | MSTATUS_MPRV; csrs mstatus, t6
  li a1, VA(0); ld a0, 0(a1); li s4, 0x1111; bne a0, s4, 9f   /* through Sv39, as S */
  li s3, 0; li a0, 0
  ecall                                             /* to h1: MPP = M, MPRV stays */
  j 9f
  CODE_ALIGN(64)
h1:
  la t0, h2; csrw mtvec, t0
  ld a0, 0(a1)                                      /* bare: 0x4000_0000 is no memory */
  li s3, -1; j 8f
  CODE_ALIGN(64)
h2:
  csrr s3, mcause
8:li t6, MSTATUS_MPRV; csrc mstatus, t6; la t0, trap_m; csrw mtvec, t0
  TEST(102); CHECK(s3, CAUSE_LOAD_ACCESS)
  j 7f
9:li t6, MSTATUS_MPRV; csrc mstatus, t6; la t0, trap_m; csrw mtvec, t0; j fail
7:
  /* 103: S filled VA(0); M (bare) must not hit it. */
  TEST(103); li a1, VA(0); li a0, 0; RUN_IN_MODE(PRV_S, ld a0, 0(a1); li a2, 5; sd a2, 8(a1)); CHECK(a0, 0x1111)
  TEST(104); EXPECT_TRAP(1f)
2:ld a0, 0(a1)
  j fail
1:CHECK_CAUSE(CAUSE_LOAD_ACCESS); CHECK_EPC(2b)
  TEST(105); EXPECT_TRAP(1f)
2:sd a0, 8(a1)
  j fail
1:CHECK_CAUSE(CAUSE_STORE_ACCESS); CHECK_EPC(2b)
  /* 106/107: ... nor U */
  TEST(106); VA_OF(a3, u_load, vm_p, 9); li a1, VA(0); RUN_U_ROUTINE(a3, 1f)
1:CHECK_CAUSE(CAUSE_LOAD_PAGE); CHECK_TVAL(VA(0))
  TEST(107); VA_OF(a3, u_store, vm_p, 9); li a1, VA(0) + 8; RUN_U_ROUTINE(a3, 1f)
1:CHECK_CAUSE(CAUSE_STORE_PAGE); CHECK_TVAL(VA(0) + 8)

  /* 108: S toggles SUM itself through sstatus */
  TEST(108); li a1, VA(3); li a0, 0; li s2, 0
  EXPECT_TRAP(1f); GOTO_MODE(PRV_S, 2f)
2:li t6, MSTATUS_SUM; csrs sstatus, t6; ld a0, 0(a1); sd a0, 8(a1); li s2, 1; csrc sstatus, t6
3:ld a0, 0(a1)
  j fail
1:CHECK_CAUSE(CAUSE_LOAD_PAGE); CHECK_EPC(3b); CHECK(a0, 0x4444); CHECK(s2, 1)

  /* 109: sret to U into the same 1 KiB chunk of an S-only page: the fetch must fault */
  TEST(109); EXPECT_TRAP(1f); GOTO_MODE(PRV_S, 2f)
  CODE_ALIGN(64)
2:li t6, MSTATUS_SPP; csrc sstatus, t6; la t6, 3f; csrw sepc, t6; sret
3:j fail
1:CHECK_CAUSE(CAUSE_FETCH_PAGE); CHECK_EPC(3b)

  /* 110: MXR: U loads from a U execute-only page with MXR, not once it is cleared (from M) */
  TEST(110); SET_MSTATUS(MSTATUS_MXR); VA_OF(a3, u_load, vm_p, 9); li a1, VA(2); li a0, 0; RUN_U_ROUTINE(a3, 1f)
1:CHECK_CAUSE(CAUSE_ECALL_U); CHECK(a0, 0x3333)
  CLEAR_MSTATUS(MSTATUS_MXR)
  TEST(111); VA_OF(a3, u_load, vm_p, 9); li a1, VA(2); RUN_U_ROUTINE(a3, 1f)
1:CHECK_CAUSE(CAUSE_LOAD_PAGE); CHECK_TVAL(VA(2))
  /* 113: U filled VA(3) (SUM clear); S without SUM must still fault */
  TEST(113); VA_OF(a3, u_load, vm_p, 9); li a1, VA(3); li a0, 0; RUN_U_ROUTINE(a3, 1f)
1:CHECK_CAUSE(CAUSE_ECALL_U); CHECK(a0, 0x4444)
  TEST_TRAP_IN_MODE(114, PRV_S, CAUSE_LOAD_PAGE, VA(3), ld a0, 0(a1))
  /* 115: U fetch filled VA(9); S fetch of the same U page must fault even with SUM */
  SET_MSTATUS(MSTATUS_SUM); VA_OF(a1, u_load, vm_p, 9)
  TEST(115); EXPECT_TRAP(1f); GOTO_MODE(PRV_S, 2f)
2:jalr ra, 0(a1)
  j fail
1:CLEAR_MSTATUS(MSTATUS_SUM); CHECK_CAUSE(CAUSE_FETCH_PAGE); LOAD_TREC(t5, TR_EPC); bne t5, a1, fail

  /* 112: MPRV, MPP = U then MPP = S by a plain mstatus write: U page without SUM faults */
  TEST(112); li a1, VA(3); EXPECT_TRAP(1f); li t6, MSTATUS_MPP; csrc mstatus, t6; SET_MSTATUS(MSTATUS_MPRV)
  ld a0, 0(a1); sd a0, 16(a1); mv s5, a0
  SET_MSTATUS(MSTATUS_MPP_S)
2:ld a0, 0(a1)
  j fail
1:CLEAR_MSTATUS(MSTATUS_MPRV); CHECK_CAUSE(CAUSE_LOAD_PAGE); CHECK_EPC(2b); CHECK(s5, 0x4444)

  /* 116: S fills VA(0), sret to U, whose first load of VA(0) must fault: nothing but the sret
     between the two accesses (test/core/interleave.test.ts runs another vCPU in S right there) */
  TEST(116); li a1, VA(0); VA_OF(a3, u_load, vm_p, 9); EXPECT_TRAP(1f); GOTO_MODE(PRV_S, 2f)
2:ld a0, 0(a1); li t6, MSTATUS_SPP; csrc sstatus, t6; csrw sepc, a3; sret
1:CHECK_CAUSE(CAUSE_LOAD_PAGE); CHECK_TVAL(VA(0))

  csrw satp, zero; sfence.vma
  j pass
TEST_END

  .section .text.vmcode, "ax", @progbits
  CODE_ALIGN(4096)
vm_p:
u_load:
  ld a0, 0(a1)
  ecall
u_store:
  sd a2, 0(a1)
  ecall
  .skip vm_p + 4096 - .

  .bss
  .align 12
pt_root: .zero 4096
pt_l1:   .zero 4096
pt_l0:   .zero 4096
dpage0:  .zero 4096
dpage2:  .zero 4096
dpage3:  .zero 4096
