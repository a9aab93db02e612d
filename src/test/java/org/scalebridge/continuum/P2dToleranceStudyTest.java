package org.scalebridge.continuum;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Accuracy of the solver settings the Marquis2019 benchmark uses (rtol 1e-6, atol 1e-6 × scale, with the reaction
 * rate j scaled to the potential-equivalent tolerance j0/(RT/F) × 1 V, see {@code P2dModel.typicalScale}) against a
 * tight run (rtol = atol factor = 1e-9) on the benchmark mesh (20/20/20 × 20), 1C discharge to the cut-off: the
 * voltage differs by at most 0.05 mV RMS (the COMSOL comparison itself is 0.31 mV) and the concentration map c(x, r, t)
 * by at most 1e-4 c_max anywhere, so the looser Newton test on j does not move the solution.
 */
class P2dToleranceStudyTest {
    @Test
    void benchmarkTolerancesAgreeWithATightRun() {
        P2dParameters p = P2dParameters.bundled("marquis2019");
        P2dModel m = new P2dModel(p, 20, 20, 20, 20, 20, 1.0);
        Protocol prot = new Protocol().constantCurrentC(1.0, 3600, p.cutoffLower, p.cutoffUpper);
        P2dResult loose = new P2dSimulation(m).tolerances(1e-6, 1e-6).outputInterval(3600.0 / 199).mapEvery(10).run(prot, null);
        P2dResult tight = new P2dSimulation(m).tolerances(1e-9, 1e-9).outputInterval(3600.0 / 199).mapEvery(10).run(prot, null);
        double[] t = tight.time(), v = tight.voltage();
        double tEnd = Math.min(loose.time()[loose.size() - 1], t[t.length - 1]);
        double acc = 0; int n = 0;
        for (int i = 0; i < t.length; i++) if (t[i] <= tEnd) { double d = loose.voltageAt(t[i]) - v[i]; acc += d * d; n++; }
        double rms = Math.sqrt(acc / n) * 1e3;
        List<double[][]> a = loose.solidMaps, b = tight.solidMaps;
        double cmax = Math.max(p.negative.cMax, p.positive.cMax), worst = 0;
        for (int k = 0; k < Math.min(a.size(), b.size()); k++) {
            if (Math.abs(loose.mapTimes.get(k) - tight.mapTimes.get(k)) > 1e-9) continue;
            for (int c = 0; c < a.get(k).length; c++) {
                if (a.get(k)[c] == null) continue;
                for (int r = 0; r < a.get(k)[c].length; r++) worst = Math.max(worst, Math.abs(a.get(k)[c][r] - b.get(k)[c][r]) / cmax);
            }
        }
        System.out.printf("tolerance study, Marquis2019 1C 20/20/20 x 20: V RMS %.4f mV over %d points, max |dc|/c_max %.2e; %s vs %s%n",
                rms, n, worst, loose.solverStats, tight.solverStats);
        assertTrue(rms <= 0.05, "V RMS " + rms + " mV");
        assertTrue(worst <= 1e-4, "max |dc|/c_max " + worst);
    }
}
