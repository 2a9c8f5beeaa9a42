/* Host shim: lets `make hostcheck` build the workloads natively (x86-64 gcc + libc) to recompute
   the expected checksums independently of any RISC-V implementation. Not part of the guests. */
#include <stdio.h>
#include "htif.h"
void htif_putchar(char c) { putchar(c); }
void htif_puts(const char *s) { fputs(s, stdout); }
