package org.scalebridge.potential;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.scalebridge.md.MdRun;
import org.scalebridge.md.MdSystem;
import org.scalebridge.md.NptMtk;
import org.scalebridge.md.Velocities;
import org.scalebridge.core.Rng;
import org.scalebridge.structure.Structure;
import org.scalebridge.structure.builders.PbaBuilder;
import org.scalebridge.structure.builders.PbaPhase;

/**
 * Calibration aid of the localised-redox site energies (test sources, run by hand): near-0 K energies E'(N) of the
 * 1×1×1 rhombohedral cell without the site energies (ε = 0 except a large provisional Mn-first offset that is
 * subtracted again) for N = 0, 4 (all Mn reduced) and 8, after a low-temperature NPT quench (MTK, 1 bar). With the
 * Na-metal reference E_Na, the average voltage of each couple is U = −([E'(N2) − E'(N1)]/(N2 − N1) + ε − E_Na), so
 * ε_Mn = −U_Mn − [E'(4) − E'(0)]/4 + E_Na and ε_Fe = −U_Fe − [E'(8) − E'(4)]/4 + E_Na.
 * Usage: {@code RedoxCalibration [steps] [T_K] [U_Mn] [U_Fe]}.
 *
 * <p>{@code RedoxCalibration ladder STEPS T SEEDS} instead runs the shipped localised file (site energies included)
 * at temperature T: fixed-N NPT for N = 0..8 (SEEDS random cage arrangements each), ⟨E⟩(N) over the second half and
 * the energy ladder ⟨E⟩(N+1) − ⟨E⟩(N) with its standard error over the arrangements: an energy-only (no entropy)
 * estimate of μ(N + ½) that needs no exchange moves.
 */
public final class RedoxCalibration {
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("ladder")) { ladder(Integer.parseInt(args[1]), Double.parseDouble(args[2]), Integer.parseInt(args[3])); return; }
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
        double t = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        double uMn = args.length > 2 ? Double.parseDouble(args[2]) : 3.6, uFe = args.length > 3 ? Double.parseDouble(args[3]) : 3.35;
        String base = new String(MnFePbaSurrogate.class.getResourceAsStream(MnFePbaSurrogate.RESOURCE_LOCALISED).readAllBytes());
        double big = -20;
        Path f = Files.createTempFile("redox", ".toml");
        boolean sc = Boolean.getBoolean("site_coulomb");
        Files.writeString(f, base.replaceAll("(?m)^eps_Mn = .*$", "eps_Mn = " + big).replaceAll("(?m)^eps_Fe = .*$", "eps_Fe = 0.0")
                .replaceAll("(?m)^site_coulomb = \\w+", "site_coulomb = " + sc));
        MnFePbaSurrogate ff = MnFePbaSurrogate.load(f);
        double[] e = new double[9];
        for (int n : new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8}) {
            Structure s = new PbaBuilder(PbaPhase.RHOMBOHEDRAL).x(n / 4.0).supercell(1, 1, 1).seed(3).build();
            MnFePbaSurrogate.Model m = ff.build(s);
            LocalisedRedoxPotential p = m.redox();
            long t0 = System.nanoTime();
            int reps = 200;
            for (int r = 0; r < reps; r++) p.energy(s);
            double us = (System.nanoTime() - t0) * 1e-3 / reps;
            s.ensureVelocities();
            MdSystem sys = new MdSystem(s, p, 0.0005);
            Velocities.maxwellBoltzmann(sys, t, new Rng(5));
            NptMtk npt = new NptMtk(t, 1.0, 0.05, 0.5, NptMtk.Coupling.TRI, 3);
            double[] acc = new double[2];
            new MdRun(sys, npt).guard(new org.scalebridge.md.DivergenceGuard(0.5, 1e6, 100)).thermoEvery(10).listener(th -> {
                if (th.step() > steps / 2) { acc[0] += th.potential(); acc[1]++; }
            }).runUntil(steps);
            double epsSum = 0;
            boolean[] red = p.reducedSites();
            double[] ep = p.siteRedoxEnergies();
            StringBuilder st = new StringBuilder();
            for (int k = 0; k < red.length; k++) { if (red[k]) epsSum += ep[k]; st.append(p.isMn(k) ? "Mn" : "Fe").append(red[k] ? "*" : "").append(' '); }
            e[n] = acc[0] / acc[1] - epsSum;
            double[] h = p.siteEnergies();
            StringBuilder hs = new StringBuilder();
            for (int k = 0; k < h.length; k++) hs.append(String.format(Locale.ROOT, "%s%.3f ", p.isMn(k) ? "Mn" : "Fe", h[k] - ep[k]));
            System.out.printf(Locale.ROOT, "N=%d: %.1f us/energy; E'=%.5f eV; V=%.1f A3; states %s; h-eps %s%n", n, us, e[n], s.cell().volume(), st, hs);
        }
        for (int n = 0; n < 8; n++) System.out.printf(Locale.ROOT, "E'(%d) - E'(%d) = %.4f eV%n", n + 1, n, e[n + 1] - e[n]);
        double eNa = ff.naReferenceEnergy();
        double dMn = (e[4] - e[0]) / 4, dFe = (e[8] - e[4]) / 4;
        System.out.printf(Locale.ROOT, "[E'(4)-E'(0)]/4 = %.5f, [E'(8)-E'(4)]/4 = %.5f; E'(1)-E'(0) = %.5f, E'(8)-E'(7) = %.5f%n", dMn, dFe, e[1] - e[0], e[8] - e[7]);
        System.out.printf(Locale.ROOT, "for U_Mn = %.3f V, U_Fe = %.3f V with E_Na = %.4f: eps_Mn = %.4f, eps_Fe = %.4f%n", uMn, uFe, eNa,
                -uMn - dMn + eNa, -uFe - dFe + eNa);
    }

    static void ladder(int steps, double t, int seeds) {
        MnFePbaSurrogate ff = MnFePbaSurrogate.loadLocalised();
        double[][] e = new double[9][seeds];
        double[][] red = new double[9][2];
        for (int n = 0; n <= 8; n++) {
            for (int k = 0; k < seeds; k++) {
                Structure s = new PbaBuilder(PbaPhase.RHOMBOHEDRAL).x(n / 4.0).supercell(1, 1, 1).seed(100 + 17 * k + n).build();
                LocalisedRedoxPotential p = ff.build(s).redox();
                s.ensureVelocities();
                MdSystem sys = new MdSystem(s, p, 0.0005);
                Velocities.maxwellBoltzmann(sys, t, new Rng(7 + k));
                NptMtk npt = new NptMtk(t, 1.0, 0.05, 0.5, NptMtk.Coupling.TRI, 3);
                double[] acc = new double[2];
                new MdRun(sys, npt).guard(new org.scalebridge.md.DivergenceGuard(0.5, 1e6, 100)).thermoEvery(10).listener(th -> {
                    if (th.step() > steps / 2) { acc[0] += th.potential(); acc[1]++; }
                }).runUntil(steps);
                e[n][k] = acc[0] / acc[1];
                boolean[] r = p.reducedSites();
                for (int q = 0; q < r.length; q++) if (r[q]) red[n][p.isMn(q) ? 0 : 1] += 1.0 / seeds;
            }
        }
        System.out.println("T_K,N_half,dE_mean_eV,dE_se_eV,U_energy_V,reduced_Mn_upper,reduced_Fe_upper");
        for (int n = 0; n < 8; n++) {
            double m = 0, v = 0;
            double[] d = new double[seeds];
            for (int k = 0; k < seeds; k++) { d[k] = e[n + 1][k] - e[n][k]; m += d[k] / seeds; }
            for (int k = 0; k < seeds; k++) v += (d[k] - m) * (d[k] - m) / Math.max(1, seeds - 1);
            // arrangements are independent between N, so the se of the difference of means:
            double va = 0, vb = 0, ma = 0, mb = 0;
            for (int k = 0; k < seeds; k++) { ma += e[n + 1][k] / seeds; mb += e[n][k] / seeds; }
            for (int k = 0; k < seeds; k++) { va += Math.pow(e[n + 1][k] - ma, 2) / Math.max(1, seeds - 1); vb += Math.pow(e[n][k] - mb, 2) / Math.max(1, seeds - 1); }
            double se = Math.sqrt((va + vb) / seeds);
            System.out.printf(Locale.ROOT, "%.0f,%.1f,%.5f,%.5f,%.4f,%.2f,%.2f%n", t, n + 0.5, ma - mb, se, -(ma - mb - ff.naReferenceEnergy()), red[n + 1][0], red[n + 1][1]);
        }
    }
}
