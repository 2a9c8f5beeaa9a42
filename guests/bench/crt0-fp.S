/* Start-up for the floating-point workloads (built for rv64imafdc/lp64d): turn the FPU on, then
   run the common start-up (guests/common/crt0.S, included below with its _start renamed, so it
   follows on from here). mstatus.FS resets to Off, where every F/D instruction and every access
   to fcsr is illegal (privileged spec 3.1.6.6); Initial (01) enables them, and fcsr = 0 selects
   round-to-nearest-even with no flags raised. On a hart without F, FS is read-only zero: fcsr is
   left alone (mtvec is not set yet), and main's first FP instruction ends the run through the
   common start-up's unexpected-trap exit (0x7ff). The integer workloads keep crt0.S alone. */
#define MSTATUS_FS_INITIAL (1 << 13)
  .section .text.init
  .globl _start
_start:
  li t0, MSTATUS_FS_INITIAL
  csrs mstatus, t0
  csrr t1, mstatus
  and t1, t1, t0
  beqz t1, 1f
  csrwi fcsr, 0
1:
#define _start common_start
#include "crt0.S"
