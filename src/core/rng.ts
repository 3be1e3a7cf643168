/**
 * Seeded PRNG (xoshiro128**, seeded through splitmix32). Deterministic across platforms: the same seed
 * gives the same stream bit for bit, which is what lets a run replay exactly. No Math.random anywhere in core.
 */
export interface Rng {
  /** uint32 */
  nextU32(): number;
  /** uniform in [0, 1) with 53 random bits */
  uniform(): number;
  /** integer in [0, n) */
  int(n: number): number;
  /** standard normal (Marsaglia polar method) */
  normal(): number;
  /** Gamma(shape, 1) (Marsaglia–Tsang) */
  gamma(shape: number): number;
  /** Student-t with nu degrees of freedom (not standardised) */
  studentT(nu: number): number;
}

/** Turn any string or number into a 32-bit seed (FNV-1a over the string form). */
export function seedFrom(seed: number | string): number {
  const s = String(seed);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * xoshiro128** state for a seed, through splitmix32. Exported so allocation-free hot loops (Monte-Carlo) can
 * inline the generator and still draw exactly the stream createRng(seed).nextU32() would.
 */
export function xoshiroState(seed: number | string): Uint32Array {
  let x = typeof seed === 'number' && Number.isInteger(seed) ? seed >>> 0 : seedFrom(seed);
  const splitmix = (): number => {
    x = (x + 0x9e3779b9) | 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  const st = Uint32Array.of(splitmix(), splitmix(), splitmix(), splitmix());
  if ((st[0] | st[1] | st[2] | st[3]) === 0) st[0] = 1;
  return st;
}

export function createRng(seed: number | string): Rng {
  const st = xoshiroState(seed);
  let s0 = st[0] | 0, s1 = st[1] | 0, s2 = st[2] | 0, s3 = st[3] | 0;
  let spare = 0;
  let hasSpare = false;

  const nextU32 = (): number => {
    const r = Math.imul(((Math.imul(s1, 5) << 7) | (Math.imul(s1, 5) >>> 25)), 9);
    const t = s1 << 9;
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    return r >>> 0;
  };
  const uniform = (): number => ((nextU32() >>> 5) * 67108864 + (nextU32() >>> 6)) / 9007199254740992;
  const normal = (): number => {
    if (hasSpare) { hasSpare = false; return spare; }
    let u: number, v: number, s: number;
    do {
      u = uniform() * 2 - 1;
      v = uniform() * 2 - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    spare = v * m;
    hasSpare = true;
    return u * m;
  };
  const gamma = (shape: number): number => {
    if (shape < 1) return gamma(shape + 1) * Math.pow(uniform() || Number.MIN_VALUE, 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let z: number, v: number;
      do { z = normal(); v = 1 + c * z; } while (v <= 0);
      v = v * v * v;
      const u = uniform();
      if (u < 1 - 0.0331 * z * z * z * z) return d * v;
      if (Math.log(u) < 0.5 * z * z + d * (1 - v + Math.log(v))) return d * v;
    }
  };
  const studentT = (nu: number): number => normal() / Math.sqrt((2 * gamma(nu / 2)) / nu);
  return {
    nextU32,
    uniform,
    int: (n: number) => Math.floor(uniform() * n),
    normal,
    gamma,
    studentT,
  };
}
