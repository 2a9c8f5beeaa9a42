/* Shared declarations of the demo guests (freestanding: no libc on the guest).
   A program provides main(hartid, dtb) and, if it takes interrupts, sets irq_hook.
   The platform half is linked in per privilege mode:
     platform-m.c  M-mode on QEMU virt: ns16550a UART (polled) and SiFive test finisher
     platform-s.c  S-mode: SBI console (DBCN, else legacy putchar) and SBI SRST */
#ifndef DEMO_H
#define DEMO_H
#include <stddef.h>
#include <stdint.h>

/* CSR access by name or number; the csr argument is macro-expanded first (csr_read(XIP)). */
#define CSR_STR_(csr) #csr
#define CSR_STR(csr) CSR_STR_(csr)
#define csr_read(csr) ({ uint64_t v_; __asm__ volatile("csrr %0, " CSR_STR(csr) : "=r"(v_) :: "memory"); v_; })
#define csr_write(csr, v) __asm__ volatile("csrw " CSR_STR(csr) ", %0" :: "rK"((uint64_t)(v)) : "memory")
#define csr_set(csr, v) __asm__ volatile("csrs " CSR_STR(csr) ", %0" :: "rK"((uint64_t)(v)) : "memory")
#define csr_clear(csr, v) __asm__ volatile("csrc " CSR_STR(csr) ", %0" :: "rK"((uint64_t)(v)) : "memory")
#define wfi() __asm__ volatile("wfi" ::: "memory")

/* Reads a CSR that may not exist (or may not be accessible from this mode): the illegal-
   instruction trap is caught by trap_handler, which skips the csrr. *ok tells which happened. */
extern volatile int probe_armed, probe_faulted;
#define csr_probe(csr, ok) ({                                            \
    uint64_t v_ = 0;                                                     \
    probe_faulted = 0;                                                   \
    probe_armed = 1;                                                     \
    __asm__ volatile("csrr %0, " CSR_STR(csr) : "+r"(v_) :: "memory");   \
    probe_armed = 0;                                                     \
    *(ok) = !probe_faulted;                                              \
    v_; })

/* mcause/scause */
#define CAUSE_INTERRUPT   (1ull << 63)
#define CAUSE_ILLEGAL_INSTRUCTION 2
#define IRQ_S_TIMER       5
#define IRQ_M_TIMER       7
/* mstatus/sstatus, mie/sie */
#define MSTATUS_MIE       (1u << 3)
#define SSTATUS_SIE       (1u << 1)
#define MIE_MTIE          (1u << 7)
#define SIE_STIE          (1u << 5)

/* Exit codes (the finisher's code, or SRST reason "system failure" in S-mode). */
enum {
  EXIT_PASS = 0,
  EXIT_EARLY_TICK = 1,      /* a timer interrupt came before its deadline */
  EXIT_TICK_COUNT = 2,      /* more or fewer timer interrupts than programmed */
  EXIT_NO_TIME = 3,         /* the time counter cannot be read */
  EXIT_WRONG_RESULT = 4,    /* a computation came out wrong */
  EXIT_UNEXPECTED_TRAP = 5, /* a trap nobody expected */
};

/* Interrupts land here (cause without the interrupt bit). NULL: any interrupt is unexpected. */
extern void (*irq_hook)(uint64_t irq);

/* Output: one line is assembled, then written in one go (one SBI call where DBCN exists). */
void out_str(const char *s);
void out_dec(uint64_t v);
void out_hex(uint64_t v); /* 0x + hex digits, no leading zeros */
void out_us(uint64_t ticks); /* 10 MHz mtime ticks as microseconds, one decimal: 25 -> 2.5 */
void out_end(void);       /* appends '\n', writes the line, starts a new one */

/* Platform half. */
void console_write(const char *s, size_t n);
void demo_exit(int code) __attribute__((noreturn));

/* M-mode only (platform-m.c): the CLINT of QEMU virt, reached with plain loads and stores.
     0x0000 + 4*hart  msip     (32-bit, bit 0: the hart's machine software interrupt, MSIP)
     0x4000 + 8*hart  mtimecmp (64-bit)
     0xbff8           mtime    (64-bit) */
#define CLINT_BASE 0x02000000ul
#define CLINT_MSIP 0x0000
#define CLINT_MTIMECMP 0x4000
#define CLINT_MTIME 0xbff8
uint64_t clint_mtime(void);
void clint_set_mtimecmp(uint64_t hart, uint64_t deadline);
/* One 32-bit store: raises (1) or clears (0) the hart's MSIP, its inter-processor interrupt. */
static inline void clint_set_msip(uint64_t hart, uint32_t v) {
  *(volatile uint32_t *)(CLINT_BASE + CLINT_MSIP + 4 * hart) = v;
}

/* S-mode only (platform-s.c): SBI calls. */
struct sbiret {
  long error;
  long value;
};
struct sbiret sbi_call(uint64_t eid, uint64_t fid, uint64_t a0, uint64_t a1, uint64_t a2);
int sbi_has_extension(uint64_t eid);
void sbi_set_timer(uint64_t deadline);
#define SBI_EXT_BASE 0x10
#define SBI_EXT_TIME 0x54494D45 /* "TIME" */
#define SBI_EXT_SRST 0x53525354 /* "SRST" */
#define SBI_EXT_DBCN 0x4442434E /* "DBCN" */
#define SBI_LEGACY_PUTCHAR 0x01
#define SBI_LEGACY_SHUTDOWN 0x08

int main(uint64_t hartid, uint64_t dtb);
#endif
