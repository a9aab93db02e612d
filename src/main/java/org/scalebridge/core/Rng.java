package org.scalebridge.core;

/**
 * The project's seeded random number generator: xoshiro256** (Blackman and Vigna, 2018) seeded through
 * SplitMix64. Its whole state is four longs plus the cached Gaussian, so checkpoints restore it exactly and a run
 * with the same inputs and seed gives the same numbers. Not thread-safe: give each thread/stream its own
 * ({@link #split(long)}).
 */
public final class Rng {
    private long s0, s1, s2, s3;
    private boolean haveGaussian;
    private double nextGaussian;
    private final long seed;

    public Rng(long seed) {
        this.seed = seed;
        long x = seed;
        x += 0x9E3779B97F4A7C15L; s0 = mix(x);
        x += 0x9E3779B97F4A7C15L; s1 = mix(x);
        x += 0x9E3779B97F4A7C15L; s2 = mix(x);
        x += 0x9E3779B97F4A7C15L; s3 = mix(x);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The seed this generator was created with (recorded in run outputs). */
    public long seed() { return seed; }

    /** An independent stream derived from this generator's seed and a stream index (deterministic). */
    public Rng split(long stream) { return new Rng(mix(seed ^ mix(stream + 0x632BE59BD9B4E019L))); }

    public long nextLong() {
        final long result = Long.rotateLeft(s1 * 5, 7) * 9;
        final long t = s1 << 17;
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** Uniform in [0, 1). */
    public double nextDouble() { return (nextLong() >>> 11) * 0x1.0p-53; }

    /** Uniform integer in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be positive: " + bound);
        long r = nextLong() >>> 33; // 31 random bits
        long m = r * bound;
        int l = (int) (m & 0x7FFFFFFFL);
        if (l < bound) {
            int t = (int) ((0x80000000L - bound) % bound);
            while (l < t) {
                r = nextLong() >>> 33;
                m = r * bound;
                l = (int) (m & 0x7FFFFFFFL);
            }
        }
        return (int) (m >>> 31);
    }

    /** Standard normal deviate (polar Box–Muller, second value cached and part of the saved state). */
    public double nextGaussian() {
        if (haveGaussian) { haveGaussian = false; return nextGaussian; }
        double v1, v2, s;
        do {
            v1 = 2 * nextDouble() - 1;
            v2 = 2 * nextDouble() - 1;
            s = v1 * v1 + v2 * v2;
        } while (s >= 1 || s == 0);
        double mul = Math.sqrt(-2 * Math.log(s) / s);
        nextGaussian = v2 * mul;
        haveGaussian = true;
        return v1 * mul;
    }

    /** Full state for checkpoints: {s0, s1, s2, s3, haveGaussian?1:0, bits(nextGaussian), seed}. */
    public long[] state() {
        return new long[] {s0, s1, s2, s3, haveGaussian ? 1 : 0, Double.doubleToRawLongBits(nextGaussian), seed};
    }

    /** Restores a state written by {@link #state()}. */
    public static Rng fromState(long[] st) {
        if (st.length != 7) throw new IllegalArgumentException("RNG state must have 7 longs, got " + st.length);
        Rng r = new Rng(st[6]);
        r.s0 = st[0]; r.s1 = st[1]; r.s2 = st[2]; r.s3 = st[3];
        r.haveGaussian = st[4] != 0;
        r.nextGaussian = Double.longBitsToDouble(st[5]);
        return r;
    }
}
