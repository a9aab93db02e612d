package org.scalebridge.bench;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.scalebridge.analysis.FrameSeries;
import org.scalebridge.analysis.Msd;
import org.scalebridge.analysis.MsdResult;
import org.scalebridge.core.Rng;

/**
 * MSD over all time origins of 4,096 particles × 10,000 frames: FFT (O(N T log T)) against the direct O(N T²) sum in
 * the same run. The direct sum over all 4,096 atoms would take ~10 min on one shared core, so it is timed on a subset
 * of atoms and scaled by the atom ratio (its cost is exactly linear in the number of atoms: every atom is an
 * independent T² loop); the FFT is timed on the full set and on the same subset. Printed, never asserted on time.
 * The full FFT run is repeated {@code msd.bench.reps} times (default 1) and the best wall and CPU times are kept; the
 * system load average is printed with the figures (the machine may be shared).
 * Run: mvn -B -Pbench verify -Dtest=MsdBenchmark [-Dmsd.bench.subset=16] [-Dmsd.bench.reps=3]
 */
@Tag("bench")
class MsdBenchmark {
    @Test
    void fftVersusDirect() {
        int n = 4096, t = 10_000;
        int subset = Integer.getInteger("msd.bench.subset", 64);
        Rng rng = new Rng(2026);
        FrameSeries fs = new FrameSeries(new int[n], null);
        double[] r = new double[3 * n];
        for (int f = 0; f < t; f++) {
            fs.add(f * 0.01, r, null);
            for (int i = 0; i < 3 * n; i++) r[i] += 0.05 * rng.nextGaussian();
        }
        // warm-up (JIT) on a small problem
        FrameSeries small = new FrameSeries(new int[16], null);
        for (int f = 0; f < 2000; f++) { double[] q = new double[48]; for (int i = 0; i < 48; i++) q[i] = rng.nextGaussian(); small.add(f, q, null); }
        Msd.allOriginsFft(small, Msd.Options.all(1), null);
        Msd.bruteForce(small, Msd.Options.all(1));

        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        double load0 = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        int reps = Math.max(1, Integer.getInteger("msd.bench.reps", 1));
        MsdResult full = null;
        double fftFull = Double.MAX_VALUE, fftFullCpu = Double.MAX_VALUE;
        long t0, c0;
        for (int rep = 0; rep < reps; rep++) {
            t0 = System.nanoTime();
            c0 = mx.getCurrentThreadCpuTime();
            full = Msd.allOriginsFft(fs, Msd.Options.all(8), null);
            fftFull = Math.min(fftFull, (System.nanoTime() - t0) * 1e-9);
            fftFullCpu = Math.min(fftFullCpu, (mx.getCurrentThreadCpuTime() - c0) * 1e-9);
        }

        int[] sub = new int[subset];
        for (int i = 0; i < subset; i++) sub[i] = i * (n / subset);
        Msd.Options so = new Msd.Options(sub, false, 0, 1);
        t0 = System.nanoTime(); c0 = mx.getCurrentThreadCpuTime();
        MsdResult fs1 = Msd.allOriginsFft(fs, so, null);
        double fftSub = (System.nanoTime() - t0) * 1e-9, fftSubCpu = (mx.getCurrentThreadCpuTime() - c0) * 1e-9;
        t0 = System.nanoTime(); c0 = mx.getCurrentThreadCpuTime();
        MsdResult bf = Msd.bruteForce(fs, so);
        double bfSub = (System.nanoTime() - t0) * 1e-9, bfSubCpu = (mx.getCurrentThreadCpuTime() - c0) * 1e-9;
        double worst = 0;
        for (int k = 1; k < t; k++) worst = Math.max(worst, Math.abs(fs1.total()[k] - bf.total()[k]) / bf.total()[k]);
        double bfFull = bfSub * n / subset;
        double bfFullCpu = bfSubCpu * n / subset;
        double load1 = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.printf("MSD bench (%d particles × %d frames, all origins, all lags, 1 thread; wall | thread CPU; load average %.2f → %.2f):%n",
                n, t, load0, load1);
        System.out.printf("  FFT, all %d atoms (best of %d):         %.3f s | %.3f s  (goal < 2 s)%n", n, reps, fftFull, fftFullCpu);
        System.out.printf("  FFT, %d-atom subset:                     %.3f s | %.3f s%n", subset, fftSub, fftSubCpu);
        System.out.printf("  direct O(T^2), %d-atom subset:           %.3f s | %.3f s  → ratio direct/FFT on the subset %.1f× (CPU %.1f×)%n",
                subset, bfSub, bfSubCpu, bfSub / fftSub, bfSubCpu / fftSubCpu);
        System.out.printf("  direct O(T^2), all atoms (scaled ×%d): %.1f s | %.1f s  → ratio %.1f× (CPU %.1f×)%n",
                n / subset, bfFull, bfFullCpu, bfFull / fftFull, bfFullCpu / fftFullCpu);
        System.out.printf("  max relative |FFT − direct| on the subset: %.2e; MSD(lag 5000) = %.4f (expected 3·0.0025·5000 = %.1f)%n",
                worst, full.total()[5000], 3 * 0.0025 * 5000);
    }
}
