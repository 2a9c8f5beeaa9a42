/* rvisor ISA test: RV64C, every integer form.
   C.ADDI4SPN C.LW C.LD C.SW C.SD C.NOP C.ADDI C.ADDIW C.LI C.ADDI16SP C.LUI C.SRLI C.SRAI C.ANDI
   C.SUB C.XOR C.OR C.AND C.SUBW C.ADDW C.J C.BEQZ C.BNEZ C.SLLI C.LWSP C.LDSP C.SWSP C.SDSP
   C.JR C.MV C.EBREAK C.JALR (link = pc + 2) C.ADD: immediate extremes and signs, both ends of the
   3-bit register field (x8 and x15), 32-bit results sign-extended (C.ADDIW/C.SUBW/C.ADDW, C.LW),
   forward/backward branches and jumps; HINT encodings (C.NOP/C.ADDI/C.LI/C.LUI/C.MV/C.ADD/C.SLLI
   with rd = x0, C.SLLI with shamt 0) execute as no-ops; 32-bit instructions at 2-mod-4 addresses
   and one straddling a 4 KiB page boundary. Illegal: 0x0000, and the reserved C.ADDI4SPN imm=0,
   C.LUI imm=0, C.ADDI16SP imm=0, C.JR x0, C.ADDIW x0, C.LWSP x0, C.LDSP x0, plus the FP forms
   (C.FLD, C.FSDSP) — mtval = the 16 instruction bits. The C.EBREAK trap is in priv-traps.S too.
   Not here: compressed instructions under translation or crossing into an unmapped page (sv39.S). */
#include "test.h"

#define RVC .option push; .option rvc
#define NORVC .option pop

/* a 16-bit encoding that must raise an illegal-instruction exception with mtval = its bits */
#define TEST_C_ILLEGAL(n, bits) \
  TEST(n); EXPECT_TRAP(80301f); \
80300: .half bits; .half 0x0001; j fail; \
80301: CHECK_CAUSE(CAUSE_ILLEGAL); CHECK_EPC(80300b); CHECK_TVAL(bits)

TEST_BEGIN
  la sp, cstack

  /* ---- C.ADDI4SPN ---- */
  RVC
  TEST(1); c.addi4spn s0, sp, 4; NORVC; la a1, cstack + 4; CHECK_REG(s0, a1); RVC
  TEST(2); c.addi4spn a5, sp, 1020; NORVC; la a1, cstack + 1020; CHECK_REG(a5, a1); RVC
  TEST(3); c.addi4spn a0, sp, 512; NORVC; la a1, cstack + 512; CHECK_REG(a0, a1); RVC

  /* ---- C.LW / C.LD / C.SW / C.SD ---- */
  NORVC; la s1, cdata; RVC
  TEST(4); c.lw a0, 0(s1); NORVC; CHECK(a0, 0xffffffff87654321); RVC
  TEST(5); c.lw s0, 4(s1); NORVC; CHECK(s0, 0x12345678); RVC
  TEST(6); c.ld a5, 8(s1); NORVC; CHECK(a5, 0x8000000000000001); RVC
  TEST(7); c.ld a2, 248(s1); NORVC; CHECK(a2, 0x0fedcba987654321); RVC
  TEST(8); c.lw a3, 124(s1); NORVC; CHECK(a3, 0xffffffffdeadbeef); RVC
  TEST(9); c.lw s1, 0(s1); NORVC; CHECK(s1, 0xffffffff87654321); la s1, cdata; RVC   /* rd = rs1 */
  NORVC; la a4, cbuf; li a0, 0x1122334455667788; li s0, 0xaaaaaaaaaaaaaaaa; sd s0, 0(a4); sd s0, 8(a4); RVC
  TEST(10); c.sw a0, 4(a4); NORVC; ld a1, 0(a4); CHECK(a1, 0x55667788aaaaaaaa); RVC
  TEST(11); c.sd a0, 8(a4); NORVC; ld a1, 8(a4); CHECK(a1, 0x1122334455667788); RVC
  TEST(12); c.sw s0, 124(a4); NORVC; lwu a1, 124(a4); CHECK(a1, 0xaaaaaaaa); RVC
  TEST(13); c.sd a5, 248(a4); NORVC; ld a1, 248(a4); CHECK(a1, 0x8000000000000001); RVC

  /* ---- C.NOP / C.ADDI / C.LI / C.ADDIW ---- */
  NORVC; li a0, 100; RVC
  TEST(14); c.nop; NORVC; CHECK(a0, 100); RVC
  TEST(15); c.addi a0, 31; NORVC; CHECK(a0, 131); RVC
  TEST(16); c.addi a0, -32; NORVC; CHECK(a0, 99); RVC
  TEST(17); c.addi a0, -1; NORVC; CHECK(a0, 98); RVC
  NORVC; li t1, -1; RVC
  TEST(18); c.addi t1, 1; NORVC; CHECK(t1, 0); RVC          /* full register range */
  NORVC; li s11, 0x7fffffffffffffff; RVC
  TEST(19); c.addi s11, 1; NORVC; CHECK(s11, 0x8000000000000000); RVC
  TEST(20); c.li a0, 0; NORVC; CHECK(a0, 0); RVC
  TEST(21); c.li a0, 31; NORVC; CHECK(a0, 31); RVC
  TEST(22); c.li ra, -32; NORVC; CHECK(ra, -32); RVC
  TEST(23); c.li t6, -1; NORVC; li t5, -1; bne t6, t5, fail; RVC
  NORVC; li a0, 0x7fffffff; RVC
  TEST(24); c.addiw a0, 1; NORVC; CHECK(a0, 0xffffffff80000000); RVC
  NORVC; li a0, 0x12345678ffffffff; RVC
  TEST(25); c.addiw a0, 0; NORVC; CHECK(a0, 0xffffffffffffffff); RVC   /* sext.w */
  NORVC; li s5, 0xffffffff00000000; RVC
  TEST(26); c.addiw s5, -32; NORVC; CHECK(s5, 0xffffffffffffffe0); RVC
  TEST(27); c.addiw s5, 31; NORVC; CHECK(s5, 0xffffffffffffffff); RVC

  /* ---- C.ADDI16SP / C.LUI ---- */
  NORVC; la sp, cstack; RVC
  TEST(28); c.addi16sp sp, 496; NORVC; la a1, cstack + 496; CHECK_REG(sp, a1); RVC
  TEST(29); c.addi16sp sp, -512; NORVC; la a1, cstack - 16; CHECK_REG(sp, a1); RVC
  TEST(30); c.addi16sp sp, 16; NORVC; la a1, cstack; CHECK_REG(sp, a1); RVC
  TEST(31); c.lui a0, 1; NORVC; CHECK(a0, 0x1000); RVC
  TEST(32); c.lui a0, 31; NORVC; CHECK(a0, 0x1f000); RVC
  TEST(33); c.lui s2, 0xfffff; NORVC; CHECK(s2, 0xfffffffffffff000); RVC
  TEST(34); c.lui t6, 0xfffe0; NORVC; li t5, 0xfffffffffffe0000; bne t6, t5, fail; RVC
  TEST(35); c.lui ra, 0x10; NORVC; CHECK(ra, 0x10000); RVC

  /* ---- C.SRLI / C.SRAI / C.ANDI ---- */
  NORVC; li a0, 0x8000000000000010; RVC
  TEST(36); c.srli a0, 4; NORVC; CHECK(a0, 0x0800000000000001); RVC
  NORVC; li a0, 0x8000000000000010; RVC
  TEST(37); c.srli a0, 63; NORVC; CHECK(a0, 1); RVC
  NORVC; li s0, 0x8000000000000010; RVC
  TEST(38); c.srai s0, 4; NORVC; CHECK(s0, 0xf800000000000001); RVC
  NORVC; li a5, 0x8000000000000010; RVC
  TEST(39); c.srai a5, 63; NORVC; CHECK(a5, -1); RVC
  NORVC; li a5, 0x7000000000000010; RVC
  TEST(40); c.srai a5, 32; NORVC; CHECK(a5, 0x70000000); RVC
  NORVC; li a1, 0x123456789abcdef5; RVC
  TEST(41); c.andi a1, -1; NORVC; CHECK(a1, 0x123456789abcdef5); RVC
  TEST(42); c.andi a1, -32; NORVC; CHECK(a1, 0x123456789abcdee0); RVC
  TEST(43); c.andi a1, 31; NORVC; CHECK(a1, 0); RVC
  NORVC; li a1, 0xff; RVC
  TEST(44); c.andi a1, 0x15; NORVC; CHECK(a1, 0x15); RVC

  /* ---- C.SUB / C.XOR / C.OR / C.AND / C.SUBW / C.ADDW ---- */
  NORVC; li s0, 0x0123456789abcdef; li a5, 0xfedcba9876543210; RVC
  TEST(45); c.sub s0, a5; NORVC; CHECK(s0, 0x02468acf13579bdf); RVC
  NORVC; li s0, 0x0123456789abcdef; RVC
  TEST(46); c.xor s0, a5; NORVC; CHECK(s0, 0xffffffffffffffff); RVC
  NORVC; li a2, 0x00ff00ff00ff00ff; li a3, 0x0f0f0f0f0f0f0f0f; RVC
  TEST(47); c.or a2, a3; NORVC; CHECK(a2, 0x0fff0fff0fff0fff); RVC
  NORVC; li a2, 0x00ff00ff00ff00ff; RVC
  TEST(48); c.and a2, a3; NORVC; CHECK(a2, 0x000f000f000f000f); RVC
  NORVC; li a2, 0x0000000100000000; li a3, 1; RVC
  TEST(49); c.subw a2, a3; NORVC; CHECK(a2, 0xffffffffffffffff); RVC
  NORVC; li a2, 0x123456787fffffff; li a3, 0xabcdef0000000001; RVC
  TEST(50); c.addw a2, a3; NORVC; CHECK(a2, 0xffffffff80000000); RVC
  NORVC; li a4, 0x7fffffff; RVC
  TEST(51); c.addw a4, a4; NORVC; CHECK(a4, 0xfffffffffffffffe); RVC
  TEST(52); c.subw a4, a4; NORVC; CHECK(a4, 0); RVC

  /* ---- C.SLLI / C.MV / C.ADD ---- */
  NORVC; li t2, 0x8000000000000001; RVC
  TEST(53); c.slli t2, 1; NORVC; CHECK(t2, 2); RVC
  NORVC; li t2, 1; RVC
  TEST(54); c.slli t2, 63; NORVC; CHECK(t2, 0x8000000000000000); RVC
  NORVC; li s9, 0x00000000ffffffff; RVC
  TEST(55); c.slli s9, 32; NORVC; CHECK(s9, 0xffffffff00000000); RVC
  NORVC; li a7, 0x5555; li a6, 0; RVC
  TEST(56); c.mv a6, a7; NORVC; CHECK(a6, 0x5555); CHECK(a7, 0x5555); RVC
  TEST(57); c.mv t4, s9; NORVC; CHECK(t4, 0xffffffff00000000); RVC
  TEST(58); c.add a6, a7; NORVC; CHECK(a6, 0xaaaa); RVC
  TEST(59); c.add t4, t4; NORVC; CHECK(t4, 0xfffffffe00000000); RVC
  NORVC; li ra, -1; li s3, 1; RVC
  TEST(60); c.add ra, s3; NORVC; CHECK(ra, 0); RVC

  /* ---- C.LWSP / C.LDSP / C.SWSP / C.SDSP ---- */
  NORVC; la sp, cdata; RVC
  TEST(61); c.lwsp a0, 0(sp); NORVC; CHECK(a0, 0xffffffff87654321); RVC
  TEST(62); c.lwsp t5, 124(sp); NORVC; li t6, 0xffffffffdeadbeef; bne t5, t6, fail; RVC
  TEST(63); c.lwsp ra, 252(sp); NORVC; CHECK(ra, 0x0fedcba9); RVC
  TEST(64); c.ldsp s4, 8(sp); NORVC; CHECK(s4, 0x8000000000000001); RVC
  TEST(65); c.ldsp a1, 248(sp); NORVC; CHECK(a1, 0x0fedcba987654321); RVC
  TEST(66); c.ldsp a1, 504(sp); NORVC; CHECK(a1, 0x1111222233334444); RVC
  NORVC; la sp, cbuf; li a0, 0x5a5a5a5a5a5a5a5a; sd a0, 0(sp); li s6, 0x0123456789abcdef; RVC
  TEST(67); c.swsp s6, 4(sp); NORVC; ld a1, 0(sp); CHECK(a1, 0x89abcdef5a5a5a5a); RVC
  TEST(68); c.swsp s6, 252(sp); NORVC; lw a1, 252(sp); CHECK(a1, 0xffffffff89abcdef); RVC
  TEST(69); c.sdsp s6, 504(sp); NORVC; ld a1, 504(sp); CHECK(a1, 0x0123456789abcdef); RVC
  TEST(70); c.sdsp s6, 0(sp); NORVC; ld a1, 0(sp); CHECK(a1, 0x0123456789abcdef); RVC

  /* ---- C.J / C.BEQZ / C.BNEZ ---- */
  TEST(71); c.j 1f; NORVC; j fail; RVC
2:c.j 3f
1:c.j 2b
3:NORVC; li a0, 0; li a1, 1; RVC
  TEST(72); c.beqz a0, 1f; NORVC; j fail; RVC
1:TEST(73); c.bnez a1, 1f; NORVC; j fail; RVC
1:TEST(74); c.beqz a1, 1f; c.bnez a0, 1f; c.j 2f
1:NORVC; j fail; RVC
2:TEST(75); c.j 2f
1:c.j 3f
2:c.beqz a0, 1b                /* backwards; a0 is 0 */
  NORVC; j fail; RVC
3:NORVC; li s0, 0x100000000; RVC   /* c.bnez tests all 64 bits */
  TEST(76); c.bnez s0, 1f; NORVC; j fail; RVC
1:TEST(77); c.beqz s0, 1f; c.j 2f
1:NORVC; j fail; RVC
2:NORVC; li a5, -1; RVC
  TEST(78); c.beqz a5, 1f; c.bnez a5, 2f
1:NORVC; j fail; RVC
2:TEST(79)                  /* longest C.BEQZ offsets: +254 and -256 */
  NORVC; li a0, 0; RVC
cb_1:
  .half 0xcd7d               /* c.beqz a0, cb_fwd (+254), hand-encoded: GNU as widens it */
  .half 0, 0               /* illegal: falling through ends in the trap handler's failure */
  .skip 254 - 6
cb_fwd:
  c.j cb_start
cb_target:
  c.j cb_done
  .skip 256 - 2
cb_start:
cb_2:
  .half 0xd101               /* c.beqz a0, cb_target (-256) */
  .half 0, 0
cb_done:
  TEST(80)                  /* longest C.J offsets: +2046 and -2048 */
cj_1:
  .half 0xaffd               /* c.j cj_fwd (+2046) */
  .skip 2046 - 2
cj_fwd:
  NORVC; j cj_start; RVC
cj_target:
  NORVC; j cj_done; RVC
  .skip 2048 - 4
cj_start:
cj_2:
  .half 0xb001               /* c.j cj_target (-2048) */
cj_done:

  /* ---- C.JR / C.JALR ---- */
  NORVC; la a0, 1f; li ra, 0; RVC
  TEST(81); c.jr a0
  NORVC; j fail; RVC
1:NORVC; CHECK(ra, 0); la t0, 1f; RVC
  TEST(82); c.jalr t0
2:NORVC; j fail; RVC
1:NORVC; la a1, 2b; CHECK_REG(ra, a1); RVC          /* link = address of c.jalr + 2 */
  NORVC; la s10, 1f; RVC
  TEST(83); c.nop; c.jalr s10                        /* at a 2-mod-4 address */
2:NORVC; j fail; RVC
1:NORVC; la a1, 2b; CHECK_REG(ra, a1); la ra, 1f; RVC
  TEST(84); c.jalr ra                                /* rs1 = ra: target from the old ra */
2:NORVC; j fail; RVC
1:NORVC; la a1, 2b; CHECK_REG(ra, a1); RVC
  TEST(85)                                           /* call / c.jr ra return */
  NORVC; li a3, 0; la t1, cfunc; RVC
  c.jalr t1
  NORVC; CHECK(a3, 0x66); RVC

  /* ---- HINTs execute as no-ops ---- */
  NORVC; li a0, 0x1234; li sp, 0; RVC
  TEST(86)
  .half 0x0005             /* c.nop with imm 1 */
  .half 0x4015             /* c.li x0, 5 */
  .half 0x6005             /* c.lui x0, 1 */
  .half 0x802a             /* c.mv x0, a0 */
  .half 0x902a             /* c.add x0, a0 */
  .half 0x0006             /* c.slli x0, 1 */
  .half 0x0502             /* c.slli a0, 0 */
  NORVC; CHECK(a0, 0x1234); CHECK(x0, 0); CHECK(sp, 0)

  /* ---- 32-bit instructions at 2-mod-4 addresses and across a page ---- */
  TEST(87); li a0, 1; RVC; c.nop; NORVC; addi a0, a0, 5; li a1, 0x123; add a0, a0, a1; RVC; c.nop; NORVC
  CHECK(a0, 0x129)
  TEST(88); li a0, 7; jal ra, xpage_code; CHECK(a0, 0x1007)

  /* ---- illegal and reserved 16-bit encodings ---- */
  TEST_C_ILLEGAL(89, 0x0000)    /* all zeros */
  TEST_C_ILLEGAL(90, 0x0004)    /* c.addi4spn, imm 0 */
  TEST_C_ILLEGAL(91, 0x6081)    /* c.lui ra, 0 */
  TEST_C_ILLEGAL(92, 0x6101)    /* c.addi16sp 0 */
  TEST_C_ILLEGAL(93, 0x8002)    /* c.jr x0 */
  TEST_C_ILLEGAL(94, 0x2001)    /* c.addiw x0 */
  TEST_C_ILLEGAL(95, 0x4002)    /* c.lwsp x0 */
  TEST_C_ILLEGAL(96, 0x6002)    /* c.ldsp x0 */
  TEST_C_ILLEGAL(97, 0x2000)    /* c.fld fs0, 0(s0): no FP */
  TEST_C_ILLEGAL(98, 0xa002)    /* c.fsdsp ft0, 0(sp): no FP */

  j pass

cfunc:
  li a3, 0x66
  RVC; c.jr ra; NORVC
TEST_END

  /* A 32-bit instruction whose upper half lies in the next 4 KiB page. */
  .section .text.xpage, "ax", @progbits
  CODE_ALIGN(4096)
  .skip 4096 - 10
xpage_code:
  addi a0, a0, 0     /* at page offset 4086 */
  .option push; .option rvc
  c.nop              /* 4090 */
  c.nop              /* 4092 */
  .option pop
  lui a1, 1          /* 4094..4097: straddles the page boundary */
  add a0, a0, a1
  ret

  .data
  .align 4
cdata:
  .dword 0x1234567887654321
  .dword 0x8000000000000001
  .zero 104
  .word 0, 0xdeadbeef          /* +120: word at 124 */
  .zero 120
  .dword 0x0fedcba987654321    /* +248: word at 252 = 0x0fedcba9 */
  .zero 248
  .dword 0x1111222233334444    /* +504 */
  .align 4
cbuf:
  .zero 512
  .zero 16
  .align 4
cstack_area:
  .zero 1024
cstack:
  .zero 1024
