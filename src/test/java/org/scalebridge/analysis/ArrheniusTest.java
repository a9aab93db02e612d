package org.scalebridge.analysis;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.scalebridge.core.InputException;
import org.scalebridge.core.Rng;
import org.scalebridge.core.Units;

class ArrheniusTest {
    static final double EA = 0.35, D0 = 2.0e-2; // eV, Å²/ps
    static final double[] T = {300, 400, 500, 600, 700, 800};

    @Test
    void exactDataRecoveredExactly() {
        double[] d = new double[T.length], s = new double[T.length];
        for (int i = 0; i < T.length; i++) { d[i] = D0 * Math.exp(-EA / (Units.KB_EV_PER_K * T[i])); s[i] = 0.05 * d[i]; }
        Arrhenius.Fit f = Arrhenius.fit(T, d, s, 0.05);
        assertEquals(EA, f.ea(), 1e-10);
        assertEquals(D0, f.d0(), 1e-10 * D0);
        assertEquals(D0 * Math.exp(-EA / (Units.KB_EV_PER_K * 1200)), f.predict(1200), 1e-9 * f.predict(1200));
        double[] band = f.band(1200, 0.95);
        assertTrue(band[0] < f.predict(1200) && band[1] > f.predict(1200));
    }

    @Test
    void errorBarsCover95PercentOfSeededTrials() {
        // ln D has Gaussian noise of known σ = 0.08; the 1.96σ intervals must cover the truth in 95% of trials.
        int trials = 2000, coverEa = 0, coverD0 = 0, coverBand = 0, curvatureFlags = 0;
        double sig = 0.08;
        Rng rng = new Rng(20261122L);
        for (int k = 0; k < trials; k++) {
            double[] d = new double[T.length], s = new double[T.length];
            for (int i = 0; i < T.length; i++) {
                d[i] = D0 * Math.exp(-EA / (Units.KB_EV_PER_K * T[i]) + sig * rng.nextGaussian());
                s[i] = sig * d[i];
            }
            Arrhenius.Fit f = Arrhenius.fit(T, d, s, 0.05);
            double z = f.quantile(0.95);
            if (Math.abs(f.ea() - EA) <= z * f.sigmaEa()) coverEa++;
            if (Math.abs(f.lnD0() - Math.log(D0)) <= z * f.sigmaLnD0()) coverD0++;
            double[] b = f.band(1000, 0.95), truth = {D0 * Math.exp(-EA / (Units.KB_EV_PER_K * 1000))};
            if (truth[0] >= b[0] && truth[0] <= b[1]) coverBand++;
            if (f.nonArrhenius()) curvatureFlags++;
        }
        System.out.printf("Arrhenius coverage over %d seeded trials: Ea %.4f, D0 %.4f, band(1000 K) %.4f, curvature false alarms %.4f%n",
                trials, coverEa / (double) trials, coverD0 / (double) trials, coverBand / (double) trials, curvatureFlags / (double) trials);
        // binomial SE of a 95% proportion over 2000 trials is 0.0049; accept ±3 SE
        for (int c : new int[] {coverEa, coverD0, coverBand}) assertEquals(0.95, c / (double) trials, 0.0147);
        assertEquals(0.05, curvatureFlags / (double) trials, 0.0147);
    }

    @Test
    void curvatureDetectedForNonArrheniusData() {
        // Vogel–Fulcher–Tammann-like curvature: ln D = ln D0 − B/(T − T0)
        double[] d = new double[T.length], s = new double[T.length];
        for (int i = 0; i < T.length; i++) { d[i] = Math.exp(-2 - 800 / (T[i] - 150)); s[i] = 0.02 * d[i]; }
        assertTrue(Arrhenius.fit(T, d, s, 0.05).nonArrhenius());
        Arrhenius.Fit unweighted = Arrhenius.fit(T, d, null, 0.05);
        assertTrue(unweighted.nonArrhenius());
        assertFalse(unweighted.absoluteSigma());
    }

    @Test
    void badInputNamed() {
        InputException e = assertThrows(InputException.class, () -> Arrhenius.fit(new double[] {300, -5}, new double[] {1, 2}, null, 0.05));
        assertTrue(e.getMessage().contains("T[1]"));
        assertThrows(InputException.class, () -> Arrhenius.fit(new double[] {300, 300}, new double[] {1, 2}, null, 0.05));
    }
}
