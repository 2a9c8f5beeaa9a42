#include "htif.h"

volatile uint64_t tohost __attribute__((section(".tohost"), aligned(64)));
volatile uint64_t fromhost __attribute__((section(".tohost"), aligned(64)));

void htif_putchar(char c) {
  tohost = (1ull << 56) | (1ull << 48) | (uint8_t)c;
  /* The host clears tohost and acknowledges in fromhost once the byte is out. */
  while (fromhost == 0) {}
  fromhost = 0;
}

void htif_puts(const char *s) {
  while (*s) htif_putchar(*s++);
}

void htif_exit(uint64_t code) {
  for (;;) tohost = (code << 1) | 1;
}
