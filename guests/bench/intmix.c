/* intmix: an integer-heavy mix — a lexer state machine over generated source text, Euclid's gcd,
   modular exponentiation (Fermat checks), signed/unsigned 64- and 32-bit division identities and
   a branchy Collatz walk. Every part checks itself; the combined checksum must also equal a
   constant recomputed natively (`make hostcheck`). */
#include "lib.h"

#ifndef ROUNDS
#define ROUNDS 700
#endif
#define TEXT_LEN 16384
#define EXPECT_SUM 0xbabeca3c2f5fed13ull

static char text[TEXT_LEN];

/* What the generator put into the text; the lexer must find exactly this. */
struct tally { uint32_t numbers, idents, ops, lines; uint64_t num_sum, ident_hash; };

static void ident_hash_step(uint64_t *h, char c) { *h = (*h ^ (uint8_t)c) * 0x100000001b3ull; }

static uint32_t generate(uint64_t *seed, struct tally *t) {
  static const char ops[] = "+-*/%()=;<>";
  uint32_t n = 0;
  *t = (struct tally){0};
  t->ident_hash = 0xcbf29ce484222325ull;
  while (n < TEXT_LEN - 32) {
    uint64_t r = rng_next(seed);
    switch (r % 3) {
    case 0: { /* number: 1..9 digits, no leading zero */
      unsigned digits = 1 + (unsigned)((r >> 8) % 9);
      uint64_t v = 1 + (r >> 16) % 9;
      text[n++] = (char)('0' + v);
      for (unsigned i = 1; i < digits; i++) {
        unsigned d = (unsigned)((r >> (20 + 3 * i)) % 10);
        text[n++] = (char)('0' + d);
        v = v * 10 + d;
      }
      t->numbers++;
      t->num_sum += v;
      break;
    }
    case 1: { /* identifier: letter or '_' then letters, digits, '_' */
      static const char first[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_";
      static const char rest[] = "abcdefghijklmnopqrstuvwxyz0123456789_";
      unsigned len = 1 + (unsigned)((r >> 8) % 12);
      uint64_t h = t->ident_hash;
      char c = first[(r >> 12) % 53];
      text[n++] = c;
      ident_hash_step(&h, c);
      uint64_t q = rng_next(seed);
      for (unsigned i = 1; i < len; i++) {
        c = rest[q % 37];
        q /= 37;
        text[n++] = c;
        ident_hash_step(&h, c);
      }
      ident_hash_step(&h, ' ');
      t->ident_hash = h;
      t->idents++;
      break;
    }
    default:
      text[n++] = ops[(r >> 8) % 11];
      t->ops++;
      break;
    }
    /* separator: always at least one blank, sometimes a newline */
    unsigned sep = 1 + (unsigned)((r >> 60) & 3);
    for (unsigned i = 0; i < sep; i++) {
      char c = (r >> (50 + i)) & 1 ? ' ' : ((r >> (40 + i)) & 1 ? '\t' : '\n');
      if (c == '\n') t->lines++;
      text[n++] = c;
    }
  }
  text[n] = 0;
  return n;
}

enum { S_START, S_NUM, S_IDENT };
enum { C_SPACE, C_NL, C_DIGIT, C_ALPHA, C_OP, C_END };

static inline int classify(char c) {
  if (c >= '0' && c <= '9') return C_DIGIT;
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') return C_ALPHA;
  if (c == ' ' || c == '\t') return C_SPACE;
  if (c == '\n') return C_NL;
  if (c == 0) return C_END;
  return C_OP;
}

static void lex(uint32_t len, struct tally *t) {
  int state = S_START;
  uint64_t value = 0, h = 0xcbf29ce484222325ull;
  *t = (struct tally){0};
  for (uint32_t i = 0; i <= len; i++) {
    char c = text[i];
    int cls = classify(c);
    switch (state) {
    case S_NUM:
      if (cls == C_DIGIT) { value = value * 10 + (uint64_t)(c - '0'); continue; }
      t->numbers++;
      t->num_sum += value;
      break;
    case S_IDENT:
      if (cls == C_ALPHA || cls == C_DIGIT) { ident_hash_step(&h, c); continue; }
      ident_hash_step(&h, ' ');
      t->idents++;
      break;
    }
    state = S_START;
    switch (cls) {
    case C_DIGIT: state = S_NUM; value = (uint64_t)(c - '0'); break;
    case C_ALPHA: state = S_IDENT; ident_hash_step(&h, c); break;
    case C_OP: t->ops++; break;
    case C_NL: t->lines++; break;
    default: break;
    }
  }
  t->ident_hash = h;
}

static uint64_t gcd(uint64_t a, uint64_t b) {
  while (b) { uint64_t r = a % b; a = b; b = r; }
  return a;
}

static uint64_t mulmod(uint64_t a, uint64_t b, uint64_t m) { return (a * b) % m; } /* m < 2^32 */

static uint64_t powmod(uint64_t a, uint64_t e, uint64_t m) {
  uint64_t r = 1;
  a %= m;
  while (e) {
    if (e & 1) r = mulmod(r, a, m);
    a = mulmod(a, a, m);
    e >>= 1;
  }
  return r;
}

static uint32_t collatz_steps(uint64_t n) {
  uint32_t steps = 0;
  while (n != 1) {
    n = (n & 1) ? 3 * n + 1 : n >> 1;
    steps++;
  }
  return steps;
}

static int64_t iabs64(int64_t x) { return x < 0 ? -x : x; }

int main(void) {
  static const uint64_t primes[] = {4294967291ull, 2147483647ull, 1000000007ull, 998244353ull, 65537ull, 104729ull};
  uint64_t seed = 0x1234567887654321ull;
  uint64_t sum = 0;
  for (int round = 0; round < ROUNDS; round++) {
    /* 1. lexer state machine */
    struct tally want, got;
    uint32_t len = generate(&seed, &want);
    lex(len, &got);
    if (got.numbers != want.numbers || got.idents != want.idents || got.ops != want.ops ||
        got.lines != want.lines || got.num_sum != want.num_sum || got.ident_hash != want.ident_hash) {
      out_str("intmix: FAIL lexer round ");
      out_dec((uint64_t)round);
      out_end();
      return 1;
    }
    sum = sum * 31 + got.num_sum + got.ident_hash + got.numbers + got.idents * 7 + got.ops * 13 + got.lines;

    /* 2. gcd: g divides both and the cofactors are coprime */
    for (int i = 0; i < 1500; i++) {
      uint64_t k = 1 + rng_next(&seed) % 5000;
      uint64_t a = (rng_next(&seed) >> 24) * k + k, b = (rng_next(&seed) >> 28) * k + k;
      uint64_t g = gcd(a, b);
      if (g == 0 || a % g || b % g || gcd(a / g, b / g) != 1 || g % k) {
        out_str("intmix: FAIL gcd");
        out_end();
        return 2;
      }
      sum += g;
    }

    /* 3. Fermat: a^(p-1) = 1 (mod p) for prime p, 0 < a < p */
    for (int i = 0; i < 120; i++) {
      uint64_t p = primes[i % 6];
      uint64_t a = 1 + rng_next(&seed) % (p - 1);
      uint64_t x = powmod(a, p - 2, p); /* inverse of a */
      if (powmod(a, p - 1, p) != 1 || mulmod(a, x, p) != 1) {
        out_str("intmix: FAIL powmod");
        out_end();
        return 3;
      }
      sum ^= x << (i & 31);
    }

    /* 4. division identities, 64-bit and 32-bit, signed and unsigned */
    for (int i = 0; i < 4000; i++) {
      uint64_t r = rng_next(&seed);
      int64_t x = (int64_t)r >> (r & 31);
      int64_t d = (int64_t)(rng_next(&seed) >> (33 + ((r >> 58) & 15))) - 9000;
      if (d == 0 || d == -1) d = 7; /* x / -1 can overflow in C */
      int64_t q = x / d, m = x % d;
      uint64_t uq = r / (uint64_t)(d | 1), um = r % (uint64_t)(d | 1);
      int32_t x32 = (int32_t)(r >> 7), d32 = (int32_t)d;
      int32_t q32 = x32 / d32, m32 = x32 % d32;
      uint32_t uq32 = (uint32_t)x32 / (uint32_t)d32, um32 = (uint32_t)x32 % (uint32_t)d32;
      if (q * d + m != x || iabs64(m) >= iabs64(d) || (m != 0 && (m < 0) != (x < 0)) ||
          uq * (uint64_t)(d | 1) + um != r || um >= (uint64_t)(d | 1) ||
          (int64_t)q32 * d32 + m32 != x32 || (uint64_t)uq32 * (uint32_t)d32 + um32 != (uint32_t)x32) {
        out_str("intmix: FAIL div");
        out_end();
        return 4;
      }
      sum += (uint64_t)q + (uint64_t)m * 3 + uq + (uint64_t)(uint32_t)q32 + um32;
    }

    /* 5. Collatz walk: data-dependent branches */
    uint64_t base = 1 + (rng_next(&seed) >> 40);
    for (uint64_t n = base; n < base + 1200; n++) sum += collatz_steps(n);
  }

  int ok = sum == EXPECT_SUM;
  out_str(ok ? "intmix: ok sum=" : "intmix: FAIL sum=");
  out_hex(sum);
  if (!ok) { out_str(" expected "); out_hex(EXPECT_SUM); }
  out_end();
  return ok ? 0 : 5;
}
