/* rvisor ISA test: misaligned loads and stores, done transparently (no trap).
   - Every load (LH LHU LW LWU LD) and store (SH SW SD) at every misaligned offset within a
     doubleword and across doublewords (table-driven; sign/zero extension, neighbours untouched);
     compressed loads/stores with a misaligned base.
   - Across a 4 KiB page boundary in M-, S- and U-mode without translation.
   - Under Sv39 (S-mode): across two virtual pages mapped to non-adjacent frames (each part goes to
     its own frame); into an invalid page (load / store page fault, mepc = the instruction, mtval =
     the VA of the page that faulted) and into a read-only page (store page fault); a straddling
     store sets A and D in both PTEs.
   Not here: misaligned LR/SC/AMO (they trap: rv64a.S), misaligned instruction fetch (impossible
   with C: priv-traps.S), device (MMIO) regions.
   Table rows: row i of ltab_<op>/stab_<op> is check first + i; expected values were computed offline
   from the byte pattern at mbuf. */
#include "test.h"

#define VA(i) (0x40000000 + (i) * 0x1000)
/* rows: .dword offset, expected */
#define LOAD_TABLE(first, op, table, count) \
  li TESTNUM, first; la s0, table; li s1, count; la s3, mbuf; \
80900: ld a1, 0(s0); add a1, a1, s3; op a0, 0(a1); ld t6, 8(s0); bne a0, t6, fail; \
  addi TESTNUM, TESTNUM, 1; addi s0, s0, 16; addi s1, s1, -1; bnez s1, 80900b
/* rows: .dword offset, expected dword 0, 1, 2 of sbuf (filled with 0xaa first) */
#define STORE_TABLE(first, op, table, count) \
  li TESTNUM, first; la s0, table; li s1, count; la s3, sbuf; li s4, 0x0123456789abcdef; \
  li s6, 0xaaaaaaaaaaaaaaaa; \
80910: sd s6, 0(s3); sd s6, 8(s3); sd s6, 16(s3); ld a1, 0(s0); add a1, a1, s3; op s4, 0(a1); \
  ld a0, 0(s3); ld t6, 8(s0); bne a0, t6, fail; ld a0, 8(s3); ld t6, 16(s0); bne a0, t6, fail; \
  ld a0, 16(s3); ld t6, 24(s0); bne a0, t6, fail; \
  addi TESTNUM, TESTNUM, 1; addi s0, s0, 32; addi s1, s1, -1; bnez s1, 80910b
#define FILL_AA(reg) li t5, 0xaaaaaaaaaaaaaaaa; sd t5, -8(reg); sd t5, 0(reg)
#define RVC .option push; .option rvc
#define NORVC .option pop

TEST_BEGIN

  /* ---- every width at every offset (table-driven) ---- */
  LOAD_TABLE(1, lh, ltab_lh, 8)  /* checks 1..8 */
  LOAD_TABLE(9, lhu, ltab_lhu, 8)  /* checks 9..16 */
  LOAD_TABLE(17, lw, ltab_lw, 10)  /* checks 17..26 */
  LOAD_TABLE(27, lwu, ltab_lwu, 10)  /* checks 27..36 */
  LOAD_TABLE(37, ld, ltab_ld, 8)  /* checks 37..44 */
  STORE_TABLE(45, sh, stab_sh, 8)  /* checks 45..52 */
  STORE_TABLE(53, sw, stab_sw, 10)  /* checks 53..62 */
  STORE_TABLE(63, sd, stab_sd, 8)  /* checks 63..70 */

  /* ---- compressed loads and stores with a misaligned base ---- */
  la a4, mbuf + 3
  TEST(71); RVC; c.ld a0, 0(a4); NORVC; CHECK(a0, 0x31200ffeeddccbba)
  TEST(72); RVC; c.lw a0, 4(a4); NORVC; CHECK(a0, 0x31200ffe)
  la sp, mbuf + 1
  TEST(73); RVC; c.ldsp a0, 0(sp); NORVC; CHECK(a0, 0xffeeddccbbaa998)
  TEST(74); RVC; c.lwsp a0, 4(sp); NORVC; CHECK(a0, 0xffeeddc)
  la a4, sbuf + 5; la sp, sbuf + 1; li a5, 0x0123456789abcdef; la s3, sbuf; li s6, 0xaaaaaaaaaaaaaaaa
  TEST(75); sd s6, 0(s3); sd s6, 8(s3); sd s6, 16(s3); RVC; c.sd a5, 0(a4); NORVC
  ld a0, 0(s3); CHECK(a0, 0xabcdefaaaaaaaaaa); ld a0, 8(s3); CHECK(a0, 0xaaaaaa0123456789)
  TEST(76); sd s6, 0(s3); sd s6, 8(s3); sd s6, 16(s3); addi a4, s3, -1; RVC; c.sw a5, 4(a4); NORVC
  ld a0, 0(s3); CHECK(a0, 0xaa89abcdefaaaaaa); ld a0, 8(s3); CHECK(a0, 0xaaaaaaaaaaaaaaaa)
  TEST(77); sd s6, 0(s3); sd s6, 8(s3); sd s6, 16(s3); RVC; c.sdsp a5, 8(sp); NORVC
  ld a0, 8(s3); CHECK(a0, 0x23456789abcdefaa); ld a0, 16(s3); CHECK(a0, 0xaaaaaaaaaaaaaa01)
  TEST(78); sd s6, 0(s3); sd s6, 8(s3); sd s6, 16(s3); RVC; c.swsp a5, 4(sp); NORVC
  ld a0, 0(s3); CHECK(a0, 0xabcdefaaaaaaaaaa); ld a0, 8(s3); CHECK(a0, 0xaaaaaaaaaaaaaa89)

  /* ---- across a page boundary, untranslated: M-mode ---- */
  la s5, xpage + 4096
  la a1, mbuf; ld a2, 0(a1); sd a2, -8(s5); ld a2, 8(a1); sd a2, 0(s5); li s6, 0x0123456789abcdef
  TEST_CASE(79, a0, 0xffe, lh a0, -1(s5))
  TEST_CASE(80, a0, 0xffe, lhu a0, -1(s5))
  TEST_CASE(81, a0, 0x31200ffe, lw a0, -1(s5))
  TEST_CASE(82, a0, 0x200ffeed, lw a0, -2(s5))
  TEST_CASE(83, a0, 0xffeeddc, lw a0, -3(s5))
  TEST_CASE(84, a0, 0xffeeddc, lwu a0, -3(s5))
  TEST_CASE(85, a0, 0x7564534231200ffe, ld a0, -1(s5))
  TEST_CASE(86, a0, 0x64534231200ffeed, ld a0, -2(s5))
  TEST_CASE(87, a0, 0x534231200ffeeddc, ld a0, -3(s5))
  TEST_CASE(88, a0, 0x4231200ffeeddccb, ld a0, -4(s5))
  TEST_CASE(89, a0, 0x31200ffeeddccbba, ld a0, -5(s5))
  TEST_CASE(90, a0, 0x200ffeeddccbbaa9, ld a0, -6(s5))
  TEST_CASE(91, a0, 0xffeeddccbbaa998, ld a0, -7(s5))
  TEST(92); FILL_AA(s5); sh s6, -1(s5); ld a0, -8(s5); ld a1, 0(s5); CHECK(a0, 0xefaaaaaaaaaaaaaa); CHECK(a1, 0xaaaaaaaaaaaaaacd)
  TEST(93); FILL_AA(s5); sw s6, -1(s5); ld a0, -8(s5); ld a1, 0(s5); CHECK(a0, 0xefaaaaaaaaaaaaaa); CHECK(a1, 0xaaaaaaaaaa89abcd)
  TEST(94); FILL_AA(s5); sw s6, -2(s5); ld a0, -8(s5); ld a1, 0(s5); CHECK(a0, 0xcdefaaaaaaaaaaaa); CHECK(a1, 0xaaaaaaaaaaaa89ab)
  TEST(95); FILL_AA(s5); sw s6, -3(s5); ld a0, -8(s5); ld a1, 0(s5); CHECK(a0, 0xabcdefaaaaaaaaaa); CHECK(a1, 0xaaaaaaaaaaaaaa89)
  TEST(96); FILL_AA(s5); sd s6, -1(s5); ld a0, -8(s5); ld a1, 0(s5); CHECK(a0, 0xefaaaaaaaaaaaaaa); CHECK(a1, 0xaa0123456789abcd)
  TEST(97); FILL_AA(s5); sd s6, -3(s5); ld a0, -8(s5); ld a1, 0(s5); CHECK(a0, 0xabcdefaaaaaaaaaa); CHECK(a1, 0xaaaaaa0123456789)
  TEST(98); FILL_AA(s5); sd s6, -4(s5); ld a0, -8(s5); ld a1, 0(s5); CHECK(a0, 0x89abcdefaaaaaaaa); CHECK(a1, 0xaaaaaaaa01234567)
  TEST(99); FILL_AA(s5); sd s6, -5(s5); ld a0, -8(s5); ld a1, 0(s5); CHECK(a0, 0x6789abcdefaaaaaa); CHECK(a1, 0xaaaaaaaaaa012345)
  TEST(100); FILL_AA(s5); sd s6, -7(s5); ld a0, -8(s5); ld a1, 0(s5); CHECK(a0, 0x23456789abcdefaa); CHECK(a1, 0xaaaaaaaaaaaaaa01)
  /* the stores above overwrote the pattern: restore it */
  la a1, mbuf; ld a2, 0(a1); sd a2, -8(s5); ld a2, 8(a1); sd a2, 0(s5)
  /* ... in S- and U-mode */
  TEST(101); li a0, 0; RUN_IN_MODE(PRV_S, ld a0, -3(s5)); CHECK(a0, 0x534231200ffeeddc)
  TEST(102); li a0, 0; RUN_IN_MODE(PRV_U, ld a0, -3(s5)); CHECK(a0, 0x534231200ffeeddc)
  TEST(103); li a0, 0; RUN_IN_MODE(PRV_U, lw a0, -1(s5)); CHECK(a0, 0x31200ffe)
  TEST(104); RUN_IN_MODE(PRV_U, sd s6, -5(s5)); ld a0, -8(s5); ld a1, 0(s5); CHECK(a0, 0x6789abcdefa99887); CHECK(a1, 0x8675645342012345)
  la a1, mbuf; ld a2, 0(a1); sd a2, -8(s5); ld a2, 8(a1); sd a2, 0(s5)
  TEST(105); RUN_IN_MODE(PRV_S, sd s6, -5(s5)); ld a0, -8(s5); ld a1, 0(s5); CHECK(a0, 0x6789abcdefa99887); CHECK(a1, 0x8675645342012345)

  /* ---- under Sv39 ---- */
  ZERO_BSS
  li a1, 0x80000000; PTE_SET(pt_root, 2, a1, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)
  la a1, pt_l1; PTE_SET(pt_root, 1, a1, PTE_V)
  la a1, pt_l0; PTE_SET(pt_l1, 0, a1, PTE_V)
  la a1, dpa; PTE_SET(pt_l0, 0, a1, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
  la a1, dpb; PTE_SET(pt_l0, 1, a1, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)     /* not dpa + 4096 */
  la a1, dpc; PTE_SET(pt_l0, 2, a1, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
  /* 3: invalid */
  la a1, dpd; PTE_SET(pt_l0, 4, a1, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
  la a1, dpe; PTE_SET(pt_l0, 5, a1, PTE_V | PTE_R | PTE_A)                     /* read-only */
  la a1, dpf; PTE_SET(pt_l0, 6, a1, PTE_V | PTE_R | PTE_W)                     /* A = D = 0 */
  la a1, dpg; PTE_SET(pt_l0, 7, a1, PTE_V | PTE_R | PTE_W)
  la a1, mbuf; ld a2, 0(a1); la a3, dpa + 4096 - 8; sd a2, 0(a3); ld a2, 8(a1); la a3, dpb; sd a2, 0(a3)
  SATP_SV39(pt_root)
  li s5, VA(1)
  TEST(106); li a0, 0; RUN_IN_MODE(PRV_S, ld a0, -3(s5)); CHECK(a0, 0x534231200ffeeddc)
  TEST(107); li a0, 0; RUN_IN_MODE(PRV_S, lw a0, -1(s5)); CHECK(a0, 0x31200ffe)
  TEST(108); li a0, 0; RUN_IN_MODE(PRV_S, lhu a0, -1(s5)); CHECK(a0, 0xffe)
  TEST(109); RUN_IN_MODE(PRV_S, sd s6, -5(s5))
  la a3, dpa + 4096 - 8; ld a0, 0(a3); CHECK(a0, 0x6789abcdefa99887); la a3, dpb; ld a0, 0(a3); CHECK(a0, 0x8675645342012345)
  li s5, VA(3)
  TEST_TRAP_IN_MODE(110, PRV_S, CAUSE_LOAD_PAGE, VA(3), ld a0, -4(s5))            /* into an invalid page */
  TEST_TRAP_IN_MODE(111, PRV_S, CAUSE_STORE_PAGE, VA(3), sd a0, -2(s5))
  TEST_TRAP_IN_MODE(112, PRV_S, CAUSE_LOAD_PAGE, VA(3), lw a0, -1(s5))
  li s5, VA(5)
  TEST_TRAP_IN_MODE(113, PRV_S, CAUSE_STORE_PAGE, VA(5), sw a0, -2(s5))           /* into a read-only page */
  li s5, VA(7)
  TEST(114); RUN_IN_MODE(PRV_S, sd s6, -4(s5))                                    /* A and D on both pages */
  PTE_ADDR(a3, pt_l0, 6); ld a0, 0(a3); andi a0, a0, PTE_A | PTE_D; CHECK(a0, PTE_A | PTE_D)
  PTE_ADDR(a3, pt_l0, 7); ld a0, 0(a3); andi a0, a0, PTE_A | PTE_D; CHECK(a0, PTE_A | PTE_D)
  la a3, dpf + 4096 - 4; lwu a0, 0(a3); CHECK(a0, 0x89abcdef); la a3, dpg; lwu a0, 0(a3); CHECK(a0, 0x01234567)
  csrw satp, zero; sfence.vma

  j pass
TEST_END

  .data
  .align 4
mbuf:
  .byte 0x87, 0x98, 0xa9, 0xba, 0xcb, 0xdc, 0xed, 0xfe, 0x0f, 0x20, 0x31, 0x42, 0x53, 0x64, 0x75, 0x86, 0x97, 0xa8, 0xb9, 0xca, 0xdb, 0xec, 0xfd, 0x0e, 0x1f, 0x30, 0x41, 0x52, 0x63, 0x74, 0x85, 0x96
sbuf:
  .zero 32
  .section .rodata
  .align 3
ltab_lh:  /* lh: offset into mbuf, expected  (check number) */
  .dword 0, 0xffffffffffff9887  /* 1 */
  .dword 1, 0xffffffffffffa998  /* 2 */
  .dword 3, 0xffffffffffffcbba  /* 3 */
  .dword 5, 0xffffffffffffeddc  /* 4 */
  .dword 7, 0xffe  /* 5 */
  .dword 9, 0x3120  /* 6 */
  .dword 11, 0x5342  /* 7 */
  .dword 13, 0x7564  /* 8 */
ltab_lhu:  /* lhu: offset into mbuf, expected  (check number) */
  .dword 0, 0x9887  /* 9 */
  .dword 1, 0xa998  /* 10 */
  .dword 3, 0xcbba  /* 11 */
  .dword 5, 0xeddc  /* 12 */
  .dword 7, 0xffe  /* 13 */
  .dword 9, 0x3120  /* 14 */
  .dword 11, 0x5342  /* 15 */
  .dword 13, 0x7564  /* 16 */
ltab_lw:  /* lw: offset into mbuf, expected  (check number) */
  .dword 0, 0xffffffffbaa99887  /* 17 */
  .dword 1, 0xffffffffcbbaa998  /* 18 */
  .dword 2, 0xffffffffdccbbaa9  /* 19 */
  .dword 3, 0xffffffffeddccbba  /* 20 */
  .dword 5, 0xffeeddc  /* 21 */
  .dword 6, 0x200ffeed  /* 22 */
  .dword 7, 0x31200ffe  /* 23 */
  .dword 9, 0x53423120  /* 24 */
  .dword 10, 0x64534231  /* 25 */
  .dword 11, 0x75645342  /* 26 */
ltab_lwu:  /* lwu: offset into mbuf, expected  (check number) */
  .dword 0, 0xbaa99887  /* 27 */
  .dword 1, 0xcbbaa998  /* 28 */
  .dword 2, 0xdccbbaa9  /* 29 */
  .dword 3, 0xeddccbba  /* 30 */
  .dword 5, 0xffeeddc  /* 31 */
  .dword 6, 0x200ffeed  /* 32 */
  .dword 7, 0x31200ffe  /* 33 */
  .dword 9, 0x53423120  /* 34 */
  .dword 10, 0x64534231  /* 35 */
  .dword 11, 0x75645342  /* 36 */
ltab_ld:  /* ld: offset into mbuf, expected  (check number) */
  .dword 0, 0xfeeddccbbaa99887  /* 37 */
  .dword 1, 0xffeeddccbbaa998  /* 38 */
  .dword 2, 0x200ffeeddccbbaa9  /* 39 */
  .dword 3, 0x31200ffeeddccbba  /* 40 */
  .dword 4, 0x4231200ffeeddccb  /* 41 */
  .dword 5, 0x534231200ffeeddc  /* 42 */
  .dword 6, 0x64534231200ffeed  /* 43 */
  .dword 7, 0x7564534231200ffe  /* 44 */
stab_sh:  /* sh of 0x0123456789abcdef: offset into sbuf, expected dwords 0..2  (check number) */
  .dword 0, 0xaaaaaaaaaaaacdef, 0xaaaaaaaaaaaaaaaa, 0xaaaaaaaaaaaaaaaa  /* 45 */
  .dword 1, 0xaaaaaaaaaacdefaa, 0xaaaaaaaaaaaaaaaa, 0xaaaaaaaaaaaaaaaa  /* 46 */
  .dword 3, 0xaaaaaacdefaaaaaa, 0xaaaaaaaaaaaaaaaa, 0xaaaaaaaaaaaaaaaa  /* 47 */
  .dword 5, 0xaacdefaaaaaaaaaa, 0xaaaaaaaaaaaaaaaa, 0xaaaaaaaaaaaaaaaa  /* 48 */
  .dword 7, 0xefaaaaaaaaaaaaaa, 0xaaaaaaaaaaaaaacd, 0xaaaaaaaaaaaaaaaa  /* 49 */
  .dword 9, 0xaaaaaaaaaaaaaaaa, 0xaaaaaaaaaacdefaa, 0xaaaaaaaaaaaaaaaa  /* 50 */
  .dword 11, 0xaaaaaaaaaaaaaaaa, 0xaaaaaacdefaaaaaa, 0xaaaaaaaaaaaaaaaa  /* 51 */
  .dword 13, 0xaaaaaaaaaaaaaaaa, 0xaacdefaaaaaaaaaa, 0xaaaaaaaaaaaaaaaa  /* 52 */
stab_sw:  /* sw of 0x0123456789abcdef: offset into sbuf, expected dwords 0..2  (check number) */
  .dword 0, 0xaaaaaaaa89abcdef, 0xaaaaaaaaaaaaaaaa, 0xaaaaaaaaaaaaaaaa  /* 53 */
  .dword 1, 0xaaaaaa89abcdefaa, 0xaaaaaaaaaaaaaaaa, 0xaaaaaaaaaaaaaaaa  /* 54 */
  .dword 2, 0xaaaa89abcdefaaaa, 0xaaaaaaaaaaaaaaaa, 0xaaaaaaaaaaaaaaaa  /* 55 */
  .dword 3, 0xaa89abcdefaaaaaa, 0xaaaaaaaaaaaaaaaa, 0xaaaaaaaaaaaaaaaa  /* 56 */
  .dword 5, 0xabcdefaaaaaaaaaa, 0xaaaaaaaaaaaaaa89, 0xaaaaaaaaaaaaaaaa  /* 57 */
  .dword 6, 0xcdefaaaaaaaaaaaa, 0xaaaaaaaaaaaa89ab, 0xaaaaaaaaaaaaaaaa  /* 58 */
  .dword 7, 0xefaaaaaaaaaaaaaa, 0xaaaaaaaaaa89abcd, 0xaaaaaaaaaaaaaaaa  /* 59 */
  .dword 9, 0xaaaaaaaaaaaaaaaa, 0xaaaaaa89abcdefaa, 0xaaaaaaaaaaaaaaaa  /* 60 */
  .dword 10, 0xaaaaaaaaaaaaaaaa, 0xaaaa89abcdefaaaa, 0xaaaaaaaaaaaaaaaa  /* 61 */
  .dword 11, 0xaaaaaaaaaaaaaaaa, 0xaa89abcdefaaaaaa, 0xaaaaaaaaaaaaaaaa  /* 62 */
stab_sd:  /* sd of 0x0123456789abcdef: offset into sbuf, expected dwords 0..2  (check number) */
  .dword 0, 0x123456789abcdef, 0xaaaaaaaaaaaaaaaa, 0xaaaaaaaaaaaaaaaa  /* 63 */
  .dword 1, 0x23456789abcdefaa, 0xaaaaaaaaaaaaaa01, 0xaaaaaaaaaaaaaaaa  /* 64 */
  .dword 2, 0x456789abcdefaaaa, 0xaaaaaaaaaaaa0123, 0xaaaaaaaaaaaaaaaa  /* 65 */
  .dword 3, 0x6789abcdefaaaaaa, 0xaaaaaaaaaa012345, 0xaaaaaaaaaaaaaaaa  /* 66 */
  .dword 4, 0x89abcdefaaaaaaaa, 0xaaaaaaaa01234567, 0xaaaaaaaaaaaaaaaa  /* 67 */
  .dword 5, 0xabcdefaaaaaaaaaa, 0xaaaaaa0123456789, 0xaaaaaaaaaaaaaaaa  /* 68 */
  .dword 6, 0xcdefaaaaaaaaaaaa, 0xaaaa0123456789ab, 0xaaaaaaaaaaaaaaaa  /* 69 */
  .dword 7, 0xefaaaaaaaaaaaaaa, 0xaa0123456789abcd, 0xaaaaaaaaaaaaaaaa  /* 70 */

  .bss
  .align 12
xpage: .zero 8192
pt_root: .zero 4096
pt_l1: .zero 4096
pt_l0: .zero 4096
dpa: .zero 4096
gap: .zero 4096
dpb: .zero 4096
dpc: .zero 4096
dpd: .zero 4096
dpe: .zero 4096
dpf: .zero 4096
dpg: .zero 4096
