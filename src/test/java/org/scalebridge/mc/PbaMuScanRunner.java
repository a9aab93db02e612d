package org.scalebridge.mc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.scalebridge.core.AtomicFiles;
import org.scalebridge.core.Rng;
import org.scalebridge.core.Units;
import org.scalebridge.md.MdSystem;
import org.scalebridge.md.NptMtk;
import org.scalebridge.md.Velocities;
import org.scalebridge.potential.LocalChange;
import org.scalebridge.potential.MnFePbaSurrogate;
import org.scalebridge.potential.Potential;
import org.scalebridge.structure.Structure;
import org.scalebridge.structure.builders.PbaBuilder;
import org.scalebridge.structure.builders.PbaPhase;

/**
 * μ(N) of Na in the MnFePBA surrogate at 300 K by harmonically biased hybrid GCMC–MD (paper Eqs. 7–17, {@link MuScan})
 * on one pseudo-cubic cell Mn₄Fe₄(CN)₂₄ with 8 Na cages (x = N/4, 0 ≤ N ≤ 8).
 * <ul>
 *   <li>Target N_t: the framework with N_t Na in random cages (tetragonal start, x_t = N_t/4), the surrogate built at
 *       x_t (its framework charges compensate N_t Na and stay fixed while N fluctuates around N_t).</li>
 *   <li>Cycle: K NPT steps (MTK, fully flexible cell, 1 bar, dt 0.5 fs), then X exchange and M translation attempts.
 *       Insertions are site-biased ({@link SiteProposal}: Gaussian σ (0.6 Å; -Dsite.sigma) around the 8 cage centres, 10 % uniform) with
 *       the exact Metropolis–Hastings acceptance; overlap cutoff 1.2 Å (no Na–framework distance in the cages is
 *       below 2 Å).</li>
 *   <li>μ_bias per target: an importance-sampled Widom estimate of μ(N_t → N_t+1) on the equilibrated start, so N
 *       stays near N_t; any μ_bias gives a correct μ(⟨N⟩) by Eq. 17, this one only keeps ⟨N⟩ near the target.</li>
 * </ul>
 * Usage: {@code PbaMuScanRunner OUT_DIR [cycles_max] [threads] [K] [X] [M]} (-Dmu.targets=1,2,...,
 * -Dmu.phi=0.05, -Dsite.sigma=0.6); writes mu_of_n.csv, result.json and one trace per target.
 */
public final class PbaMuScanRunner {
    static final double PHI = Double.parseDouble(System.getProperty("mu.phi", "0.05"));
    static final double T = 300, UNIFORM = 0.1, OVERLAP = 1.2, DT_PS = 0.0005;
    static final double SIGMA = Double.parseDouble(System.getProperty("site.sigma", "0.6"));

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int maxCycles = args.length > 1 ? Integer.parseInt(args[1]) : 600;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int k = args.length > 3 ? Integer.parseInt(args[3]) : 200, x = args.length > 4 ? Integer.parseInt(args[4]) : 200,
                m = args.length > 5 ? Integer.parseInt(args[5]) : 50;
        Files.createDirectories(out);
        double[] targets = java.util.Arrays.stream(System.getProperty("mu.targets", "1,2,3,4,5,6,7").split(","))
                .mapToDouble(Double::parseDouble).toArray();
        MnFePbaSurrogate ff = MnFePbaSurrogate.load();
        MuScan.Settings st = new MuScan.Settings(PHI, targets, Units.barToEvPerA3(1.0), 50, maxCycles, 150, 1, 200,
                threads, 2026);
        double[][] widom = new double[targets.length][];
        long t0 = System.nanoTime();
        List<MuScan.RunResult> rs = MuScan.run(st, (idx, nt, rng) -> {
            Structure s = new PbaBuilder(PbaPhase.TETRAGONAL).x(nt / 4.0).supercell(1, 1, 1).seed(10 + (long) nt).build(); // = 11 + index in the full 1..7 scan
            MnFePbaSurrogate.Model model = ff.build(s);
            Potential pot = model.potential();
            s.ensureVelocities();
            double qNa = ff.charge("Na", model.x());
            ExchangeSpecies na = ExchangeSpecies.ofMu(11, 22.98976928, qNa, 0.0);
            MdSystem sys = new MdSystem(s, pot, DT_PS);
            Velocities.maxwellBoltzmann(sys, T, rng.split(3));
            NptMtk npt = new NptMtk(T, 1.0, 0.05, 0.5, NptMtk.Coupling.TRI, 3);
            new org.scalebridge.md.MdRun(sys, npt).thermoEvery(1000).runUntil(2000); // 1 ps before the estimate
            double[] fe = s.fractional(0); // atom 0 is Fe: the origin of the metal lattice
            SiteProposal prop = new SiteProposal(SiteProposal.pbaCages(1, 1, 1, fe), SIGMA, UNIFORM);
            double muBias = widomInsertion(s, pot, prop, na, rng.split(5), 3000);
            widom[idx] = new double[] {muBias};
            Gcmc mc = new Gcmc(s, pot, T, List.of(na.withMu(muBias)), null, 0.3, OVERLAP, rng);
            mc.setInsertionProposal(prop);
            mc.setTargetAcceptance(0.4);
            org.scalebridge.md.Integrator integ = new NptMtk(T, 1.0, 0.05, 0.5, NptMtk.Coupling.TRI, 3);
            HybridGcmcMd h = new HybridGcmcMd(mc, sys, integ, k, x, m);
            return new MuScan.Run(mc, g -> {
                g.setAdapting(g.cycle() < 20);
                h.cycle();
            });
        }, new org.scalebridge.core.Progress() {
            @Override public void update(long done, long total, String message) {
                System.out.printf("[%tT] %d/%d %s%n", System.currentTimeMillis(), done, total, message);
            }
        });
        double secs = (System.nanoTime() - t0) * 1e-9;
        StringBuilder csv = new StringBuilder("target,x_target,mean_N,se_N,x_mean,mu_eV,se_mu_eV,mu_bias_eV,mean_volume_A3,dV_dN_A3,"
                + "equilibration_sample,cycles,acc_insertion,acc_deletion,acc_translation,runtime_s\n");
        StringBuilder json = new StringBuilder("{\n  \"kind\": \"mu-scan\",\n  \"system\": \"MnFePBA surrogate, 1 pseudo-cubic cell Mn4Fe4(CN)24, 8 Na cages\",\n");
        json.append(String.format(Locale.ROOT, "  \"temperature_K\": %.1f,\n  \"phi_eV\": %.4f,\n  \"cycle\": \"%d NPT steps (dt 0.5 fs, MTK tri, 1 bar) + %d exchange + %d translation attempts\",\n"
                + "  \"insertion\": \"site-biased: Gaussian sigma %.2f A around the cage centres, %.0f %% uniform; Metropolis-Hastings acceptance\",\n"
                + "  \"estimator\": \"mu(<N>) = mu_bias + P dV/dN - 2 phi (<N> - N_t)  (paper Eq. 17)\",\n  \"runtime_s\": %.1f,\n  \"runs\": [\n",
                T, PHI, k, x, m, SIGMA, 100 * UNIFORM, secs));
        for (int i = 0; i < rs.size(); i++) {
            MuScan.RunResult r = rs.get(i);
            csv.append(String.format(Locale.ROOT, "%.0f,%.3f,%.5f,%.5f,%.5f,%.6f,%.6f,%.6f,%.3f,%.4f,%d,%d,%.5f,%.5f,%.5f,%.1f%n",
                    r.target(), r.target() / 4, r.meanN(), r.seN(), r.meanN() / 4, r.mu(), r.seMu(), r.muBias(), r.meanV(),
                    r.dVdN(), r.equilibrationSample(), r.cycles(), r.accInsertion(), r.accDeletion(), r.accTranslation(), r.seconds()));
            json.append(String.format(Locale.ROOT, "    {\"target\": %.0f, \"mean_N\": %.5f, \"se_N\": %.5f, \"mu_eV\": %.6f, \"se_mu_eV\": %.6f, "
                    + "\"mu_bias_eV\": %.6f, \"cycles\": %d, \"acc_insertion\": %.5f, \"acc_deletion\": %.5f, \"runtime_s\": %.1f, "
                    + "\"trace\": \"run_%03d.csv\"}%s%n", r.target(), r.meanN(), r.seN(), r.mu(), r.seMu(), r.muBias(), r.cycles(),
                    r.accInsertion(), r.accDeletion(), r.seconds(), i, i + 1 < rs.size() ? "," : ""));
            StringBuilder tr = new StringBuilder("sample,N,volume_A3,energy_eV\n");
            for (int q = 0; q < r.n().length; q++) tr.append(String.format(Locale.ROOT, "%d,%.0f,%.6f,%.6f%n", q, r.n()[q], r.v()[q], r.e()[q]));
            AtomicFiles.writeString(out.resolve(String.format(Locale.ROOT, "run_%03d.csv", i)), tr.toString());
        }
        json.append("  ]\n}\n");
        AtomicFiles.writeString(out.resolve("mu_of_n.csv"), csv.toString());
        AtomicFiles.writeString(out.resolve("result.json"), json.toString());
        System.out.print(csv);
        System.out.printf("total runtime %.1f s (wall)%n", secs);
    }

    static boolean overlaps(Structure s, double[] r, double cut) {
        double[] d = new double[3];
        for (int j = 0; j < s.size(); j++) {
            d[0] = s.x(j) - r[0]; d[1] = s.y(j) - r[1]; d[2] = s.z(j) - r[2];
            if (s.cell().minimumImage(d) < cut * cut) return true;
        }
        return false;
    }

    /**
     * Importance-sampled Widom estimate of μ for adding one Na: e^{βμ} = (N+1)Λ³ / ⟨e^{−βΔU}/p(r)⟩_p, the average
     * over points drawn from the proposal density p (Frenkel–Smit §7.2.1 with a non-uniform trial distribution);
     * points within the overlap cutoff weigh zero, as the GCMC rejects them.
     */
    static double widomInsertion(Structure s, Potential pot, SiteProposal prop, ExchangeSpecies na, Rng rng, int points) {
        LocalChange lc = pot.localChange();
        lc.sync(s);
        double kT = Units.kT(T);
        double[] r = new double[3];
        double[] w = new double[points];
        double wmax = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < points; j++) {
            prop.sample(s.cell(), rng, r);
            if (overlaps(s, r, OVERLAP)) { w[j] = Double.NEGATIVE_INFINITY; continue; } // rejected by the GCMC too
            double du = lc.deltaInsert(s, 11, na.charge(), r[0], r[1], r[2]);
            w[j] = -du / kT - Math.log(prop.density(s.cell(), r[0], r[1], r[2]));
            wmax = Math.max(wmax, w[j]);
        }
        double sum = 0;
        for (double v : w) sum += Math.exp(v - wmax);
        double logMean = wmax + Math.log(sum / points);
        double lam = na.thermalWavelength(T);
        int n = s.count(11);
        return kT * (Math.log((n + 1) * lam * lam * lam) - logMean);
    }
}
