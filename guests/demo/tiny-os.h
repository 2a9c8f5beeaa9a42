/* What tiny-os.c shares with its assembly halves (tiny-os-entry.S, tiny-os-user.S): the user
   address space every process gets and the system-call numbers. Plain #defines, so that the
   assembler can read them too. */
#ifndef TINY_OS_H
#define TINY_OS_H

/* The user address space: one L0 table covers [0, 2 MiB); every page is a fresh physical page
   (user VA != PA). All user PTEs have U set; A and D are preset except on AD_VA's. */
#define TEXT_VA   0x10000  /* R-X: a copy of the user blob (tiny-os-user.S) */
#define DATA_VA   0x20000  /* RW-, zeroed */
#define STACK_VA  0x30000  /* RW-, zeroed; sp starts at its top */
#define RO_VA     0x40000  /* R--, filled with RO_PATTERN */
#define NX_VA     0x50000  /* RW-, a copy of the blob: code that must not run */
#define XO_VA     0x60000  /* --X, a copy of the blob: code that runs but cannot be read */
#define AD_VA     0x70000  /* RW-, A = D = 0 in its PTE */
#define LAZY_VA   0x100000 /* [LAZY_VA, USER_TOP): demand-mapped on first touch */
#define USER_TOP  0x200000
#define RO_PATTERN 0x0123456789abcdef

/* System calls: number in a7, arguments in a0, a1; the result in a0 (-1 for an error). */
#define SYS_WRITE    1 /* write(buf, len): one console line "[pid] text" */
#define SYS_EXIT     2 /* exit(code) */
#define SYS_YIELD    3
#define SYS_GETPID   4
#define SYS_SLEEP    5 /* sleep(ticks) */
#define SYS_PTE      6 /* the kernel prints the A and D bits of AD_VA's PTE */
#define SYS_MPROTECT 7 /* mprotect(va, writable): set or clear W of a mapped page */
#define SYS_NOCTR    8 /* clear this process's scounteren */

#endif
