/* The smallest demo guest: M-mode, one line on the UART, then pass through the test finisher.
   Output: "hello: M-mode on hart <id>, misa <hex>, <n> instructions" (n = minstret delta for
   building the line, i.e. the guest's own cost of formatting). */
#include "demo.h"

int main(uint64_t hartid, uint64_t dtb) {
  (void)dtb;
  uint64_t i0 = csr_read(minstret);
  out_str("hello: M-mode on hart ");
  out_dec(hartid);
  out_str(", misa ");
  out_hex(csr_read(misa));
  uint64_t i1 = csr_read(minstret);
  out_str(", ");
  out_dec(i1 - i0);
  out_str(" instructions");
  out_end();
  return EXIT_PASS;
}
