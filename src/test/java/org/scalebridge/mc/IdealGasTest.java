package org.scalebridge.mc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.junit.jupiter.api.Test;
import org.scalebridge.core.Rng;
import org.scalebridge.core.Units;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/** Ideal gas: without interactions the grand-canonical N is Poisson distributed with mean zV. */
class IdealGasTest {

    @Test
    void meanAndPoissonHistogram() {
        double T = 300, L = 12.0, V = L * L * L;
        double target = 15.0; // zV
        double kT = Units.kT(T);
        // physical Λ of Na at 300 K, μ chosen so that zV = 15: exp(βμ) = zV Λ³ / V
        ExchangeSpecies na0 = ExchangeSpecies.ofMu(11, 22.98976928, 0, 0);
        double lam = na0.thermalWavelength(T);
        double mu = kT * Math.log(target * lam * lam * lam / V);
        ExchangeSpecies na = na0.withMu(mu);
        assertEquals(target, na.activity(T) * V, 1e-9 * target);

        Structure s = new Structure(Cell.orthorhombic(L, L, L));
        Gcmc mc = new Gcmc(s, new ZeroPotential(), T, na, 1.0, 0.0, new Rng(12345));
        for (int c = 0; c < 200; c++) mc.cycle(200, 20);
        int samples = 20000;
        double[] n = new double[samples];
        int[] hist = new int[200];
        for (int c = 0; c < samples; c++) {
            // 200 exchange attempts per sample: the N chain relaxes in ~2·zV ≈ 30 attempts, so samples are
            // effectively independent (checked: the block SE below equals the naive SE to within its noise)
            mc.cycle(200, 10);
            n[c] = mc.count(0);
            hist[mc.count(0)]++;
        }
        double mean = SeriesStatistics.mean(n);
        double se = SeriesStatistics.blockStandardError(n, 0, samples, 20);
        System.out.printf("ideal gas: <N> = %.4f ± %.4f (zV = %.4f), acceptance ins %.3f del %.3f%n", mean, se, target,
                mc.stats().acceptance(MoveStats.Type.INSERTION), mc.stats().acceptance(MoveStats.Type.DELETION));
        assertEquals(target, mean, 3 * se, "<N> = zV within 3σ");

        // χ² against Poisson(zV); bins with expected count < 5 merged into the two tails
        PoissonDistribution p = new PoissonDistribution(null, target, 1e-12, 10000000);
        List<double[]> bins = new ArrayList<>(); // {observed, expected}
        double obsLo = 0, expLo = 0;
        int k = 0;
        for (; k < hist.length; k++) {
            obsLo += hist[k];
            expLo += samples * p.probability(k);
            if (expLo >= 5) break;
        }
        bins.add(new double[] {obsLo, expLo});
        k++;
        double obsHi = 0, expHi = 0;
        for (; k < hist.length; k++) {
            double e = samples * p.probability(k);
            if (e < 5) { // the rest goes to the upper tail (including k ≥ hist.length)
                for (int j = k; j < hist.length; j++) obsHi += hist[j];
                expHi = samples * (1 - p.cumulativeProbability(k - 1));
                break;
            }
            bins.add(new double[] {hist[k], e});
        }
        bins.add(new double[] {obsHi, expHi});
        double chi2 = 0;
        for (double[] b : bins) chi2 += (b[0] - b[1]) * (b[0] - b[1]) / b[1];
        int dof = bins.size() - 1;
        double pValue = 1 - new ChiSquaredDistribution(null, dof).cumulativeProbability(chi2);
        System.out.printf("ideal gas: chi2 = %.2f for %d dof, p = %.4f%n", chi2, dof, pValue);
        // 0.1 % significance: a correct sampler fails this one time in a thousand (fixed seed: deterministic)
        assertTrue(pValue > 1e-3, "N histogram is Poisson: chi2 = " + chi2 + " dof " + dof);
    }

    @Test
    void regionMeanIsActivityTimesRegionVolume() {
        double T = 300, L = 12.0;
        Structure s = new Structure(new Cell(new double[][] {{L, 0, 0}, {3, L, 0}, {-2, 1, L}}));
        InsertionRegion region = new InsertionRegion(new double[] {0.25, 0, 0}, new double[] {0.75, 1, 0.5});
        double vr = region.volume(s.cell());
        double target = 12.0;
        ExchangeSpecies sp = ExchangeSpecies.ofMu(11, 22.99, 0, Units.kT(T) * Math.log(target / vr)).withThermalWavelength(1.0);
        Gcmc mc = new Gcmc(s, new ZeroPotential(), T, List.of(sp), region, 2.0, 0.0, new Rng(9));
        for (int c = 0; c < 100; c++) mc.cycle(100, 20);
        int m = 8000;
        double[] n = new double[m];
        for (int c = 0; c < m; c++) {
            mc.cycle(100, 20);
            n[c] = mc.count(0);
            assertEquals(s.size(), mc.count(0), "no atom leaves the region");
        }
        double mean = SeriesStatistics.mean(n), se = SeriesStatistics.blockStandardError(n, 0, m, 20);
        System.out.printf("ideal gas in a region: <N> = %.4f ± %.4f (z V_region = %.4f)%n", mean, se, target);
        assertEquals(target, mean, 3 * se);
    }
}
