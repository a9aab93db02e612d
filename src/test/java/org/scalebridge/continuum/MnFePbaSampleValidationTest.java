package org.scalebridge.continuum;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The paper's phenomenology on the MnFePBA sample (samples/mnfepba_p2d, its 10|5|10 × 20/30 mesh and tolerances), 0.1C
 * charge to 4.5 V, maps every 360 s. Quantitative criteria (filling fraction y = x/2 of the cathode particles):
 * <ol>
 *   <li>Nucleation first at the separator side: a particle has nucleated once any radial node is in the Na-poor
 *       phase (y &lt; 0.1; the metastable Na-rich surfaces stay above y ≈ 0.45 before they nucleate). The separator-side
 *       particle nucleates first and the nucleation times increase into the depth (Spearman rank correlation between
 *       distance from the separator and nucleation time ≥ 0.9).</li>
 *   <li>A biphasic front moves into the electrode depth: the times at which the particles are half converted
 *       (mean y &lt; 0.45) never decrease from separator to collector and spread over ≥ 60% of the charge; at every
 *       stored time at most two particles are mid-transformation (0.05 &lt; mean y &lt; 0.75), so transformed and
 *       untransformed regions are separated by a front one or two particles wide.</li>
 *   <li>Heterogeneity mainly along the depth: in the volume-weighted decomposition of the variance of y over the
 *       electrode, the between-particle part (particle means around the electrode mean) averaged over the charge is
 *       at least twice the mean within-particle part.</li>
 * </ol>
 */
@Tag("validation")
class MnFePbaSampleValidationTest {
    @Test
    void nucleationAtSeparatorFrontIntoDepthHeterogeneityAlongDepth() {
        Path f = Path.of("samples", "mnfepba_p2d", "mnfepba_hardcarbon.json");
        assumeTrue(Files.isRegularFile(f));
        P2dParameters p = P2dParameters.load(f);
        P2dModel m = new P2dModel(p, 10, 5, 10, 20, 30, 1.0);
        P2dSimulation sim = new P2dSimulation(m).tolerances(1e-5, 1e-7).outputInterval(360).mapEvery(1);
        P2dResult r = sim.run(new Protocol().constantCurrentC(-0.1, 36000 * 1.3, 1.5, 4.5), null);
        Phenomenology ph = Phenomenology.of(m, r);
        double[] t = r.time();
        double tEnd = t[t.length - 1];
        System.out.println("MnFePBA 0.1C nucleation times (separator -> collector) [s]: " + Arrays.toString(ph.tNucleation));
        System.out.println("MnFePBA 0.1C half-conversion times [s]: " + Arrays.toString(ph.tHalf));
        System.out.printf("MnFePBA 0.1C: Spearman(depth, t_nuc) = %.3f, half-conversion spread %.2f of the charge, max particles"
                        + " mid-transformation %d, between/within variance %.2f; %s; end t = %.0f s V = %.4f V%n",
                ph.spearman, (ph.tHalf[m.nPos - 1] - ph.tHalf[0]) / tEnd, ph.maxTransforming, ph.varianceRatio, r.events, tEnd, r.voltage()[t.length - 1]);
        double tmin = Arrays.stream(ph.tNucleation).min().orElse(Double.NaN);
        assertTrue(ph.tNucleation[0] == tmin, "the separator-side particle nucleates first");
        assertTrue(ph.spearman >= 0.9, "nucleation moves into the depth: rank correlation " + ph.spearman);
        for (int c = 1; c < m.nPos; c++) assertTrue(ph.tHalf[c] >= ph.tHalf[c - 1], "half-conversion order at cell " + c);
        assertTrue((ph.tHalf[m.nPos - 1] - ph.tHalf[0]) / tEnd >= 0.6, "the front sweeps the electrode over the charge");
        assertTrue(ph.maxTransforming <= 2, "front width " + ph.maxTransforming + " particles");
        assertTrue(ph.varianceRatio >= 2, "between/within variance ratio " + ph.varianceRatio);
    }

    /** The quantities of the criteria, from a result with maps. */
    static final class Phenomenology {
        double[] tNucleation, tHalf;
        double spearman, varianceRatio;
        int maxTransforming;

        static Phenomenology of(P2dModel m, P2dResult r) {
            Phenomenology ph = new Phenomenology();
            int first = m.nNeg + m.nSep, np = m.nPos;
            double cmax = m.parameters().positive.cMax;
            ph.tNucleation = new double[np]; ph.tHalf = new double[np];
            Arrays.fill(ph.tNucleation, Double.POSITIVE_INFINITY); Arrays.fill(ph.tHalf, Double.POSITIVE_INFINITY);
            CahnHilliardParticle part = (CahnHilliardParticle) m.particle(first);
            double[] vol = part.volumes();
            double vsum = Arrays.stream(vol).sum();
            double between = 0, within = 0;
            for (int k = 0; k < r.mapTimes.size(); k++) {
                double tk = r.mapTimes.get(k);
                double[][] cs = r.solidMaps.get(k);
                double[] avg = new double[np];
                double mean = 0, win = 0;
                int transforming = 0;
                for (int c = 0; c < np; c++) {
                    double[] prof = cs[first + c];
                    double a = 0, mn = 1;
                    for (int i = 0; i < prof.length; i++) { double y = prof[i] / cmax; a += vol[i] * y; mn = Math.min(mn, y); }
                    a /= vsum;
                    for (int i = 0; i < prof.length; i++) { double d = prof[i] / cmax - a; win += vol[i] * d * d / vsum / np; }
                    avg[c] = a; mean += a / np;
                    if (mn < 0.1 && ph.tNucleation[c] == Double.POSITIVE_INFINITY) ph.tNucleation[c] = tk;
                    if (a < 0.45 && ph.tHalf[c] == Double.POSITIVE_INFINITY) ph.tHalf[c] = tk;
                    if (a > 0.05 && a < 0.75) transforming++;
                }
                double btw = 0;
                for (double a : avg) btw += (a - mean) * (a - mean) / np;
                between += btw; within += win;
                ph.maxTransforming = Math.max(ph.maxTransforming, transforming);
            }
            ph.varianceRatio = between / within;
            double[] depth = new double[np];
            for (int c = 0; c < np; c++) depth[c] = c;
            ph.spearman = spearman(depth, ph.tNucleation);
            return ph;
        }

        static double spearman(double[] a, double[] b) {
            double[] ra = ranks(a), rb = ranks(b);
            double ma = Arrays.stream(ra).average().orElse(0), mb = Arrays.stream(rb).average().orElse(0), sab = 0, saa = 0, sbb = 0;
            for (int i = 0; i < a.length; i++) { sab += (ra[i] - ma) * (rb[i] - mb); saa += (ra[i] - ma) * (ra[i] - ma); sbb += (rb[i] - mb) * (rb[i] - mb); }
            return sab / Math.sqrt(saa * sbb);
        }

        /** Ranks with ties sharing their mean rank. */
        static double[] ranks(double[] v) {
            int n = v.length;
            Integer[] idx = new Integer[n];
            for (int i = 0; i < n; i++) idx[i] = i;
            Arrays.sort(idx, (x, y) -> Double.compare(v[x], v[y]));
            double[] r = new double[n];
            for (int i = 0; i < n; ) {
                int j = i;
                while (j + 1 < n && v[idx[j + 1]] == v[idx[i]]) j++;
                for (int k = i; k <= j; k++) r[idx[k]] = 0.5 * (i + j);
                i = j + 1;
            }
            return r;
        }
    }
}
