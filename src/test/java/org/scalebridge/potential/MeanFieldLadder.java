package org.scalebridge.potential;

import java.util.Locale;
import java.util.SplittableRandom;
import org.scalebridge.core.Units;
import org.scalebridge.structure.Structure;
import org.scalebridge.structure.builders.PbaBuilder;
import org.scalebridge.structure.builders.PbaPhase;

/**
 * Diagnostic (test sources, run by hand): why the MEAN-FIELD surrogate's μ(x) falls over the whole range. At the fixed
 * geometry of the x = 2 rhombohedral cell (8 Na sites), it removes Na at random (SEEDS arrangements per N), builds the
 * surrogate for each configuration as the reference calculator does (charges for that configuration's x, the
 * compensation spread over Fe and Mn) and prints ⟨E⟩(N), the ladder E(N+1) − E(N) and its second difference; then
 * the same with the one electrostatic term the model lacks, the DSF repulsion between the compensating charges δ on
 * the metal sites (framework–framework Coulomb is absent by design). A regular solution with the paper's 400 K
 * binodals has a second difference of −2·A0/8 ≈ −0.024 eV per 8-site cell (A0 = 9.18 kJ/mol).
 * Usage: {@code MeanFieldLadder [SEEDS]}.
 */
public final class MeanFieldLadder {
    public static void main(String[] args) {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        MnFePbaSurrogate ff = MnFePbaSurrogate.load();
        Structure full = new PbaBuilder(PbaPhase.RHOMBOHEDRAL).x(2.0).seed(1).build();
        int nNa = full.count(11), nFe = full.count(26);
        int[] na = java.util.stream.IntStream.range(0, full.size()).filter(i -> full.atomicNumber(i) == 11).toArray();
        SplittableRandom rnd = new SplittableRandom(5);
        double[] e = new double[nNa + 1], ecc = new double[nNa + 1];
        for (int n = 0; n <= nNa; n++) {
            for (int r = 0; r < seeds; r++) {
                int[] order = na.clone();
                for (int k = order.length - 1; k > 0; k--) { int j = rnd.nextInt(k + 1); int t = order[k]; order[k] = order[j]; order[j] = t; }
                boolean[] remove = new boolean[full.size()];
                for (int k = 0; k < nNa - n; k++) remove[order[k]] = true;
                Structure s = full.copy();
                s.removeAtoms(remove);
                e[n] += ff.build(s).potential().energy(s) / seeds;
                ecc[n] += compensationRepulsion(ff, s, (double) n / nFe) / seeds;
            }
        }
        System.out.println("N   <E> (eV)   ladder    2nd diff | with δδ: <E>   ladder    2nd diff");
        for (int n = 0; n <= nNa; n++) {
            System.out.printf(Locale.ROOT, "%d %10.4f %9s %9s | %10.4f %9s %9s%n", n, e[n], ladder(e, n), second(e, n),
                    e[n] + ecc[n], ladder(sum(e, ecc), n), second(sum(e, ecc), n));
        }
    }

    /** Σ_{i<j, images} δ_i δ_j k φ_DSF(r_ij) over the Fe/Mn sites, δ = −compensation · x · q(Na). */
    static double compensationRepulsion(MnFePbaSurrogate ff, Structure s, double x) {
        double[] p = s.positions(), h = s.cell().matrix();
        double a = ff.dsfAlpha, rc = ff.dsfCut, erc = Erfc.exact(a * rc) / rc;
        double slope = erc / rc + 2 * a / Math.sqrt(Math.PI) * Math.exp(-a * a * rc * rc) / rc;
        double sum = 0;
        for (int i = 0; i < s.size(); i++) {
            int zi = s.atomicNumber(i);
            if (zi != 26 && zi != 25) continue;
            double qi = -(zi == 26 ? ff.compFe : ff.compMn) * x * ff.qNa;
            for (int j = i; j < s.size(); j++) {
                int zj = s.atomicNumber(j);
                if (zj != 26 && zj != 25) continue;
                double qj = -(zj == 26 ? ff.compFe : ff.compMn) * x * ff.qNa;
                for (int u = -2; u <= 2; u++) for (int v = -2; v <= 2; v++) for (int w = -2; w <= 2; w++) {
                    if (i == j && u == 0 && v == 0 && w == 0) continue;
                    double dx = p[3 * j] - p[3 * i] + u * h[0] + v * h[3] + w * h[6];
                    double dy = p[3 * j + 1] - p[3 * i + 1] + u * h[1] + v * h[4] + w * h[7];
                    double dz = p[3 * j + 2] - p[3 * i + 2] + u * h[2] + v * h[5] + w * h[8];
                    double r = Math.sqrt(dx * dx + dy * dy + dz * dz);
                    if (r >= rc) continue;
                    double phi = Erfc.exact(a * r) / r - erc + slope * (r - rc);
                    sum += (i == j ? 0.5 : 1.0) * Units.COULOMB_EV_A * qi * qj * phi;
                }
            }
        }
        return sum;
    }

    private static double[] sum(double[] a, double[] b) {
        double[] s = new double[a.length];
        for (int i = 0; i < a.length; i++) s[i] = a[i] + b[i];
        return s;
    }

    private static String ladder(double[] e, int n) { return n + 1 < e.length ? String.format(Locale.ROOT, "%9.4f", e[n + 1] - e[n]) : ""; }

    private static String second(double[] e, int n) {
        return n >= 1 && n + 1 < e.length ? String.format(Locale.ROOT, "%9.4f", e[n + 1] - 2 * e[n] + e[n - 1]) : "";
    }
}
