/* rvisor ISA test: Sv39 address translation.
   Page tables are built at run time in .bss. Mappings (VA -> PA):
     0x8000_0000 1 GiB identity (RWX, not U: the test's own code/data in S-mode)
     0xc000_0000 1 GiB alias of 0x8000_0000;  0xffff_ffff_c000_0000 1 GiB alias (sign-extended VA)
     0x1_0000_0000 a misaligned 1 GiB leaf (PPN[1:0] != 0)
     0x4020_0000 2 MiB page at PA 0x8020_0000;  0x4040_0000 a misaligned 2 MiB leaf
     0x4000_0000 + i * 4 KiB: 4 KiB pages with the permissions listed at `l0_map` below.
   Checked: 4 KiB / 2 MiB / 1 GiB translation with page offsets, sign-extended upper VAs,
   non-canonical VAs fault; R/W/X permissions (store to read-only, load from execute-only, fetch
   from non-X, W without R reserved), U pages vs S (SUM allows S loads/stores but never S fetch),
   U cannot touch S pages, MXR makes execute-only pages readable; clearing SUM or MXR takes back
   at once what it allowed a moment before (no stale TLB entry); invalid PTEs, a non-leaf PTE at
   the last level and misaligned superpages fault; page faults have cause 12 / 13 / 15 with
   mtval/stval = the faulting VA (for a 32-bit instruction straddling into an unmapped page: the
   VA of the second page, mepc = the instruction), and are delegated to S through medeleg; AMOs
   fault as stores; the hardware sets A on any access and D on stores (checked in the PTE in
   memory, as QEMU and rvisor update A/D rather than fault); SFENCE.VMA (global and per address)
   is what makes PTE changes (remap, permission downgrade) visible; a 32-bit instruction whose
   halves lie in two virtual pages mapped to non-adjacent frames is fetched from both frames; MPRV
   with MPP = S / U translates M-mode loads and stores (not fetches); satp keeps its value when
   written with a reserved mode; M-mode is never translated.
   PTE bits 63:54 set (no Svpbmt / Svnapot) make the PTE invalid.
   rvisor only: satp ignores Sv48/Sv57 writes (QEMU 7.2 implements both modes).
   Not here: ASIDs, the G bit, Svnapot/Svpbmt/Svinval, Sv48/Sv57. */
#include "test.h"
#include "sv39.h"

/* S-mode jumps to the VA in a1, whose fetch must fault: mepc = a1, mtval = `tval` (or a1) */
#define TEST_FETCH_FAULT(n, cause, tval) \
  TEST(n); EXPECT_TRAP(80901f); GOTO_MODE(PRV_S, 80900f); \
80900: jalr ra, 0(a1); j fail; \
80901: CHECK_CAUSE(cause); LOAD_TREC(t5, TR_EPC); bne t5, a1, fail; CHECK_TVAL(tval); CHECK_LEVEL(PRV_M)
#define TEST_FETCH_FAULT_AT(n, cause) \
  TEST(n); EXPECT_TRAP(80903f); GOTO_MODE(PRV_S, 80902f); \
80902: jalr ra, 0(a1); j fail; \
80903: CHECK_CAUSE(cause); LOAD_TREC(t5, TR_EPC); bne t5, a1, fail; LOAD_TREC(t5, TR_TVAL); bne t5, a1, fail

TEST_BEGIN
  /* ---- zero .bss (page tables and data pages) ---- */
  ZERO_BSS
  /* ---- level 2 ---- */
  li a1, 0x80000000; PTE_SET(pt_root, 2, a1, PTE_RWXAD)
  li a1, 0x80000000; PTE_SET(pt_root, 3, a1, PTE_RWAD)
  li a1, 0x80000000; PTE_SET(pt_root, 511, a1, PTE_RWAD)
  li a1, 0x80001000; PTE_SET(pt_root, 4, a1, PTE_RWAD)             /* misaligned gigapage */
  la a1, pt_l1; PTE_SET(pt_root, 1, a1, PTE_V)
  /* ---- level 1 ---- */
  la a1, pt_l0; PTE_SET(pt_l1, 0, a1, PTE_V)
  li a1, 0x80200000; PTE_SET(pt_l1, 1, a1, PTE_RWAD)                /* 2 MiB */
  li a1, 0x80201000; PTE_SET(pt_l1, 2, a1, PTE_RWAD)                /* misaligned megapage */
  /* ---- level 0 (l0_map) ---- */
  la a1, dpage0; PTE_SET(pt_l0, 0, a1, PTE_RWAD)                     /* S read/write */
  la a1, dpage1; PTE_SET(pt_l0, 1, a1, PTE_V | PTE_R | PTE_A)        /* S read-only */
  la a1, dpage2; PTE_SET(pt_l0, 2, a1, PTE_V | PTE_X | PTE_A)        /* S execute-only */
  la a1, dpage3; PTE_SET(pt_l0, 3, a1, PTE_RWAD | PTE_U)             /* U read/write */
  /* 4: invalid */
  la a1, dpage0; PTE_SET(pt_l0, 5, a1, PTE_V | PTE_W | PTE_A | PTE_D) /* W without R: reserved */
  la a1, dpage6; PTE_SET(pt_l0, 6, a1, PTE_V | PTE_R | PTE_W | PTE_X) /* A = D = 0 */
  la a1, vm_p; PTE_SET(pt_l0, 7, a1, PTE_V | PTE_R | PTE_X | PTE_A)  /* code page P, S */
  la a1, vm_p1; PTE_SET(pt_l0, 8, a1, PTE_V | PTE_R | PTE_X | PTE_A) /* P + 1 */
  la a1, vm_p; PTE_SET(pt_l0, 9, a1, PTE_V | PTE_R | PTE_X | PTE_A | PTE_U)  /* P, U */
  la a1, dpage0; PTE_SET(pt_l0, 10, a1, PTE_V)                       /* non-leaf at level 0 */
  la a1, vm_p; PTE_SET(pt_l0, 11, a1, PTE_V | PTE_R | PTE_X | PTE_A) /* P ... */
  la a1, vm_q; PTE_SET(pt_l0, 12, a1, PTE_V | PTE_R | PTE_X | PTE_A) /* ... then Q, not P + 1 */
  la a1, vm_p; PTE_SET(pt_l0, 13, a1, PTE_V | PTE_R | PTE_X | PTE_A) /* P, then 14 invalid */
  la a1, dpage15; PTE_SET(pt_l0, 15, a1, PTE_RWAD)                   /* remapped by a test */
  la a1, dpage17; PTE_SET(pt_l0, 16, a1, PTE_RWAD)                   /* downgraded by a test */
  la a1, dpage0; PTE_SET(pt_l0, 18, a1, PTE_V | PTE_R | PTE_W | PTE_A) /* D = 0 */
  /* ---- data ---- */
  MARK(dpage0, 0x1111000000000000); MARK(dpage1, 0x2222); MARK(dpage2, 0x3333); MARK(dpage3, 0x4444)
  MARK(dpage6, 0x6666); MARK(dpage15, 0x1515); MARK(dpage16, 0x1616); MARK(dpage17, 0x1717)
  li a1, 0x80200000; li a2, 0x2020; sd a2, 0(a1)
  /* ---- on ---- */
  SATP_SV39(pt_root); csrr a0, satp
  la a1, pt_root; srli a1, a1, 12; li a2, SATP_MODE_SV39; or a1, a1, a2
  TEST(1); CHECK_REG(a0, a1)
  li t6, MSTATUS_SUM | MSTATUS_MXR | MSTATUS_MPRV; csrc mstatus, t6

  /* ---- satp ---- */
  TEST(2); li a2, 0xf000000000000000 | 0x12345; csrw satp, a2; csrr a0, satp; CHECK_REG(a0, a1)
  TEST(3); li a2, 0x1000000000000000 | 0x12345; csrw satp, a2; csrr a0, satp; CHECK_REG(a0, a1)
  TEST(4)       /* M-mode is not translated: 0x4000_0000 is still unmapped physically */
  li a1, VA(0); EXPECT_TRAP(1f)
2:ld a0, 0(a1)
  j fail
1:CHECK_CAUSE(CAUSE_LOAD_ACCESS); CHECK_EPC(2b)

  /* ---- superpages and the identity map ---- */
  TEST(5); li a0, 0; la a1, marker; RUN_IN_MODE(PRV_S, ld a0, 0(a1)); CHECK(a0, 0x6d61726b)
  TEST(6); la a1, marker; li a2, 0x40000000; add a1, a1, a2                 /* 0xc000_0000 alias */
  li a0, 0; RUN_IN_MODE(PRV_S, ld a0, 0(a1)); CHECK(a0, 0x6d61726b)
  TEST(7); la a1, marker; li a2, 0xffffffff40000000; add a1, a1, a2         /* sign-extended alias */
  li a0, 0; RUN_IN_MODE(PRV_S, ld a0, 0(a1)); CHECK(a0, 0x6d61726b)
  TEST(8); la a1, marker; li a2, 0x40000000; add a1, a1, a2; li a2, 0x77    /* store through the alias */
  RUN_IN_MODE(PRV_S, sd a2, 8(a1)); la a1, marker; ld a0, 8(a1); CHECK(a0, 0x77)
  TEST(9); li a1, 0x40200000; li a0, 0; RUN_IN_MODE(PRV_S, ld a0, 0(a1)); CHECK(a0, 0x2020)  /* 2 MiB */
  TEST(10); li a1, 0x40200000 + 0x12348; li a2, 0x12348; RUN_IN_MODE(PRV_S, sd a2, 0(a1))
  li a1, 0x80212348; ld a0, 0(a1); CHECK(a0, 0x12348)
  TEST(11); li a1, 0x403ffff8; li a2, 0x3ffff8; RUN_IN_MODE(PRV_S, sd a2, 0(a1))     /* last dword */
  li a1, 0x803ffff8; ld a0, 0(a1); CHECK(a0, 0x3ffff8)
  TEST(12); li a1, VA(0); li a0, 0; RUN_IN_MODE(PRV_S, ld a0, 0(a1)); CHECK(a0, 0x1111000000000000)  /* 4 KiB */
  TEST(13); li a1, VA(0) + 0xff8; li a2, 0xabc; RUN_IN_MODE(PRV_S, sd a2, 0(a1))
  la a1, dpage0 + 0xff8; ld a0, 0(a1); CHECK(a0, 0xabc)
  li a1, 0x100000000
  TEST_TRAP_IN_MODE(14, PRV_S, CAUSE_LOAD_PAGE, 0x100000000, ld a0, 0(a1))      /* misaligned 1 GiB */
  li a1, 0x40400000 + 0x10
  TEST_TRAP_IN_MODE(15, PRV_S, CAUSE_LOAD_PAGE, 0x40400010, ld a0, 0(a1))       /* misaligned 2 MiB */
  TEST_TRAP_IN_MODE(16, PRV_S, CAUSE_STORE_PAGE, 0x40400010, sd a0, 0(a1))
  li a1, 0x0000004000000000                                                   /* non-canonical */
  TEST_TRAP_IN_MODE(17, PRV_S, CAUSE_LOAD_PAGE, 0x0000004000000000, ld a0, 0(a1))
  li a1, 0xffffff8000000000 + 0x80000000
  TEST_TRAP_IN_MODE(18, PRV_S, CAUSE_STORE_PAGE, 0xffffff8080000000, sd a0, 0(a1))
  li a1, 0x8000000080000000
  TEST_FETCH_FAULT(19, CAUSE_FETCH_PAGE, 0x8000000080000000)

  /* ---- permissions ---- */
  TEST(20); li a1, VA(1); li a0, 0; RUN_IN_MODE(PRV_S, ld a0, 0(a1)); CHECK(a0, 0x2222)
  TEST_TRAP_IN_MODE(21, PRV_S, CAUSE_STORE_PAGE, VA(1), sd a0, 0(a1))          /* read-only */
  TEST_TRAP_IN_MODE(22, PRV_S, CAUSE_STORE_PAGE, VA(1), amoadd.d a0, a0, (a1))
  la a1, dpage1; ld a0, 0(a1); TEST(23); CHECK(a0, 0x2222)
  li a1, VA(1) + 8
  TEST_FETCH_FAULT(24, CAUSE_FETCH_PAGE, VA(1) + 8)                              /* not executable */
  li a1, VA(2)
  TEST_TRAP_IN_MODE(25, PRV_S, CAUSE_LOAD_PAGE, VA(2), ld a0, 0(a1))            /* execute-only */
  TEST_TRAP_IN_MODE(26, PRV_S, CAUSE_LOAD_PAGE, VA(2), lr.d a0, (a1))
  TEST(27); SET_MSTATUS(MSTATUS_MXR); li a0, 0; RUN_IN_MODE(PRV_S, ld a0, 0(a1)); CHECK(a0, 0x3333)
  TEST_TRAP_IN_MODE(28, PRV_S, CAUSE_STORE_PAGE, VA(2), sd a0, 0(a1))           /* MXR: read only */
  CLEAR_MSTATUS(MSTATUS_MXR)
  TEST_TRAP_IN_MODE(71, PRV_S, CAUSE_LOAD_PAGE, VA(2), ld a0, 0(a1))            /* MXR gone: no read */
  li a1, VA(4) + 0x10
  TEST_TRAP_IN_MODE(29, PRV_S, CAUSE_LOAD_PAGE, VA(4) + 0x10, lw a0, 0(a1))     /* invalid */
  TEST_TRAP_IN_MODE(30, PRV_S, CAUSE_STORE_PAGE, VA(4) + 0x10, sb a0, 0(a1))
  TEST_FETCH_FAULT(31, CAUSE_FETCH_PAGE, VA(4) + 0x10)
  li a1, VA(5)
  TEST_TRAP_IN_MODE(32, PRV_S, CAUSE_LOAD_PAGE, VA(5), ld a0, 0(a1))            /* W without R */
  TEST_TRAP_IN_MODE(33, PRV_S, CAUSE_STORE_PAGE, VA(5), sd a0, 0(a1))
  li a1, VA(10) + 0x20
  TEST_TRAP_IN_MODE(34, PRV_S, CAUSE_LOAD_PAGE, VA(10) + 0x20, ld a0, 0(a1))    /* non-leaf at level 0 */

  /* ---- U pages, SUM, U-mode ---- */
  li a1, VA(3)
  TEST_TRAP_IN_MODE(35, PRV_S, CAUSE_LOAD_PAGE, VA(3), ld a0, 0(a1))            /* SUM = 0 */
  TEST_TRAP_IN_MODE(36, PRV_S, CAUSE_STORE_PAGE, VA(3), sd a0, 0(a1))
  TEST(37); SET_MSTATUS(MSTATUS_SUM); li a0, 0; RUN_IN_MODE(PRV_S, ld a0, 0(a1)); CHECK(a0, 0x4444)
  TEST(38); li a2, 0x4445; RUN_IN_MODE(PRV_S, sd a2, 8(a1)); la a1, dpage3; ld a0, 8(a1); CHECK(a0, 0x4445)
  VA_OF(a1, s_func, vm_p, 9)
  TEST_FETCH_FAULT_AT(39, CAUSE_FETCH_PAGE)                                      /* never S fetch from U */
  CLEAR_MSTATUS(MSTATUS_SUM)
  li a1, VA(3)                                   /* SUM gone: what it allowed a moment ago faults */
  TEST_TRAP_IN_MODE(72, PRV_S, CAUSE_LOAD_PAGE, VA(3), ld a0, 0(a1))
  TEST_TRAP_IN_MODE(73, PRV_S, CAUSE_STORE_PAGE, VA(3), sd a0, 0(a1))
  TEST(40)       /* U runs code from a U page and reaches U data */
  VA_OF(a3, u_load, vm_p, 9); li a1, VA(3); li a0, 0; RUN_U_ROUTINE(a3, 1f)
1:CHECK_CAUSE(CAUSE_ECALL_U); CHECK(a0, 0x4444)
  TEST(41); VA_OF(a3, u_store, vm_p, 9); li a1, VA(3) + 16; li a2, 0x4446; RUN_U_ROUTINE(a3, 1f)
1:CHECK_CAUSE(CAUSE_ECALL_U); la a1, dpage3; ld a0, 16(a1); CHECK(a0, 0x4446)
  TEST(42)       /* ... but not S data, even with SUM */
  SET_MSTATUS(MSTATUS_SUM); VA_OF(a3, u_load, vm_p, 9); li a1, VA(0); RUN_U_ROUTINE(a3, 1f)
1:CHECK_CAUSE(CAUSE_LOAD_PAGE); CHECK_TVAL(VA(0)); LOAD_TREC(t5, TR_EPC); bne t5, a3, fail
  CLEAR_MSTATUS(MSTATUS_SUM)
  TEST(43); VA_OF(a3, u_store, vm_p, 9); li a1, VA(0) + 8; RUN_U_ROUTINE(a3, 1f)
1:CHECK_CAUSE(CAUSE_STORE_PAGE); CHECK_TVAL(VA(0) + 8)
  TEST(44)       /* ... nor S code */
  la a3, 2f; RUN_U_ROUTINE(a3, 1f)
2:j fail
1:CHECK_CAUSE(CAUSE_FETCH_PAGE); CHECK_EPC(2b); CHECK_TVAL_ADDR(2b)
  TEST(45)       /* ... nor a U page without X */
  li a3, VA(3); RUN_U_ROUTINE(a3, 1f)
1:CHECK_CAUSE(CAUSE_FETCH_PAGE); CHECK_EPC_VAL(VA(3)); CHECK_TVAL(VA(3))

  /* ---- fetch through 4 KiB pages ---- */
  TEST(46); VA_OF(a1, s_func, vm_p, 7); li a0, 0; RUN_IN_MODE(PRV_S, jalr ra, 0(a1)); CHECK(a0, 0x5a)
  TEST(47)       /* straddling instruction, pages P, P + 1 */
  VA_OF(a1, vm_straddle, vm_p, 7); li a0, 100; RUN_IN_MODE(PRV_S, jalr ra, 0(a1)); CHECK(a0, 101)
  TEST(48)       /* pages P, Q: the second half comes from Q */
  VA_OF(a1, vm_straddle, vm_p, 11); li a0, 100; RUN_IN_MODE(PRV_S, jalr ra, 0(a1)); CHECK(a0, 102)
  TEST(49)       /* the same code, untranslated in M-mode */
  la a1, vm_straddle; li a0, 100; jalr ra, 0(a1); CHECK(a0, 101)
  VA_OF(a1, vm_straddle_insn, vm_p, 13)                                         /* P, then nothing */
  TEST_FETCH_FAULT(50, CAUSE_FETCH_PAGE, VA(14))

  /* ---- A and D are set by the hardware ---- */
  TEST(51); PTE_ADDR(s4, pt_l0, 6); ld a0, 0(s4); andi a0, a0, PTE_A | PTE_D; CHECK(a0, 0)
  li a1, VA(6); RUN_IN_MODE(PRV_S, ld a0, 0(a1)); CHECK(a0, 0x6666)
  ld a0, 0(s4); andi a0, a0, PTE_A | PTE_D; CHECK(a0, PTE_A)
  TEST(52); li a2, 0x6667; RUN_IN_MODE(PRV_S, sd a2, 0(a1)); ld a0, 0(s4); andi a0, a0, PTE_A | PTE_D
  CHECK(a0, PTE_A | PTE_D); la a1, dpage6; ld a0, 0(a1); CHECK(a0, 0x6667)
  TEST(53); PTE_ADDR(s4, pt_l0, 18); li a1, VA(18); li a2, 0x1818; RUN_IN_MODE(PRV_S, sd a2, 0x100(a1))
  ld a0, 0(s4); andi a0, a0, PTE_A | PTE_D; CHECK(a0, PTE_A | PTE_D)
  TEST(54)       /* fetch sets A */
  la a1, vm_p1; PTE_SET(pt_l0, 8, a1, PTE_V | PTE_R | PTE_X); sfence.vma
  VA_OF(a1, s_func1, vm_p1, 8); li a0, 0; RUN_IN_MODE(PRV_S, jalr ra, 0(a1)); CHECK(a0, 0xa5)
  PTE_ADDR(s4, pt_l0, 8); ld a0, 0(s4); andi a0, a0, PTE_A | PTE_D; CHECK(a0, PTE_A)
  TEST(55)       /* a faulting access does not set A */
  la a1, dpage1; PTE_SET(pt_l0, 4, a1, PTE_V | PTE_R); sfence.vma
  li a1, VA(4); EXPECT_TRAP(1f); GOTO_MODE(PRV_S, 2f)
2:sd a0, 0(a1)
  j fail
1:CHECK_CAUSE(CAUSE_STORE_PAGE); PTE_ADDR(s4, pt_l0, 4); ld a0, 0(s4); andi a0, a0, PTE_D; CHECK(a0, 0)
  sd zero, 0(s4); sfence.vma

  /* ---- SFENCE.VMA ---- */
  TEST(56); li a1, VA(15); li a0, 0; RUN_IN_MODE(PRV_S, ld a0, 0(a1)); CHECK(a0, 0x1515)
  la a1, dpage16; PTE_SET(pt_l0, 15, a1, PTE_RWAD)                           /* remap */
  li a1, VA(15); RUN_IN_MODE(PRV_S, sfence.vma; ld a0, 0(a1)); CHECK(a0, 0x1616)
  TEST(57); la a1, dpage15; PTE_SET(pt_l0, 15, a1, PTE_RWAD)                   /* per-address */
  li a1, VA(15); RUN_IN_MODE(PRV_S, sfence.vma a1, zero; ld a0, 0(a1)); CHECK(a0, 0x1515)
  TEST(58); li a1, VA(16); li a2, 0x1718; RUN_IN_MODE(PRV_S, sd a2, 0(a1))     /* writable, cached */
  la a1, dpage17; PTE_SET(pt_l0, 16, a1, PTE_V | PTE_R | PTE_A)               /* now read-only */
  sfence.vma                                                                   /* (from M) */
  li a1, VA(16)
  TEST_TRAP_IN_MODE(59, PRV_S, CAUSE_STORE_PAGE, VA(16), sd a2, 0(a1))
  la a1, dpage17; ld a0, 0(a1); CHECK(a0, 0x1718)

  /* ---- delegation of page faults to S ---- */
  TEST(60); li a1, (1 << CAUSE_LOAD_PAGE) | (1 << CAUSE_STORE_PAGE) | (1 << CAUSE_FETCH_PAGE); csrw medeleg, a1
  li a1, VA(4) + 0x18
  TEST_TRAP_TO_S(61, PRV_S, CAUSE_LOAD_PAGE, VA(4) + 0x18, ld a0, 0(a1))
  TEST_TRAP_TO_S(62, PRV_S, CAUSE_STORE_PAGE, VA(4) + 0x18, sd a0, 0(a1))
  TEST(63); EXPECT_TRAP(1f); GOTO_MODE(PRV_S, 2f)
2:jr a1
  j fail
1:BACK_TO_M; CHECK_LEVEL(PRV_S); CHECK_CAUSE(CAUSE_FETCH_PAGE); CHECK_EPC_VAL(VA(4) + 0x18); CHECK_TVAL(VA(4) + 0x18)
  TEST(64); VA_OF(a3, u_load, vm_p, 9); li a1, VA(1); RUN_U_ROUTINE(a3, 1f)     /* U touching an S page */
1:BACK_TO_M; CHECK_LEVEL(PRV_S); CHECK_CAUSE(CAUSE_LOAD_PAGE); CHECK_TVAL(VA(1))
  csrw medeleg, zero

  /* ---- MPRV ---- */
  TEST(65)       /* MPP = S: M-mode loads and stores are translated */
  li a1, MSTATUS_MPP; csrc mstatus, a1; li a1, MSTATUS_MPP_S | MSTATUS_MPRV; csrs mstatus, a1
  li a1, VA(0); ld a0, 0(a1); li a2, 0x600d; sd a2, 0x10(a1)
  CLEAR_MSTATUS(MSTATUS_MPRV)
  CHECK(a0, 0x1111000000000000); la a1, dpage0; ld a0, 0x10(a1); CHECK(a0, 0x600d)
  TEST(66)       /* MPP = U: S pages fault, with mepc = the M-mode instruction */
  li a1, VA(0); EXPECT_TRAP(1f)
  li t6, MSTATUS_MPP; csrc mstatus, t6; SET_MSTATUS(MSTATUS_MPRV)
2:ld a0, 0(a1)
  j fail
1:CLEAR_MSTATUS(MSTATUS_MPRV); CHECK_CAUSE(CAUSE_LOAD_PAGE); CHECK_TVAL(VA(0)); CHECK_EPC(2b)
  CHECK_LEVEL(PRV_M)
  TEST(67)       /* MPP = U: U pages are fine; fetches stay untranslated */
  li a1, VA(3); li t6, MSTATUS_MPP; csrc mstatus, t6; SET_MSTATUS(MSTATUS_MPRV)
  ld a0, 0(a1)
  CLEAR_MSTATUS(MSTATUS_MPRV); CHECK(a0, 0x4444)

  /* ---- PTE bits 63:54 are reserved (no Svpbmt / Svnapot): the PTE is invalid ---- */
  la a1, dpage0; PTE_SET(pt_l0, 17, a1, PTE_RWAD); PTE_ADDR(s4, pt_l0, 17); ld a1, 0(s4)
  li a2, 1 << 60; or a1, a1, a2; sd a1, 0(s4); sfence.vma; li a1, VA(17)
  TEST_TRAP_IN_MODE(68, PRV_S, CAUSE_LOAD_PAGE, VA(17), ld a0, 0(a1))

  /* ---- rvisor only ---- */
  SKIP_UNLESS_RVISOR(9f)
  TEST(69); csrr a1, satp; li a2, 0x9000000000000000 | 0x12345; csrw satp, a2; csrr a0, satp; CHECK_REG(a0, a1)
  TEST(70); li a2, 0xa000000000000000 | 0x12345; csrw satp, a2; csrr a0, satp; CHECK_REG(a0, a1)
9:
  csrw satp, zero; sfence.vma
  j pass
TEST_END

  /* ---- code pages P, P + 1 and Q (Q is not P + 1's successor) ---- */
  .section .text.vmcode, "ax", @progbits
  CODE_ALIGN(4096)
vm_p:
u_load:                      /* U: a0 = *a1 */
  ld a0, 0(a1)
  ecall
u_store:                     /* U: *a1 = a2 */
  sd a2, 0(a1)
  ecall
s_func:
  li a0, 0x5a
  ret
  .skip vm_p + 4096 - 4 - .
vm_straddle:                 /* addi a0, a0, 1 (or 2): its upper half is in the next page */
  .half 0x0001               /* c.nop */
vm_straddle_insn:
  .half 0x0513               /* low half of addi a0, a0, imm */
vm_p1:
  .half (1 << 4) | 5         /* imm = 1 */
  ret
s_func1:
  li a0, 0xa5
  ret
  .skip vm_p1 + 4096 - .
vm_q:
  .half (2 << 4) | 5         /* imm = 2 */
  ret

  .data
  .align 3
marker:
  .dword 0x6d61726b
  .dword 0

  .bss
  .align 12
pt_root: .zero 4096
pt_l1:   .zero 4096
pt_l0:   .zero 4096
dpage0:  .zero 4096
dpage1:  .zero 4096
dpage2:  .zero 4096
dpage3:  .zero 4096
dpage6:  .zero 4096
dpage15: .zero 4096
dpage16: .zero 4096
dpage17: .zero 4096
