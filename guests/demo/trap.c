/* The C half of the trap entry in start.S, the same in M- and S-mode: interrupts go to the
   program's irq_hook; an illegal instruction inside csr_probe is skipped; anything else ends the
   run as a failure after saying what happened. */
#include "demo.h"

volatile int probe_armed, probe_faulted;
void (*irq_hook)(uint64_t irq);

uintptr_t trap_handler(uintptr_t cause, uintptr_t epc, uintptr_t tval) {
  if ((cause & CAUSE_INTERRUPT) && irq_hook) {
    irq_hook(cause & ~CAUSE_INTERRUPT);
    return epc;
  }
  if (cause == CAUSE_ILLEGAL_INSTRUCTION && probe_armed) {
    probe_faulted = 1;
    probe_armed = 0;
    /* Length from the instruction's low bits (not from tval, which may be 0). */
    return epc + ((*(volatile uint16_t *)epc & 3) == 3 ? 4 : 2);
  }
  out_str("unexpected trap: cause ");
  out_hex(cause);
  out_str(", epc ");
  out_hex(epc);
  out_str(", tval ");
  out_hex(tval);
  out_end();
  demo_exit(EXIT_UNEXPECTED_TRAP);
}
