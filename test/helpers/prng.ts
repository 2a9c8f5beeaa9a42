// The fuzzers' seeded generator: xorshift32 (Marsaglia, 2003), the same sequence for the same
// seed on every run, so that FUZZ_SEED replays a failure.

export function prng(seed: number) {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s;
  };
  return {
    u32: next,
    below: (n: number) => next() % n,
    chance: (p: number) => next() / 2 ** 32 < p,
    pick: <T>(xs: readonly T[]): T => xs[next() % xs.length]!,
    u64: () => (BigInt(next()) << 32n) | BigInt(next()),
  };
}

export type Rng = ReturnType<typeof prng>;
