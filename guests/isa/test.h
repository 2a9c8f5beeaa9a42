/* rvisor ISA tests: the shared framework (our own macros; include it first in every test).

   A test is straight-line M-mode code between TEST_BEGIN and TEST_END. Each check has a number
   (kept in gp); the first failing check ends the run with tohost = (n << 1) | 1 after printing
   "FAIL n" (hex) on the HTIF console; reaching TEST_END writes tohost = 1.

   Register conventions
     gp (x3)    number of the current check (TEST(n) / TEST_CASE set it).
     t5, t6     (x30, x31) scratch of the macros below: test code may use them between macros,
                and must not pass them as the `reg` of CHECK/TEST_CASE.
     a7 (x17)   ecall service codes for the trap handler (MAGIC_TO_M, MAGIC_FAIL): a test that
                expects an ecall trap must not have those values in a7.

   Code is assembled with `.option norvc` (base encodings are what rv64i tests mean to test) and
   `.option norelax`; wrap compressed instructions in `.option push; .option rvc` ... `.option pop`
   and align code with CODE_ALIGN.

   Traps
     Every trap lands in trap_m (M-mode, direct mtvec) or, when delegated, trap_s (stvec). The
     handlers change no register and no CSR other than m/sscratch, m/sepc and the mstatus / mie
     bits documented below.
     - An exception is a failure unless EXPECT_TRAP(resume) (or EXPECT_TRAP_SAME) armed one trap:
       then the handler records cause/epc/tval/status/level in `trec`, disarms, and continues at
       `resume` in M-mode (trap_m) or S-mode (trap_s). EXPECT_TRAP_SAME keeps the trapping mode.
     - An interrupt is a failure unless IRQ_ALLOW set trec.irq_ok: then the handler logs
       (level << 8) | code in trec.irq_log, clears that source's enable bit in mie (sie) so that it
       does not fire again, and returns to the interrupted instruction.
     - `li a7, MAGIC_TO_M; ecall` from any mode (BACK_TO_M) continues after the ecall in M-mode
       with mstatus.MIE = 0, provided that ecall is not delegated (tests keep medeleg bits 8/9
       clear around it).
     - Resuming in M-mode (EXPECT_TRAP, BACK_TO_M) sets MPP = M before the MRET.
   The start-up code opens PMP entry 0 over all of memory (tolerating a core without PMP) so that
   S and U can reach memory, clears medeleg/mideleg/mie/satp/m+scounteren and enters the test with
   mstatus = 0 (MPP = U, interrupts off).
   Checks that only hold on rvisor (where QEMU, the oracle, legitimately differs) sit after
   SKIP_UNLESS_RVISOR. */
#ifndef RVISOR_ISA_TEST_H
#define RVISOR_ISA_TEST_H

#define TESTNUM gp

/* ---- privileged constants ---- */
#define PRV_U 0
#define PRV_S 1
#define PRV_M 3

#define MSTATUS_SIE   0x2
#define MSTATUS_MIE   0x8
#define MSTATUS_SPIE  0x20
#define MSTATUS_UBE   0x40
#define MSTATUS_MPIE  0x80
#define MSTATUS_SPP   0x100
#define MSTATUS_MPP   0x1800
#define MSTATUS_MPP_S 0x800
#define MSTATUS_FS    0x6000
#define MSTATUS_XS    0x18000
#define MSTATUS_MPRV  0x20000
#define MSTATUS_SUM   0x40000
#define MSTATUS_MXR   0x80000
#define MSTATUS_TVM   0x100000
#define MSTATUS_TW    0x200000
#define MSTATUS_TSR   0x400000
#define MSTATUS_UXL   0x300000000
#define MSTATUS_SXL   0xc00000000
#define MSTATUS_SD    0x8000000000000000

#define IRQ_SSI 1
#define IRQ_MSI 3
#define IRQ_STI 5
#define IRQ_MTI 7
#define IRQ_SEI 9
#define IRQ_MEI 11
#define MIP_SSIP (1 << IRQ_SSI)
#define MIP_MSIP (1 << IRQ_MSI)
#define MIP_STIP (1 << IRQ_STI)
#define MIP_MTIP (1 << IRQ_MTI)
#define MIP_SEIP (1 << IRQ_SEI)
#define MIP_MEIP (1 << IRQ_MEI)
#define INTERRUPT_BIT 0x8000000000000000

#define CAUSE_MISALIGNED_FETCH 0
#define CAUSE_FETCH_ACCESS     1
#define CAUSE_ILLEGAL          2
#define CAUSE_BREAKPOINT       3
#define CAUSE_MISALIGNED_LOAD  4
#define CAUSE_LOAD_ACCESS      5
#define CAUSE_MISALIGNED_STORE 6
#define CAUSE_STORE_ACCESS     7
#define CAUSE_ECALL_U          8
#define CAUSE_ECALL_S          9
#define CAUSE_ECALL_M          11
#define CAUSE_FETCH_PAGE       12
#define CAUSE_LOAD_PAGE        13
#define CAUSE_STORE_PAGE       15

#define SATP_MODE_SV39 0x8000000000000000

/* Sv39 PTE bits */
#define PTE_V 0x01
#define PTE_R 0x02
#define PTE_W 0x04
#define PTE_X 0x08
#define PTE_U 0x10
#define PTE_G 0x20
#define PTE_A 0x40
#define PTE_D 0x80

/* Platform (QEMU virt / spike CLINT, also rvisor's) */
#define CLINT_BASE     0x02000000
#define CLINT_MSIP     0x02000000
#define CLINT_MTIMECMP 0x02004000
#define CLINT_MTIME    0x0200bff8
/* Neither RAM nor a device on QEMU spike/virt nor on rvisor: accesses raise access faults. */
#define UNMAPPED_ADDR  0x40000000

/* ecall services of the M-mode handler (values a test is unlikely to have in a7) */
#define MAGIC_TO_M 0x7e5700a1
#define MAGIC_FAIL 0x7e5700fa

/* ---- layout of the trap record `trec` ---- */
#define TR_RESUME     0
#define TR_EXPECT     8
#define TR_CAUSE      16
#define TR_EPC        24
#define TR_TVAL       32
#define TR_STATUS     40
#define TR_LEVEL      48
#define TR_COUNT      56
#define TR_IRQ_OK     64
#define TR_IRQ_COUNT  72
#define TR_IRQ_EPC    80
#define TR_IRQ_STATUS 88
#define TR_IRQ_LOG    96   /* 8 entries */
#define TR_SAVE_M     160  /* t3..t6 */
#define TR_SAVE_S     192  /* t3..t6 */
#define TR_SIZE       224
#define IRQ_LOG_MAX   8

/* Alignment inside code: GNU as 2.40 pads wrongly under `.option norvc` when the location is
   only 2-byte aligned, so align with RVC enabled (pads with c.nop / nop). */
#define CODE_ALIGN(bytes) .option push; .option rvc; .balign bytes; .option pop

/* ---- checks ---- */
#define TEST(n)          li TESTNUM, n
#define CHECK(reg, val)  li t6, val; bne reg, t6, fail
#define CHECK_REG(reg, reg2) bne reg, reg2, fail
/* Run `code`, then require reg == expected. */
#define TEST_CASE(n, reg, expected, ...) TEST(n); __VA_ARGS__; CHECK(reg, expected)

/* Register-register and register-immediate operations: rd = a0, rs1 = a1, rs2 = a2 unless the
   variant says otherwise. */
#define TEST_R(n, op, exp, v1, v2)          TEST_CASE(n, a0, exp, li a1, v1; li a2, v2; op a0, a1, a2)
#define TEST_R_RD_IS_RS1(n, op, exp, v1, v2) TEST_CASE(n, a1, exp, li a1, v1; li a2, v2; op a1, a1, a2)
#define TEST_R_RD_IS_RS2(n, op, exp, v1, v2) TEST_CASE(n, a2, exp, li a1, v1; li a2, v2; op a2, a1, a2)
#define TEST_R_SAME(n, op, exp, v1)          TEST_CASE(n, a1, exp, li a1, v1; op a1, a1, a1)
#define TEST_R_X0_RS1(n, op, exp, v2)        TEST_CASE(n, a0, exp, li a2, v2; op a0, x0, a2)
#define TEST_R_X0_RS2(n, op, exp, v1)        TEST_CASE(n, a0, exp, li a1, v1; op a0, a1, x0)
#define TEST_R_X0_RD(n, op, v1, v2)          TEST_CASE(n, x0, 0, li a1, v1; li a2, v2; op x0, a1, a2)
/* the same with registers from the upper half of the register file */
#define TEST_R_HI(n, op, exp, v1, v2)       TEST_CASE(n, s11, exp, li t4, v1; li s9, v2; op s11, t4, s9)
#define TEST_I(n, op, exp, v1, imm)          TEST_CASE(n, a0, exp, li a1, v1; op a0, a1, imm)
#define TEST_I_RD_IS_RS1(n, op, exp, v1, imm) TEST_CASE(n, a1, exp, li a1, v1; op a1, a1, imm)
#define TEST_I_X0_RS1(n, op, exp, imm)       TEST_CASE(n, a0, exp, op a0, x0, imm)
#define TEST_I_X0_RD(n, op, v1, imm)         TEST_CASE(n, x0, 0, li a1, v1; op x0, a1, imm)
#define TEST_I_HI(n, op, exp, v1, imm)       TEST_CASE(n, s10, exp, li t3, v1; op s10, t3, imm)

/* Table-driven register-register checks: `count` rows of .dword rs1, rs2, expected at `table`;
   row i is check number first + i. Uses s0, s1, a0..a2. */
#define TEST_R_TABLE(first, op, table, count) \
  li TESTNUM, first; la s0, table; li s1, count; \
80050: ld a1, 0(s0); ld a2, 8(s0); op a0, a1, a2; ld t6, 16(s0); bne a0, t6, fail; \
  addi TESTNUM, TESTNUM, 1; addi s0, s0, 24; addi s1, s1, -1; bnez s1, 80050b

/* Value of the word at `sym` (in the trap record) compared with an immediate. */
#define CHECK_MEM(sym, off, val) la t5, sym; ld t5, off(t5); li t6, val; bne t5, t6, fail
#define CHECK_MEM_ADDR(sym, off, label) la t5, sym; ld t5, off(t5); la t6, label; bne t5, t6, fail
/* After an expected trap: cause, epc (a label) and tval (an immediate or label). */
#define CHECK_CAUSE(c)      CHECK_MEM(trec, TR_CAUSE, c)
#define CHECK_LEVEL(l)      CHECK_MEM(trec, TR_LEVEL, l)
#define CHECK_EPC(label)    CHECK_MEM_ADDR(trec, TR_EPC, label)
#define CHECK_EPC_VAL(v)    CHECK_MEM(trec, TR_EPC, v)
#define CHECK_TVAL(v)       CHECK_MEM(trec, TR_TVAL, v)
#define CHECK_TVAL_ADDR(l)  CHECK_MEM_ADDR(trec, TR_TVAL, l)
#define LOAD_TREC(reg, off) la reg, trec; ld reg, off(reg)

/* Arm the handler for exactly one exception; continue at `resume` (in M-mode from trap_m,
   in S-mode from trap_s). */
#define EXPECT_TRAP(resume) la t6, resume; la t5, trec; sd t6, TR_RESUME(t5); li t6, 1; sd t6, TR_EXPECT(t5)
/* Same, but continue in the mode that trapped. */
#define EXPECT_TRAP_SAME(resume) la t6, resume; la t5, trec; sd t6, TR_RESUME(t5); li t6, 2; sd t6, TR_EXPECT(t5)
#define TRAP_DISARM la t5, trec; sd zero, TR_EXPECT(t5)
/* The armed trap must have been taken. */
#define CHECK_TRAPPED CHECK_MEM(trec, TR_EXPECT, 0)

/* One instruction (or sequence) must trap with `cause`; mepc must be its address.
   Continues in M-mode. */
#define TEST_TRAP(n, cause, ...) \
  TEST(n); EXPECT_TRAP(80002f); \
80001: __VA_ARGS__; j fail; \
80002: CHECK_CAUSE(cause); CHECK_EPC(80001b)
/* ... and mtval must equal `tval`. */
#define TEST_TRAP_TVAL(n, cause, tval, ...) \
  TEST_TRAP(n, cause, __VA_ARGS__); CHECK_TVAL(tval)

/* Interrupts */
#define IRQ_ALLOW   la t5, trec; li t6, 1; sd t6, TR_IRQ_OK(t5)
#define IRQ_FORBID  la t5, trec; sd zero, TR_IRQ_OK(t5)
#define IRQ_RESET   la t5, trec; sd zero, TR_IRQ_COUNT(t5); sd zero, TR_IRQ_LOG(t5)
#define CHECK_IRQ_COUNT(n) CHECK_MEM(trec, TR_IRQ_COUNT, n)
#define CHECK_IRQ_LOG(i, v) CHECK_MEM(trec, TR_IRQ_LOG + 8 * (i), v)

/* Checks of rvisor's own platform choices where QEMU, the oracle these tests are validated on,
   legitimately differs (e.g. the exact misa, the `time` CSR that QEMU's spike machine lacks):
   jump to `label` (skipping them) unless marchid == 0 and mimpid == 0, rvisor's identity (QEMU
   reports its version there). M-mode only. */
#define SKIP_UNLESS_RVISOR(label) csrr t6, marchid; bnez t6, label; csrr t6, mimpid; bnez t6, label

/* ---- privilege changes ---- */
/* From M-mode: continue at `target` in mode `mode` (mret), with mstatus.MIE = 0 afterwards. */
#define GOTO_MODE(mode, target) \
  li t6, MSTATUS_MPP | MSTATUS_MPIE; csrc mstatus, t6; li t6, (mode) << 11; csrs mstatus, t6; \
  la t6, target; csrw mepc, t6; mret
/* From S-mode: continue at `target` in mode `mode` (PRV_S or PRV_U) via sret, with SIE = 0. */
#define GOTO_MODE_S(mode, target) \
  li t6, MSTATUS_SPP | MSTATUS_SPIE; csrc sstatus, t6; li t6, (mode) << 8; csrs sstatus, t6; \
  la t6, target; csrw sepc, t6; sret
/* Run `code` in `mode` (from M-mode); back in M-mode afterwards. `code` must not trap. */
#define RUN_IN_MODE(mode, ...) GOTO_MODE(mode, 80070f); 80070: __VA_ARGS__; BACK_TO_M
/* `insn`, run in `mode`, must trap to M-mode with `cause`, mepc = its address, mtval = `tval`,
   and mstatus.MPP = `mode`; continues in M-mode. */
#define TEST_TRAP_IN_MODE(n, mode, cause, tval, ...) \
  TEST(n); EXPECT_TRAP(80072f); GOTO_MODE(mode, 80071f); \
80071: __VA_ARGS__; j fail; \
80072: CHECK_CAUSE(cause); CHECK_EPC(80071b); CHECK_TVAL(tval); CHECK_LEVEL(PRV_M); \
  LOAD_TREC(t5, TR_STATUS); srli t5, t5, 11; andi t5, t5, 3; li t6, mode; bne t5, t6, fail
/* `insn`, run in `mode`, must trap to S-mode (delegated by the test) with `cause`, sepc = its
   address, stval = `tval`, sstatus.SPP = `mode`; the checks run in M-mode again. */
#define TEST_TRAP_TO_S(n, mode, cause, tval, ...) \
  TEST(n); EXPECT_TRAP(80074f); GOTO_MODE(mode, 80073f); \
80073: __VA_ARGS__; j fail; \
80074: BACK_TO_M; CHECK_LEVEL(PRV_S); CHECK_CAUSE(cause); CHECK_EPC(80073b); CHECK_TVAL(tval); \
  LOAD_TREC(t5, TR_STATUS); srli t5, t5, 8; andi t5, t5, 1; li t6, (mode) & 1; bne t5, t6, fail
/* From any mode: continue with the next instruction in M-mode. */
#define BACK_TO_M li a7, MAGIC_TO_M; ecall; li a7, 0

/* ---- page tables (Sv39) ---- */
/* tbl[idx] = PTE for the physical address in register `pa` with `flags` (uses t4, t5, t6) */
#define PTE_SET(tbl, idx, pa, flags) \
  srli t6, pa, 12; slli t6, t6, 10; li t4, flags; or t6, t6, t4; la t5, tbl; li t4, (idx) * 8; \
  add t5, t5, t4; sd t6, 0(t5)
/* reg = address of the PTE tbl[idx] (uses t4) */
#define PTE_ADDR(reg, tbl, idx) la reg, tbl; li t4, (idx) * 8; add reg, reg, t4
/* satp = Sv39 with root table `tbl` (uses t5, t6) */
#define SATP_SV39(tbl) la t5, tbl; srli t5, t5, 12; li t6, SATP_MODE_SV39; or t5, t5, t6; csrw satp, t5; sfence.vma
/* zero [__bss_start, __bss_end) (the linker script's symbols; uses t5, t6) */
#define ZERO_BSS la t5, __bss_start; la t6, __bss_end; \
80080: bgeu t5, t6, 80081f; sd zero, 0(t5); addi t5, t5, 8; j 80080b; \
80081:

/* ---- start-up ---- */
#define TEST_BEGIN \
  .option norvc; .option norelax; \
  .section .text.init, "ax", @progbits; \
  .globl _start; \
_start: \
  li TESTNUM, 0; \
  la t0, trap_m; csrw mtvec, t0; \
  la t0, pmp_done; csrw mtvec, t0; \
  li t0, -1; csrw pmpaddr0, t0; li t0, 0x1f; csrw pmpcfg0, t0; \
  CODE_ALIGN(4); \
pmp_done: \
  la t0, trap_m; csrw mtvec, t0; \
  la t0, trap_s; csrw stvec, t0; \
  csrw medeleg, zero; csrw mideleg, zero; csrw mie, zero; csrw satp, zero; \
  csrw mcounteren, zero; csrw scounteren, zero; csrw mstatus, zero; \
  csrw mscratch, zero; csrw sscratch, zero; \
  li t0, 0; li t1, 0; li t2, 0; li s0, 0; li s1, 0; li a0, 0; li a1, 0; li a2, 0; \
  li a3, 0; li a4, 0; li a5, 0; li a6, 0; li a7, 0; li s2, 0; li s3, 0; li s4, 0; \
  li s5, 0; li s6, 0; li s7, 0; li s8, 0; li s9, 0; li s10, 0; li s11, 0; li t3, 0; \
  li t4, 0; li t5, 0; li t6, 0; li ra, 0; li sp, 0; li tp, 0; j tests; \
  .section .text, "ax", @progbits; \
  .option norvc; .option norelax; \
tests:

/* ---- the end: pass, fail, handlers, framework data ---- */
#define TEST_END \
  .option norvc; .option norelax; \
  .section .text, "ax", @progbits; \
pass: \
  la t5, tohost; li t6, 1; \
80010: sd t6, 0(t5); j 80010b; \
TEST_FAIL_CODE \
TEST_TRAP_HANDLERS \
TEST_DATA_CODE

/* fail: may run in any mode as long as tohost/fromhost/trec are reachable. Prints
   "FAIL <n in hex>\n" (each character waits a bounded time for the host's fromhost answer),
   then writes (n << 1) | 1 to tohost forever. */
#define TEST_FAIL_CODE \
  CODE_ALIGN(4); \
  .globl fail; \
fail: \
  bnez TESTNUM, 80020f; li TESTNUM, 0x3ff; \
80020: la t0, trec; sd zero, TR_EXPECT(t0); sd zero, TR_IRQ_OK(t0); \
  li a0, 'F'; jal ra, htif_putc; li a0, 'A'; jal ra, htif_putc; \
  li a0, 'I'; jal ra, htif_putc; li a0, 'L'; jal ra, htif_putc; \
  li a0, ' '; jal ra, htif_putc; \
  li s0, 60; li s1, 0; \
80021: srl a0, TESTNUM, s0; andi a0, a0, 15; \
  bnez a0, 80022f; bnez s1, 80022f; bnez s0, 80023f; \
80022: li s1, 1; jal ra, htif_putc_digit; \
80023: addi s0, s0, -4; bgez s0, 80021b; \
  li a0, '\n'; jal ra, htif_putc; \
  slli t6, TESTNUM, 1; ori t6, t6, 1; la t5, tohost; \
80025: sd t6, 0(t5); j 80025b; \
htif_putc_digit: \
  li a1, 10; bltu a0, a1, 80028f; addi a0, a0, 'a' - '0' - 10; \
80028: addi a0, a0, '0'; \
htif_putc: \
  li a1, 0x0101000000000000; or a0, a0, a1; la a1, tohost; sd a0, 0(a1); \
  la a1, fromhost; li a2, 100000; \
80026: ld a3, 0(a1); bnez a3, 80027f; addi a2, a2, -1; bnez a2, 80026b; \
80027: sd zero, 0(a1); jr ra;

#define TEST_TRAP_HANDLERS \
  CODE_ALIGN(64); \
  .globl trap_m; \
trap_m: \
  csrw mscratch, t6; la t6, trec; \
  sd t3, TR_SAVE_M + 0(t6); sd t4, TR_SAVE_M + 8(t6); sd t5, TR_SAVE_M + 16(t6); \
  csrr t5, mscratch; sd t5, TR_SAVE_M + 24(t6); \
  csrr t5, mcause; bltz t5, 80033f; \
  li t4, CAUSE_ECALL_U; beq t5, t4, 80030f; li t4, CAUSE_ECALL_S; beq t5, t4, 80030f; \
  li t4, CAUSE_ECALL_M; bne t5, t4, 80031f; \
80030: li t4, MAGIC_TO_M; beq a7, t4, 80032f; li t4, MAGIC_FAIL; beq a7, t4, 80039f; \
80031: ld t4, TR_EXPECT(t6); beqz t4, 80039f; \
  sd zero, TR_EXPECT(t6); sd t5, TR_CAUSE(t6); \
  csrr t5, mepc; sd t5, TR_EPC(t6); csrr t5, mtval; sd t5, TR_TVAL(t6); \
  csrr t5, mstatus; sd t5, TR_STATUS(t6); li t5, PRV_M; sd t5, TR_LEVEL(t6); \
  ld t5, TR_COUNT(t6); addi t5, t5, 1; sd t5, TR_COUNT(t6); \
  ld t5, TR_RESUME(t6); csrw mepc, t5; \
  li t5, 1; bne t4, t5, 80038f; \
  li t5, MSTATUS_MPP; csrs mstatus, t5; j 80038f; \
80032: csrr t5, mepc; addi t5, t5, 4; csrw mepc, t5; \
  li t5, MSTATUS_MPIE; csrc mstatus, t5; li t5, MSTATUS_MPP; csrs mstatus, t5; j 80038f; \
80033: ld t4, TR_IRQ_OK(t6); beqz t4, 80039f; \
  csrr t4, mepc; sd t4, TR_IRQ_EPC(t6); csrr t4, mstatus; sd t4, TR_IRQ_STATUS(t6); \
  ld t4, TR_IRQ_COUNT(t6); addi t3, t4, 1; sd t3, TR_IRQ_COUNT(t6); \
  li t3, IRQ_LOG_MAX; bgeu t4, t3, 80034f; \
  slli t4, t4, 3; add t4, t4, t6; slli t3, t5, 1; srli t3, t3, 1; ori t3, t3, PRV_M << 8; \
  sd t3, TR_IRQ_LOG(t4); \
80034: li t4, 1; sll t4, t4, t5; csrc mie, t4; \
80038: ld t3, TR_SAVE_M + 0(t6); ld t4, TR_SAVE_M + 8(t6); ld t5, TR_SAVE_M + 16(t6); \
  ld t6, TR_SAVE_M + 24(t6); mret; \
80039: li t5, MSTATUS_MPRV; csrc mstatus, t5; j fail; \
  CODE_ALIGN(64); \
  .globl trap_s; \
trap_s: \
  csrw sscratch, t6; la t6, trec; \
  sd t3, TR_SAVE_S + 0(t6); sd t4, TR_SAVE_S + 8(t6); sd t5, TR_SAVE_S + 16(t6); \
  csrr t5, sscratch; sd t5, TR_SAVE_S + 24(t6); \
  csrr t5, scause; bltz t5, 80043f; \
  li t4, CAUSE_ECALL_U; bne t5, t4, 80041f; \
  li t4, MAGIC_FAIL; beq a7, t4, fail; \
80041: ld t4, TR_EXPECT(t6); beqz t4, fail; \
  sd zero, TR_EXPECT(t6); sd t5, TR_CAUSE(t6); \
  csrr t5, sepc; sd t5, TR_EPC(t6); csrr t5, stval; sd t5, TR_TVAL(t6); \
  csrr t5, sstatus; sd t5, TR_STATUS(t6); li t5, PRV_S; sd t5, TR_LEVEL(t6); \
  ld t5, TR_COUNT(t6); addi t5, t5, 1; sd t5, TR_COUNT(t6); \
  ld t5, TR_RESUME(t6); csrw sepc, t5; \
  li t5, 1; bne t4, t5, 80048f; \
  li t5, MSTATUS_SPP; csrs sstatus, t5; j 80048f; \
80043: ld t4, TR_IRQ_OK(t6); beqz t4, fail; \
  csrr t4, sepc; sd t4, TR_IRQ_EPC(t6); csrr t4, sstatus; sd t4, TR_IRQ_STATUS(t6); \
  ld t4, TR_IRQ_COUNT(t6); addi t3, t4, 1; sd t3, TR_IRQ_COUNT(t6); \
  li t3, IRQ_LOG_MAX; bgeu t4, t3, 80044f; \
  slli t4, t4, 3; add t4, t4, t6; slli t3, t5, 1; srli t3, t3, 1; ori t3, t3, PRV_S << 8; \
  sd t3, TR_IRQ_LOG(t4); \
80044: li t4, 1; sll t4, t4, t5; csrc sie, t4; \
80048: ld t3, TR_SAVE_S + 0(t6); ld t4, TR_SAVE_S + 8(t6); ld t5, TR_SAVE_S + 16(t6); \
  ld t6, TR_SAVE_S + 24(t6); sret;

#define TEST_DATA_CODE \
  .pushsection .tohost, "aw", @progbits; \
  .align 6; .globl tohost; .type tohost, @object; .size tohost, 8; tohost: .dword 0; \
  .align 6; .globl fromhost; .type fromhost, @object; .size fromhost, 8; fromhost: .dword 0; \
  .popsection; \
  .pushsection .data, "aw", @progbits; \
  .align 6; .globl trec; trec: .zero TR_SIZE; \
  .popsection

#endif
