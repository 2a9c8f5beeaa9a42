/* Freestanding helpers for the benchmark guests. Built with -fno-tree-loop-distribute-patterns
   so that GCC does not turn these very loops back into calls to memcpy/memset. */
#include "lib.h"
#include "htif.h"

#ifndef HOST_BUILD
void *memcpy(void *dst, const void *src, size_t n) {
  uint8_t *d = dst;
  const uint8_t *s = src;
  if ((((uintptr_t)d | (uintptr_t)s) & 7) == 0) {
    uint64_t *dw = (uint64_t *)d;
    const uint64_t *sw = (const uint64_t *)s;
    while (n >= 32) {
      uint64_t a = sw[0], b = sw[1], c = sw[2], e = sw[3];
      dw[0] = a; dw[1] = b; dw[2] = c; dw[3] = e;
      dw += 4; sw += 4; n -= 32;
    }
    while (n >= 8) { *dw++ = *sw++; n -= 8; }
    d = (uint8_t *)dw;
    s = (const uint8_t *)sw;
  }
  while (n--) *d++ = *s++;
  return dst;
}

void *memmove(void *dst, const void *src, size_t n) {
  uint8_t *d = dst;
  const uint8_t *s = src;
  if (d <= s || d >= s + n) return memcpy(dst, src, n);
  while (n--) d[n] = s[n];
  return dst;
}

void *memset(void *dst, int c, size_t n) {
  uint8_t *d = dst;
  uint64_t w = (uint8_t)c * 0x0101010101010101ull;
  while (n && ((uintptr_t)d & 7)) { *d++ = (uint8_t)c; n--; }
  uint64_t *dw = (uint64_t *)d;
  while (n >= 8) { *dw++ = w; n -= 8; }
  d = (uint8_t *)dw;
  while (n--) *d++ = (uint8_t)c;
  return dst;
}

int memcmp(const void *a, const void *b, size_t n) {
  const uint8_t *x = a, *y = b;
  for (size_t i = 0; i < n; i++)
    if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
  return 0;
}
#endif

static char line[128];
static unsigned line_len;

void out_str(const char *s) {
  while (*s && line_len < sizeof line - 2) line[line_len++] = *s++;
}

void out_dec(uint64_t v) {
  char tmp[21];
  int i = 0;
  do { tmp[i++] = (char)('0' + v % 10); v /= 10; } while (v);
  while (i && line_len < sizeof line - 2) line[line_len++] = tmp[--i];
}

void out_hex(uint64_t v) {
  static const char digits[] = "0123456789abcdef";
  out_str("0x");
  for (int sh = 60; sh >= 0 && line_len < sizeof line - 2; sh -= 4) line[line_len++] = digits[(v >> sh) & 15];
}

void out_end(void) {
  line[line_len++] = '\n';
  line[line_len] = 0;
  htif_puts(line);
  line_len = 0;
}
