package org.scalebridge.continuum;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The paper's phenomenology on the MnFePBA sample (0.5C charge, sample mesh): the Na-poor phase nucleates first in
 * the particles next to the separator, the biphasic front moves into the electrode depth (nucleation times increase
 * from the separator to the current collector), and the spread of particle-averaged composition across the
 * electrode exceeds the spread inside the particles. Prints plateau and end voltages for the report.
 */
@Tag("validation")
class MnFePbaSampleValidationTest {
    @Test
    void nucleationStartsAtSeparatorAndMovesIntoDepth() {
        Path f = Path.of("samples", "mnfepba_p2d", "mnfepba_hardcarbon.json");
        assumeTrue(Files.isRegularFile(f));
        P2dParameters p = P2dParameters.load(f);
        P2dModel m = new P2dModel(p, 10, 5, 10, 20, 30, 1.0);
        P2dSimulation sim = new P2dSimulation(m).tolerances(1e-6, 1e-8).outputInterval(12).mapEvery(1);
        P2dResult r = sim.run(new Protocol().constantCurrentC(-0.5, 3600 / 0.5 * 1.3, 1.5, 4.5), null);
        int first = m.nNeg + m.nSep;
        double[] tNuc = new double[m.nPos];
        java.util.Arrays.fill(tNuc, Double.NaN);
        double maxAcross = 0, maxWithin = 0;
        for (int k = 0; k < r.mapTimes.size(); k++) {
            double[][] cs = r.solidMaps.get(k);
            double lo = 1, hi = 0;
            for (int c = 0; c < m.nPos; c++) {
                double[] prof = cs[first + c];
                double surf = prof[prof.length - 1] / p.positive.cMax;
                if (Double.isNaN(tNuc[c]) && surf < 0.4) tNuc[c] = r.mapTimes.get(k);
                double avg = m.particle(first + c).average(prof, 0) / p.positive.cMax;
                lo = Math.min(lo, avg); hi = Math.max(hi, avg);
                double pmin = 1, pmax = 0;
                for (double v : prof) { pmin = Math.min(pmin, v / p.positive.cMax); pmax = Math.max(pmax, v / p.positive.cMax); }
                maxWithin = Math.max(maxWithin, pmax - pmin);
            }
            maxAcross = Math.max(maxAcross, hi - lo);
        }
        double[] t = r.time(), v = r.voltage();
        System.out.println("MnFePBA 0.5C: nucleation time per cell (separator -> collector) [s]: " + java.util.Arrays.toString(tNuc));
        System.out.printf("MnFePBA 0.5C: V(5%% of time) %.4f V, V(50%%) %.4f V, end %.4f V at t = %.0f s; events %s; max spread across x %.3f, within particles %.3f%n",
                r.voltageAt(0.05 * t[t.length - 1]), r.voltageAt(0.5 * t[t.length - 1]), v[v.length - 1], t[t.length - 1], r.events, maxAcross, maxWithin);
        assertTrue(!Double.isNaN(tNuc[0]), "the separator-side particle transforms");
        for (int c = 1; c < m.nPos; c++) if (!Double.isNaN(tNuc[c])) assertTrue(tNuc[c] >= tNuc[0], "nucleation starts at the separator side");
    }
}
