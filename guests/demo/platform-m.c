/* Platform half of the M-mode demo guests: the devices of QEMU virt, reached with plain loads
   and stores (in rvisor, each is a VM exit to a device model).

   ns16550a UART at 0x1000_0000, byte registers:
     0  THR (write)  transmit holding register
     5  LSR          bit 5 THRE: THR may take a byte
   CLINT at 0x0200_0000: its map is in demo.h (guests/smp reaches msip from there too).
   SiFive test finisher at 0x0010_0000 (32-bit): 0x5555 pass, 0x3333 | code << 16 fail.
   The UART is used as reset left it (QEMU's and rvisor's need no divisor for output). */
#include "demo.h"

#define UART_BASE 0x10000000ul
#define UART_THR 0
#define UART_LSR 5
#define UART_LSR_THRE (1u << 5)
#define FINISHER_BASE 0x00100000ul
#define FINISHER_PASS 0x5555
#define FINISHER_FAIL 0x3333

static volatile uint8_t *const uart = (volatile uint8_t *)UART_BASE;

void console_write(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    while (!(uart[UART_LSR] & UART_LSR_THRE)) {
    }
    uart[UART_THR] = (uint8_t)s[i];
  }
}

uint64_t clint_mtime(void) {
  return *(volatile uint64_t *)(CLINT_BASE + CLINT_MTIME);
}

/* One 64-bit store: on RV64 the comparator never sees a half-written deadline. */
void clint_set_mtimecmp(uint64_t hart, uint64_t deadline) {
  *(volatile uint64_t *)(CLINT_BASE + CLINT_MTIMECMP + 8 * hart) = deadline;
}

void demo_exit(int code) {
  volatile uint32_t *finisher = (volatile uint32_t *)FINISHER_BASE;
  *finisher = code == 0 ? FINISHER_PASS : FINISHER_FAIL | ((uint32_t)code << 16);
  for (;;) wfi(); /* a platform without a finisher: stop here */
}
