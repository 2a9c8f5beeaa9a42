/* HTIF (Berkeley host-target interface) as understood by Spike, QEMU -machine spike and rvisor:
   tohost = 1 -> pass; tohost = (n << 1) | 1 -> fail test n;
   tohost = (1 << 56) | (1 << 48) | ch -> print ch; the host answers in fromhost. */
#ifndef HTIF_H
#define HTIF_H
#include <stdint.h>
extern volatile uint64_t tohost;
extern volatile uint64_t fromhost;
void htif_putchar(char c);
void htif_puts(const char *s);
void htif_exit(uint64_t code) __attribute__((noreturn));
#endif
