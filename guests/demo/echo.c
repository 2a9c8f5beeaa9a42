/* A guest that reacts to typing: M-mode (firmware), console on the ns16550a UART.
   Prints the prompt "echo> ", echoes what is typed (a terminal has no local echo), and for each
   line answers "echo: <line>". The line "quit" ends the run through the test finisher (pass).

   Input arrives by interrupt, never by polling, so the guest sleeps in wfi while nobody types
   (in rvisor: the vCPU waits and takes no share of the physical hart):
     UART IER.ERBFI -> PLIC source 10 -> context 0 (hart 0, M-mode) -> mip.MEIP -> mcause 11.
   The handler claims the source, drains the receive FIFO into a ring (while LSR.DR), completes
   the claim; main() consumes the ring with interrupts off around the empty check, so that a byte
   arriving between the check and wfi still wakes it (wfi wakes on mip & mie, whatever mstatus.MIE).

   Enter may arrive as "\r" (a terminal), "\n" (a pipe) or "\r\n": each ends one line. Backspace
   (0x7f or 0x08) removes the last character. */
#include "demo.h"

#define UART ((volatile uint8_t *)0x10000000ul)
#define UART_RBR 0
#define UART_IER 1
#define UART_LSR 5
#define UART_IER_ERBFI 0x01
#define UART_LSR_DR 0x01
#define UART_IRQ 10

#define PLIC_BASE 0x0c000000ul
#define PLIC_PRIORITY(src) ((volatile uint32_t *)(PLIC_BASE + 4 * (src)))
#define PLIC_ENABLE(ctx) ((volatile uint32_t *)(PLIC_BASE + 0x2000 + 0x80 * (ctx)))
#define PLIC_THRESHOLD(ctx) ((volatile uint32_t *)(PLIC_BASE + 0x200000 + 0x1000 * (ctx)))
#define PLIC_CLAIM(ctx) ((volatile uint32_t *)(PLIC_BASE + 0x200004 + 0x1000 * (ctx)))
#define PLIC_CONTEXT 0 /* hart 0, M-mode */

#define IRQ_M_EXTERNAL 11
#define MIE_MEIE (1u << 11)

#define RING 256 /* a power of two */
static volatile uint8_t ring[RING];
static volatile uint32_t head, tail; /* head: written by the handler; tail: by main */

static void on_irq(uint64_t irq) {
  if (irq != IRQ_M_EXTERNAL) {
    out_str("echo: unexpected interrupt ");
    out_dec(irq);
    out_end();
    demo_exit(EXIT_UNEXPECTED_TRAP);
  }
  uint32_t src = *PLIC_CLAIM(PLIC_CONTEXT);
  if (src == UART_IRQ) {
    while (UART[UART_LSR] & UART_LSR_DR) {
      uint8_t c = UART[UART_RBR];
      if (head - tail < RING) ring[head++ % RING] = c; /* full: the byte is dropped */
    }
  }
  if (src) *PLIC_CLAIM(PLIC_CONTEXT) = src;
}

/* The next typed byte; sleeps until there is one. */
static uint8_t getc_wait(void) {
  for (;;) {
    csr_clear(mstatus, MSTATUS_MIE);
    if (head != tail) {
      uint8_t c = ring[tail++ % RING];
      csr_set(mstatus, MSTATUS_MIE);
      return c;
    }
    wfi();
    csr_set(mstatus, MSTATUS_MIE); /* the pending interrupt is taken here */
  }
}

static void put(const char *s, size_t n) {
  console_write(s, n);
}

static int equals(const char *a, size_t n, const char *b) {
  size_t i = 0;
  for (; i < n && b[i]; i++)
    if (a[i] != b[i]) return 0;
  return i == n && b[i] == 0;
}

int main(uint64_t hartid, uint64_t dtb) {
  (void)hartid;
  (void)dtb;
  irq_hook = on_irq;
  *PLIC_PRIORITY(UART_IRQ) = 1;
  PLIC_ENABLE(PLIC_CONTEXT)[UART_IRQ / 32] = 1u << (UART_IRQ % 32);
  *PLIC_THRESHOLD(PLIC_CONTEXT) = 0;
  UART[UART_IER] = UART_IER_ERBFI;
  csr_set(mie, MIE_MEIE);
  csr_set(mstatus, MSTATUS_MIE);

  out_str("echo: type a line, \"quit\" to stop");
  out_end();
  char line[120];
  size_t len = 0;
  uint8_t last = 0;
  put("echo> ", 6);
  for (;;) {
    uint8_t c = getc_wait();
    uint8_t prev = last;
    last = c;
    if (c == '\n' && prev == '\r') continue; /* the second half of "\r\n" */
    if (c == '\r' || c == '\n') {
      put("\n", 1);
      if (equals(line, len, "quit")) {
        out_str("echo: bye");
        out_end();
        return EXIT_PASS;
      }
      out_str("echo: ");
      for (size_t i = 0; i < len; i++) {
        char s[2] = {line[i], 0};
        out_str(s);
      }
      out_end();
      len = 0;
      put("echo> ", 6);
    } else if (c == 0x7f || c == 0x08) {
      if (len > 0) {
        len--;
        put("\b \b", 3);
      }
    } else if (c >= 0x20 && c < 0x7f && len < sizeof line) {
      line[len++] = (char)c;
      char s = (char)c;
      put(&s, 1);
    }
  }
}
