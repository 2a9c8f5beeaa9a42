/* What the Sv39 test programs (sv39.S, tlb-context.S) share: a 4 KiB test page's VA, leaf PTE
   flags, mstatus bit helpers and running a U-mode routine from M-mode. */
#ifndef SV39_H
#define SV39_H

#define VA(i) (0x40000000 + (i) * 0x1000)
#define PTE_RWXAD (PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)
#define PTE_RWAD  (PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
/* reg = VA of `sym` (in the code pages) through the 4 KiB mapping at index i of page `base` */
#define VA_OF(reg, sym, base, i) la reg, sym; la t5, base; sub reg, reg, t5; li t5, VA(i); add reg, reg, t5
/* from M-mode: run the U routine at the VA in `reg`; it ends with ECALL (cause 8) unless it
   faults; either way execution continues at `resume` in M-mode */
#define RUN_U_ROUTINE(reg, resume) \
  EXPECT_TRAP(resume); li t6, MSTATUS_MPP | MSTATUS_MPIE; csrc mstatus, t6; csrw mepc, reg; mret
#define SET_MSTATUS(bits) li t6, bits; csrs mstatus, t6
#define CLEAR_MSTATUS(bits) li t6, bits; csrc mstatus, t6
/* the first doubleword of `page` = val: which physical page an access reached */
#define MARK(page, val) la t5, page; li t6, val; sd t6, 0(t5)

#endif
