/* Line assembly for the demo guests: one buffer, flushed per line through console_write. */
#include "demo.h"

static char line[256];
static size_t len;

static void out_char(char c) {
  if (len < sizeof line - 1) line[len++] = c;
}

void out_str(const char *s) {
  while (*s) out_char(*s++);
}

void out_dec(uint64_t v) {
  char digits[20];
  int n = 0;
  do {
    digits[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  while (n) out_char(digits[--n]);
}

void out_us(uint64_t ticks) {
  out_dec(ticks / 10);
  out_char('.');
  out_char((char)('0' + ticks % 10));
}

void out_hex(uint64_t v) {
  out_str("0x");
  int shift = 60;
  while (shift > 0 && ((v >> shift) & 0xf) == 0) shift -= 4;
  for (; shift >= 0; shift -= 4) out_char("0123456789abcdef"[(v >> shift) & 0xf]);
}

void out_end(void) {
  line[len++] = '\n';
  console_write(line, len);
  len = 0;
}
