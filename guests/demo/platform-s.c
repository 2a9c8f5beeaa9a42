/* Platform half of the S-mode demo guests: everything goes through SBI (the paravirtual
   interface: in rvisor's kernel mode each call is a hypercall exit, under OpenSBI a trap to M).
     console  DBCN sbi_debug_console_write (EID "DBCN", FID 0) when BASE probe_extension says it
              exists, else the legacy console putchar (EID 0x01), one call per byte
     exit     SRST sbi_system_reset (EID "SRST", FID 0): type 0 shutdown, reason 0 none or
              1 system failure; the legacy shutdown (EID 0x08) if SRST is missing
   Calling convention (SBI spec): a7 = EID, a6 = FID, a0..a5 arguments; a0 = error, a1 = value. */
#include "demo.h"

#define SBI_BASE_PROBE_EXTENSION 3
#define SBI_SRST_SHUTDOWN 0
#define SBI_SRST_REASON_NONE 0
#define SBI_SRST_REASON_FAILURE 1

struct sbiret sbi_call(uint64_t eid, uint64_t fid, uint64_t a0, uint64_t a1, uint64_t a2) {
  register uint64_t r_a0 __asm__("a0") = a0;
  register uint64_t r_a1 __asm__("a1") = a1;
  register uint64_t r_a2 __asm__("a2") = a2;
  register uint64_t r_a6 __asm__("a6") = fid;
  register uint64_t r_a7 __asm__("a7") = eid;
  __asm__ volatile("ecall" : "+r"(r_a0), "+r"(r_a1) : "r"(r_a2), "r"(r_a6), "r"(r_a7) : "memory");
  return (struct sbiret){(long)r_a0, (long)r_a1};
}

/* An SBI without BASE (v0.1) answers the probe with an error: treated as "absent". */
int sbi_has_extension(uint64_t eid) {
  struct sbiret r = sbi_call(SBI_EXT_BASE, SBI_BASE_PROBE_EXTENSION, eid, 0, 0);
  return r.error == 0 && r.value != 0;
}

void sbi_set_timer(uint64_t deadline) {
  sbi_call(SBI_EXT_TIME, 0, deadline, 0, 0);
}

static int console_mode; /* 0 = not probed yet, 1 = DBCN, 2 = legacy putchar */

void console_write(const char *s, size_t n) {
  if (console_mode == 0) console_mode = sbi_has_extension(SBI_EXT_DBCN) ? 1 : 2;
  if (console_mode == 1) {
    /* Physical address = virtual address: these guests run with satp = 0. The call may write
       fewer bytes than asked for; on an error fall back to putchar for the rest. */
    while (n > 0) {
      struct sbiret r = sbi_call(SBI_EXT_DBCN, 0, n, (uint64_t)(uintptr_t)s, 0);
      if (r.error != 0 || r.value <= 0 || (size_t)r.value > n) break;
      s += r.value;
      n -= (size_t)r.value;
    }
  }
  for (size_t i = 0; i < n; i++) sbi_call(SBI_LEGACY_PUTCHAR, 0, (uint8_t)s[i], 0, 0);
}

void demo_exit(int code) {
  uint64_t reason = code == 0 ? SBI_SRST_REASON_NONE : SBI_SRST_REASON_FAILURE;
  if (sbi_has_extension(SBI_EXT_SRST)) sbi_call(SBI_EXT_SRST, 0, SBI_SRST_SHUTDOWN, reason, 0);
  sbi_call(SBI_LEGACY_SHUTDOWN, 0, 0, 0, 0);
  for (;;) wfi();
}
