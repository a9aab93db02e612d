package org.scalebridge.mc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalebridge.core.Units;

/**
 * The μ-scan's live observer (the studio's run pane uses it): every cycle of every target is reported with the same
 * N, V and E the scan samples, each target's completion once with its result, and watching does not change the
 * numbers (the observer draws no random numbers). Ideal gas in a fixed box, as in {@link MuScanTest}.
 */
class MuScanObserverTest {
    @Test
    void reportsEveryCycleAndEveryFinishedTarget() {
        double mu = Units.kT(MuScanTest.T) * Math.log(40 / MuScanTest.V);
        double[] targets = {20, 60};
        int sampleEvery = 2;
        MuScan.Settings st = new MuScan.Settings(0.002, targets, 0.0, 200, 400, 40, sampleEvery, 50, 2, 11);
        List<List<double[]>> cycles = new ArrayList<>();
        for (double t : targets) cycles.add(new ArrayList<>());
        MuScan.RunResult[] done = new MuScan.RunResult[targets.length];
        int[] completions = new int[targets.length];
        MuScan.Observer obs = new MuScan.Observer() {
            @Override public void cycle(int k, double target, long cycle, int n, double volume, double energy) {
                assertEquals(targets[k], target, 0.0);
                synchronized (cycles) { cycles.get(k).add(new double[] {cycle, n, volume, energy}); }
            }

            @Override public synchronized void completed(int k, MuScan.RunResult r) {
                done[k] = r;
                completions[k]++;
            }
        };
        List<MuScan.RunResult> watched = MuScan.run(st, MuScanTest.factory(mu), null, obs);
        List<MuScan.RunResult> plain = MuScan.run(st, MuScanTest.factory(mu), null);
        for (int k = 0; k < targets.length; k++) {
            MuScan.RunResult r = watched.get(k);
            assertEquals(1, completions[k], "one completion per target");
            assertEquals(r.meanN(), done[k].meanN(), 0.0);
            // constant volume and zero pressure: the neighbour-refined ∂V/∂N leaves μ unchanged (round-off only)
            assertEquals(r.mu(), done[k].mu(), 1e-12);
            List<double[]> c = cycles.get(k);
            assertEquals(r.cycles(), c.size(), "one event per cycle");
            for (int i = 0; i < c.size(); i++) assertEquals(i + 1, (long) c.get(i)[0], "cycles in order");
            // the scan's sampled traces are every sampleEvery-th reported cycle
            assertEquals(r.n().length, c.size() / sampleEvery);
            for (int i = 0; i < r.n().length; i++) {
                double[] ev = c.get((i + 1) * sampleEvery - 1);
                assertEquals(r.n()[i], ev[1], 0.0);
                assertEquals(r.v()[i], ev[2], 0.0);
                assertEquals(r.e()[i], ev[3], 0.0);
            }
            assertTrue(c.stream().anyMatch(e -> e[1] != c.get(0)[1]), "N moved");
            // watching changes nothing
            assertEquals(plain.get(k).meanN(), r.meanN(), 0.0);
            assertEquals(plain.get(k).mu(), r.mu(), 0.0);
        }
    }
}
