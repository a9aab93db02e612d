package org.scalebridge.potential.mtp;

import java.util.List;
import java.util.Locale;
import org.scalebridge.potential.ForceResult;
import org.scalebridge.structure.Structure;

/**
 * Errors of a potential against reference data, as MLIP's check_errors reports them: energy per atom (eV/atom),
 * forces per atom vector |ΔF_i| (eV/Å), virial stress ‖ΔW‖_F per configuration (eV, PlusStress units); RMSE and
 * MAE; and parity data (reference, predicted) for plots.
 */
public final class MtpErrorReport {
    public double energyRmse, energyMae, forceRmse, forceMae, stressRmse, stressMae;
    public int configurations, atoms, stressConfigurations;
    /** Parity data: energy per atom (reference, predicted) per configuration. */
    public double[][] energyParity;
    /** Parity data: force components (reference, predicted). */
    public double[][] forceParity;

    public static MtpErrorReport of(org.scalebridge.potential.Potential p, List<Structure> set) {
        MtpErrorReport r = new MtpErrorReport();
        ForceResult out = new ForceResult();
        int nf = 0;
        for (Structure s0 : set) nf += s0.forces() == null ? 0 : 3 * s0.size();
        r.energyParity = new double[set.size()][];
        r.forceParity = new double[nf][];
        double se = 0, ae = 0, sf = 0, af = 0, ss = 0, as = 0;
        int k = 0, fi = 0;
        for (Structure s0 : set) {
            Structure s = s0.copy();
            p.compute(s, out);
            int n = s.size();
            if (s0.energy() != null) {
                double d = (out.energy() - s0.energy()) / n;
                se += d * d;
                ae += Math.abs(d);
                r.configurations++;
            }
            r.energyParity[k++] = new double[] {s0.energy() == null ? Double.NaN : s0.energy() / n, out.energy() / n};
            if (s0.forces() != null) {
                for (int i = 0; i < n; i++) {
                    double d2 = 0;
                    for (int q = 3 * i; q < 3 * i + 3; q++) {
                        double d = out.forces()[q] - s0.forces()[q];
                        d2 += d * d;
                        r.forceParity[fi++] = new double[] {s0.forces()[q], out.forces()[q]};
                    }
                    sf += d2;
                    af += Math.sqrt(d2);
                    r.atoms++;
                }
            }
            if (s0.virial() != null) {
                double d2 = 0;
                for (int q = 0; q < 9; q++) { double d = out.virial()[q] - s0.virial()[q]; d2 += d * d; }
                ss += d2;
                as += Math.sqrt(d2);
                r.stressConfigurations++;
            }
        }
        r.energyRmse = Math.sqrt(se / Math.max(1, r.configurations));
        r.energyMae = ae / Math.max(1, r.configurations);
        r.forceRmse = Math.sqrt(sf / Math.max(1, r.atoms));
        r.forceMae = af / Math.max(1, r.atoms);
        r.stressRmse = Math.sqrt(ss / Math.max(1, r.stressConfigurations));
        r.stressMae = as / Math.max(1, r.stressConfigurations);
        return r;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "E/atom RMSE %.2f meV (MAE %.2f), F RMSE %.3f eV/A (MAE %.3f), stress RMSE %.2f eV "
                + "(MAE %.2f) over %d configurations, %d atoms", 1e3 * energyRmse, 1e3 * energyMae, forceRmse, forceMae,
                stressRmse, stressMae, configurations, atoms);
    }
}
