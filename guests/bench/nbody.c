/* nbody: double-precision n-body simulation of the Sun and the four gas giants (the classic
   benchmark's system: positions in AU, velocities in AU/year, masses in solar masses), advanced
   with a symplectic Euler step. Exercises fadd/fsub/fmul/fdiv, fsqrt, fused multiply-add (written
   as __builtin_fma; everything else is built with -ffp-contract=off, so the results are exactly
   defined by IEEE 754 and the same natively), fcvt and FP loads/stores.
   Checks: the system's energy before and after 1000 steps against the known values to 9
   decimals, then the bits of the final energy and a position checksum against constants
   recomputed natively (`make hostcheck`). Needs F and D: built for rv64imafdc/lp64d with
   crt0-fp.S, which enables the FPU. Prints a second line with the instructions retired between
   its two minstret reads (exact on rvisor and on QEMU with -icount shift=0; host ticks otherwise). */
#include "lib.h"

#ifndef STEPS
#define STEPS 500000
#endif
#define EXPECT_ENERGY 0xbfc5a4f4cfd93807ull
#define EXPECT_POSITIONS 0x586f412767e912bdull

#define PI 3.141592653589793
#define SOLAR_MASS (4 * PI * PI)
#define DAYS_PER_YEAR 365.24
#define NBODIES 5

struct body { double x, y, z, vx, vy, vz, mass; };

static struct body bodies[NBODIES];

static const struct body initial[NBODIES] = {
  /* Sun */
  { 0, 0, 0, 0, 0, 0, SOLAR_MASS },
  /* Jupiter */
  { 4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
    1.66007664274403694e-03 * DAYS_PER_YEAR, 7.69901118419740425e-03 * DAYS_PER_YEAR,
    -6.90460016972063023e-05 * DAYS_PER_YEAR, 9.54791938424326609e-04 * SOLAR_MASS },
  /* Saturn */
  { 8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
    -2.76742510726862411e-03 * DAYS_PER_YEAR, 4.99852801234917238e-03 * DAYS_PER_YEAR,
    2.30417297573763929e-05 * DAYS_PER_YEAR, 2.85885980666130812e-04 * SOLAR_MASS },
  /* Uranus */
  { 1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
    2.96460137564761618e-03 * DAYS_PER_YEAR, 2.37847173959480950e-03 * DAYS_PER_YEAR,
    -2.96589568540237556e-05 * DAYS_PER_YEAR, 4.36624404335156298e-05 * SOLAR_MASS },
  /* Neptune */
  { 1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
    2.68067772490389322e-03 * DAYS_PER_YEAR, 1.62824170038242295e-03 * DAYS_PER_YEAR,
    -9.51592254519715870e-05 * DAYS_PER_YEAR, 5.15138902046611451e-05 * SOLAR_MASS },
};

/* The Sun's velocity such that the total momentum is zero. */
static void offset_momentum(void) {
  double px = 0, py = 0, pz = 0;
  for (int i = 0; i < NBODIES; i++) {
    px += bodies[i].vx * bodies[i].mass;
    py += bodies[i].vy * bodies[i].mass;
    pz += bodies[i].vz * bodies[i].mass;
  }
  bodies[0].vx = -px / SOLAR_MASS;
  bodies[0].vy = -py / SOLAR_MASS;
  bodies[0].vz = -pz / SOLAR_MASS;
}

static double energy(void) {
  double e = 0;
  for (int i = 0; i < NBODIES; i++) {
    struct body *b = &bodies[i];
    e += 0.5 * b->mass * (b->vx * b->vx + b->vy * b->vy + b->vz * b->vz);
    for (int j = i + 1; j < NBODIES; j++) {
      struct body *c = &bodies[j];
      double dx = b->x - c->x, dy = b->y - c->y, dz = b->z - c->z;
      e -= b->mass * c->mass / __builtin_sqrt(dx * dx + dy * dy + dz * dz);
    }
  }
  return e;
}

static void advance(double dt) {
  for (int i = 0; i < NBODIES; i++) {
    struct body *b = &bodies[i];
    for (int j = i + 1; j < NBODIES; j++) {
      struct body *c = &bodies[j];
      double dx = b->x - c->x, dy = b->y - c->y, dz = b->z - c->z;
      double d2 = dx * dx + dy * dy + dz * dz;
      double mag = dt / (d2 * __builtin_sqrt(d2));
      double mb = b->mass * mag, mc = c->mass * mag;
      b->vx = __builtin_fma(-dx, mc, b->vx);
      b->vy = __builtin_fma(-dy, mc, b->vy);
      b->vz = __builtin_fma(-dz, mc, b->vz);
      c->vx = __builtin_fma(dx, mb, c->vx);
      c->vy = __builtin_fma(dy, mb, c->vy);
      c->vz = __builtin_fma(dz, mb, c->vz);
    }
  }
  for (int i = 0; i < NBODIES; i++) {
    struct body *b = &bodies[i];
    b->x = __builtin_fma(dt, b->vx, b->x);
    b->y = __builtin_fma(dt, b->vy, b->y);
    b->z = __builtin_fma(dt, b->vz, b->z);
  }
}

static uint64_t bits(double d) {
  uint64_t u;
  memcpy(&u, &d, sizeof u);
  return u;
}

/* Positions in fixed point (2^-40 AU; fcvt.l.d truncates toward zero), mixed into one word. */
static uint64_t position_checksum(void) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (int i = 0; i < NBODIES; i++) {
    int64_t q[3] = { (int64_t)(bodies[i].x * 0x1p40), (int64_t)(bodies[i].y * 0x1p40), (int64_t)(bodies[i].z * 0x1p40) };
    for (int k = 0; k < 3; k++) h = (h ^ (uint64_t)q[k]) * 0x100000001b3ull;
  }
  return h;
}

/* e rounded to 9 decimals, as the benchmark's reference output prints it. */
static int64_t nano(double e) {
  double s = e * 1e9;
  return (int64_t)(s < 0 ? s - 0.5 : s + 0.5);
}

static void out_nano(int64_t v) {
  if (v < 0) { out_str("-"); v = -v; }
  out_dec((uint64_t)v / 1000000000u);
  out_str(".");
  char frac[10];
  uint64_t f = (uint64_t)v % 1000000000u;
  for (int i = 8; i >= 0; i--) { frac[i] = (char)('0' + f % 10); f /= 10; }
  frac[9] = 0;
  out_str(frac);
}

static inline uint64_t read_minstret(void) {
#ifdef HOST_BUILD
  return 0;
#else
  uint64_t v;
  __asm__ volatile("csrr %0, minstret" : "=r"(v));
  return v;
#endif
}

int main(void) {
  uint64_t start = read_minstret();
  memcpy(bodies, initial, sizeof bodies);
  offset_momentum();
  double e0 = energy();
  for (int i = 0; i < 1000; i++) advance(0.01);
  double e1000 = energy();
  /* The reference values: -0.169075164 at the start and -0.169087605 after 1000 steps. */
  if (nano(e0) != -169075164 || nano(e1000) != -169087605) {
    out_str("nbody: FAIL energy ");
    out_nano(nano(e0));
    out_str(" after 1000 steps ");
    out_nano(nano(e1000));
    out_str(" (expected -0.169075164, -0.169087605)");
    out_end();
    return 1;
  }
  for (int i = 1000; i < STEPS; i++) advance(0.01);
  double e = energy();
  uint64_t pos = position_checksum();
  uint64_t end = read_minstret();

  int ok = bits(e) == EXPECT_ENERGY && pos == EXPECT_POSITIONS;
  out_str(ok ? "nbody: ok " : "nbody: FAIL ");
  out_dec(STEPS);
  out_str(" steps, energy ");
  out_nano(nano(e));
  out_str(" = ");
  out_hex(bits(e));
  out_str(", positions ");
  out_hex(pos);
  out_end();
  out_str("nbody: minstret ");
  out_dec(end - start);
  out_end();
  return ok ? 0 : 2;
}
